"""The history page's questions of the posts: trends per day, week or month, the split by
site, the last labels.

The trends read the daily totals the triggers keep (:mod:`.schema`), and the posts only
when a filter needs what the totals do not hold. :class:`TrendQueries` is mixed into
:class:`~companion.store.database.Store`.
"""

from __future__ import annotations

from typing import Any

from .rows import where_clause
from .schema import ANSWER_KINDS_SQL, BUCKETS, DIMENSIONS


def _read_posts(filters: dict[str, Any]) -> bool:
    """Whether the trends must read the posts: the daily totals hold English posts only,
    summed over every label."""
    return bool(filters.get("label")) or filters.get("languages") == "all"


def _for_totals(filters: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in filters.items() if key != "languages"}


class TrendQueries:
    """The history page's questions of the posts; mixed into the Store."""

    db: Any
    _lock: Any

    def post_count(self) -> int:
        with self._lock:
            return self.db.execute("select count(*) from posts").fetchone()[0]

    def trend_buckets(self, bucket: str, filters: dict[str, Any]) -> list[dict[str, Any]]:
        """Per day/week/month: post counts per label and the mean score per dimension."""
        start = BUCKETS[bucket]
        if _read_posts(filters):  # the daily totals are not split by label: read the posts
            where, params = where_clause(filters)
            means = ", ".join(f"avg({d}) as {d}" for d in DIMENSIONS)
            sql = (
                f"select {start} as start, count(*) as posts, "
                "sum(label = 'promotes_others') as promotes_others, "
                "sum(label = 'self_promotion') as self_promotion, sum(label = 'mixed') as mixed, "
                f"sum(label = 'neutral') as neutral, avg(overall) as overall, {means}, "
                f"sum(kind in {ANSWER_KINDS_SQL}) as answers "
                f"from posts{where} group by start order by start"
            )
        else:
            where, params = where_clause(_for_totals(filters))
            # A dimension's mean over the posts that scored it (NULL: not applicable).
            means = ", ".join(
                f"1.0 * sum({d}_sum) / nullif(sum({d}_count), 0) as {d}" for d in DIMENSIONS
            )
            sql = (
                f"select {start} as start, sum(posts) as posts, "
                "sum(promotes_others) as promotes_others, sum(self_promotion) as self_promotion, "
                "sum(mixed) as mixed, sum(neutral) as neutral, "
                f"1.0 * sum(overall_sum) / sum(posts) as overall, {means}, "
                "sum(answers) as answers "
                f"from daily_totals{where} group by start order by start"
            )
        with self._lock:
            return list(self.db.query(sql, params))

    def site_split(self, filters: dict[str, Any]) -> list[dict[str, Any]]:
        """Per site: post count and how many promote others."""
        where, params = where_clause(filters if _read_posts(filters) else _for_totals(filters))
        if _read_posts(filters):
            sql = (
                "select site, count(*) as posts, "
                "sum(label = 'promotes_others') as promotes_others, avg(overall) as overall "
                f"from posts{where} group by site order by posts desc"
            )
        else:
            sql = (
                "select site, sum(posts) as posts, sum(promotes_others) as promotes_others, "
                "1.0 * sum(overall_sum) / sum(posts) as overall "
                f"from daily_totals{where} group by site order by posts desc"
            )
        with self._lock:
            return list(self.db.query(sql, params))

    def recent_labels(self, count: int, *, english_only: bool = False) -> list[str]:
        """The labels of the last ``count`` posts (in English only), newest first."""
        where, _ = where_clause({"languages": "english" if english_only else "all"})
        with self._lock:
            rows = self.db.execute(
                f"select label from posts{where} order by posted_at desc limit ?", [count]
            ).fetchall()
        return [row[0] for row in rows]

    def sites(self) -> list[str]:
        with self._lock:
            return [
                row[0] for row in self.db.execute("select distinct site from posts order by site")
            ]
