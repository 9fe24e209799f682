"""How each dimension's score spreads over a set of posts: the table at the end of docs/rules.md.

A score means something when it moves with the evidence: high where a post shows the habit,
low where it shows the opposite, and not applicable where it shows nothing. Over the
judgement suite (tests/judgement/posts.yaml) this module counts, per dimension, how many
posts were scored and how the scores fall.

    python -m companion.scoring.spread tests/judgement/posts.yaml > docs/rules.md
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..vocabulary import DIMENSIONS, LABELS
from .report import Report


def _quartiles(values: Sequence[int]) -> tuple[float, float, float]:
    if len(values) == 1:
        return values[0], values[0], values[0]
    low, middle, high = statistics.quantiles(values, n=4, method="inclusive")
    return low, middle, high


def distribution_markdown(reports: Iterable[Report]) -> str:
    """The spread of each dimension over ``reports``, as a Markdown section."""
    reports = list(reports)
    lines = [
        "",
        "## How the scores spread",
        "",
        f"Over the {len(reports)} posts of the judgement suite (`tests/judgement/posts.yaml`). "
        "*n/a*: the post shows nothing about the dimension either way; it is `null` in the "
        "report and left out of the overall.",
        "",
        "| dimension | scored | n/a | min | 25% | median | 75% | max | distinct |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for dimension in DIMENSIONS:
        values = sorted(r.scores[dimension] for r in reports if r.scores[dimension] is not None)
        if not values:
            lines.append(f"| {dimension} | 0 | {len(reports)} | – | – | – | – | – | 0 |")
            continue
        low, middle, high = _quartiles(values)
        lines.append(
            f"| {dimension} | {len(values)} | {len(reports) - len(values)} | {values[0]} "
            f"| {low:g} | {middle:g} | {high:g} | {values[-1]} | {len(set(values))} |"
        )
    lines += ["", "| label | posts | mean spotlight | mean overall |", "|---|---|---|---|"]
    for label in LABELS:
        chosen = [r for r in reports if r.label == label]
        if not chosen:
            continue
        spotlight = [r.scores["spotlight"] for r in chosen if r.scores["spotlight"] is not None]
        shown = f"{statistics.mean(spotlight):.0f}" if spotlight else "n/a"
        overall = statistics.mean(r.overall for r in chosen)
        lines.append(f"| {label} | {len(chosen)} | {shown} | {overall:.0f} |")
    return "\n".join(lines) + "\n"


def load_posts(path: Path) -> list[dict]:
    """The posts of a judgement file (YAML: a list of {text, label, group, …})."""
    import yaml  # a dev dependency: only the suite and this command read YAML

    posts = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(posts, list) or not all(isinstance(p, dict) and "text" in p for p in posts):
        raise ValueError(f"{path}: expected a list of posts, each with a text")
    return posts


def main(argv: list[str] | None = None) -> int:
    """Print docs/rules.md: the rules from the registry, then the spread over a suite."""
    from ..nlp import load_pipeline
    from . import Scorer
    from .registry import rules_markdown

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m companion.scoring.spread POSTS.yaml", file=sys.stderr)
        return 2
    posts = load_posts(Path(args[0]))
    scorer = Scorer(load_pipeline())
    reports = [scorer.score(post["text"], kind=post.get("kind")) for post in posts]
    sys.stdout.write(rules_markdown(distribution_markdown(reports)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
