"""The attribute lookup annotates every token exactly as the stock attribute ruler does."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from companion.nlp import PREFERRED_MODELS
from companion.nlp.attributes import AttributeLookup, UnsupportedPattern, use_lookup

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
# Sentences that reach the ruler's rarer patterns: multi-word ones (gonna, gotta, let's,
# c'mon, y'all, ain't), the dependency ones (there is/are, "but" as an adverb), spaces.
SENTENCES = [
    "I ain't gonna do it, y'all. Let's go, c'mon! We gotta win.",
    "There is a cat and there are dogs; there was one and there were two.",
    "But he left, but not really. All but one stayed.",
    "He gets it. She got it. I'm not sure it isn't, aren't you?",
    "Thanks to @maria for #Leadership https://example.com 🎉\n\n  New line.\tTab.",
    "I was wrong: we tried three designs, and what I learned is that trust beats tracking.",
    "Y all come back now, ya hear? Gon na be fine. Got ta go.",
]


def _load(name: str | None = None):
    for candidate in (name,) if name else PREFERRED_MODELS:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    pytest.fail("no English pipeline installed")


def _annotations(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


@pytest.fixture(scope="module")
def pipelines():
    stock, fast = _load(), _load()
    assert use_lookup(fast)
    return stock, fast


def test_attributes_same_annotations_as_the_stock_ruler(pipelines):
    stock, fast = pipelines
    texts = SENTENCES + [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    assert len(texts) > len(SENTENCES), "the seed essays are read too"
    tokens = 0
    for ours, theirs in zip(fast.pipe(texts), stock.pipe(texts), strict=True):
        assert _annotations(ours) == _annotations(theirs)
        tokens += len(ours)
    assert tokens > 1500


def test_attributes_the_companions_pipeline_uses_the_lookup(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler"), AttributeLookup)
    assert nlp("Let's go")[0].lemma_ == "let"


def test_attributes_unsupported_pattern_keeps_the_stock_ruler():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TEXT": {"FUZZY": "spotlight"}}]], {"LEMMA": "x"})
    with pytest.raises(UnsupportedPattern):
        AttributeLookup(ruler)
    assert use_lookup(nlp) is False
    assert nlp.pipe_names == ["attribute_ruler"]
