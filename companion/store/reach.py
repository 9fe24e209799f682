"""How far the user's posts reach the people they know: the credit that went to them, how
many they talked with, whom they could thank.

:class:`ReachQueries` is mixed into :class:`~companion.store.database.Store`.
"""

from __future__ import annotations

from typing import Any

from .groups import GROUPS
from .schema import BUCKETS, ENGLISH_ONLY


class ReachQueries:
    """The history's questions about people the user knows; mixed into the Store."""

    db: Any
    _lock: Any

    def known_credit_buckets(self, bucket: str, filters: dict[str, Any]) -> dict[str, int]:
        """Per day/week/month start: how many posts credit someone the user knows."""
        conditions = ["m.known = 1", "m.credited = 1"]
        params: list[Any] = []
        join = ""
        for key, sql in (("since", "m.posted_date >= ?"), ("until", "m.posted_date <= ?")):
            if filters.get(key):
                conditions.append(sql)
                params.append(filters[key])
        for key in ("site", "label"):
            if filters.get(key):
                join = " join posts x on x.id = m.post_id"
                conditions.append(f"x.{key} = ?")
                params.append(filters[key])
        if filters.get("languages") == "english":  # the ratios count what Spotlight coaches
            join = " join posts x on x.id = m.post_id"
            conditions.append(ENGLISH_ONLY.replace("row.", "x."))
        sql = (
            f"select {BUCKETS[bucket]} as start, count(*) as posts from (select distinct "
            f"m.post_id, m.posted_date as posted_date from people m{join} "
            f"where {' and '.join(conditions)}) group by start"
        )
        with self._lock:
            return {row[0]: row[1] for row in self.db.execute(sql, params)}

    def known_people_since(self, since: str) -> int:
        """How many different people the user knows were named or answered since ``since``."""
        with self._lock:
            return self.db.execute(
                "select count(distinct root_id) from people where known = 1 and posted_at >= ?",
                [since],
            ).fetchone()[0]

    def last_known_credit(self) -> str | None:
        """When a post last credited someone the user knows (UTC), or ``None``."""
        with self._lock:
            return self.db.execute(
                "select max(posted_at) from people where known = 1 and credited = 1"
            ).fetchone()[0]

    def thank_candidates(self, since: str, limit: int) -> list[dict[str, Any]]:
        """People the user knows and talks with (or connected with since ``since``) but has
        not credited since ``since``: most talked with first.

        Args:
            since: a UTC time; its day also bounds "connected recently".
        """
        day = since[:10]
        sql = (
            f"select * from ({GROUPS}) where known = 1 and (last_credited_at is null or "
            "last_credited_at < :since) and (talked > 0 or connected_on >= :day) "
            "order by 2 * replied + mentioned + (case when connected_on >= :day then 3 else 0 "
            "end) desc, last_talked_at desc, id limit :limit"
        )
        with self._lock:
            rows = list(self.db.query(sql, {"since": since, "day": day, "limit": limit}))
            self._add_handles(rows)  # type: ignore[attr-defined]
        return rows
