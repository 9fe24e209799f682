"""The history database's tables, as sqlite-utils migrations; read in Datasette as they are.

- ``posts``: one row per published post: where and when, its label, a 0-100 score per
  dimension, the overall score, its nudges (JSON) and, if the user keeps texts, the text.
- ``people``: who each post mentioned or replied to, for the people ranking and the
  network breadth.
- ``user_settings``: the choices made on the history page (goal, keep texts, ...), JSON.
- ``daily_totals``: per day and site, kept by triggers, for the trends.
"""

from __future__ import annotations

from typing import Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

# The scoring engine's dimensions (companion.scoring.report.DIMENSIONS), one column each.
# Spelled out here because the schema is fixed by the migrations: a new dimension needs a
# new migration, not just a new name (a test keeps the two lists equal).
DIMENSIONS = ("spotlight", "engage", "help", "human", "learn", "substance")

migrations = Migrations("spotlight")

# The posts table as the first migration made it; later migrations add to POST_COLUMNS.
FIRST_POST_COLUMNS = (
    "id",
    "posted_at",
    "posted_date",
    "recorded_at",
    "site",
    "kind",
    "url",
    "source",
    "text",
    "text_kept",
    "chars",
    "words",
    "label",
    "promotes_others",
    "self_promotion",
    "overall",
    *DIMENSIONS,
    "nudges",
    "people_count",
    "replied_to",
    "model",
    "scorer_version",
)
POST_COLUMNS = (*FIRST_POST_COLUMNS, "language")
BUCKETS = {
    "day": "posted_date",
    # The Monday of the post's week (ISO weeks start on Monday).
    "week": "date(posted_date, '-6 days', 'weekday 1')",
    "month": "substr(posted_date, 1, 7) || '-01'",
}


@migrations()
def m001_create_tables(db: sqlite_utils.Database) -> None:
    columns: dict[str, Any] = {name: str for name in FIRST_POST_COLUMNS}
    for name in (
        "text_kept",
        "chars",
        "words",
        "promotes_others",
        "self_promotion",
        "overall",
        *DIMENSIONS,
        "people_count",
    ):
        columns[name] = int
    db["posts"].create(columns, pk="id", not_null={"posted_at", "posted_date", "site", "label"})
    db["posts"].create_index(["posted_at"])
    db["posts"].create_index(["posted_date", "label"])
    db["posts"].create_index(["site", "posted_at"])
    db["people"].create(
        {"post_id": str, "person": str, "name": str, "kind": str, "role": str, "posted_at": str},
        pk=("post_id", "person", "role"),
    )
    db["people"].create_index(["posted_at", "person"])
    db["people"].create_index(["person", "posted_at"])
    db["user_settings"].create({"key": str, "value": str}, pk="key")


_TOTALS = ("posts", "promotes_others", "self_promotion", "mixed", "neutral", "overall_sum",
           *(f"{d}_sum" for d in DIMENSIONS))  # fmt: skip
_ROW_TOTALS = ("1", "new.label = 'promotes_others'", "new.label = 'self_promotion'",
               "new.label = 'mixed'", "new.label = 'neutral'", "new.overall",
               *(f"new.{d}" for d in DIMENSIONS))  # fmt: skip


# From m003 on, the totals also count the items that answer someone (the listen ratio).
LISTEN_TOTALS = (*_TOTALS, "answers")
# The kinds that answer someone (companion.vocabulary.ANSWER_KINDS), as SQL. Fixed here by
# the migrations like DIMENSIONS; the trends read the same list (a test keeps them equal).
ANSWER_KINDS_SQL = "('reply', 'comment')"
LISTEN_ROW_TOTALS = (*_ROW_TOTALS, f"coalesce(new.kind in {ANSWER_KINDS_SQL}, 0)")


def _totals_triggers(
    db: sqlite_utils.Database,
    counted: str = "",
    totals: tuple[str, ...] = _TOTALS,
    row_totals: tuple[str, ...] = _ROW_TOTALS,
) -> None:
    """The triggers that keep ``daily_totals``: ``totals`` are its columns and
    ``row_totals`` what each post adds to them; ``counted`` (SQL over ``row.``) limits them
    to the posts the ratios count."""
    names = ", ".join(totals)
    add = ", ".join(f"{t} = {t} + excluded.{t}" for t in totals)
    subtract = ", ".join(
        f"{t} = {t} - ({v.replace('new.', 'old.')})"
        for t, v in zip(totals, row_totals, strict=True)
    )
    when_new = f" when {counted.replace('row.', 'new.')}" if counted else ""
    when_old = f" when {counted.replace('row.', 'old.')}" if counted else ""
    db.execute(
        f"create trigger posts_add_to_daily_totals after insert on posts{when_new} begin "
        f"insert into daily_totals (posted_date, site, {names}) values "
        f"(new.posted_date, new.site, {', '.join(row_totals)}) "
        f"on conflict (posted_date, site) do update set {add}; end"
    )
    db.execute(
        f"create trigger posts_remove_from_daily_totals after delete on posts{when_old} begin "
        f"update daily_totals set {subtract} "
        f"where posted_date = old.posted_date and site = old.site; "
        f"delete from daily_totals where posted_date = old.posted_date and site = old.site "
        f"and posts <= 0; end"
    )


