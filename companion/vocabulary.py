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

# What a published item is (docs/importing.md says how each export's items map to these):
#   post     something of one's own, starting a conversation;
#   reply    an answer to someone else's post (replied_to names them when the export does);
#   comment  words under someone else's post or article (LinkedIn, Facebook, Reddit, blogs);
#   thread   a continuation of one's own post (a reply to oneself): not an answer to anyone;
#   article  a long piece of one's own (LinkedIn articles).
# "reply" and "comment" are the answers to others; "thread" and "article" are one's own.
KINDS: tuple[str, ...] = ("post", "reply", "comment", "thread", "article")
ANSWER_KINDS: tuple[str, ...] = ("reply", "comment")

# What a person the user names is: someone, or a brand, outlet, event or company.
ENTITIES: tuple[str, ...] = ("person", "organisation")

# How the history groups time.
BUCKETS: tuple[str, ...] = ("day", "week", "month")
