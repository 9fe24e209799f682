"""What a learned signal is: an id, the artifacts it loads, and how it reads a draft."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc

from ..features import Features
from . import _linear


@dataclasses.dataclass(frozen=True)
class Signal:
    """One learned signal, listed in :mod:`.registry`.

    Attributes:
        id: the signal's name; its module is ``signals/<id>.py``.
        summary: what it estimates, for docs/model.md.
        artifacts: names of the JSON files in ``signals/models`` it reads.
        read: ``(doc, features) -> {reading name: reading}``, called once per draft.
    """

    id: str
    summary: str
    artifacts: tuple[str, ...]
    read: Callable[[Doc, Features], dict[str, Any]]

    def load(self) -> None:
        """Read the artifacts now (once per process), not on the first draft."""
        for name in self.artifacts:
            _linear.load(name)
