"""Who a post names or @mentions: ``features.people.find_people`` on the real pipeline."""

from __future__ import annotations

import pytest

from companion.scoring.features.people import find_people, handle_words

H, N = "handle", "name"


def people_in(scorer, text: str) -> list[tuple[str, str]]:
    """(text, kind) of each person, from a Doc parsed as the scorer parses drafts."""
    return [(found, kind) for found, kind, _, _ in find_people(scorer.parser.parse(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thanks to @maria and Priya Shah for the review!", [("@maria", H), ("Priya Shah", N)]),
        (
            "Congrats Kwame Asante, Sofia Alvarez and jon!",
            [("Kwame Asante", N), ("Sofia Alvarez", N), ("jon", N)],
        ),
        ("Huge thanks to Jordan and Aisha for shipping this.", [("Jordan", N), ("Aisha", N)]),
        # Listed beside a handle: "Jordan" is a person, though the NER calls it a place.
        ("Huge thanks to @maria and Jordan for shipping this.", [("@maria", H), ("Jordan", N)]),
        ("Kudos to Kemi Adeyemi for leading the migration 👏🏾", [("Kemi Adeyemi", N)]),
        ("So proud of Nkechi Eze and the whole team.", [("Nkechi Eze", N)]),
        ("Hi Harry, thanks for the follow!", [("Harry", N)]),
        ("Great work on the release, Priya.", [("Priya", N)]),
    ],
)
def test_people_credit_and_greetings(scorer, text, expected):
    assert people_in(scorer, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("thanks priya and jon for the help", [("priya", N), ("jon", N)]),
        ("@HannaMarin thx hanna :)", [("@HannaMarin", H), ("hanna", N)]),
    ],
)
def test_people_lowercase_names_where_a_person_is_addressed(scorer, text, expected):
    assert people_in(scorer, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Please meet @ana.lee, our new designer.", [("@ana.lee", H)]),
        ("Great thread by @jane.doe.", [("@jane.doe", H)]),
        ("Shout-out to @dev_sam and @_lina for the fix.", [("@dev_sam", H), ("@_lina", H)]),
        ("RT @sam_k: lol omg this is so good", [("@sam_k", H)]),
        (
            "So glad I got to work with @li.wei, @raj_patel and Maya Rodríguez on this.",
            [("@li.wei", H), ("@raj_patel", H), ("Maya Rodríguez", N)],
        ),
    ],
)
def test_people_handles_with_dots_and_underscores(scorer, text, expected):
    assert people_in(scorer, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The NER takes the opening verb, the possessive or a link into the name.
        ("Loved Obama's speech last night.", [("Obama", N)]),
        ("Loved the talk by Liz Crowe https://example.com/talk", [("Liz Crowe", N)]),
        ("Mr. Okafor taught me everything about teaching.", [("Mr. Okafor", N)]),
        ("Thank you Dr. Chen for the advice.", [("Dr. Chen", N)]),
        (
            "Great panel with Pieter van Dijk and Ana de la Cruz today.",
            [("Pieter van Dijk", N), ("Ana de la Cruz", N)],
        ),
        ("Watched Stephen A Smith on the show last night.", [("Stephen A Smith", N)]),
    ],
)
def test_people_name_boundaries(scorer, text, expected):
    assert people_in(scorer, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nkechi Eze says the launch went better than planned.", [("Nkechi Eze", N)]),
        ("Aisha thinks we should ship on Friday.", [("Aisha", N)]),
        # Any verb, when a "she" or "his" later in the sentence says the subject is a person.
        ("Lena fixed the build before she went on leave.", [("Lena", N)]),
    ],
)
def test_people_subject_of_a_verb_only_people_do(scorer, text, expected):
    assert people_in(scorer, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Apple just released a new iPhone.",
        "I moved to Paris last year.",
        "Our new office in Berlin opens next week.",
        "We switched from Slack to Microsoft Teams this year.",
        "Big news from @nytimes today.",
        "Follow @BBCNews for updates on the storm.",
        "Watch the game on @YouTube tonight",
        "lol omg idk, haha",
    ],
)
def test_people_not_brands_places_or_outlets(scorer, text):
    assert people_in(scorer, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A plain word opening a sentence with a colon heads what follows; the NER and the
        # subject rule both took these for names.
        ("We split too early and spent a year undoing it. Lesson: start with a monolith.", []),
        ("Tip: write the test first.", []),
        ("Note: Maria wrote the docs.", [("Maria", N)]),
        # A given name there is a speaker.
        ("Ben: I think we ship.", [("Ben", N)]),
    ],
)
def test_people_headings_are_not_names(scorer, text, expected):
    assert people_in(scorer, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The NER types none of these: the role before the name says who it is.
        ("My colleague Amara just gave the best talk I've seen.", [("Amara", N)]),
        ("Our new intern Tomás García fixed the build.", [("Tomás García", N)]),
        ("Our partner Acme Corp shipped the API.", []),  # "partner" of a company
    ],
)
def test_people_names_beside_a_role(scorer, text, expected):
    assert people_in(scorer, text) == expected


@pytest.mark.parametrize(
    ("handle", "words"),
    [
        ("BBCNewsMagazine", ["bbc", "news", "magazine"]),
        ("whufc_official", ["whufc", "official"]),
        ("Radio702", ["radio", "702"]),
        ("priya", ["priya"]),
    ],
)
def test_people_handle_words_follow_case_and_underscores(handle, words):
    assert handle_words(handle) == words


def test_people_offsets_in_report_are_utf16_after_emoji(scorer):
    text = "🎉 Congrats Priya on the promotion!"
    [person] = scorer.score(text).people
    assert (person.text, person.kind) == ("Priya", N)
    # 🎉 is two UTF-16 code units: Priya starts at code point 11 but at unit 12.
    assert (person.start, person.end) == (12, 17)
    units = text.encode("utf-16-le")
    assert units[person.start * 2 : person.end * 2].decode("utf-16-le") == "Priya"


def test_people_sorted_by_offset_without_overlaps(scorer):
    doc = scorer.parser.parse("Thanks @maria! Coffee with Ana and Jon, then Priya Shah spoke.")
    found = find_people(doc)
    starts = [start for _, _, start, _ in found]
    assert starts == sorted(starts)
    assert all(end <= nxt for (_, _, _, end), nxt in zip(found, starts[1:], strict=False))
    assert all(doc.text[start:end] == text for text, _, start, end in found)
