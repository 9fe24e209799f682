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


def detect_language(text: str) -> str:
    """The text's language as an ISO 639-1 code; ``en`` when it is English, short or
    uncertain."""
    words = _NOT_WORDS.sub(" ", text)
    letters = [ch for ch in words if ch.isalpha()]
    other_script = sum(ord(ch) > 0x24F for ch in letters)  # beyond Latin: CJK, Cyrillic, …
    if other_script * 2 > len(letters) >= 4:
        language, confidence = _identifier().classify(words)
        return language if confidence >= 0.9 else ENGLISH
    if len(letters) < MIN_LETTERS:
        return ENGLISH
    language, confidence = _identifier().classify(words)
    return language if language != ENGLISH and confidence >= MIN_CONFIDENCE else ENGLISH


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
