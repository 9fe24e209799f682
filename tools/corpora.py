"""Reading the labelled corpora of ../shared (never copied into the project).

The corpora are pre-tokenized; tokens are joined back into text first, because the
scorer is meant for raw drafts.
"""

from __future__ import annotations

import csv
import dataclasses
from collections.abc import Iterator, Sequence
from pathlib import Path

from companion.scoring.offsets import Utf16Offsets

GRATITUDE_LABEL = "15"
ADMIRATION_LABEL = "0"

# Tokens that attach to the word before them once the text is joined back.
_CLITICS = {"n't", "'s", "'m", "'re", "'ve", "'d", "'ll", "’s", "’m", "’re", "’ve", "’d", "’ll"}
_CLOSING = set(".,!?;:%)]}…”’") | {"...", "''"}
_OPENING = set("([{“‘$#") | {"``"}


def detokenize(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join pre-tokenized words back into text, returning each token's character span.

    ``["I", "do", "n't", "know", "."]`` becomes ``"I don't know."``; a lone ``@`` joins
    the name after it (``@``, ``maria`` → ``@maria``), as in the tweet it came from.
    """
    text = ""
    spans: list[tuple[int, int]] = []
    glue_next = True
    for token in tokens:
        attach = (
            glue_next
            or token.lower() in _CLITICS
            or (token in _CLOSING or all(char in _CLOSING for char in token))
        )
        if not attach:
            text += " "
        spans.append((len(text), len(text) + len(token)))
        text += token
        glue_next = token == "@" or token in _OPENING
    return text, spans


def load_bragging(path: Path) -> list[tuple[str, bool]]:
    """(text, is_bragging) pairs; the label is ``not`` or a bragging type."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [(detokenize(row["text"].split(" "))[0], row["label"] != "not") for row in rows]


@dataclasses.dataclass(frozen=True)
class PeopleExample:
    text: str
    people: frozenset[tuple[int, int]]  # gold PER mentions, UTF-16 offsets
    # UTF-16 spans of tokens tagged ORG or LOC: mentions the annotators saw and called no one
    others: frozenset[tuple[int, int]] = frozenset()
    # @handles the corpus kept as one token ("@name" rather than "@", "name"): it tagged
    # none of them, person or not (254 of 1,433 handles in section h), so they say nothing.
    unannotated: frozenset[tuple[int, int]] = frozenset()


def load_people(path: Path, *, tag_bare_at: bool = False) -> list[PeopleExample]:
    """Tweets with their PER mentions. ``@`` + name (both tagged) is one mention.

    ``tag_bare_at`` reads section B's convention (the name after an ``@`` tagged, the ``@``
    not) as the other sections': the handle is the mention. Used for training only; the
    development split is read as published.
    """
    examples = []
    for sentence in _conll_sentences(path):
        if tag_bare_at:
            sentence = _with_tagged_at(sentence)
        words = [word for word, _ in sentence]
        text, spans = detokenize(words)
        offsets = Utf16Offsets(text)
        mentions: list[tuple[int, int]] = []
        others = frozenset(
            (offsets(start), offsets(end))
            for (_, tag), (start, end) in zip(sentence, spans, strict=True)
            if tag[2:] in {"ORG", "LOC"}
        )
        unannotated = frozenset(
            (offsets(start), offsets(end))
            for (word, tag), (start, end) in zip(sentence, spans, strict=True)
            if word.startswith("@") and len(word) > 1 and tag == "O"
        )
        previous = "O"
        for (word, tag), (start, end) in zip(sentence, spans, strict=True):
            inside = tag.endswith("PER")
            continues = inside and (tag.startswith("I-") or previous == "@") and mentions
            if inside and continues and previous != "O":
                mentions[-1] = (mentions[-1][0], end)
            elif inside:
                mentions.append((start, end))
            previous = ("@" if word == "@" else tag) if inside else "O"
        people = frozenset((offsets(start), offsets(end)) for start, end in mentions)
        examples.append(PeopleExample(text, people, others, unannotated))
    return examples


def _with_tagged_at(sentence: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """An untagged ``@`` before a tagged name takes the name's tag: ``@`` O, x B-PER → both."""
    fixed = list(sentence)
    for index, ((word, tag), following) in enumerate(zip(sentence, sentence[1:], strict=False)):
        if word == "@" and tag == "O" and following[1].startswith("B-"):
            fixed[index] = (word, following[1])
    return fixed


def _conll_sentences(path: Path) -> Iterator[list[tuple[str, str]]]:
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if sentence:
                yield sentence
            sentence = []
            continue
        word, _, tag = line.rpartition("\t") if "\t" in line else line.rpartition(" ")
        sentence.append((word, tag.strip()))
    if sentence:
        yield sentence


def load_emotions(path: Path) -> list[tuple[str, set[str]]]:
    """(comment, label ids) pairs from GoEmotions' TSV."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text, labels, _ = line.split("\t")
        rows.append((text, set(labels.split(","))))
    return rows
