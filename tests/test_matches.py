"""A pattern matched segment by segment through the draft cache finds what a scan of the
whole text finds (issue 15): the same matches, spans, groups and order, edit after edit,
including matches that run from one segment into the next, lookarounds that see across a
segment's end and the end of the text."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.nlp import DraftParser, parse_many
from companion.nlp.matches import SegmentMatch, finditer, read_alone
from companion.scoring.features import (
    acknowledgement,
    claims,
    conversation,
    gratitude,
    helpfulness,
    learning,
    praise,
    promotion,
    voice,
)

# Every pattern the feature readers match on a draft's text.
READERS = [
    acknowledgement.CREDIT_BEFORE_PERSON,
    acknowledgement.CREDIT_AFTER_PERSON,
    acknowledgement.WELCOMING,
    acknowledgement.RECOMMENDING,
    acknowledgement.TRIBUTE,
    claims.NEWS,
    claims.OWN_NEWS,
    claims.HONOUR_IN_THANKS,
    conversation.INVITATIONS,
    gratitude.WELCOME,
    helpfulness.ADVICE,
    helpfulness.INTRODUCTIONS,
    helpfulness.OFFERS,
    learning.LEARNING,
    praise.IDIOMS,
    praise.PRAISING_PHRASES,
    promotion.CALLS_TO_ACTION,
    voice._PRESS,
    voice._RUNS_OF_MARKS,
]
# Patterns that look across a segment's end on purpose: a match over two segments, a
# lookbehind and a lookahead over the space between, lines, runs, the text's end.
ACROSS = [
    re.compile(r"it\.\s+I", re.IGNORECASE),
    re.compile(r"(?<=\. )[A-Z]\w*"),
    re.compile(r"^\w+", re.MULTILINE),
    re.compile(r"\w+$", re.MULTILINE),
    re.compile(r"thanks\s*to", re.IGNORECASE),
    re.compile(r"review\.\s?\w{1,6}"),
    re.compile(r"[a-z]+ [a-z]+ [a-z]+"),
    re.compile(r"\bwe\b.{0,30}\?", re.IGNORECASE),
    re.compile(r"\w+(?= @)"),
    re.compile(r"(\w+) (?:did|won)( it)?"),
    re.compile(r"\S+\s"),
    re.compile(r"\w(?=\s*!)"),  # a run of spaces longer than a scan's margin, then "!"
    re.compile(r"[a-z]+[.!]? [a-z]+"),  # "go. ab" hides "ab cd" from the whole scan
]
PIECES = [
    "Huge thanks to @maria for the review. ",
    "I won the regional award this year!",
    "Thanks to\n",
    "  @maria did it.\n",
    "It. I won!!! ",
    "!!",
    "?? ",
    "review. Thanks ",
    "WE DID IT!!!\n\n",
    "so\nthanks to you all ",
    "Dr. Who? ",
    "x" * 50 + ". ",
    "Let me know   \n",
    "link in bio. ",
    "I was wrong. ",
    "Rest in peace, ",
    "Happy to share my template, just DM me. ",
    "Meet Priya Patel, who rebuilt our onboarding",
    "\n\n",
    "wow\n",
    "go. ",
    "ab cd\n",
    " " * 60 + "!!! ",
]


def _same(pattern: re.Pattern[str], text: str, found) -> None:
    whole = list(pattern.finditer(text))
    assert [m.span() for m in found] == [m.span() for m in whole], (pattern.pattern, text)
    assert [m.group() for m in found] == [m.group() for m in whole]
    groups = range(pattern.groups + 1)
    assert [[m.span(g) for g in groups] for m in found] == [
        [m.span(g) for g in groups] for m in whole
    ]
    assert [[m.group(g) for g in groups] for m in found] == [
        [m.group(g) for g in groups] for m in whole
    ]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(drafts=st.lists(st.lists(st.sampled_from(PIECES), min_size=1, max_size=8), max_size=6))
def test_matches_by_segment_find_what_the_whole_text_finds(nlp, drafts):
    parser = DraftParser(nlp)  # one cache: segments come back at other places, other contexts
    for pieces in drafts:
        text = "".join(pieces)
        doc = parser.parse_draft(text).doc
        for pattern in READERS + ACROSS:
            _same(pattern, text, finditer(pattern, doc))


def test_matches_an_edit_scans_only_the_segments_it_touched(nlp):
    parser = DraftParser(nlp)
    first = "Let me know what you think. I was wrong about it. We tried again"
    draft = parser.parse_draft(first)
    finditer(learning.LEARNING, draft.doc)
    kept = [dict(segment.memo["nlp.matches"]) for segment in draft.segments]
    edited = parser.parse_draft(first + " today")
    found = finditer(learning.LEARNING, edited.doc)
    _same(learning.LEARNING, first + " today", found)
    assert all(isinstance(match, SegmentMatch) for match in found)  # read by segment
    for before, segment in zip(kept, edited.segments[:-1], strict=False):
        key = next(iter(before))
        assert segment.memo["nlp.matches"][key] is before[key]  # not scanned again


def test_matches_across_segments_fall_back_to_the_whole_text(nlp):
    """ "It. " and "I won" are two segments; a match over both is found as the whole scan
    finds it, and the next segment's own matches are not found twice."""
    text = "It. I won it. I won"
    doc = DraftParser(nlp).parse_draft(text).doc
    pattern = re.compile(r"it\.\s+I", re.IGNORECASE)
    _same(pattern, text, finditer(pattern, doc))
    assert [m.span() for m in finditer(pattern, doc)] == [(0, 5), (10, 15)]


