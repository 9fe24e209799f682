"""Scores that agree with the label, and an overall made only of what the draft showed.

A dimension no rule spoke to is not applicable (``None``): a thank-you with no link says
nothing about substance, and scoring it 70 anyway made every chart a flat line. The
overall is the weighted mean of the dimensions that were scored. The spotlight score and
the overall are then kept inside the band of the label, so that a post labelled *lifts
others* never shows a spotlight of 30 and one labelled *about you* never an overall of 85.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..vocabulary import DIMENSIONS

# The spotlight is what Spotlight is for; learning is welcome but rarely the point of a post.
DIMENSION_WEIGHTS = {
    "spotlight": 3.0,
    "engage": 1.5,
    "help": 1.5,
    "human": 1.0,
    "learn": 0.5,
    "substance": 1.0,
}
# (lowest, highest) each label allows.
SPOTLIGHT_BANDS = {
    "promotes_others": (70, 100),
    "mixed": (45, 80),
    "self_promotion": (0, 40),
    "neutral": (30, 65),
}
OVERALL_BANDS = {
    "promotes_others": (60, 100),
    "mixed": (40, 85),
    "self_promotion": (0, 55),
    "neutral": (0, 100),
}
# The overall of a draft with words but no evidence on any dimension: the middle.
NO_EVIDENCE = 50


def _clamp(value: int, band: tuple[int, int]) -> int:
    return max(band[0], min(band[1], value))


def fit_to_label(scores: Mapping[str, int | None], label: str) -> dict[str, int | None]:
    """The scores with the spotlight moved into the label's band (left ``None`` if unscored,
    save for a post that lifts others or promotes itself: the label is evidence enough)."""
    fitted = dict(scores)
    spotlight = fitted.get("spotlight")
    band = SPOTLIGHT_BANDS[label]
    if spotlight is not None:
        fitted["spotlight"] = _clamp(spotlight, band)
    elif label != "neutral":
        fitted["spotlight"] = round(sum(band) / 2)
    return fitted


def overall_of(scores: Mapping[str, int | None], label: str) -> int:
    """The weighted mean of the scored dimensions, inside the label's band."""
    scored = [(DIMENSION_WEIGHTS[d], scores[d]) for d in DIMENSIONS if scores.get(d) is not None]
    if not scored:
        return _clamp(NO_EVIDENCE, OVERALL_BANDS[label])
    mean = sum(weight * score for weight, score in scored) / sum(w for w, _ in scored)
    return _clamp(round(mean), OVERALL_BANDS[label])
