"""What a reader finds in an export: posts, things it leaves out on purpose, and problems.

Every platform reader yields these three, so the orchestration (:mod:`.run`) counts and
reports them the same way whatever the archive was.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from typing import Any

# Fixed for ever: changing it would give every imported post a new id, and importing the
# same archive again would then add every post a second time.
IMPORT_NAMESPACE = uuid.UUID("5b0f1e52-7c0c-4d35-9a4e-2f6f0c1d3a17")


def import_id(platform: str, native_id: str | None, text: str, posted_at: dt.datetime) -> str:
    """A post's id, the same on every import of the same archive.

    The platform's own id when it has one; otherwise the date and the text, which the same
    export always repeats.
    """
    if native_id:
        key = f"{platform}:{native_id}"
    else:
        key = f"{platform}:{posted_at.astimezone(dt.UTC).isoformat()}:{text}"
    return str(uuid.uuid5(IMPORT_NAMESPACE, key))


@dataclasses.dataclass(frozen=True)
class ImportedPost:
    """One post or reply the user wrote, as an export tells it."""

    platform: str
    native_id: str | None
    text: str
    site: str
    kind: str
    posted_at: dt.datetime
    source: str  # where in the archive it came from, e.g. "archive.zip:data/tweets.js"
    url: str | None = None
    replied_to: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return import_id(self.platform, self.native_id, self.text, self.posted_at)

    def to_post(self) -> dict[str, Any]:
        """The post as the store takes it (see :func:`companion.store.posts.clean_post`)."""
        return {
            "id": self.id,
            "text": self.text,
            "site": self.site,
            "kind": self.kind,
            "url": self.url,
            "posted_at": self.posted_at.isoformat(),
            "source": "import",
            "replied_to": list(self.replied_to),
        }


@dataclasses.dataclass(frozen=True)
class Ignored:
    """Something in the export that is not the user's own words: a retweet, a boost."""

    reason: str
    source: str


@dataclasses.dataclass(frozen=True)
class Problem:
    """A file or an item that could not be read; ``message`` says what was expected."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


Found = ImportedPost | Ignored | Problem


class ArchiveError(Exception):
    """The whole input cannot be imported; the message names it and what was expected."""
