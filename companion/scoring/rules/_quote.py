"""Quoting the draft's own words back in a nudge, short enough to read at a glance."""

from __future__ import annotations

from collections.abc import Iterable

from ..features import Cue


def quoted(cues: Iterable[Cue], most: int = 3) -> str:
    """``'my new book', 'link in bio'`` — the first few distinct cue texts, quoted."""
    texts = list(dict.fromkeys(" ".join(cue.text.split()) for cue in cues))
    shown = ", ".join(f"‘{text[:40]}’" for text in texts[:most])
    return shown + (f" and {len(texts) - most} more" if len(texts) > most else "")


def spans(cues: Iterable[Cue]) -> tuple[tuple[int, int], ...]:
    return tuple(cue.span for cue in cues)
