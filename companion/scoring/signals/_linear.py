"""A logistic regression read from plain JSON, and the evidence that moved it.

Every learned signal is a linear model over named features: word n-grams, a mention's
letters, and the grammar the rule features already read ("g:brag:achievement"). Each
feature remembers the stretches of the draft it came from, so the words that pushed a
probability up are the words a label can name. The artifacts are JSON written by
``scripts/train`` (weights rounded, keys sorted): no pickle, the same bytes from the same
data, and scoring one draft is a few dictionary look-ups.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
from collections.abc import Callable, Iterable, Mapping
from importlib import resources
from typing import Any

from spacy.tokens import Doc

from ... import lexicon
from ...nlp.per_doc import per_doc
from ...nlp.segments import Draft

# A feature's value and the code-point spans of the draft it was read from.
Spans = tuple[tuple[int, int], ...]
FeatureRow = dict[str, tuple[float, Spans]]

ARTIFACTS = "companion.scoring.signals"
FUNCTION_WORDS = lexicon.words("evidence", "function_words")


@dataclasses.dataclass(frozen=True)
class Reading:
    """A learned signal's answer about one draft or mention.

    Attributes:
        probability: the model's probability, calibrated on the development split.
        evidence: code-point spans of the words that raised it most, in draft order.
        decided: whether the probability clears the signal's chosen threshold.
    """

    probability: float
    evidence: Spans = ()
    decided: bool = False


@dataclasses.dataclass(frozen=True)
class LinearModel:
    """Weights by feature name, an intercept, Platt calibration and a threshold."""

    name: str
    weights: Mapping[str, float]
    bias: float
    calibration: tuple[float, float]
    threshold: float
    # Thresholds by kind of input where one cut does not fit all (person: handle, name).
    thresholds: Mapping[str, float] = dataclasses.field(default_factory=dict)

    def read(self, row: FeatureRow, top: int = 3) -> Reading:
        """The calibrated probability of ``row`` and the spans that raised it most."""
        logit = self.bias
        lifts: dict[Spans, float] = {}
        for name, (value, spans) in row.items():
            weight = self.weights.get(name)
            if weight is None:
                continue
            logit += weight * value
            if spans and not _plain(name):
                lifts[spans] = lifts.get(spans, 0.0) + weight * value
        slope, offset = self.calibration
        probability = _sigmoid(slope * logit + offset)
        # Only what pushed towards "yes" is evidence; sorted for a stable answer.
        raised = sorted(
            (item for item in lifts.items() if item[1] > 0), key=lambda item: (-item[1], item[0])
        )
        evidence = sorted({span for spans, _ in raised[:top] for span in spans})
        return Reading(round(probability, 3), tuple(evidence), probability >= self.threshold)


def _sigmoid(value: float) -> float:
    if value < -40:
        return 0.0
    return 1.0 / (1.0 + math.exp(-value))


class SignalError(RuntimeError):
    """A learned signal's artifact is missing or unreadable; the message says what to do."""


@functools.cache
def load(name: str) -> LinearModel:
    """The artifact ``models/<name>.json``, read once per process.

    Raises:
        SignalError: the file is missing or is not an artifact ``scripts/train`` wrote.
    """
    path = resources.files(ARTIFACTS).joinpath("models", f"{name}.json")
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise SignalError(
            f"learned signal artifact {name}.json cannot be read ({error.__class__.__name__}): "
            "rebuild it with scripts/train --train ../shared/train --eval ../shared/eval"
        ) from None
    return LinearModel(
        name=name,
        weights=data["weights"],
        bias=data["bias"],
        calibration=tuple(data["calibration"]),  # type: ignore[arg-type]
        threshold=data["threshold"],
        thresholds=data.get("thresholds", {}),
    )


@functools.lru_cache(maxsize=65_536)
def _plain(name: str) -> bool:
    """A word n-gram made only of function words or punctuation ("w:a", "w:of the",
    "w:!"): it counts in the probability, but it is not shown as evidence."""
    if not name.startswith("w:"):
        return False
    return all(
        word in FUNCTION_WORDS or not any(char.isalnum() for char in word)
        for word in name[2:].split(" ")
    )


