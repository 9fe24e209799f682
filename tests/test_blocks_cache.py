"""A WordPress post read as blocks (extension/content/blocks.js joins them with a blank line):
every block boundary is a segment boundary, so the draft cache re-parses only the blocks a
keystroke changed, however long the post (issue 14)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from companion.nlp import DraftParser, split_segments

BLOCKS_JS = Path(__file__).resolve().parents[1] / "extension" / "content" / "blocks.js"


def block_separator() -> str:
    """The separator the extension joins blocks with, read from its source."""
    found = re.search(r'const SEPARATOR = "((?:\\n)+)";', BLOCKS_JS.read_text())
    assert found, "blocks.js no longer declares SEPARATOR as line breaks"
    return found.group(1).replace("\\n", "\n")


# Headings and list items end without punctuation, so only the separator can end them.
BLOCKS = [
    "Three things I learned from the audit",
    "What the tickets knew",
    "Priya had a list of every broken form label from two years of tickets. Jon had "
    "recordings that showed where people got stuck",
    "Small pieces beat the rewrite",
    "forty small changes over six weeks",
    "each reviewed by someone who uses assistive tech every day",
    "> Ask the people closest to the problem",
    "What would you add to this list? Thanks to everyone who reviewed the changes",
] * 12  # about 1,000 words; repeated blocks are cached once


@pytest.fixture
def post() -> list[str]:
    return [f"{block} (part {number})" for number, block in enumerate(BLOCKS)]


def test_blocks_block_boundaries_are_segment_boundaries(post):
    separator = block_separator()
    text = separator.join(post)
    ends, offset = set(), 0
    for segment in split_segments(text):
        offset += len(segment)
        ends.add(offset)
    offset = 0
    for block in post[:-1]:
        offset += len(block) + len(separator)
        assert offset in ends, f"a segment runs across the end of {block!r}"
    assert len(text) in ends


def test_blocks_a_keystroke_reparses_only_its_block(nlp, post):
    separator = block_separator()
    parser = DraftParser(nlp)
    parser.parse(separator.join(post))
    edited = list(post)
    edited[40] += " and Ada"
    before = parser.misses
    parser.parse(separator.join(edited))
    assert parser.misses - before == len(split_segments(edited[40] + separator))


def test_blocks_joined_without_a_break_would_spill_over(post):
    """Why the separator matters: joined by a space, an unpunctuated heading and the block
    after it are one segment, and an edit to either re-parses both."""
    text = " ".join(post)
    first_end = len(post[0]) + 1
    ends, offset = set(), 0
    for segment in split_segments(text):
        offset += len(segment)
        ends.add(offset)
    assert first_end not in ends
