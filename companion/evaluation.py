"""Measure the scorer against posts labelled by other people (``scripts/evaluate``).

Three sources, development splits in ``../shared/eval`` (never copied into the project):

- bragging (Jin et al., ACL 2022): ``self_promotion`` against "bragging or not";
- Broad Twitter Corpus, section h: ``people`` against the PER mentions, @handles included;
- GoEmotions: ``features.gratitude > 0`` against label 15, ``features.praise > 0`` against 0.

Each figure is printed beside a naive approach, so that a rule earns its keep only if it
beats the obvious. The corpora are pre-tokenized; tokens are joined back into text first,
because the scorer is meant for raw drafts.
"""

from __future__ import annotations

import csv
import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from .scoring import Scorer
from .scoring.offsets import Utf16Offsets

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


@dataclasses.dataclass
class Counts:
    """True positives, false positives and false negatives; precision, recall, F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: bool, actual: bool) -> None:
        self.tp += predicted and actual
        self.fp += predicted and not actual
        self.fn += actual and not predicted

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def macro_f1(predicted: Sequence[bool], actual: Sequence[bool]) -> float:
    """Mean of the F1 of the positive and of the negative class."""
    positive, negative = Counts(), Counts()
    for guess, truth in zip(predicted, actual, strict=True):
        positive.add(guess, truth)
        negative.add(not guess, not truth)
    return (positive.f1 + negative.f1) / 2


# ---- loading the corpora -------------------------------------------------------------


def load_bragging(path: Path) -> list[tuple[str, bool]]:
    """(text, is_bragging) pairs; the label is ``not`` or a bragging type."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [(detokenize(row["text"].split(" "))[0], row["label"] != "not") for row in rows]


@dataclasses.dataclass(frozen=True)
class PeopleExample:
    text: str
    people: frozenset[tuple[int, int]]  # gold PER mentions, UTF-16 offsets


def load_people(path: Path) -> list[PeopleExample]:
    """Tweets with their PER mentions. ``@`` + name (both tagged) is one mention."""
    examples = []
    for sentence in _conll_sentences(path):
        words = [word for word, _ in sentence]
        text, spans = detokenize(words)
        offsets = Utf16Offsets(text)
        mentions: list[tuple[int, int]] = []
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
        examples.append(PeopleExample(text, people))
    return examples


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


# ---- naive approaches, for comparison ----------------------------------------------------

_HANDLE = re.compile(r"@\w+")


