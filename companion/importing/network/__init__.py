"""The network files of the exports: whom the user is connected to, follows, or is friends
with. One module per platform, listed in :data:`NETWORK_READERS`.

A network reader module defines ``PLATFORM``, ``LABEL``, ``EXPECTS``, ``claims(member)``
and ``read(member, members) -> NetworkFile``; it may raise ``ValueError`` (or any of
:data:`~companion.importing.archive.READ_ERRORS`) for a file it cannot read.

Bluesky's follows are records in the same repository file (``repo.car``) as its posts:
:mod:`.bluesky` reads them with the post reader's CAR functions
(:mod:`companion.importing.readers.bluesky`).
"""

from __future__ import annotations

from ..archive import READ_ERRORS, Member
from . import bluesky, facebook, linkedin, mastodon, x_twitter
from .model import Account, NetworkFile

# One explicit list (no discovery).
NETWORK_READERS = (linkedin, x_twitter, mastodon, facebook, bluesky)

__all__ = ["NETWORK_READERS", "Account", "NetworkFile", "read_network"]


def read_network(members: list[Member]) -> tuple[list[NetworkFile], list[tuple[str, str]]]:
    """The network files among ``members``, read, one per site and direction (X splits a
    long list into ``following-part1.js``, ...); and ``(file, message)`` for each file that
    could not be read."""
    files: dict[tuple[str, str], NetworkFile] = {}
    problems = []
    for member in members:
        for reader in NETWORK_READERS:
            try:
                claimed = reader.claims(member)
            except READ_ERRORS:
                claimed = False
            if not claimed:
                continue
            try:
                file = reader.read(member, members)
            except READ_ERRORS as error:
                problems.append((member.display, f"{reader.LABEL}: {error}"))
                break
            file.label = reader.LABEL
            same = files.setdefault((file.site, file.direction), file)
            if same is not file:  # one snapshot: a part alone would end the other's accounts
                same.accounts.extend(file.accounts)
                same.source += ", " + file.source
            break
    return list(files.values()), problems
