"""Python counts code points; JavaScript counts UTF-16 code units. This maps one to the other."""

from __future__ import annotations

import bisect
import re

# A character beyond the Basic Multilingual Plane: two UTF-16 code units (an emoji, mostly).
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Offsets:
    """Converts code-point offsets in one text to UTF-16 offsets.

    Texts without characters outside the Basic Multilingual Plane (most of them) take the
    fast path: both counts are the same. Otherwise an offset moves on by one for each such
    character before it, found with one scan of the text (a post has a few emoji, not a
    table of every offset).
    """

    def __init__(self, text: str):
        if not text or max(text) < "\U00010000":
            self._astral: list[int] | None = None
        else:
            self._astral = [match.start() for match in _ASTRAL.finditer(text)]

    def __call__(self, index: int) -> int:
        if self._astral is None:
            return index
        return index + bisect.bisect_left(self._astral, index)
