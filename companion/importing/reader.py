"""What every platform reader is: its name, the files it claims, and how it reads them.

A reader module in :mod:`.readers` defines:

- ``PLATFORM``: the key stored with each post (``x``, ``linkedin``...);
- ``LABEL``: the platform's name for people;
- ``EXPECTS``: the files it reads, for the "unknown export" message;
- ``HOW``: where the user gets the export; ``READS``: the files and variants read;
  ``SKIPS``: what is left out and why (docs/importing.md and the CLI help are made from
  these, see :mod:`.registry`);
- ``SUFFIXES``: the file name endings it may read (the page's file picker accepts them);
- ``claims(member)`` and ``read(member, ctx)``, a generator of
  :class:`~.found.ImportedPost`, :class:`~.found.Ignored` and :class:`~.found.Problem`.
  It may raise ``ValueError`` for a file it cannot read at all.

A reader with ``GENERIC = True`` takes files by their shape alone (any CSV with a text
column); it is consulted only after every platform reader has turned a file down.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Protocol

from .archive import Member
from .found import Found


@dataclasses.dataclass
class Context:
    """The whole export, for readers that need a sibling file (X's account.js)."""

    members: list[Member]

    def find(self, *suffixes: str) -> Member | None:
        """The first file whose path ends with one of ``suffixes`` (whole path parts)."""
        for member in self.members:
            name = "/" + member.name
            if any(name.endswith("/" + suffix) for suffix in suffixes):
                return member
        return None

    def find_all(self, predicate) -> list[Member]:
        """Every file for which ``predicate(member)`` is true, in the export's order."""
        return [member for member in self.members if predicate(member)]


class Reader(Protocol):
    PLATFORM: str
    LABEL: str
    EXPECTS: str
    HOW: str
    READS: str
    SKIPS: str
    SUFFIXES: tuple[str, ...]

    def claims(self, member: Member) -> bool: ...

    def read(self, member: Member, context: Context) -> Iterator[Found]: ...
