"""Which platform an export is from, and which of its files hold the user's posts."""

from __future__ import annotations

from pathlib import PurePosixPath

from . import facebook, linkedin, mastodon, plain, reddit, wordpress, x_twitter
from .archive import READ_ERRORS, Member
from .formats import Reader
from .model import ArchiveError
from .network import NETWORK_READERS

# One explicit list; the order matters where claims could overlap: the platform readers
# look at names and headers, the plain reader takes any CSV with a text column.
READERS: tuple[Reader, ...] = (x_twitter, linkedin, facebook, mastodon, reddit, wordpress, plain)

# Folders of photos and videos: never opened.
_MEDIA = {"tweets_media", "tweet_media", "media", "media_attachments", "photos_and_videos"}
_TEXT_SUFFIXES = {".js", ".json", ".csv", ".jsonl", ".ndjson", ".xml"}


def _maybe_text(member: Member) -> bool:
    path = PurePosixPath(member.name)
    return path.suffix.lower() in _TEXT_SUFFIXES and not (_MEDIA & set(path.parts[:-1]))


def assign_readers(members: list[Member]) -> list[tuple[Member, Reader]]:
    """The files of an export that a reader claims, each with its reader."""
    found = []
    for member in members:
        if not _maybe_text(member):
            continue
        for reader in READERS:
            try:
                claimed = reader.claims(member)
            except READ_ERRORS:
                claimed = False  # unreadable bytes: nobody's file; reported if nothing else
            if claimed:
                found.append((member, reader))
                break
    return found


def unknown_export(label: str, members: list[Member]) -> ArchiveError:
    """The error for an export no reader recognises, saying what each platform ships."""
    expected = "; ".join(
        f"{reader.LABEL}: {reader.EXPECTS}" for reader in (*READERS, *NETWORK_READERS)
    )
    names = ", ".join(member.name for member in members[:5]) or "no files"
    more = f" and {len(members) - 5} more" if len(members) > 5 else ""
    return ArchiveError(
        f"{label}: not an export Spotlight recognises (it holds {names}{more}). "
        f"Expected one of: {expected}"
    )
