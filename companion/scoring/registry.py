"""The one list of rules. Add a rule: write its module in rules/, then list it here.

Everything that shows rules (the API's keys, the settings toggles, docs/rules.md) reads
this tuple; a test checks that every module in rules/ is listed, documented and tested.
"""

from __future__ import annotations

from .rule import Rule
from .rules import (
    bare_link,
    corporate_speak,
    credit_others,
    hashtag_stuffing,
    invite_responses,
    join_conversation,
    long_sentences,
    make_introductions,
    offer_help,
    personal_voice,
    self_focus,
    self_promotion,
    share_help,
    share_learning,
    shouting,
)

RULES: tuple[Rule, ...] = (
    # spotlight: "propping up the people in your network"
    credit_others.RULE,
    self_promotion.RULE,
    self_focus.RULE,
    # engage: "Listen first"
    invite_responses.RULE,
    join_conversation.RULE,
    # help: "Be helpful"
    share_help.RULE,
    make_introductions.RULE,
    offer_help.RULE,
    # human: "Be the real human (& sometimes flawed) you"
    personal_voice.RULE,
    corporate_speak.RULE,
    hashtag_stuffing.RULE,
    shouting.RULE,
    long_sentences.RULE,
    # learn: "Experiment, learn & change stuff"
    share_learning.RULE,
    # substance: "the link alone is useless"
    bare_link.RULE,
)

RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}


def rules_markdown(spread: str = "") -> str:
    """docs/rules.md, made from this registry (a test keeps the file in step with it).

    ``spread`` is the section :mod:`.spread` writes: how the scores fall over the
    judgement suite.
    """
    lines = [
        "# The rules",
        "",
        "Made from `companion/scoring/registry.py` and the judgement suite by "
        "`python -m companion.scoring.spread tests/judgement/posts.yaml > docs/rules.md`.",
        "Each rule lives in `companion/scoring/rules/<id>.py`; its tests are in "
        "`tests/test_rules.py`.",
        "",
        "| rule | dimension | weight | what it looks for | principle |",
        "|---|---|---|---|---|",
    ]
    for rule in RULES:
        lines.append(
            f"| `{rule.id}` | {rule.dimension} | {rule.weight:g} | {rule.summary} "
            f"| “{rule.principle}” |"
        )
    return "\n".join(lines) + "\n" + spread
