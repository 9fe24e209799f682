"""Which reader reads each file of an export, and what to say when none does."""

from __future__ import annotations

from pathlib import PurePosixPath

from .archive import READ_ERRORS, Member
from .found import ArchiveError
from .network import NETWORK_READERS
from .reader import Reader
from .registry import READERS, platform_readers

# Folders of photos and videos: never opened.
_MEDIA = {"tweets_media", "tweet_media", "media", "media_attachments", "photos_and_videos"}
_TEXT_SUFFIXES = {".js", ".json", ".csv", ".jsonl", ".ndjson", ".xml", ".html", ".htm", ".car"}

# Formats of an export Spotlight cannot read, and what to download instead.
_OTHER_FORMAT = (
    (
        "your_instagram_activity/threads/threads_and_replies.html",
        "this is Instagram's HTML download; Spotlight reads its JSON format: download your "
        "information again and choose Format: JSON",
    ),
)


def _maybe_text(member: Member) -> bool:
    path = PurePosixPath(member.name)
    return path.suffix.lower() in _TEXT_SUFFIXES and not (_MEDIA & set(path.parts[:-1]))


def _claims(reader: Reader, member: Member) -> bool:
    try:
        return bool(reader.claims(member))
    except READ_ERRORS:
        return False  # unreadable bytes: nobody's file; reported if nothing else


def assign_readers(members: list[Member]) -> list[tuple[Member, Reader]]:
    """The files of an export that a reader claims, each with its reader.

    Platform readers are asked first; a generic reader only gets a file that none of them
    knows, whatever order the registry lists them in.
    """
    specific = platform_readers()
    generic = [reader for reader in READERS if reader not in specific]
    found = []
    for member in members:
        if not _maybe_text(member):
            continue
        for reader in (*specific, *generic):
            if _claims(reader, member):
                found.append((member, reader))
                break
    return found


def unknown_export(label: str, members: list[Member]) -> ArchiveError:
    """The error for an export no reader recognises, saying what each platform ships."""
    for suffix, advice in _OTHER_FORMAT:
        if any(("/" + member.name).endswith("/" + suffix) for member in members):
            return ArchiveError(f"{label}: {advice}")
    expected = "; ".join(
        f"{reader.LABEL}: {reader.EXPECTS}" for reader in (*READERS, *NETWORK_READERS)
    )
    names = ", ".join(member.name for member in members[:5]) or "no files"
    more = f" and {len(members) - 5} more" if len(members) > 5 else ""
    return ArchiveError(
        f"{label}: not an export Spotlight recognises (it holds {names}{more}). "
        f"Expected one of: {expected}"
    )
