"""Which language a draft is in: Spotlight's rules read English, so they only coach English.

py3langid (langid.py's maintained fork, BSD; its model ships inside the package) names the
language, among the 31 most written on the supported sites. Handles, links and hashtags
are left out first (they are names, not language). A short or uncertain Latin-script text
counts as English: a wrong "not English" would silence the coach on an English post,
which is worse than coaching a rare foreign one. On the English development splits
(9,470 tweets and comments) 15 come out as another language, half of them rightly.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import numpy
from spacy.tokens import Doc

from ..nlp.segments import Draft

ENGLISH = "en"
LANGUAGES = ("en de fr es it pt nl sv da no fi pl cs ru uk tr ar he fa hi bn ja ko zh id ms "
             "vi th el hu ro").split()  # fmt: skip
MIN_LETTERS = 30  # Latin script: below this langid guesses ("So many questions" is Catalan)
MIN_CONFIDENCE = 0.99
_NOT_WORDS = re.compile(r"https?://\S+|www\.\S+|[@#][\w.]+|:[a-z_]+:|\d+")


@functools.cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
    identifier.set_languages(LANGUAGES)
    return identifier


def load() -> None:
    """Read the model now (about a second of CPU): a parent does it once before it forks
    its workers, which then share it instead of each reading it on its first draft."""
    _identifier()


def detect_language(text: str) -> str:
    """The text's language as an ISO 639-1 code; ``en`` when it is English, short or
    uncertain."""
    words, letters, other_script = _tally(text)
    return _decide(letters, other_script, lambda: _identifier().classify(words))


def draft_language(draft: Draft) -> str:
    """:func:`detect_language` of a parsed draft's text, read segment by segment.

    What the detector counts adds up over the segments: the words left out never cross a
    segment's end (a segment ends in a space or a line break, they hold none), nor do the
    letters; the byte n-grams langid counts do, so each segment's counts are kept by the
    state langid's automaton is in where the segment starts (the previous segment's
    end). An edit then reads only the segment it touched, and the answer is the one the
    whole text gets, bit for bit: the same counts meet the same model.
    """
    letters = other_script = 0
    for _, (_, segment_letters, segment_other) in draft.read_each("language.tally", _doc_tally):
        letters += segment_letters
        other_script += segment_other
    return _decide(letters, other_script, lambda: _classify_segments(draft))


def _tally(text: str) -> tuple[str, int, int]:
    """The text without handles, links, hashtags and numbers, its letters and how many of
    them are beyond the Latin script (CJK, Cyrillic, …)."""
    words = _NOT_WORDS.sub(" ", text)
    letters = [ch for ch in words if ch.isalpha()]
    return words, len(letters), sum(ord(ch) > 0x24F for ch in letters)


def _doc_tally(doc: Doc) -> tuple[str, int, int]:
    return _tally(doc.text)


def _decide(letters: int, other_script: int, classify: Callable[[], tuple[str, float]]) -> str:
    if other_script * 2 > letters >= 4:
        language, confidence = classify()
        return language if confidence >= 0.9 else ENGLISH
    if letters < MIN_LETTERS:
        return ENGLISH
    language, confidence = classify()
    return language if language != ENGLISH and confidence >= MIN_CONFIDENCE else ENGLISH


def _classify_segments(draft: Draft) -> tuple[str, float]:
    """``classify`` of the draft's words, its n-gram counts gathered segment by segment."""
    identifier = _identifier()
    state, found = 0, []
    for segment in draft.segments:
        words = segment.memo["language.tally"][0]
        runs = segment.memo.setdefault("language.ngrams", {})
        run = runs.get(state)
        if run is None:
            run = runs[state] = _ngrams(identifier, words.encode("utf8", "surrogatepass"), state)
        state, indexes = run
        found.append(indexes)
    counts = numpy.bincount(numpy.concatenate(found), minlength=identifier.nb_numfeats)
    # instance2fv's vector: each n-gram's count, in its datatype (uint16)
    probabilities = identifier.norm_probs(identifier.nb_classprobs(counts.astype("uint16")))
    best = numpy.argmax(probabilities)
    return identifier.nb_classes[best], probabilities[best]


def _ngrams(identifier, data: bytes, state: int) -> tuple[int, numpy.ndarray]:
    """langid's automaton run over ``data`` from ``state``: where it ends and the index of
    every n-gram feature it passed (instance2fv's loop)."""
    nextmove, output = identifier.tk_nextmove, identifier.tk_output
    indexes: list[int] = []
    for letter in data:
        state = nextmove[(state << 8) + letter]
        indexes.extend(output.get(state, []))
    return state, numpy.array(indexes, dtype=numpy.intp)


NAMES = dict(zip(LANGUAGES, (
    "English German French Spanish Italian Portuguese Dutch Swedish Danish Norwegian Finnish "
    "Polish Czech Russian Ukrainian Turkish Arabic Hebrew Persian Hindi Bengali Japanese "
    "Korean Chinese Indonesian Malay Vietnamese Thai Greek Hungarian Romanian"
).split(), strict=True))  # fmt: skip


def language_note(language: str, *, counted: bool = False) -> str | None:
    """What the user reads about a draft in another language (None for English)."""
    if language == ENGLISH:
        return None
    ratio = "it counts in your give ratio" if counted else "it is not counted in your give ratio"
    return (
        f"Spotlight coaches English; this reads as {NAMES.get(language, language)}, so it "
        f"gets no nudges and {ratio}."
    )
