"""What a learned signal is: an id, the artifacts it loads, and how it reads a draft."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc

from ...nlp.segments import Draft
from ..features import Features
from . import _linear

# (doc, features, draft) -> {reading name: reading}; ``draft`` is ``doc`` by segments, or
# None (a Doc parsed whole), and the readings are the same either way.
Read = Callable[[Doc, Features, Draft | None], dict[str, Any]]


@dataclasses.dataclass(frozen=True)
class Signal:
    """One learned signal, listed in :mod:`.registry`.

    Attributes:
        id: the signal's name; its module is ``signals/<id>.py``.
        summary: what it estimates, for docs/model.md.
        artifacts: names of the JSON files in ``signals/models`` it reads.
        prepare: loads any other data it reads (a word list of a package), with the
            artifacts.
        read: ``(doc, features, draft) -> {reading name: reading}``, called once per
            draft; what it reads from one segment alone it keeps in the segment's memo
            (:func:`._linear.per_segment`), so an edit re-reads only the segment it touched.
    """

    id: str
    summary: str
    artifacts: tuple[str, ...]
    read: Read
    prepare: Callable[[], None] | None = None

    def load(self) -> None:
        """Read the artifacts now (once per process), not on the first draft."""
        for name in self.artifacts:
            _linear.load(name)
        if self.prepare is not None:
            self.prepare()
