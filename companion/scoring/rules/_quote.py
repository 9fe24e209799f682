"""Quoting the draft's own words back in a nudge, short enough to read at a glance."""

from __future__ import annotations

from collections.abc import Iterable

from ... import lexicon
from ..features import Cue, Features

_EVERYONE = lexicon.words("grammar", "everyone")


def quoted(cues: Iterable[Cue], most: int = 3, features: Features | None = None) -> str:
    """``'my new book', 'link in bio'`` — the first few distinct cue texts, quoted."""
    texts = list(
        dict.fromkeys(
            cue_words(features, cue) if features else " ".join(cue.text.split()) for cue in cues
        )
    )
    shown = ", ".join(f"‘{text[:40]}’" for text in texts[:most])
    return shown + (f" and {len(texts) - most} more" if len(texts) > most else "")


def spans(cues: Iterable[Cue]) -> tuple[tuple[int, int], ...]:
    return tuple(cue.span for cue in cues)


def _sentence_of(features: Features, offset: int) -> tuple[int, int]:
    for start, end in features.sentence_spans:
        if start <= offset < end:
            return start, end
    return offset, offset


def credited(features: Features, cues: Iterable[Cue]) -> list[str]:
    """Whom the cues credit, in well-formed words: the people named in their sentences
    ("thanks to @ravi and Elena Novak" credits both), else the group ("the team")."""
    names: list[str] = []
    groups: list[str] = []
    for cue in cues:
        start, end = _sentence_of(features, cue.start)
        if cue.target in {"person", "reader"}:
            found = [text for text, _, s, _ in features.people if start <= s < end]
            named = cue.target_text or ""
            names += found or [text for text, *_ in features.people if text in named]
        elif cue.target == "group" and cue.target_text:
            word = cue.target_text.split()[-1].lower()
            groups.append("everyone" if word in _EVERYONE else f"the {word}")
    handles = [name[1:].lower() for name in names if name.startswith("@")]
    # "@maria_ops … Maria": the name greets the handle's owner, one person.
    names = [
        name
        for name in names
        if name.startswith("@") or not any(h.startswith(name.lower()) for h in handles)
    ]
    return list(dict.fromkeys(names or groups))


def listed(names: list[str], most: int = 4) -> str:
    """ "Marco and Aiyana", "A, B, C and 2 more"."""
    if len(names) > most:
        return ", ".join(names[:most]) + f" and {len(names) - most} more"
    return " and ".join(filter(None, [", ".join(names[:-1]), names[-1]])) if names else ""


def cue_words(features: Features, cue: Cue) -> str:
    """The cue as the author wrote it: "Thank you", not just "Thank"."""
    after = features.text[cue.end : cue.end + 4]
    if cue.text.lower() == "thank" and after.lower().startswith(" you"):
        return cue.text + " you"
    return " ".join(cue.text.split())
