"""Post-like texts for the benchmarks and the soak test, generated deterministically.

Every sentence carries the index of its post and its place in it, so no two posts share a
sentence: the companion's per-sentence cache cannot make a "new" post look cheaper than it
is. Lengths are those of issue 5: a tweet (~280 characters), a typical LinkedIn post
(~1,300) and LinkedIn's maximum (~3,000).
"""

from __future__ import annotations

import random

SIZES = {"tweet": 280, "linkedin": 1300, "linkedin_max": 3000}

NAMES = ["Priya Patel", "Kwame Asante", "Sofia Alvarez", "Jon Berg", "Aisha Bello",
         "Mateus Rocha", "Renée Dubois", "Lee Min-jun", "Marta Nowak", "Tomás Ortega"]  # fmt: skip
HANDLES = ["@maria", "@devon.k", "@sam_ops", "@ines", "@kofi", "@lena-writes"]
THINGS = ["the onboarding rewrite", "our migration to Postgres", "the caching talk",
          "the design review", "a calmer release process", "the mentoring program",
          "the mobile launch", "fixing the flaky tests", "the hiring loop",
          "the accessibility audit", "remote pairing", "the incident write-up"]  # fmt: skip
SENTENCES = [
    "Huge thanks to {name} for {thing}, which saved us {n} hours in week {m}.",
    "I am thrilled to announce that {thing} shipped on day {n}, sign up at https://example.com/{n}.",
    "What would you change about {thing} if you had {n} days and {m} people?",
    "Congrats {handle} on {thing}, the {n} reviews you wrote were the best part.",
    "We tried {thing} for {n} weeks and I was wrong about most of it.",
    "Proud of my team for {thing}: {m} releases and {n} happy customers.",
    "If you are struggling with {thing}, this guide by {name} helped me (part {n}).",
    "My new course on {thing} has {n} lessons, link in bio!",
    "Shout-out to {handle} and {name}, who answered {n} questions about {thing}.",
    "I learned more from {n} support tickets than from {m} strategy decks.",
    "Here is what we leverage to synergize {thing} across {n} verticals going forward.",
    "Who else has rebuilt {thing} {n} times and still loves it?",
    "Step {m}: write down every question a new engineer asks in their first {n} days.",
    "Meet {name}, who turned {thing} around in {n} sprints; you two should talk, {handle}.",
    "Happy to help anyone starting on {thing}, my DMs are open for the next {n} days.",
    "It took {n} tries, {m} late nights and a lot of patience from {name} 🙏🏽.",
]
EMOJI_BULLETS = ["✅", "👉", "🚀", "💡", "🔥"]
HASHTAGS = ["#Leadership", "#AI-first", "#Engineering", "#Mentoring", "#Hiring", "#DevEx"]


def _sentence(rng: random.Random, post: int, place: int) -> str:
    return rng.choice(SENTENCES).format(
        name=rng.choice(NAMES),
        handle=rng.choice(HANDLES),
        thing=rng.choice(THINGS),
        n=post * 100 + place,
        m=(post * 7 + place) % 53 + 2,
    )


def post(chars: int, index: int, seed: int = 5) -> str:
    """One post of about ``chars`` characters (never more): paragraphs, some bullets,
    hashtags at the end of longer posts."""
    rng = random.Random(f"{seed}:{chars}:{index}")
    lines: list[str] = []
    size, place = 0, 0
    tags = " ".join(rng.sample(HASHTAGS, 2)) if chars > 500 else ""
    budget = chars - len(tags) - 2
    while True:
        place += 1
        sentence = _sentence(rng, index, place)
        if chars > 500 and rng.random() < 0.2:
            sentence = f"{rng.choice(EMOJI_BULLETS)} {sentence}"
        if lines and size + len(sentence) + 2 > budget:
            break
        if lines and rng.random() < 0.5 and sentence[0] not in EMOJI_BULLETS:
            lines[-1] += " " + sentence
            size += len(sentence) + 1
        else:
            lines.append(sentence)
            size += len(sentence) + 2
    text = "\n\n".join(lines)
    return (text + "\n\n" + tags if tags else text)[:chars]


def posts(size: str, count: int, start: int = 0, seed: int = 5) -> list[str]:
    """``count`` posts of one of :data:`SIZES`, numbered from ``start``."""
    return [post(SIZES[size], index, seed) for index in range(start, start + count)]


def mixed_posts(count: int, seed: int = 11) -> list[str]:
    """A batch as people publish it: half tweets, a third LinkedIn posts, the rest long."""
    rng = random.Random(seed)
    names = rng.choices(list(SIZES), weights=(50, 35, 15), k=count)
    return [post(SIZES[name], index, seed) for index, name in enumerate(names)]


def words(texts: list[str]) -> int:
    """Words as whitespace separates them: the one count every system is measured by."""
    return sum(len(text.split()) for text in texts)
