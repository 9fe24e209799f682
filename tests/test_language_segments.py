"""The language read segment by segment through the draft cache (issue 15) is the whole
text's, down to langid's confidence: the same n-gram counts meet the same model, edit after
edit, whatever segment came before."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.nlp import DraftParser
from companion.scoring.language import (
    _classify_segments,
    _identifier,
    _tally,
    detect_language,
    draft_language,
)

PIECES = [
    "Vielen Dank an @maria für die Hilfe beim Umzug. ",
    "Estoy orgulloso de anunciar mi nuevo libro.\n",
    "Спасибо всем за помощь с запуском! ",
    "感谢大家对这个项目的帮助和支持。",
    "Huge thanks to @maria and Priya Patel for reviewing the plan! ",
    "Merci beaucoup à toute l'équipe, https://example.com/merci #merci 2024 ",
    "lol\n\n",
    "ok. ",
    "  indented line\n",
]


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(drafts=st.lists(st.lists(st.sampled_from(PIECES), min_size=1, max_size=7), max_size=5))
def test_language_by_segment_is_the_whole_texts(nlp, drafts):
    parser = DraftParser(nlp)  # one cache: segments come back after other segments
    for pieces in drafts:
        text = "".join(pieces)
        draft = parser.parse_draft(text)
        assert draft_language(draft) == detect_language(text), text
        # Below the decision: the probability too, bit for bit.
        words = _tally(text)[0]
        language, confidence = _identifier().classify(words)
        assert _classify_segments(draft) == (language, confidence), text
