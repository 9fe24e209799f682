"""Each rule against real sentences: what it must flag, praise, or leave alone.

Outcomes: ``nudge`` — the rule gives advice to act on (a suggestion or a warning);
``good`` — the rule scores its dimension 70 or more and asks nothing; ``silent`` — the rule
has nothing to say about this draft.
"""

from __future__ import annotations

import pytest

from companion.scoring.features import extract
from companion.scoring.registry import RULES_BY_ID

CASES = {
    "credit_others": [
        ("Thanks to @maria for the review of my draft.", None, "good"),
        ("I'm so proud of @maria for leading the launch", None, "good"),
        ("Congratulations to Priya for leading the launch!", None, "good"),
        ("Priya led the launch and I couldn't be prouder.", None, "good"),
        ("Proud of my team for shipping this in six weeks.", None, "good"),
        ("Meet @ana.lee, the best designer I know.", None, "good"),
        ("Thank you so much, Ana!", None, "good"),
        ("Shout-out to Aisha for the brilliant talk on accessibility.", None, "good"),
        ("The talk by Priya was brilliant.", None, "good"),
        ("Well done, Sam!", None, "good"),
        ("Priya has been a role model for every engineer here.", None, "good"),
        ("Hats off to the whole support team this week.", None, "good"),
        ("Loved Obama's speech", None, "silent"),
        ("Thanks to the rain, the launch moved indoors.", None, "silent"),
        ("I'm grateful to everyone who supported me along the way.", None, "good"),
        ("I really appreciate your help with the launch.", None, "good"),
        ("I'm grateful for this opportunity.", None, "silent"),
        ("I'm proud to announce my new book.", None, "silent"),
        ("No thanks, I'll pass.", None, "silent"),
    ],
    "self_promotion": [
        ("Thrilled to announce my new book! Link in bio.", None, "nudge"),
        ("Excited to share that I've joined Acme as VP of Sales!", None, "nudge"),
        ("I won the regional sales award this year.", None, "nudge"),
        ("I was promoted to director today.", None, "nudge"),
        ("Use my code SPOT20 for 20% off. Sign up today!", None, "nudge"),
        ("I'm so proud of @maria for leading the launch", None, "silent"),
        ("Priya won the regional sales award this year.", None, "silent"),
        ("Did I win? No idea yet.", None, "silent"),
        ("If I win, I'll buy everyone lunch.", None, "silent"),
        ("I got home late and slept.", None, "silent"),
    ],
    "self_focus": [
        ("I think I need a break. I keep working late and I skip my runs.", None, "nudge"),
        ("You and your team did the hard part; I only watched.", None, "good"),
        ("The weather is nice today.", None, "silent"),
    ],
    "invite_responses": [
        (
            "Remote work changed how our team writes. We now start every project with a "
            "one-page memo that anyone can comment on, and meetings got shorter and fewer. "
            "It took a quarter to stick.",
            None,
            "nudge",
        ),
        ("Who else is hiring right now", None, "good"),
        ("Has anyone tried writing the memo before the meeting?", None, "good"),
        ("I'd love to hear how your team handles this.", None, "good"),
        ("Short and sweet.", None, "silent"),
    ],
    "join_conversation": [
        ("Great point, and it matches what we saw.", None, "good"),
        ("Agreed, same here.", "reply", "good"),
        ("Our quarterly numbers are in.", None, "silent"),
    ],
    "share_help": [
        (
            "Write down three names of people who helped you this year. Then tell them.",
            None,
            "good",
        ),
        ("Here's how we cut our build time in half: cache the dependencies.", None, "good"),
        ("Check out my latest blog post: https://example.com/post", None, "silent"),
        (
            "I'm thrilled to announce that I have published my new book about sales. It took "
            "me three years, many late nights and more coffee than I can count, and I am so "
            "proud of it. It is out now in every bookshop and online store.",
            None,
            "nudge",
        ),
        ("The weather is nice today.", None, "silent"),
    ],
    "make_introductions": [
        ("Meet @ana.lee, the best designer I know.", None, "good"),
        ("If you need help with onboarding flows, talk to Priya Shah.", None, "good"),
        ("I met a lot of people at the conference.", None, "silent"),
    ],
    "offer_help": [
        ("Happy to review anyone's resume this week.", None, "good"),
        ("DM me if you need a second pair of eyes on your deck.", None, "good"),
        ("DM me for pricing.", None, "silent"),
    ],
    "corporate_speak": [
        ("We are pleased to announce our best-in-class solution.", None, "nudge"),
        ("Let's circle back and think outside the box.", None, "nudge"),
        # No jargon is no evidence of a human voice: personal_voice looks for one.
        ("I was wrong about this, and here is why.", None, "silent"),
    ],
    "personal_voice": [
        ("I was scared to post this, but I'm glad I did.", None, "good"),
        ("Honestly, I didn't expect the review to go this well.", None, "good"),
        ("The quarterly report is attached.", None, "silent"),
    ],
    "hashtag_stuffing": [
        ("Big day #winning #success #leadership #growth #mindset", None, "nudge"),
        ("Notes from the meetup #python #community", None, "silent"),
    ],
    "shouting": [
        ("BIG NEWS!!! WE WON THE AWARD", None, "nudge"),
        ("Our CEO spoke at NASA today.", None, "silent"),
    ],
    "long_sentences": [
        (
            "When we started the project we did not know that the hardest part would be the "
            "conversations with the people who had built the old system, who had every reason "
            "to doubt us and every right to be heard before we changed a single line of it.",
            None,
            "nudge",
        ),
        ("Short sentence. Another one.", None, "silent"),
    ],
    "share_learning": [
        ("I was wrong about remote work.", None, "good"),
        ("We tried three pricing pages; here is what we learned.", None, "good"),
        ("The meeting is at three.", None, "silent"),
    ],
    "bare_link": [
        ("https://example.com/article", None, "nudge"),
        ("Great read https://example.com/article", None, "nudge"),
        (
            "Priya's piece on onboarding changed how I run first weeks: pair every new hire "
            "with a buddy for a month. https://example.com/onboarding",
            None,
            "good",
        ),
        ("No link here at all.", None, "silent"),
    ],
}


def _outcome(verdict) -> str:
    if verdict is None:
        return "silent"
    if any(advice.severity in {"warning", "suggestion"} for advice in verdict.advice):
        return "nudge"
    assert verdict.score >= 70, verdict
    return "good"


@pytest.mark.parametrize(
    ("rule_id", "text", "kind", "expected"),
    [(rule_id, *case) for rule_id, cases in CASES.items() for case in cases],
)
def test_rules_outcome(scorer, rule_id, text, kind, expected):
    features = extract(scorer.parser.parse(text), kind=kind)
    assert _outcome(RULES_BY_ID[rule_id].check(features)) == expected


def test_rules_every_rule_has_cases_of_each_outcome_it_can_give():
    assert set(CASES) == set(RULES_BY_ID), "every registered rule needs a table here"
    for rule_id, cases in CASES.items():
        outcomes = {expected for _, _, expected in cases}
        assert "silent" in outcomes or rule_id == "corporate_speak", rule_id
        assert outcomes - {"silent"}, f"{rule_id} has no case where it speaks"