def naive_people(nlp, texts: Iterable[str]) -> Iterator[set[tuple[int, int]]]:
    """Raw PERSON entities of the pipeline's NER plus every @handle, nothing of ours."""
    for doc in nlp.pipe(texts, batch_size=64):
        offsets = Utf16Offsets(doc.text)
        spans = {(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"}
        spans |= {match.span() for match in _HANDLE.finditer(doc.text)}
        yield {(offsets(start), offsets(end)) for start, end in spans}


def naive_gratitude(text: str) -> bool:
    return "thank" in text.lower()


_NAIVE_PRAISE = re.compile(r"\b(great|amazing|awesome|love|best)\b", re.I)


def naive_praise(text: str) -> bool:
    return bool(_NAIVE_PRAISE.search(text))


_NAIVE_BRAG = re.compile(r"\b(i|my|me)\b", re.I)
_NAIVE_BRAG_WORDS = re.compile(r"\b(proud|won|new|best|got|finally|first)\b", re.I)


def naive_bragging(text: str) -> bool:
    """First person and a word of achievement anywhere in the post."""
    return bool(_NAIVE_BRAG.search(text) and _NAIVE_BRAG_WORDS.search(text))


# ---- the evaluation ---------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Figure:
    name: str
    ours: float
    naive: float
    target: float
    detail: str


def evaluate(
    scorer: Scorer, data: Path, progress: Callable[[str], None] = lambda _: None
) -> list[Figure]:
    """Score every example in ``data`` and compare with the labels and the naive approach."""
    figures: list[Figure] = []

    progress("bragging")
    brags = load_bragging(data / "bragging-dev.csv")
    truth = [label for _, label in brags]
    ours = [r.self_promotion for r in scorer.score_many(text for text, _ in brags)]
    naive = [naive_bragging(text) for text, _ in brags]
    positive = Counts()
    for guess, actual in zip(ours, truth, strict=True):
        positive.add(guess, actual)
    figures.append(
        Figure(
            "bragging macro-F1",
            macro_f1(ours, truth),
            macro_f1(naive, truth),
            0.65,
            f"{len(brags)} tweets; bragging P {positive.precision:.2f} R {positive.recall:.2f}",
        )
    )

    progress("people")
    examples = load_people(data / "btc-h-dev.conll")
    texts = [example.text for example in examples]
    ours_people, naive_counts = Counts(), Counts()
    for example, report in zip(examples, scorer.score_many(texts), strict=True):
        found = {(person.start, person.end) for person in report.people}
        _count_spans(ours_people, found, example.people)
    for example, found in zip(examples, naive_people(scorer.parser.nlp, texts), strict=True):
        _count_spans(naive_counts, found, example.people)
    figures.append(
        Figure(
            "people F1",
            ours_people.f1,
            naive_counts.f1,
            0.85,
            f"{sum(len(e.people) for e in examples)} mentions; "
            f"P {ours_people.precision:.2f} R {ours_people.recall:.2f} "
            f"(naive P {naive_counts.precision:.2f} R {naive_counts.recall:.2f})",
        )
    )

    progress("emotions")
    emotions = load_emotions(data / "goemotions-dev.tsv")
    reports = list(scorer.score_many(text for text, _ in emotions))
    for name, label, feature, naive_guess, target in (
        ("gratitude F1", GRATITUDE_LABEL, "gratitude", naive_gratitude, 0.93),
        ("praise F1", ADMIRATION_LABEL, "praise", naive_praise, 0.60),
    ):
        ours_counts, naive_counts = Counts(), Counts()
        for (text, labels), report in zip(emotions, reports, strict=True):
            ours_counts.add(report.features[feature] > 0, label in labels)
            naive_counts.add(naive_guess(text), label in labels)
        figures.append(
            Figure(
                name,
                ours_counts.f1,
                naive_counts.f1,
                target,
                f"{len(emotions)} comments; "
                f"P {ours_counts.precision:.2f} R {ours_counts.recall:.2f}",
            )
        )
    return figures


def _count_spans(counts: Counts, found: set, gold: frozenset) -> None:
    counts.tp += len(found & gold)
    counts.fp += len(found - gold)
    counts.fn += len(gold - found)


def format_table(figures: Sequence[Figure]) -> str:
    """The figures as a plain-text table, ours beside the naive approach and the target."""
    lines = [f"{'measure':<20} {'ours':>6} {'naive':>6} {'target':>7}  detail"]
    for figure in figures:
        mark = "ok" if figure.ours >= figure.target else "below"
        lines.append(
            f"{figure.name:<20} {figure.ours:>6.3f} {figure.naive:>6.3f} "
            f"{figure.target:>5.2f} {mark:<5}  {figure.detail}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m companion.evaluation --data DIR``: print the table (and JSON with --json)."""
    import argparse
    import json
    import sys
    import time

    from .nlp import load_pipeline

    parser = argparse.ArgumentParser(
        prog="scripts/evaluate", description="Measure the scorer against labelled posts."
    )
    parser.add_argument("--data", type=Path, required=True, help="folder with the eval files")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    missing = [
        name
        for name in ("bragging-dev.csv", "btc-h-dev.conll", "goemotions-dev.tsv")
        if not (args.data / name).is_file()
    ]
    if missing:
        print(f"evaluate: {args.data} lacks {', '.join(missing)}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    scorer = Scorer(load_pipeline())
    figures = evaluate(scorer, args.data, lambda name: print(f"scoring {name}…", file=sys.stderr))
    print(format_table(figures))
    print(f"({time.perf_counter() - started:.0f} s, model {scorer.model})", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps([dataclasses.asdict(f) for f in figures], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
