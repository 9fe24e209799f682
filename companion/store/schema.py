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

POST_COLUMNS = (
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
BUCKETS = {
    "day": "posted_date",
    # The Monday of the post's week (ISO weeks start on Monday).
    "week": "date(posted_date, '-6 days', 'weekday 1')",
    "month": "substr(posted_date, 1, 7) || '-01'",
}


@migrations()
def m001_create_tables(db: sqlite_utils.Database) -> None:
    columns: dict[str, Any] = {name: str for name in POST_COLUMNS}
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


@migrations()
def m002_daily_totals(db: sqlite_utils.Database) -> None:
    """Per day and site, the post count per label and the sum of each score, kept by
    triggers: the trends read a few thousand rows instead of every post (100k: ~10x)."""
    columns: dict[str, Any] = {"posted_date": str, "site": str}
    columns.update(dict.fromkeys(_TOTALS, int))
    db["daily_totals"].create(columns, pk=("posted_date", "site"))
    names = ", ".join(_TOTALS)
    add = ", ".join(f"{t} = {t} + excluded.{t}" for t in _TOTALS)
    subtract = ", ".join(
        f"{t} = {t} - ({v.replace('new.', 'old.')})"
        for t, v in zip(_TOTALS, _ROW_TOTALS, strict=True)
    )
    db.execute(
        f"create trigger posts_add_to_daily_totals after insert on posts begin "
        f"insert into daily_totals (posted_date, site, {names}) values "
        f"(new.posted_date, new.site, {', '.join(_ROW_TOTALS)}) "
        f"on conflict (posted_date, site) do update set {add}; end"
    )
    db.execute(
        f"create trigger posts_remove_from_daily_totals after delete on posts begin "
        f"update daily_totals set {subtract} "
        f"where posted_date = old.posted_date and site = old.site; "
        f"delete from daily_totals where posted_date = old.posted_date and site = old.site "
        f"and posts <= 0; end"
    )
    sums = ", ".join(f"sum({v.replace('new.', '')})" for v in _ROW_TOTALS[1:])
    db.execute(
        f"insert into daily_totals (posted_date, site, {names}) select posted_date, site, "
        f"count(*), {sums} from posts group by posted_date, site"
    )
    db["posts"].create_index(["site", "posted_date"])


# Scorer 1.1 leaves a dimension the post shows nothing about NULL (not applicable): the
# totals then count, per dimension, the posts that scored it, and a NULL adds nothing.
_COUNTS = tuple(f"{d}_count" for d in DIMENSIONS)
_TOTALS_3 = (*_TOTALS, *_COUNTS)
_ROW_TOTALS_3 = (*_ROW_TOTALS[: -len(DIMENSIONS)],
                 *(f"coalesce(new.{d}, 0)" for d in DIMENSIONS),
                 *(f"(new.{d} is not null)" for d in DIMENSIONS))  # fmt: skip


@migrations()
def m003_not_applicable_scores(db: sqlite_utils.Database) -> None:
    """Count the scored posts per dimension, so that a mean leaves NULL scores out."""
    for column in _COUNTS:
        db["daily_totals"].add_column(column, int, not_null_default=0)
    db.execute("drop trigger if exists posts_add_to_daily_totals")
    db.execute("drop trigger if exists posts_remove_from_daily_totals")
    names = ", ".join(_TOTALS_3)
    add = ", ".join(f"{t} = {t} + excluded.{t}" for t in _TOTALS_3)
    subtract = ", ".join(
        f"{t} = {t} - ({v.replace('new.', 'old.')})"
        for t, v in zip(_TOTALS_3, _ROW_TOTALS_3, strict=True)
    )
    db.execute(
        f"create trigger posts_add_to_daily_totals after insert on posts begin "
        f"insert into daily_totals (posted_date, site, {names}) values "
        f"(new.posted_date, new.site, {', '.join(_ROW_TOTALS_3)}) "
        f"on conflict (posted_date, site) do update set {add}; end"
    )
    db.execute(
        f"create trigger posts_remove_from_daily_totals after delete on posts begin "
        f"update daily_totals set {subtract} "
        f"where posted_date = old.posted_date and site = old.site; "
        f"delete from daily_totals where posted_date = old.posted_date and site = old.site "
        f"and posts <= 0; end"
    )
    # Rows written before this migration have every dimension scored.
    db.execute("update daily_totals set " + ", ".join(f"{d}_count = posts" for d in DIMENSIONS))
