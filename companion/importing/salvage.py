"""Reading what arrived of a zip whose download was cut short.

A zip's table of contents is at its end, so a truncated zip has none and ``zipfile``
refuses it. Each file is also preceded by a local header with its name and sizes, though,
so the files before the cut can be found by walking those headers from the start. Files
written in streaming mode (general-purpose flag bit 3) carry their sizes after the data;
deflated ones are measured by inflating them, stored ones end the walk.
"""

from __future__ import annotations

import io
import struct
import zlib
from functools import partial
from pathlib import Path
from typing import IO

from .archive import MAX_FILE_BYTES, Member

LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
SIGNATURE = b"PK\x03\x04"
DESCRIPTOR = b"PK\x07\x08"
STORED, DEFLATED = 0, 8


def _zip64_sizes(extra: bytes, csize: int, usize: int) -> tuple[int, int]:
    position = 0
    while position + 4 <= len(extra):
        tag, length = struct.unpack_from("<HH", extra, position)
        if tag == 0x0001:
            values = iter(struct.unpack_from(f"<{length // 8}Q", extra, position + 4))
            if usize == 0xFFFFFFFF:
                usize = next(values, usize)
            if csize == 0xFFFFFFFF:
                csize = next(values, csize)
            break
        position += 4 + length
    return csize, usize


def _inflated_length(handle: IO[bytes], start: int) -> tuple[int, int] | None:
    """``(compressed, uncompressed)`` length of the deflate stream at ``start``, or None
    if the file ends before the stream does."""
    handle.seek(start)
    inflater = zlib.decompressobj(-15)
    fed = produced = 0
    while not inflater.eof:
        chunk = handle.read(2**20)
        if not chunk:
            return None
        fed += len(chunk)
        try:
            produced += len(inflater.decompress(chunk))
        except zlib.error:
            return None
        while inflater.unconsumed_tail:  # not reached: no max_length is given
            produced += len(inflater.decompress(inflater.unconsumed_tail))
    return fed - len(inflater.unused_data), produced


def _open_entry(path: Path, start: int, csize: int, method: int) -> IO[bytes]:
    with path.open("rb") as handle:
        handle.seek(start)
        raw = handle.read(csize)
    if method == STORED:
        return io.BytesIO(raw)
    # max_length bounds memory whatever the entry claims; read_bytes then applies the limit.
    return io.BytesIO(zlib.decompressobj(-15).decompress(raw, MAX_FILE_BYTES + 1))


def _after_descriptor(handle: IO[bytes], end: int) -> int:
    """Where the next header starts after a data descriptor at ``end``."""
    handle.seek(end)
    skip = 4 if handle.read(4) == DESCRIPTOR else 0
    for size in (12, 20):  # crc + sizes, 4 or 8 bytes each (zip64)
        handle.seek(end + skip + size)
        if handle.read(4) in (SIGNATURE, b"PK\x01\x02", b""):
            return end + skip + size
    return end + skip + 12


def salvage_zip(path: Path, label: str) -> list[Member]:
    """The complete files before the cut in a truncated zip (empty if there are none)."""
    members: list[Member] = []
    total = path.stat().st_size
    with path.open("rb") as handle:
        offset = 0
        while offset + LOCAL_HEADER.size <= total:
            handle.seek(offset)
            fields = LOCAL_HEADER.unpack(handle.read(LOCAL_HEADER.size))
            signature, _, flags, method, _, _, _, csize, usize, name_length, extra_length = fields
            if signature != SIGNATURE or flags & 0x1:  # end of entries, or encrypted
                break
            name = handle.read(name_length).decode("utf-8" if flags & 0x800 else "cp437")
            csize, usize = _zip64_sizes(handle.read(extra_length), csize, usize)
            start = offset + LOCAL_HEADER.size + name_length + extra_length
            if flags & 0x8:  # sizes come after the data
                measured = _inflated_length(handle, start) if method == DEFLATED else None
                if measured is None:
                    break
                csize, usize = measured
                offset = _after_descriptor(handle, start + csize)
            else:
                offset = start + csize
            if start + csize > total or method not in (STORED, DEFLATED):
                break
            if not name.endswith("/"):
                opener = partial(_open_entry, path, start, csize, method)
                members.append(Member(label, name, usize, opener, salvaged=True))
    return members
