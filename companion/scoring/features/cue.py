"""A Cue: words in the draft that are evidence of something, and whom they are aimed at."""

from __future__ import annotations

import dataclasses

from spacy.tokens import Span, Token


@dataclasses.dataclass(frozen=True)
class Cue:
    """Evidence found in a draft. Offsets are code points into the draft.

    Attributes:
        kind: what sort of evidence, e.g. ``gratitude``, ``achievement``, ``call_to_action``.
        start, end: where the cue words are.
        text: the cue words.
        target: whom it is aimed at or about: ``self``, ``we``, ``reader``, ``person``,
            ``group``, ``thing``, or ``None`` when the parse does not say.
        target_text: the words naming the target, when there are some.
    """

    kind: str
    start: int
    end: int
    text: str
    target: str | None = None
    target_text: str | None = None

    @classmethod
    def of(
        cls,
        kind: str,
        words: Span | Token,
        target: str | None = None,
        target_words: Span | Token | None = None,
    ) -> Cue:
        start = words.idx if isinstance(words, Token) else words.start_char
        end = start + len(words.text)
        return cls(
            kind=kind,
            start=start,
            end=end,
            text=words.text,
            target=target,
            target_text=None if target_words is None else target_words.text,
        )

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)
