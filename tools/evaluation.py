"""Measure the scorer against posts labelled by other people (``scripts/evaluate``).

Development splits in ``../shared/eval`` (never copied into the project), one measure each:

- bragging (Jin et al., ACL 2022), random-sampled tweets: ``self_promotion`` against
  "bragging or not", as macro-F1 (the keyword-sampled half trains the model and is not
  measured here: its cross-validated figure is in docs/model.md);
- Broad Twitter Corpus, section h: the report's people with ``entity == "person"``
  against the PER mentions, @handles included;
- GoEmotions: the credit signal's gratitude and praise decisions against labels 15 and 0.

Each figure is printed beside a naive approach and a bag-of-words logistic regression
trained on the same training data, all with 95% bootstrap intervals, so the scorer earns
its keep only if it beats both.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from companion.scoring import Scorer
from companion.scoring.offsets import Utf16Offsets
from companion.scoring.signals import _linear

from . import baselines
from .corpora import (
    ADMIRATION_LABEL,
    GRATITUDE_LABEL,
    PeopleExample,
    detokenize,
    load_bragging,
    load_emotions,
    load_people,
)
from .metrics import Counts, binary_f1, bootstrap, macro_f1, span_f1

__all__ = [
    "Counts",
    "detokenize",
    "evaluate",
    "format_table",
    "load_bragging",
    "load_people",
    "macro_f1",
    "main",
]

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

Interval = tuple[float, float]


@dataclasses.dataclass(frozen=True)
class Figure:
    """One measure: ours, the naive approach and the bag-of-words baseline, with intervals."""

    name: str
    split: str
    ours: float
    ours_ci: Interval
    naive: float
    naive_ci: Interval
    bow: float | None
    bow_ci: Interval | None
    target: float
    detail: str


def _with_interval(metric, predicted: Sequence[bool], actual: Sequence[bool]):
    predicted = [bool(value) for value in predicted]
    value = metric(predicted, actual)
    interval = bootstrap(
        lambda idx: metric([predicted[i] for i in idx], [actual[i] for i in idx]), len(actual)
    )
    return value, interval


def _counts(predicted: Sequence[bool], actual: Sequence[bool]) -> Counts:
    counts = Counts()
    for guess, truth in zip(predicted, actual, strict=True):
        counts.add(bool(guess), truth)
    return counts


def _bragging(scorer, data, train, bow) -> Figure:
    brags = load_bragging(data / "bragging-random-dev.csv")
    texts, truth = [text for text, _ in brags], [label for _, label in brags]
    ours = [report.self_promotion for report in scorer.score_many(texts)]
    naive = [naive_bragging(text) for text in texts]
    bow_guess = None
    if bow and (data / "bragging-dev.csv").is_file():
        bow_guess = baselines.bragging(load_bragging(data / "bragging-dev.csv"), texts)
    counts = _counts(ours, truth)
    return _figure(
        "bragging macro-F1",
        "bragging-random-dev",
        macro_f1,
        ours,
        naive,
        bow_guess,
        truth,
        0.66,
        f"{len(brags)} tweets; bragging P {counts.precision:.2f} R {counts.recall:.2f}",
    )


def _figure(name, split, metric, ours, naive, bow, truth, target, detail) -> Figure:
    ours_value, ours_ci = _with_interval(metric, ours, truth)
    naive_value, naive_ci = _with_interval(metric, naive, truth)
    bow_value, bow_ci = _with_interval(metric, bow, truth) if bow is not None else (None, None)
    return Figure(
        name, split, ours_value, ours_ci, naive_value, naive_ci, bow_value, bow_ci, target, detail
    )


def _span_items(found: Sequence[set], gold: Sequence[frozenset]) -> list[tuple[int, int, int]]:
    return [(len(f & g), len(f - g), len(g - f)) for f, g in zip(found, gold, strict=True)]


def _span_figure(items) -> tuple[float, Interval]:
    return span_f1(items), bootstrap(lambda idx: span_f1([items[i] for i in idx]), len(items))


def _people(scorer, data, train, bow) -> Figure:
    examples: list[PeopleExample] = load_people(data / "btc-h-dev.conll")
    texts, gold = [e.text for e in examples], [e.people for e in examples]
    ours = [
        {(p.start, p.end) for p in report.people if p.entity == "person"}
        for report in scorer.score_many(texts)
    ]
    naive = list(naive_people(scorer.parser.nlp, texts))
    ours_items, naive_items = _span_items(ours, gold), _span_items(naive, gold)
    bow_value = bow_ci = None
    if bow and train is not None:
        training = [e for s in "abeg" for e in load_people(train / f"btc-{s}-train.conll")]
        kept = baselines.people(scorer.parser.nlp, training, texts, naive)
        bow_value, bow_ci = _span_figure(_span_items(kept, gold))
    ours_value, ours_ci = _span_figure(ours_items)
    naive_value, naive_ci = _span_figure(naive_items)
    pooled = Counts(*(sum(item[k] for item in ours_items) for k in range(3)))
    # The corpus tagged no one-token "@name" handle, person or not: found, each counts as
    # wrong. Leaving them out shows what the scorer gets right on what was annotated.
    annotated = _span_items([f - e.unannotated for f, e in zip(ours, examples, strict=True)], gold)
    return Figure(
        "people F1",
        "btc-h-dev",
        ours_value,
        ours_ci,
        naive_value,
        naive_ci,
        bow_value,
        bow_ci,
        0.85,
        f"{sum(len(g) for g in gold)} mentions; P {pooled.precision:.2f} R {pooled.recall:.2f}; "
        f"annotated handles only F1 {span_f1(annotated):.3f}",
    )


def _emotions(scorer, data, train, bow) -> list[Figure]:
    emotions = load_emotions(data / "goemotions-dev.tsv")
    texts = [text for text, _ in emotions]
    reports = list(scorer.score_many(texts))
    training = load_emotions(train / "goemotions-train.tsv") if bow and train else None
    figures = []
    for name, label, head, naive_guess, target in (
        ("gratitude F1", GRATITUDE_LABEL, "gratitude", naive_gratitude, 0.92),
        ("praise F1", ADMIRATION_LABEL, "praise", naive_praise, 0.65),
    ):
        threshold = _linear.load(head).threshold if scorer.signals else None
        ours = [
            r.features[f"p_{head}"] >= threshold if threshold is not None else r.features[head] > 0
            for r in reports
        ]
        truth = [label in labels for _, labels in emotions]
        bow_guess = None
        if training is not None:
            bow_guess = baselines.emotion(
                [(text, label in labels) for text, labels in training], texts, truth
            )
        counts = _counts(ours, truth)
        figures.append(
            _figure(
                name,
                "goemotions-dev",
                binary_f1,
                ours,
                [naive_guess(t) for t in texts],
                bow_guess,
                truth,
                target,
                f"{len(emotions)} comments; P {counts.precision:.2f} R {counts.recall:.2f}",
            )
        )
    return figures


def evaluate(
    scorer: Scorer,
    data: Path,
    progress: Callable[[str], None] = lambda _: None,
    *,
    train: Path | None = None,
    bow: bool = True,
) -> list[Figure]:
    """Score every development example in ``data``; compare with the labels and baselines.

    ``train`` is the folder of training data the bag-of-words baselines learn from
    (bragging's comes from ``data``); without it they are left out where they need it.
    """
    progress("bragging")
    figures = [_bragging(scorer, data, train, bow)]
    progress("people")
    figures.append(_people(scorer, data, train, bow))
    progress("emotions")
    figures += _emotions(scorer, data, train, bow)
    return figures


def _cell(value: float | None, interval: Interval | None) -> str:
    if value is None or interval is None:
        return f"{'—':^19}"
    return f"{value:.3f} [{interval[0]:.3f}, {interval[1]:.3f}]"


def format_table(figures: Sequence[Figure]) -> str:
    """The figures as a plain-text table: ours, naive, bag-of-words, each with its 95% CI."""
    lines = [
        f"{'measure':<18} {'split':<20} {'ours [95% CI]':<22} {'naive [95% CI]':<22} "
        f"{'bag-of-words [95% CI]':<22} {'target':>6}  detail"
    ]
    for f in figures:
        mark = "ok" if f.ours >= f.target else "below"
        lines.append(
            f"{f.name:<18} {f.split:<20} {_cell(f.ours, f.ours_ci):<22} "
            f"{_cell(f.naive, f.naive_ci):<22} {_cell(f.bow, f.bow_ci):<22} "
            f"{f.target:>4.2f} {mark:<5} {f.detail}"
        )
    return "\n".join(lines)


REQUIRED = ("bragging-random-dev.csv", "btc-h-dev.conll", "goemotions-dev.tsv")


def main(argv: Sequence[str] | None = None) -> int:
    """``scripts/evaluate --data DIR [--train DIR]``: print the table (and JSON with --json)."""
    import argparse
    import json
    import sys
    import time

    from companion.nlp import load_pipeline

    parser = argparse.ArgumentParser(
        prog="scripts/evaluate", description="Measure the scorer against labelled posts."
    )
    parser.add_argument("--data", type=Path, required=True, help="folder with the eval files")
    parser.add_argument(
        "--train", type=Path, help="training data for the baselines (default: DATA/../train)"
    )
    parser.add_argument("--no-bow", action="store_true", help="skip the bag-of-words baselines")
    parser.add_argument("--rules-only", action="store_true", help="the rules without signals")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    missing = [name for name in REQUIRED if not (args.data / name).is_file()]
    if missing:
        print(f"evaluate: {args.data} lacks {', '.join(missing)}", file=sys.stderr)
        return 2
    train = args.train or args.data.parent / "train"
    started = time.perf_counter()
    scorer = Scorer(load_pipeline(), signals=not args.rules_only)
    figures = evaluate(
        scorer,
        args.data,
        lambda name: print(f"scoring {name}…", file=sys.stderr),
        train=train if train.is_dir() else None,
        bow=not args.no_bow,
    )
    print(format_table(figures))
    print(f"({time.perf_counter() - started:.0f} s, model {scorer.model})", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps([dataclasses.asdict(f) for f in figures], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
