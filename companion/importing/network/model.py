"""What a network reader finds: the accounts of one network file, as a snapshot."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any


@dataclasses.dataclass(frozen=True)
class Account:
    """One connection, follow or friend as the export gives it.

    ``account`` is what stays the same from one export to the next: LinkedIn's profile
    address, X's account id, a Mastodon address, a Facebook friend's name and the time
    of the friendship.
    """

    account: str
    name: str | None = None
    handle: str | None = None
    url: str | None = None
    company: str | None = None
    position: str | None = None
    connected_on: str | None = None  # YYYY-MM-DD


@dataclasses.dataclass
class NetworkFile:
    """The accounts of one network file and the day it describes (``as_of``; ``None``
    when the export does not say, then the day of the import)."""

    platform: str
    site: str
    direction: str  # connection, following, follower, friend
    source: str
    accounts: list[Account] = dataclasses.field(default_factory=list)
    as_of: str | None = None
    label: str = ""  # the reader's LABEL, for summaries

    def snapshot(self, today: dt.date | None = None) -> dict[str, Any]:
        """The file as :meth:`companion.store.Store.record_network` takes it."""
        days = [a.connected_on for a in self.accounts if a.connected_on]
        return {
            "site": self.site,
            "direction": self.direction,
            "as_of": self.as_of or (today or dt.datetime.now(dt.UTC).date()).isoformat(),
            "source": self.source,
            "newest_connection": max(days) if days else None,
            "accounts": [dataclasses.asdict(account) for account in self.accounts],
        }
