"""The evaluation script's own parts: joining tokens, reading the corpora, the metrics."""

from __future__ import annotations

import pytest

from tools.evaluation import (
    Counts,
    detokenize,
    evaluate,
    format_table,
    load_bragging,
    load_people,
    macro_f1,
    main,
)
from tools.metrics import bootstrap


@pytest.mark.parametrize(
    ("tokens", "text"),
    [
        (["I", "do", "n't", "know", "."], "I don't know."),
        (["@", "maria", "is", "here", "!"], "@maria is here!"),
        (["it", "'s", "(", "fine", ")", "..."], "it's (fine)..."),
        (["#", "tag", "and", "$", "5"], "#tag and $5"),
    ],
)
def test_evaluation_detokenize(tokens, text):
    joined, spans = detokenize(tokens)
    assert joined == text
    assert [joined[s:e] for s, e in spans] == tokens


def test_evaluation_counts_and_macro_f1():
    counts = Counts(tp=3, fp=1, fn=2)
    assert counts.precision == 0.75 and counts.recall == 0.6
    assert round(counts.f1, 4) == round(2 * 0.75 * 0.6 / 1.35, 4)
    assert Counts().f1 == 0.0
    assert macro_f1([True, False, False, True], [True, False, True, False]) == 0.5


CONLL = """@\tB-PER
maria\tB-PER
and\tO
Priya\tB-PER
Shah\tI-PER
met\tO
@\tB-ORG
acme\tB-ORG

Luke\tB-PER
Hemmings\tI-PER
Calum\tI-PER
🎉\tO
Ashton\tB-PER
"""


def _write_eval(folder):
    folder.mkdir()
    (folder / "btc-h-dev.conll").write_text(CONLL, encoding="utf-8")
    (folder / "bragging-random-dev.csv").write_text(
        "id,text,label\n1,I won the award today !,achievement\n2,the bus is late,not\n"
        '3,"Thanks to @USER for the help , I do n\'t deserve it",not\n',
        encoding="utf-8",
    )
    (folder / "goemotions-dev.tsv").write_text(
        "Thank you so much!\t15\ta\nWhat an amazing goal by [NAME]\t0\tb\nThe bus is late\t27\tc\n",
        encoding="utf-8",
    )


def test_evaluation_reads_people_as_mentions(tmp_path):
    _write_eval(tmp_path / "eval")
    first, second = load_people(tmp_path / "eval" / "btc-h-dev.conll")
    assert first.text == "@maria and Priya Shah met @acme"
    assert sorted(first.text[s:e] for s, e in first.people) == ["@maria", "Priya Shah"]
    assert second.text == "Luke Hemmings Calum 🎉 Ashton"
    # Offsets are UTF-16, like the scorer's: the emoji counts two.
    assert sorted(second.people) == [(0, 19), (23, 29)]


SECTION_B = """@\tO
maria\tB-PER
and\tO
@\tO
bob\tO
met\tO
@\tB-ORG
acme\tB-ORG
"""


def test_evaluation_reads_section_b_handles_as_tagged_only_when_training(tmp_path):
    """Section B tags the name after an @ but not the @ (issue 15): read for training, the
    handle is the mention, as in the other sections; an untagged handle stays untagged."""
    path = tmp_path / "btc-b-train.conll"
    path.write_text(SECTION_B, encoding="utf-8")
    (published,) = load_people(path)
    (training,) = load_people(path, tag_bare_at=True)
    assert training.text == published.text == "@maria and @bob met @acme"
    assert [published.text[s:e] for s, e in published.people] == ["maria"]
    assert [training.text[s:e] for s, e in training.people] == ["@maria"]
    assert sorted(training.text[s:e] for s, e in training.others) == ["@", "acme"]


def test_evaluation_reads_bragging_labels(tmp_path):
    _write_eval(tmp_path / "eval")
    rows = load_bragging(tmp_path / "eval" / "bragging-random-dev.csv")
    assert rows[0] == ("I won the award today!", True)
    assert rows[2] == ("Thanks to @USER for the help, I don't deserve it", False)


def test_evaluation_runs_end_to_end_on_a_small_set(tmp_path, scorer, capsys):
    _write_eval(tmp_path / "eval")
    figures = {figure.name: figure for figure in evaluate(scorer, tmp_path / "eval")}
    assert set(figures) == {"bragging macro-F1", "people F1", "gratitude F1", "praise F1"}
    assert figures["bragging macro-F1"].ours == 1.0
    assert figures["gratitude F1"].ours == 1.0
    # Without training data there is no bag-of-words baseline to print.
    assert figures["people F1"].bow is None
    low, high = figures["people F1"].ours_ci
    assert 0.0 <= low <= figures["people F1"].ours <= high <= 1.0
    table = format_table(list(figures.values()))
    assert table.splitlines()[0].split()[:3] == ["measure", "split", "ours"]
    assert "—" in table


def test_evaluation_bootstrap_is_seeded_and_brackets_the_value():
    values = [True] * 30 + [False] * 70
    first = bootstrap(lambda idx: sum(values[i] for i in idx) / len(idx), len(values))
    assert first == bootstrap(lambda idx: sum(values[i] for i in idx) / len(idx), len(values))
    assert first[0] < 0.3 < first[1]
    assert bootstrap(lambda idx: 1.0, 0) == (0.0, 0.0)


def test_evaluation_main_says_what_is_missing(tmp_path, capsys):
    assert main(["--data", str(tmp_path)]) == 2
    assert "lacks bragging-random-dev.csv" in capsys.readouterr().err
