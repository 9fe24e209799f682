"""Reading rows out of a damaged SQLite file page by page, where SQL cannot reach them.

When a table's b-tree is broken (its root or an interior page overwritten), ``select``
stops at the first bad page, yet most rows still sit intact on their leaf pages. This
reader walks every page of the file (and the committed pages of its WAL), decodes the
cells of each table leaf page (following overflow pages), and hands back the records; the
caller decides which table a record belongs to. Pages on the freelist are skipped, so
posts the user deleted do not come back. It is what ``sqlite3``'s ``.recover`` does; that
command is broken for tables with indexes in Debian's SQLite 3.40, so Spotlight has its own.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

LEAF_TABLE = 0x0D


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = 0
    for i in range(8):
        byte = data[at + i]
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + i + 1
    return (value << 8) | data[at + 8], at + 9


def _value(kind: int, data: bytes, at: int) -> tuple[Any, int]:
    if kind in (0, 8, 9):
        return {0: None, 8: 0, 9: 1}[kind], at
    if kind in (10, 11):
        raise ValueError("reserved serial type")
    if 1 <= kind <= 6:
        size = (1, 2, 3, 4, 6, 8)[kind - 1]
        return int.from_bytes(data[at : at + size], "big", signed=True), at + size
    if kind == 7:
        return struct.unpack(">d", data[at : at + 8])[0], at + 8
    size = (kind - 12) // 2 if kind % 2 == 0 else (kind - 13) // 2
    raw = data[at : at + size]
    if len(raw) != size:
        raise ValueError("record runs past its cell")
    return (bytes(raw) if kind % 2 == 0 else raw.decode("utf-8")), at + size


def decode_record(payload: bytes) -> list[Any]:
    """The values of one SQLite record (header of serial types, then the body)."""
    header_size, at = _varint(payload, 0)
    kinds = []
    while at < header_size:
        kind, at = _varint(payload, at)
        kinds.append(kind)
    values, at = [], header_size
    for kind in kinds:
        value, at = _value(kind, payload, at)
        values.append(value)
    return values


class PageFile:
    """The pages of a database as its readers would see them: the main file, overlaid by
    the committed frames of its ``-wal``."""

    def __init__(self, path: Path):
        self.data = path.read_bytes()
        self.page_size = int.from_bytes(self.data[16:18], "big") or 4096
        if self.page_size == 1:
            self.page_size = 65536
        self.usable = self.page_size - (self.data[20] if len(self.data) > 20 else 0)
        self.pages: dict[int, bytes] = {
            n + 1: self.data[n * self.page_size : (n + 1) * self.page_size]
            for n in range(len(self.data) // self.page_size)
        }
        self._overlay_wal(Path(f"{path}-wal"))

    def _overlay_wal(self, wal: Path) -> None:
        if not wal.exists():
            return
        data = wal.read_bytes()
        if len(data) < 32 or data[:4] not in (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83"):
            return
        size, salts = int.from_bytes(data[8:12], "big"), data[16:24]
        frames, pending, at = {}, {}, 32
        while at + 24 + size <= len(data):
            header = data[at : at + 24]
            if header[8:16] != salts:
                break  # frames of an older generation of the WAL: not part of the database
            pending[int.from_bytes(header[:4], "big")] = data[at + 24 : at + 24 + size]
            if int.from_bytes(header[4:8], "big"):  # a commit frame
                frames.update(pending)
                pending = {}
            at += 24 + size
        if size == self.page_size:
            self.pages.update(frames)

    def freelist(self) -> set[int]:
        """The pages SQLite has freed (deleted rows may still be readable on them)."""
        first = self.pages.get(1, b"")
        free: set[int] = set()
        trunk = int.from_bytes(first[32:36], "big") if len(first) >= 36 else 0
        while trunk and trunk not in free and trunk in self.pages:
            free.add(trunk)
            page = self.pages[trunk]
            count = min(int.from_bytes(page[4:8], "big"), (self.usable - 8) // 4)
            free.update(int.from_bytes(page[8 + 4 * i : 12 + 4 * i], "big") for i in range(count))
            trunk = int.from_bytes(page[:4], "big")
        return free

    def _payload(self, page: bytes, at: int) -> bytes:
        size, at = _varint(page, at)
        _, at = _varint(page, at)  # the rowid
        local_max = self.usable - 35
        if size <= local_max:
            return page[at : at + size]
        least = (self.usable - 12) * 32 // 255 - 23
        local = least + (size - least) % (self.usable - 4)
        local = local if local <= local_max else least
        parts, following = (
            [page[at : at + local]],
            int.from_bytes(page[at + local : at + local + 4], "big"),
        )
        got, seen = local, set()
        while got < size and following and following not in seen:
            seen.add(following)
            chunk = self.pages.get(following)
            if chunk is None:
                raise ValueError("overflow page missing")
            parts.append(chunk[4 : 4 + min(self.usable - 4, size - got)])
            got += len(parts[-1])
            following = int.from_bytes(chunk[:4], "big")
        if got < size:
            raise ValueError("overflow chain broken")
        return b"".join(parts)

    def records(self) -> Iterator[list[Any]]:
        """Every record on every table leaf page not on the freelist; a cell that cannot be
        decoded is skipped, the rest of its page still read."""
        free = self.freelist()
        for number, page in self.pages.items():
            if number in free:
                continue
            start = 100 if number == 1 else 0
            if len(page) < start + 8 or page[start] != LEAF_TABLE:
                continue
            cells = int.from_bytes(page[start + 3 : start + 5], "big")
            for i in range(cells):
                try:
                    pointer = int.from_bytes(page[start + 8 + 2 * i : start + 10 + 2 * i], "big")
                    yield decode_record(self._payload(page, pointer))
                except (IndexError, ValueError, UnicodeDecodeError, struct.error):
                    continue
