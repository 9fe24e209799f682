"""The words every part of Spotlight shares: one source for each.

The scorer's labels and dimensions, the kinds of post and the trend buckets are spelled here
once; the scorer, the store's columns, the OpenAPI document and the CLI's choices read them
from here. Importing this module costs nothing (no spaCy), so the CLI and the history can
use it before a pipeline loads.
"""

from __future__ import annotations

from typing import Literal, get_args

Label = Literal["promotes_others", "self_promotion", "mixed", "neutral"]
LABELS: tuple[str, ...] = get_args(Label)

# What the user reads for each label, everywhere: the CLI, the page, the extension's pill.
LABEL_NAMES: dict[str, str] = {
    "promotes_others": "Lifts others",
    "self_promotion": "About you",
    "mixed": "Mixed",
    "neutral": "Neutral",
}

# The six habits of the rubric (DESIGN.md), in the order they are shown.
DIMENSIONS: tuple[str, ...] = ("spotlight", "engage", "help", "human", "learn", "substance")

# What a published item is: a post of one's own, an answer to someone, a comment, a thread
# (a chain of posts), an article (a blog post, written in WordPress's editor or imported).
KINDS: tuple[str, ...] = ("post", "reply", "comment", "thread", "article")

# How the history groups time.
BUCKETS: tuple[str, ...] = ("day", "week", "month")