def add(row: FeatureRow, name: str, span: tuple[int, int] | None, value: float = 1.0) -> None:
    """Set feature ``name`` in ``row``, gathering every span it was read from."""
    old_value, spans = row.get(name, (0.0, ()))
    row[name] = (max(old_value, value), spans + ((span,) if span else ()))


# Words that stand for any one of their kind: a mention, a link, a number.
def _word(text: str) -> str:
    lower = text.lower()
    if lower.startswith("@") and len(lower) > 1:
        return "@user"
    if lower.startswith(("http://", "https://", "www.")):
        return "<link>"
    if any(char.isdigit() for char in lower):
        return "<num>"
    return lower


def _words(doc: Doc) -> list[tuple[str, int, int]]:
    return [
        (_word(token.text), token.idx, token.idx + len(token.text))
        for token in doc
        if not token.is_space
    ]


def per_segment(
    draft: Draft, key: str, read: Callable[[Doc], list[tuple[Any, int, int]]]
) -> list[tuple[Any, int, int]]:
    """``read`` of every segment, in draft order, with offsets into the whole draft.

    ``read(segment_doc)`` gives ``(value, start, end)`` items with offsets into the segment;
    they are kept in the segment's memo under ``key``, so an edit reads only the segment it
    touched. A segment is parsed on its own, so its tokens (and their heads) are the draft's.
    """
    found: list[tuple[Any, int, int]] = []
    for items in draft.read_placed(key, read, _shifted):
        found += items
    return found


def _shifted(items: list[tuple[Any, int, int]], start: int) -> tuple[tuple[Any, int, int], ...]:
    return tuple((value, begin + start, end + start) for value, begin, end in items)


def _grams(doc: Doc, draft: Draft | None) -> dict[str, list[tuple[int, int]]]:
    """The draft's word unigrams and bigrams, each with its spans, in order of appearance."""
    if draft is None:
        return _whole_grams(doc)  # a batch has no Draft memo: kept per Doc for both signals
    grams = draft.memo.get("signals.grams")
    if grams is None:
        # the same for every signal that reads words
        grams = draft.memo["signals.grams"] = _count(per_segment(draft, "signals.words", _words))
    return grams


def _count(words: list[tuple[str, int, int]]) -> dict[str, list[tuple[int, int]]]:
    grams: dict[str, list[tuple[int, int]]] = {}
    for index, (word, start, end) in enumerate(words):
        grams.setdefault(word, []).append((start, end))
        if index + 1 < len(words):
            following, _, following_end = words[index + 1]
            grams.setdefault(f"{word} {following}", []).append((start, following_end))
    return grams


@per_doc
def _whole_grams(doc: Doc) -> dict[str, list[tuple[int, int]]]:
    return _count(_words(doc))


def word_ngrams(doc: Doc, row: FeatureRow, prefix: str = "w", draft: Draft | None = None) -> None:
    """Word unigrams and bigrams of ``doc`` (lowercased), each with its span.

    Values are 1/sqrt(n) over the distinct n-grams, so a long post does not outvote a
    short one by length alone. With ``draft`` (``doc`` parsed by segments) each segment's
    words are read once and kept with it; the row is the same either way.
    """
    kept = draft.memo.get(f"signals.row.{prefix}") if draft is not None else None
    if kept is None:
        grams = _grams(doc, draft)
        value = 1.0 / math.sqrt(len(grams)) if grams else 0.0
        kept = {f"{prefix}:{name}": (value, tuple(spans)) for name, spans in grams.items()}
        if draft is not None:
            draft.memo[f"signals.row.{prefix}"] = kept  # the same for every signal reading words
    row.update(kept)


def counts_as(prefix: str, count: int, caps: Iterable[int] = (1, 2, 3)) -> list[str]:
    """Indicator names for "at least k" of a count: ``g:self>=1``, ``g:self>=2``…"""
    return [f"{prefix}>={cap}" for cap in caps if count >= cap]
