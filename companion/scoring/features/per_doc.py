"""Answers worked out once per Doc: several features ask the same question of a draft.

The brag reader asks which sentences offer help or share a lesson, the call-to-action
reader asks about offers again, the introductions ask who the people are; each answer was
computed two or three times per draft. An entry keeps its Doc, so an id() reused by a new
Doc is never mistaken for it (as in :mod:`.grammar`'s sentence table).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import TypeVar

from spacy.tokens import Doc

T = TypeVar("T")
KEPT = 8  # the last few Docs: the scorer reads one draft at a time


def once_per_doc(read: Callable[[Doc], Iterable[T]]) -> Callable[[Doc], list[T]]:
    """``read(doc)`` as a list, computed once for each of the last :data:`KEPT` Docs.

    Each call gets its own list, so a caller that changes it changes no one else's.
    """
    kept: dict[int, tuple[Doc, tuple[T, ...]]] = {}

    @functools.wraps(read)
    def remembered(doc: Doc) -> list[T]:
        entry = kept.get(id(doc))
        if entry is None or entry[0] is not doc:
            if len(kept) >= KEPT:
                kept.pop(next(iter(kept)))
            entry = kept[id(doc)] = (doc, tuple(read(doc)))
        return list(entry[1])

    return remembered
