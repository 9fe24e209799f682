"""Python counts code points; JavaScript counts UTF-16 code units. This maps one to the other."""

from __future__ import annotations

from itertools import accumulate


class Utf16Offsets:
    """Converts code-point offsets in one text to UTF-16 offsets.

    Texts without characters outside the Basic Multilingual Plane (most of them) take the
    fast path: both counts are the same.
    """

    def __init__(self, text: str):
        if not text or max(text) < "\U00010000":
            self._table = None
        else:
            widths = (2 if ord(char) > 0xFFFF else 1 for char in text)
            self._table = [0, *accumulate(widths)]

    def __call__(self, index: int) -> int:
        return index if self._table is None else self._table[index]
