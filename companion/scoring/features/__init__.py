"""Everything the rules need to know about a draft, read from its Doc once.

Each module here answers one question of the rubric (who is it about, does it credit
anyone, does it brag, does it ask, does it help, does it learn, does it sound human);
:func:`extract` asks them all and gathers the answers into a :class:`Features`.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

from spacy.tokens import Doc

from ...nlp.segments import Draft
from . import (
    acknowledgement,
    claims,
    conversation,
    credit,
    focus,
    gratitude,
    helpfulness,
    learning,
    people,
    per_segment,
    praise,
    voice,
)
from .cue import Cue
from .grammar import sentences
from .public_figures import is_public_figure

__all__ = ["Cue", "Features", "extract"]


@dataclasses.dataclass(frozen=True)
class Features:
    """What was found in one draft. Every offset is a code point into ``text``."""

    text: str
    kind: str | None
    words: int
    own_words: int
    sentences: int
    sentence_spans: tuple[tuple[int, int], ...]
    people: tuple[tuple[str, str, int, int], ...]
    self_references: tuple[Cue, ...]
    # of those, the ones that frame someone else: "my brother", "engineers I've worked with"
    self_beside_others: tuple[Cue, ...]
    other_references: tuple[Cue, ...]
    gratitude: tuple[Cue, ...]
    praise: tuple[Cue, ...]
    acknowledgements: tuple[Cue, ...]
    brags: tuple[Cue, ...]
    calls_to_action: tuple[Cue, ...]
    questions: tuple[Cue, ...]
    invitations: tuple[Cue, ...]
    advice: tuple[Cue, ...]
    introductions: tuple[Cue, ...]
    offers: tuple[Cue, ...]
    learning: tuple[Cue, ...]
    links: tuple[Cue, ...]
    hashtags: tuple[Cue, ...]
    shouting: tuple[Cue, ...]
    jargon: tuple[Cue, ...]
    personal_voice: tuple[Cue, ...]
    long_sentences: tuple[Cue, ...]

    @functools.cached_property
    def credit(self) -> tuple[Cue, ...]:
        """Thanks, praise and introductions that lift up someone other than the author."""
        given = [
            cue
            for cue in self.gratitude + self.praise + self.acknowledgements
            if (credit.aimed_at_others(cue, self.kind) or self._beside_a_name(cue))
            and not self._at_public_figure(cue)
            and not self._part_of_a_lesson(cue)
        ]
        return tuple(sorted(given + list(self.introductions), key=lambda cue: cue.start))

    def _sentence(self, offset: int) -> tuple[int, int]:
        return next(((s, e) for s, e in self.sentence_spans if s <= offset < e), (0, 0))

    def _beside_a_name(self, cue: Cue) -> bool:
        """Strong praise of a thing in a sentence that names someone: "Hiroshi's write-up
        is the clearest thing I've read" praises Hiroshi, whom the NER typed a company."""
        if cue.kind != "praise" or cue.target not in {"thing", "work"}:
            return False
        if cue.text.lower() in praise.WEAK_ADMIRING_WORDS:
            return False
        start, end = self._sentence(cue.start)
        return any(start <= s < end for _, _, s, _ in self.people)

    def _part_of_a_lesson(self, cue: Cue) -> bool:
        """ "We lost three of our best engineers before I admitted it": praise or loss told
        inside an admitted mistake is the lesson, not credit (thanks there still count)."""
        if cue.kind not in {"praise", "tribute"}:
            return False
        if any(cue.target_text and text in cue.target_text for text, *_ in self.people):
            return False  # "I was wrong. Priya was right, and she is brilliant" credits her
        start, end = self._sentence(cue.start)
        # A mistake is told over a sentence or two: "I was wrong. We lost three engineers."
        before = max((s for s, e in self.sentence_spans if e <= start), default=start)
        return any(before <= lesson.start < end for lesson in self.learning)

    def _at_public_figure(self, cue: Cue) -> bool:
        """Praise of a celebrity ("Steve Jobs was a genius") is not the spotlight: the
        people named beside the cue are all public figures, or it names one."""
        if cue.target_text and is_public_figure(cue.target_text):
            return True
        start, end = self._sentence(cue.start)
        named = [text for text, kind, s, _ in self.people if start <= s < end and kind == "name"]
        handles = [text for text, kind, s, _ in self.people if start <= s < end and kind != "name"]
        return bool(named) and not handles and all(is_public_figure(name) for name in named)

    @functools.cached_property
    def self_promotion(self) -> tuple[Cue, ...]:
        """Brags and calls to action, in the order they appear."""
        return tuple(sorted(self.brags + self.calls_to_action, key=lambda cue: cue.start))

    def counts(self) -> dict[str, Any]:
        """The integer counts the report's ``features`` object carries."""
        return {
            "gratitude": len(self.gratitude),
            "praise": len(self.praise),
            "credit": len(self.credit),
            "acknowledgements": len(self.acknowledgements),
            "brags": len(self.brags),
            "calls_to_action": len(self.calls_to_action),
            "questions": len(self.questions),
            "invitations": len(self.invitations),
            "advice": len(self.advice),
            "introductions": len(self.introductions),
            "offers": len(self.offers),
            "learning": len(self.learning),
            "self_references": len(self.self_references),
            "other_references": len(self.other_references),
            "people": len(self.people),
            "links": len(self.links),
            "hashtags": len(self.hashtags),
            "shouting": len(self.shouting),
            "jargon": len(self.jargon),
            "personal_voice": len(self.personal_voice),
            "sentences": self.sentences,
            "long_sentences": len(self.long_sentences),
            "own_words": self.own_words,
        }


