"""The words of thanks and praise: which forms thank, which words admire, which set
phrases admire nothing. :mod:`.credit` reads the parse around them."""

from __future__ import annotations

import re

# Forms of thanks that are said now, by the author ("thanked" tells a story instead).
THANKS = {"thank", "thanks", "thankyou", "thx", "thnx", "thanx", "tysm", "tyvm", "ty", "cheers"}
GRATEFUL = {"grateful", "thankful", "thankfully", "gratitude", "appreciation"}
# "appreciate" is thanks when the author appreciates ("I appreciate your help",
# "Much appreciated"); "makes me appreciate the moment" values something instead.
APPRECIATE = {"appreciate", "appreciated", "appreciates"}
# "You're welcome" answers thanks: part of the same exchange of gratitude.
WELCOME = re.compile(
    r"\b(?:you're|you are|your|youre|ur) (?:very |so |most )?welcome\b", re.IGNORECASE
)

# qualities of someone or of their work that speak for themselves
ADMIRING_WORDS = frozenset(
    """
    amazing awesome incredible impressive brilliant wonderful fantastic excellent
    outstanding inspiring inspirational talented gifted gorgeous stunning beautiful
    legendary remarkable phenomenal superb spectacular magnificent marvelous marvellous
    terrific fabulous extraordinary exceptional genius clever insightful thoughtful
    generous badass masterful skilled skillful admirable courageous brave elegant
    adorable cute sweet pretty lovely neat stellar greatest flawless coolest underrated iconic
    epic great best nice perfect
""".split()
)
# Words of approval too common in other senses ("good luck", "cool, thanks", "the best way
# to"): they count as praise only with an intensifier, on a person or a piece of work, or in
# an exclamation ("What a great talk!", "So good.", "Great job").
WEAK_ADMIRING_WORDS = {"good", "solid", "smart"}
INTENSIFIERS = frozenset(
    """
    so really very super truly absolutely damn incredibly such extremely insanely
    genuinely seriously bloody pretty too real how
""".split()
)
# Set phrases in which an admiring word admires nothing.
IDIOMS = re.compile(
    r"\b(?:good (?:luck|morning|night|evening|afternoon|lord|god|grief|riddance|news)|"
    r"have a (?:good|great|nice) (?:day|night|one|weekend|time)|all the best|"
    r"best (?:of luck|wishes|regards|way|bet|case)|kind of|pretty (?:much|sure|well|bad|"
    r"badly|likely|soon|easy|hard|good at)|cool (?:down|off)|as good as|good enough|"
    r"a great deal|great,|the best (?:part|thing|way|option|time|case)|nice try|"
    r"make sense|a good (?:chance|idea|reason|question)|no good|"
    r"not (?:so |that |very )?(?:good|great|nice|cool))\b",
    re.IGNORECASE,
)
ADMIRING_NOUNS = {
    "hero",
    "legend",
    "genius",
    "champ",
    "champion",
    "icon",
    "inspiration",
    "masterclass",
    "respect",
    "props",
    "kudos",
    "bravo",
    "congrats",
    "congratulations",
    "congratulation",
    "goat",
    "rockstar",
    "shoutout",
    "masterpiece",
    "gem",
}
# Praise that the tokenizer splits or that lives in a phrase: "Shout-out to Aisha",
# "hats off to the team", "well done, Sam", "you nailed it".
PRAISING_PHRASES = re.compile(
    r"\b(?:shout[- ]?outs?|hats off|well done|well played|"
    r"(?:nailed|killed|crushed|smashed|aced|rocked) (?:it|(?:her|his|their|the|that) \w+)|"
    r"so proud of|big ups|props to|role models?|(?:well|so|much|richly|truly) deserved|"
    r"deserves? (?:it|this|every bit)|(?:you|you've|you have|she|she's|he|he's|they|they've)"
    r" earned (?:it|this|every bit)|(?:so |really |very |truly )?(?:happy|thrilled|excited|"
    r"proud|glad|delighted|stoked) for (?:you|him|her|them|both of you)|you two|"
    r"(?:so |really |very |deeply |hugely |truly )?impressed (?:by|with)|"
    r"(?:a|such a) (?:joy|pleasure|privilege|gift|delight) to work with|"
    r"(?:has|have) been (?:a|such a) (?:joy|pleasure|privilege|gift|delight)|"
    r"makes (?:everyone|us|the team|people|me)(?: \w+){0,3} better|"
    r"happy (?:retirement|birthday|work anniversary|anniversary))\b",
    re.IGNORECASE,
)
CONGRATULATING = {"congrats", "congratulations", "congratulation", "kudos", "bravo", "mazel"}
ADMIRING_VERBS = {"admire", "respect", "salute", "applaud", "commend", "praise", "congratulate"}
# "well done", "good job": the second word carries the praise as a noun.
PRAISED_WORK = {
    "job", "work", "done", "effort", "stuff", "point", "post", "question", "take", "thread",
    "piece", "talk", "essay", "article", "answer", "idea", "write-up", "writeup", "review",
    "presentation", "keynote", "newsletter", "reviews",
}  # fmt: skip
# Words for people in general, not the author's people: praise of them credits no one.
GENERIC_PEOPLE = {"people", "folks", "humans", "person"}
# Qualities that admire when ranked first: "the kindest reviews", "the most honest
# newsletter". Superlatives in general do not ("the dumbest idea", "the latest news").
GOOD_QUALITIES = frozenset(
    """
    kind sharp smart clear warm brave funny generous honest thoughtful patient talented wise
    humble helpful creative dedicated reliable curious calm fair gracious hardworking
    knowledgeable supportive caring articulate
""".split()
)
