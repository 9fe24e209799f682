"""Work done once per Doc: the one place a reader's answer about a whole Doc is kept.

Several readers ask the same question of a draft (its text, its sentences, the brag
reader's offers, the signals' word n-grams), and a batch has no draft memo to keep the
answer in. A reader wrapped here computes its answer once for each of the last
:data:`KEPT` Docs. An entry holds a weak reference to its Doc, not the Doc: it keeps no
Doc alive, and an id() reused by a new Doc is never mistaken for the old one.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable, Iterable
from typing import TypeVar

from spacy.tokens import Doc

T = TypeVar("T")
KEPT = 8  # the last few Docs: a scorer reads one draft at a time


def per_doc(read: Callable[[Doc], T]) -> Callable[[Doc], T]:
    """``read(doc)``, computed once for each of the last :data:`KEPT` Docs.

    Every call for the same Doc gets the same object: a caller must not change it (see
    :func:`once_per_doc` for a list each caller may change).
    """
    kept: dict[int, tuple[weakref.ref[Doc], T]] = {}

    @functools.wraps(read)
    def remembered(doc: Doc) -> T:
        entry = kept.get(id(doc))
        if entry is None or entry[0]() is not doc:
            if len(kept) >= KEPT:
                kept.pop(next(iter(kept)))
            entry = kept[id(doc)] = (weakref.ref(doc), read(doc))
        return entry[1]

    return remembered


def once_per_doc(read: Callable[[Doc], Iterable[T]]) -> Callable[[Doc], list[T]]:
    """``read(doc)`` as a list, computed once per Doc (:func:`per_doc`).

    Each call gets its own list, so a caller that changes it changes no one else's.
    """
    answers = per_doc(lambda doc: tuple(read(doc)))

    @functools.wraps(read)
    def remembered(doc: Doc) -> list[T]:
        return list(answers(doc))

    return remembered
