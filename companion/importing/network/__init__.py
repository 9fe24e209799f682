"""The network files of the exports: whom the user is connected to, follows, or is friends
with. One module per platform, listed in :data:`NETWORK_READERS`.

A network reader module defines ``PLATFORM``, ``LABEL``, ``EXPECTS``, ``claims(member)``
and ``read(member, members) -> NetworkFile``; it may raise ``ValueError`` (or any of
:data:`~companion.importing.archive.READ_ERRORS`) for a file it cannot read.

Bluesky: the repository (``repo.car``) holds ``app.bsky.graph.follow`` records whose
``subject`` is the followed account's DID. The .car reader is being written on branch
``imports``; once it lands, a ``bluesky`` module here reads the follow records from it
(``site="bluesky"``, ``direction="following"``, ``account`` the DID, ``handle`` where the
repository's own posts mention it) and joins this list. Nothing else needs to change.
"""

from __future__ import annotations

from ..archive import READ_ERRORS, Member
from . import facebook, linkedin, mastodon, x_twitter
from .model import Account, NetworkFile

# One explicit list (no discovery). Bluesky joins it with the .car reader (see above).
NETWORK_READERS = (linkedin, x_twitter, mastodon, facebook)

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
