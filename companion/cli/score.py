"""``spotlight score``: score a draft, stdin, or a JSON Lines file of posts."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from tqdm import tqdm

from ..scoring import ScoreError, Scorer
from ..scoring.language import language_note
from ..scoring.parallel import default_processes, score_reports
from ..vocabulary import DIMENSIONS, KINDS, LABEL_NAMES
from .common import CommandError, add_settings_options, settings_from


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "score",
        help="score a draft and show the nudges",
        description="Score a draft: a label, a 0-100 score per dimension, and nudges.",
        epilog='examples:  spotlight score "Thrilled to announce my new book!"\n'
        "           pbpaste | spotlight score --json -\n"
        "           spotlight score --batch posts.jsonl > reports.jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("text", nargs="?", help="the draft, or - to read it from stdin")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--kind", choices=KINDS, help="what the draft is (default: post)")
    parser.add_argument(
        "--batch",
        metavar="FILE",
        help="score a JSON Lines file (- for stdin): one {text, id?, site?, kind?} per line; "
        "writes one JSON report per line, in order",
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="with --batch: write here")
    parser.add_argument(
        "--processes",
        type=int,
        metavar="N",
        help=f"with --batch: scoring processes (default {default_processes()}: the cores, "
        "at most 4; batches under a few hundred posts are scored in one)",
    )
    add_settings_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if (args.text is None) == (args.batch is None):
        raise CommandError(
            'give a draft (or - for stdin), or --batch FILE; e.g. spotlight score "Thanks @ana!"'
        )
    settings = settings_from(args)
    scorer = Scorer.from_settings(settings)
    if args.batch is not None:
        return _run_batch(scorer, args.batch, args.output, settings.model, args.processes)
    text = _read_stdin() if args.text == "-" else args.text
    try:
        report = scorer.score(text, kind=args.kind).to_dict()
    except ScoreError as error:
        raise CommandError(str(error)) from None
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(render(report, text))
    return 0


def _read_stdin() -> str:
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CommandError(f"stdin is not UTF-8 text (byte {error.start})") from None


def _parse_line(number: int, line: str, scorer: Scorer) -> dict[str, Any]:
    """One batch line as ``{id, text, kind}``, or ``{id, error}`` saying what is wrong."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        return {"id": None, "error": f"line {number}: not JSON ({error.msg})"}
    if not isinstance(item, dict):
        return {"id": None, "error": f"line {number}: expected a JSON object"}
    ident = item.get("id")
    if "text" not in item:
        return {"id": ident, "error": f"line {number}: no 'text' field"}
    kind = item.get("kind")
    if kind is not None and kind not in KINDS:
        return {"id": ident, "error": f"line {number}: kind must be one of {', '.join(KINDS)}"}
    try:
        text = scorer.check(item["text"])
    except ScoreError as error:
        return {"id": ident, "error": f"line {number}: {error}"}
    return {"id": ident, "text": text, "kind": kind, "site": item.get("site")}


def _run_batch(
    scorer: Scorer, source: str, output: str | None, model: str, processes: int | None
) -> int:
    try:
        handle: TextIO = sys.stdin if source == "-" else open(source, encoding="utf-8")  # noqa: SIM115
        with handle:
            # Numbered before blank lines are skipped, so an error names the file's own line.
            lines = [(number, line) for number, line in enumerate(handle, 1) if line.strip()]
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"cannot read {source}: {error}") from None
    items = [_parse_line(number, line, scorer) for number, line in lines]
    good = [item for item in items if "error" not in item]
    # Every core, as the importer does: spaCy holds the GIL, so one process uses one core.
    reports = score_reports(
        scorer,
        [item["text"] for item in good],
        [item["kind"] for item in good],
        model=model,
        processes=processes,
    )
    errors = 0
    # No tqdm monitor thread: with a thread running, the pool starts its workers with
    # forkserver instead of fork (see scoring.parallel), and each loads the pipeline again.
    tqdm.monitor_interval = 0
    out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    try:
        with tqdm(total=len(items), unit="post", file=sys.stderr, disable=None) as progress:
            for item in items:
                if "error" in item:
                    errors += 1
                    print(f"spotlight: skipped {item['error']}", file=sys.stderr)
                    record = {"id": item["id"], "error": item["error"]}
                else:
                    record = {"id": item["id"], "site": item["site"], **next(reports)}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                progress.update()
    finally:
        if output:
            out.close()
    print(f"scored {len(items) - errors} of {len(items)} posts", file=sys.stderr)
    return 1 if errors else 0


def _bar(score: int, width: int = 10) -> str:
    filled = round(score / 100 * width)
    return "█" * filled + "·" * (width - filled)


def render(report: dict[str, Any], text: str) -> str:
    """The report as a person reads it in a terminal."""
    label = LABEL_NAMES.get(report["label"], report["label"])
    lines = [f"{label} · overall {report['overall']}/100", ""]
    note = language_note(report.get("language", "en"))
    if note:
        lines[1:1] = [note]
    for dimension in DIMENSIONS:
        score = report["scores"][dimension]
        if score is None:  # the draft shows nothing about this habit either way
            lines.append(f"  {dimension:<10} {'·' * 10} n/a")
        else:
            lines.append(f"  {dimension:<10} {_bar(score)} {score:>3}")
    if report["people"]:
        names = ", ".join(person["text"] for person in report["people"])
        lines += ["", f"People: {names}"]
    lines.append("")
    if not report["nudges"]:
        lines.append("No nudges: nothing to change.")
    utf16 = text.encode("utf-16-le", "surrogatepass")
    for nudge in report["nudges"]:
        lines.append(f"• [{nudge['dimension']}] {nudge['message']}")
        words = [
            utf16[span["start"] * 2 : span["end"] * 2].decode("utf-16-le", "replace")
            for span in nudge["spans"]
        ]
        if words:
            lines.append("    about: " + ", ".join(f"“{word}”" for word in words[:6]))
        if nudge.get("suggestion"):
            lines.append(f"    try: {nudge['suggestion']}")
        lines.append(f"    why: “{nudge['principle']}”")
    return "\n".join(lines)