def extract(doc: Doc, *, kind: str | None = None, draft: Draft | None = None) -> Features:
    """Read every feature the rules use from a parsed draft.

    With ``draft`` (``doc`` parsed by segments, from the draft cache) the readers that look
    inside one segment alone are read per segment and kept in its memo
    (:mod:`.per_segment`); the Features are the same either way.
    """
    local = _per_segment(draft) if draft is not None else _whole(doc)
    return Features(
        text=doc.text,
        kind=kind,
        **local,
        people=tuple(people.find_people(doc)),
        gratitude=tuple(gratitude.gratitude(doc)),
        praise=tuple(praise.praise(doc)),
        acknowledgements=tuple(acknowledgement.acknowledgements(doc)),
        brags=tuple(claims.brags(doc, _brag_candidates(doc, draft))),
        calls_to_action=tuple(claims.calls_to_action(doc)),
        invitations=tuple(conversation.invitations(doc)),
        advice=tuple(helpfulness.advice(doc)),
        introductions=tuple(helpfulness.introductions(doc)),
        offers=tuple(helpfulness.offers(doc)),
        learning=tuple(learning.learning(doc)),
        shouting=tuple(voice.shouting(doc)),
        jargon=tuple(voice.jargon(doc)),
    )


def _words(doc: Doc) -> int:
    return sum(1 for token in doc if any(char.isalnum() for char in token.text))


def _sentences(doc: Doc) -> int:
    return sum(1 for sentence in sentences(doc) if sentence.text.strip())


def _sentence_spans(doc: Doc) -> tuple[tuple[int, int], ...]:
    return tuple((s.start_char, s.end_char) for s in sentences(doc))


def _brag_candidates(doc: Doc, draft: Draft | None) -> list[Cue]:
    """The brag finders' cues; those that look inside one sentence read per segment."""
    if draft is None:
        return claims.candidates(doc)
    found: list[Cue] = []
    for name, find, local in claims.FINDERS:
        found += per_segment.cues(draft, f"brags.{name}", find) if local else find(doc)
    return found


# The readers that look inside one segment alone: each token with a word or two beside it
# (a segment ends at a line break, or at sentence-final punctuation and the space after
# it, so no such neighbour is in another segment), or each sentence (sentences never cross
# segments). The rest read across the draft: names echoed or listed, and a title before a
# name ("Rev. " ends a segment); phrases matched on the whole text ("grew from 3. to 5"
# spans two segments); the share of capitals; the sentence before a praise word; the words
# after thanks or a call to action; a lesson excusing the sentence after it. Of those, the
# ones that walk every token to find the few worth a closer look (praise's words, people's
# handles, greetings, subjects, entities and vocatives) ask which tokens segment by segment
# (:func:`.per_segment.tokens_where`, :func:`.per_segment.token_places`) and read on from
# them across the draft.
_CUE_READERS = {
    "self_references": focus.self_references,
    "self_beside_others": focus.self_beside_others,
    "other_references": focus.other_references,
    "questions": conversation.questions,
    "links": voice.links,
    "hashtags": voice.hashtags,
    "personal_voice": voice.personal_voice,
    "long_sentences": voice.long_sentences,
}
_COUNTS = {"words": _words, "own_words": voice.own_words, "sentences": _sentences}


def _whole(doc: Doc) -> dict[str, Any]:
    return {
        **{name: count(doc) for name, count in _COUNTS.items()},
        "sentence_spans": _sentence_spans(doc),
        **{name: tuple(read(doc)) for name, read in _CUE_READERS.items()},
    }


def _per_segment(draft: Draft) -> dict[str, Any]:
    return {
        **{name: per_segment.total(draft, name, count) for name, count in _COUNTS.items()},
        "sentence_spans": per_segment.spans(draft, "sentence_spans", _sentence_spans),
        **{name: per_segment.cues(draft, name, read) for name, read in _CUE_READERS.items()},
    }
