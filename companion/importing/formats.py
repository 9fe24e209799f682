"""What every platform reader is: its name, the files it claims, and how it reads them.

A reader module defines ``PLATFORM`` (key), ``LABEL`` (for people), ``EXPECTS`` (the files
it reads, for the "unknown export" message), ``claims(member)`` and ``read(member, ctx)``,
a generator of :class:`~.model.ImportedPost`, :class:`~.model.Ignored` and
:class:`~.model.Problem`. It may raise ``ValueError`` for a file it cannot read at all.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Protocol

from .archive import Member
from .model import Found


@dataclasses.dataclass
class Context:
    """The whole export, for readers that need a sibling file (X's account.js)."""

    members: list[Member]

    def find(self, *suffixes: str) -> Member | None:
        for member in self.members:
            name = "/" + member.name
            if any(name.endswith("/" + suffix) for suffix in suffixes):
                return member
        return None


class Reader(Protocol):
    PLATFORM: str
    LABEL: str
    EXPECTS: str

    def claims(self, member: Member) -> bool: ...

    def read(self, member: Member, context: Context) -> Iterator[Found]: ...