def test_matches_kept_from_a_whole_scan_hold_for_the_segment_alone(nlp):
    """A draft of mostly new segments is scanned whole and each segment keeps what the scan
    found in it, save one that a match of the segment before ran into: there the whole scan
    hid what the segment holds ("go. ab" hides "ab cd")."""
    parser = DraftParser(nlp)
    pattern = re.compile(r"[a-z]+[.!]? [a-z]+")
    for text in ["One. Two? go. ab cd", "Hi!\nab cd"]:
        _same(pattern, text, finditer(pattern, parser.parse_draft(text).doc))


@pytest.mark.parametrize("text", ["", "One line only", "Thanks to @maria!"])
def test_matches_of_a_doc_not_joined_are_the_whole_scan(nlp, text):
    doc = nlp(text)
    _same(praise.PRAISING_PHRASES, text, finditer(praise.PRAISING_PHRASES, doc))


def test_matches_of_a_doc_read_alone_are_the_whole_scan_and_kept_nowhere(nlp):
    """A batch's Doc (read_alone) is matched whole: the same matches, once per pattern, and
    nothing goes into its segments' memos, which no later draft reads (issue 15)."""
    text = "Let me know what you think. I was wrong about it.\nWe tried again. Thanks to @maria!"
    (doc,) = parse_many(nlp, [text])
    assert len(doc.segments) > 2
    assert read_alone(doc) is doc
    for pattern in READERS + ACROSS:
        found = finditer(pattern, doc)
        _same(pattern, text, found)
        assert finditer(pattern, doc) is found  # matched once per Doc and pattern
    assert not any("nlp.matches" in segment.memo for segment in doc.segments)
    (unmarked,) = parse_many(nlp, [text])
    finditer(learning.LEARNING, unmarked)
    assert all("nlp.matches" in segment.memo for segment in unmarked.segments)
    assert read_alone(nlp("One line")).text == "One line"  # a Doc not joined: nothing to mark


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    # long enough that an edit reads segment by segment (few new segments among many)
    pieces=st.lists(st.sampled_from(PIECES), min_size=12, max_size=24),
    typed=st.lists(st.sampled_from(PIECES), min_size=1, max_size=3),
    cut=st.integers(0, 30),
)
def test_matches_typed_drafts_start_from_the_draft_before(nlp, pieces, typed, cut):
    """A draft typed on from the one before (its head's matches taken from that draft,
    issue 15) finds what the whole text finds, character after character, and after the
    end is cut back or another piece is pasted."""
    parser = DraftParser(nlp)
    head = "".join(pieces)
    tail = "".join(typed)
    texts = [head + tail[:n] for n in range(0, len(tail) + 1, 3)]
    texts += [texts[-1][: max(0, len(texts[-1]) - cut)], head + tail + "".join(pieces[:2])]
    for text in texts:
        doc = parser.parse_draft(text).doc
        for pattern in READERS + ACROSS:
            _same(pattern, text, finditer(pattern, doc))


def test_matches_an_edit_takes_the_head_from_the_draft_before(nlp):
    """The matches in the segments an edit left alone are the draft before's, not found
    or placed again; the edited segment is scanned."""
    parser = DraftParser(nlp)
    first = "Let me know what you think. " + " ".join(
        f"We shipped part {number} of the plan." for number in range(16)
    )
    first += " We tried again and let me know"
    finditer(conversation.INVITATIONS, parser.parse_draft(first).doc)  # new: matched whole
    before = finditer(conversation.INVITATIONS, parser.parse_draft(first + " s").doc)
    edited = first + " soon"
    found = finditer(conversation.INVITATIONS, parser.parse_draft(edited).doc)
    _same(conversation.INVITATIONS, edited, found)
    assert found[0] is before[0]  # "Let me know", in the first segment: taken as it was
    assert found[-1] is not before[-1]  # the last segment's, scanned again


@pytest.mark.parametrize(
    ("typed", "pattern"),
    [
        ("go. ab cd", re.compile(r"[a-z]+[.!]? [a-z]+")),  # runs on from "go. " into "ab"
        ("It. I won", re.compile(r"it\.\s+I", re.IGNORECASE)),
        ("review. Thanks to", re.compile(r"review\.\s?\w{1,6}")),
    ],
)
def test_matches_a_head_segment_the_edit_reaches_is_read_again(nlp, typed, pattern):
    """A segment before the edit whose matches can see what was typed after it (a match
    running on into it) is not taken from the draft before: its text around it changed."""
    parser = DraftParser(nlp)
    head = " ".join(f"We shipped part {number} of the plan." for number in range(16)) + " "
    for end in range(len(typed) + 1):
        text = head + typed[:end]
        _same(pattern, text, finditer(pattern, parser.parse_draft(text).doc))
