"""Learning and change: "Experiment, learn & change stuff… being permanently beta"."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from ... import lexicon
from ...nlp.matches import finditer
from .cue import Cue
from .per_doc import once_per_doc

LEARNING = lexicon.pattern("learning", "learning", end="")


@once_per_doc  # asked again by other features of the same draft
def learning(doc: Doc) -> Iterator[Cue]:
    """Admissions of mistakes, experiments and lessons learned."""
    for match in finditer(LEARNING, doc):
        yield Cue("learning", match.start(), match.end(), match.group(), "self")