@migrations()
def m002_daily_totals(db: sqlite_utils.Database) -> None:
    """Per day and site, the post count per label and the sum of each score, kept by
    triggers: the trends read a few thousand rows instead of every post (100k: ~10x)."""
    columns: dict[str, Any] = {"posted_date": str, "site": str}
    columns.update(dict.fromkeys(_TOTALS, int))
    db["daily_totals"].create(columns, pk=("posted_date", "site"))
    _totals_triggers(db)
    names = ", ".join(_TOTALS)
    sums = ", ".join(f"sum({v.replace('new.', '')})" for v in _ROW_TOTALS[1:])
    db.execute(
        f"insert into daily_totals (posted_date, site, {names}) select posted_date, site, "
        f"count(*), {sums} from posts group by posted_date, site"
    )
    db["posts"].create_index(["site", "posted_date"])


@migrations()
def m003_people_and_network(db: sqlite_utils.Database) -> None:
    """People first-class (persons, handles, merges), the user's network (connections,
    snapshots), mentions resolved to persons, and replies counted for the listen ratio.
    See :mod:`.network_schema`."""
    from .network_schema import create_people_and_network

    create_people_and_network(db)


# Which posts the give ratio counts: those in English, the language Spotlight coaches.
ENGLISH_ONLY = "coalesce(row.language, 'en') = 'en'"


@migrations()
def m004_post_language(db: sqlite_utils.Database) -> None:
    """The language of each post (NULL before this: taken as English). The daily totals
    count English posts only; the page reads the posts when the user counts every language."""
    if "language" not in db["posts"].columns_dict:
        db["posts"].add_column("language", str)
    db.execute("drop trigger if exists posts_add_to_daily_totals")
    db.execute("drop trigger if exists posts_remove_from_daily_totals")
    _totals_triggers(db, ENGLISH_ONLY, LISTEN_TOTALS, LISTEN_ROW_TOTALS)
    db["posts"].create_index(["language"], if_not_exists=True)


# Scorer 1.1 leaves a dimension the post shows nothing about NULL (not applicable): the
# totals then count, per dimension, the posts that scored it, and a NULL adds nothing.
_COUNTS = tuple(f"{d}_count" for d in DIMENSIONS)
SCORED_TOTALS = (*LISTEN_TOTALS, *_COUNTS)
SCORED_ROW_TOTALS = (*_ROW_TOTALS[: -len(DIMENSIONS)],
                     *(f"coalesce(new.{d}, 0)" for d in DIMENSIONS),
                     *LISTEN_ROW_TOTALS[len(_ROW_TOTALS):],
                     *(f"(new.{d} is not null)" for d in DIMENSIONS))  # fmt: skip


@migrations()
def m005_not_applicable_scores(db: sqlite_utils.Database) -> None:
    """Count the scored posts per dimension, so that a mean leaves NULL scores out."""
    for column in _COUNTS:
        db["daily_totals"].add_column(column, int, not_null_default=0)
    db.execute("drop trigger if exists posts_add_to_daily_totals")
    db.execute("drop trigger if exists posts_remove_from_daily_totals")
    _totals_triggers(db, ENGLISH_ONLY, SCORED_TOTALS, SCORED_ROW_TOTALS)
    # Rows written before this migration have every dimension scored.
    db.execute("update daily_totals set " + ", ".join(f"{d}_count = posts" for d in DIMENSIONS))


@migrations()
def m006_merged_groups_count_posts(db: sqlite_utils.Database) -> None:
    """A merged group counts a post once, not once per member it names (a post with both
    "@ana_k" and "Ana Kim" was two posts of Ana's): count the merged groups again."""
    from .groups import regroup

    if not db["persons"].exists():
        return
    roots = [
        row[0] for row in db.execute("select id from persons where id = root_id and g_size > 1")
    ]
    if roots:
        regroup(db.conn, roots)
