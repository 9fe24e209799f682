"""Report.to_dict builds the API's JSON field by field (issue 15): the same dicts, in the
same key order, as the dataclasses.asdict it replaces."""

from __future__ import annotations

import dataclasses
import json

from companion.scoring.report import Nudge, Person, Span


def _asdict_nudge(nudge: Nudge) -> dict:
    data = dataclasses.asdict(nudge)
    data["spans"] = [dataclasses.asdict(span) for span in nudge.spans]
    if nudge.suggestion is None:
        del data["suggestion"]
    return data


def test_report_to_dict_is_what_asdict_gave(scorer):
    text = (
        "Thrilled to announce my new book! Buy it now, link in bio. DM me for a signed copy. "
        "Huge thanks to @maria and Priya Patel for reviewing it, and to Jon for the cover. "
        "We leverage synergies to move the needle #AI #growth #leadership #hiring"
    )
    report = scorer.score(text)
    assert report.nudges and report.people  # both shapes are exercised
    data = report.to_dict()
    assert data["nudges"] == [_asdict_nudge(n) for n in report.nudges]
    assert data["people"] == [dataclasses.asdict(p) for p in report.people]
    expected = [list(_asdict_nudge(n)) for n in report.nudges]
    assert [list(n) for n in data["nudges"]] == expected  # key order, so the JSON text too
    assert [list(p) for p in data["people"]] == [list(dataclasses.asdict(p)) for p in report.people]
    json.dumps(data)


def test_report_nudge_to_dict_keeps_a_suggestion_and_drops_a_missing_one():
    spans = (Span(0, 4), Span(10, 12))
    with_one = Nudge("r", "human", "p", "m", "info", spans, "try this")
    without = Nudge("r", "human", "p", "m", "info", spans)
    assert with_one.to_dict() == _asdict_nudge(with_one) and "suggestion" in with_one.to_dict()
    assert without.to_dict() == _asdict_nudge(without) and "suggestion" not in without.to_dict()
    person = Person("Priya", "name", 3, 8, "organisation")
    assert person.to_dict() == dataclasses.asdict(person)
