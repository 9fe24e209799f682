"""Readings issue 10 fixed, one pattern per test, on sentences written for each pattern."""

from __future__ import annotations

import pytest

from companion.scoring.features import extract


def features_of(scorer, text, kind=None):
    return extract(scorer.parser.parse(text), kind=kind)


@pytest.mark.parametrize(
    "text",
    [
        "So proud of my sister, who defended her thesis this morning.",
        "Incredibly proud of my dad, who ran his first half marathon at 64.",
        "Proud of my co-founder for leading the hardest quarter we've had.",
        "Proud to work beside you all.",
    ],
)
def test_readings_pride_aimed_at_others_is_credit_not_a_brag(scorer, text):
    features = features_of(scorer, text)
    assert features.credit and not features.brags, features.brags


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Many thanks to @ravi and Elena Novak for the review.", ["@ravi", "Elena Novak"]),
        ("Kudos to Abena and Joaquín for the fix.", ["Abena", "Joaquín"]),
        (
            "Grateful to Wei Chen, @sofia_dev and Idris for hosting.",
            ["Wei Chen", "@sofia_dev", "Idris"],
        ),
    ],
)
def test_readings_credit_through_coordination_names_everyone(scorer, text, names):
    report = scorer.score(text)
    [credit] = [n for n in report.nudges if n.rule == "credit_others"]
    for name in names:
        assert name in credit.message, credit.message


@pytest.mark.parametrize(
    "text",
    [
        "None of this would exist without my co-founder @mira.",
        "We couldn't have done it without Sadia Rahman.",
        "This award belongs to Kemal and Ruth.",
        "I owe this one to my mentor, Dele Alade.",
        "Hats off to the night crew.",
        "Pradeep taught me more about pricing than any book.",
        "Welcome aboard, Ifeoma!",
        "Rest in peace, Auntie Grace.",
        "I can't recommend Carmen Ortiz enough.",
    ],
)
def test_readings_credit_without_a_thank_word(scorer, text):
    assert features_of(scorer, text).credit
    assert scorer.score(text).label in {"promotes_others", "mixed"}


@pytest.mark.parametrize(
    "text",
    [
        "I signed more customers this quarter than anyone in our history.",
        "My talk sold out in an hour. DM me for the recording.",
        "Closed the biggest deal in the company's history today.",
        "Our newsletter hit 100k subscribers this week.",
        "Starting Monday as Chief of Staff at a climate startup.",
        "Ranked number one in the state for the second year.",
        "I'm the best negotiator in this building.",
    ],
)
def test_readings_brags_without_trigger_words(scorer, text):
    assert features_of(scorer, text).self_promotion
    assert scorer.score(text).label == "self_promotion"


@pytest.mark.parametrize(
    "text",
    [
        "I was wrong about hybrid work; we lost three of our best engineers.",
        "We nearly ran out of cash last spring. The lesson: watch the runway weekly.",
        "Looking back, the biggest mistake I made was hiring too fast.",
        "Our pilot flopped. Next time we test with five users first.",
    ],
)
def test_readings_learning_that_admits_a_mistake_is_not_lifting_others(scorer, text):
    features = features_of(scorer, text)
    report = scorer.score(text)
    assert features.learning and report.label == "neutral", (report.label, features.brags)
    assert report.scores["learn"] >= 60


@pytest.mark.parametrize(
    "text",
    [
        "Happy to share my template, just DM me.",
        "DM me if you need an intro to anyone in fintech.",
        "Happy to share the slides with anyone who asks.",
        "My DMs are open if you're applying to grad school.",
    ],
)
def test_readings_offers_of_help_are_not_sales(scorer, text):
    features = features_of(scorer, text)
    assert features.offers and not features.self_promotion, features.self_promotion
    assert scorer.score(text).scores["help"] >= 60


@pytest.mark.parametrize(
    "text",
    [
        "I'm happy to share that I've joined Ledger as Head of Design!",
        "Happy to share my new book with the world. Order it today!",
    ],
)
def test_readings_happy_to_share_news_is_still_news(scorer, text):
    assert scorer.score(text).label == "self_promotion"


@pytest.mark.parametrize(
    "text",
    [
        "Thanks to my amazing team for making me Executive of the Year!",
        "Grateful to everyone who voted. Thank you for making me Creator of the Month!",
    ],
)
def test_readings_humblebrag_wrapped_in_thanks_is_mixed(scorer, text):
    assert scorer.score(text).label == "mixed"


@pytest.mark.parametrize(
    ("text", "not_said"),
    [
        ("Congratulations Elena on the new role!", "to Congratulations"),
        ("Thank you, people. You made this week.", "people, you"),
        ("We nearly ran out of cash in 2019.", "‘ran’"),
        ("🎉 Congrats to @nadia for the launch!", "🎉"),
    ],
)
def test_readings_messages_name_well_formed_words(scorer, text, not_said):
    messages = " ".join(nudge.message for nudge in scorer.score(text).nudges)
    assert not_said not in messages, messages


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("Thanks Priya Raman and Tom Okafor. Tom, you carried us.", ["Priya Raman", "Tom Okafor"]),
        (
            "Meet Lucía Fernández, our new CFO. Ms. Fernández joins from Lisbon.",
            ["Lucía Fernández"],
        ),
        ("Sixth time lucky! Thanks to Dara for the push.", ["Dara"]),
        ("Hire Ben Kowalski. He is great.", ["Ben Kowalski"]),
    ],
)
def test_readings_people_listed_once_in_well_formed_names(scorer, text, people):
    assert [person.text for person in scorer.score(text).people] == people


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Thank you to everyone who came to the meetup last night, especially the "
            "volunteers who set up the room, ran the door and cleaned up after.",
            None,
        ),
        (
            "Congratulations to Halima on her promotion to principal engineer. She has "
            "mentored half of this team and everyone here is better for it.",
            None,
        ),
        (
            "Meet Tariq, who runs the best accessibility audits I know. If your product has "
            "forms, he will find what your users trip over before they do.",
            None,
        ),
        (
            "We ran into exactly the same thing last year and ended up splitting the "
            "service in two, which was painful but worth it in the end for us.",
            "reply",
        ),
    ],
)
def test_readings_no_question_nudge_on_thanks_congrats_intros_or_replies(scorer, text, kind):
    report = scorer.score(text, kind=kind)
    assert not any(nudge.rule == "invite_responses" for nudge in report.nudges)


def test_readings_no_who_made_it_possible_when_someone_is_credited(scorer):
    report = scorer.score(
        "I got promoted to VP today. None of it would have happened without my mentor Yaw."
    )
    assert report.label == "mixed"
    messages = " ".join(nudge.message for nudge in report.nudges)
    assert "Who made it possible" not in messages and "Yaw" in messages


@pytest.mark.parametrize(
    ("text", "not_applicable"),
    [
        ("Thanks @ana!", {"engage", "help", "learn", "substance"}),
        ("The office is closed on Monday.", {"spotlight", "engage", "learn", "substance"}),
    ],
)
def test_readings_no_evidence_is_not_applicable(scorer, text, not_applicable):
    scores = scorer.score(text).scores
    assert {d for d, score in scores.items() if score is None} >= not_applicable


@pytest.mark.parametrize(
    "text",
    [
        "Steve Jobs was a genius at simplifying products.",
        "Beyoncé's performance last night was incredible.",
        "Huge respect to Barack Obama for that speech.",
    ],
)
def test_readings_praise_of_a_celebrity_is_not_the_spotlight(scorer, text):
    # The seed: highlighting celebrities "is not the same as promoting the people whom you
    # know personally".
    assert scorer.score(text).label == "neutral"


@pytest.mark.parametrize(
    "text",
    [
        "Write the docs for whoever joins next year. They will thank you.",
        "Your future self will thank you for the tests.",
    ],
)
def test_readings_thanks_someone_else_will_give_is_not_gratitude(scorer, text):
    assert not features_of(scorer, text).gratitude


@pytest.mark.parametrize(
    "text",
    [
        "Meet Orbit, the calendar that plans your week for you. Get early access today.",
        "Introducing Ledgerly 🚀 the invoicing app for freelancers. Join the waitlist!",
    ],
)
def test_readings_introducing_a_product_is_a_launch_not_an_introduction(scorer, text):
    features = features_of(scorer, text)
    assert not features.introductions and features.self_promotion


# One test of "is this a question" for the questions and the brags (issue 9): asked, with or
# without its mark, a claim is no brag; said, it is.
QUESTION_OR_CLAIM = {
    "Have we launched our new app": "asked",
    'I keep asking myself: "Did I win the award?"': "asked",
    "Did I really win the hackathon (?)": "asked",
    "We launched our new app": "said",
}


@pytest.mark.parametrize(("text", "how"), QUESTION_OR_CLAIM.items())
def test_readings_a_question_claims_nothing_with_or_without_its_mark(scorer, text, how):
    features = features_of(scorer, text)
    assert (bool(features.questions), bool(features.brags)) == (how == "asked", how == "said")


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        ("We're hiring! Join our amazing team of engineers in Berlin.", False),
        ("We are looking for someone to join our amazing team.", False),
        ("Want to join our amazing team? Apply below.", False),
        ("Join our wonderful community of writers today.", False),
        # Someone named who joins is welcomed: that lifts them up.
        ("Priya joined our amazing team today.", True),
        ("Thrilled that Priya chose to join our amazing team.", True),
        ("Proud of our amazing team for shipping this.", True),
    ],
)
def test_readings_an_invitation_to_join_our_team_is_not_credit(scorer, text, credit):
    praise = [cue for cue in features_of(scorer, text).credit if cue.kind == "praise"]
    assert bool(praise) is credit, praise


def test_readings_an_open_draft_is_not_told_it_shared_a_lesson(scorer):
    report = scorer.score("Just shipped a new version of my app. Feedback welcome!")
    [nudge] = [n for n in report.nudges if n.rule == "share_learning"]
    assert "Feedback welcome" in nudge.message and "what you learned" not in nudge.message


@pytest.mark.parametrize(
    ("text", "call"),
    [
        ("Here's a free template. No sign-up, just copy it: https://example.com/t", False),
        ("You don't need to subscribe, the notes are all here.", False),
        ("Free to read, without a sign up wall.", False),
        ("Don't forget to subscribe for more!", True),
        ("Sign up today and get 20% off my course.", True),
    ],
)
def test_readings_a_waived_call_to_action_is_no_call(scorer, text, call):
    calls = [c for c in features_of(scorer, text).self_promotion if c.kind == "call_to_action"]
    assert bool(calls) is call, calls


@pytest.mark.parametrize(
    "text",
    [
        "I still get roadmaps wrong after 12 years.",
        "Here's the one I got most wrong last year.",
        "We got pricing wrong on our first launch.",
    ],
)
def test_readings_getting_something_wrong_is_a_lesson(scorer, text):
    assert features_of(scorer, text).learning


@pytest.mark.parametrize(
    ("text", "trait"),
    [
        ("Best conference I've been to in years.", False),
        ("I've been to the best conference.", False),
        ("I'm the best closer on this team.", True),
        ("I am the best.", True),
    ],
)
def test_readings_a_superlative_is_a_brag_only_when_said_of_the_author(scorer, text, trait):
    traits = [c for c in features_of(scorer, text).self_promotion if c.kind == "trait"]
    assert bool(traits) is trait, traits


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Our intern Daniela found the memory leak that haunted us.", "Daniela"),
        ("My colleague Amara rewrote the onboarding guide.", "Amara"),
        ("My teammate Jonas has shipped the new billing flow.", "Jonas"),
        ("My manager fixed the build last night.", "manager"),
        ("Elon Musk launched another rocket.", None),  # news of a public figure
        ("Our CEO announced record profits.", None),  # not a deed of work for others
        ("My manager didn't fix anything.", None),
        ("My colleague will fix it tomorrow.", None),  # not done yet
    ],
)
def test_readings_a_deed_of_someone_you_know_by_role_is_credit(scorer, text, name):
    deeds = [c for c in features_of(scorer, text).credit if c.kind == "acknowledgement"]
    assert [c.target_text for c in deeds] == ([name] if name else []), deeds


@pytest.mark.parametrize(
    ("text", "framing", "speaking"),
    [
        ("Grateful for my team today and every day.", ["my"], 0),
        ("Lena is one of the most generous engineers I've ever worked with.", ["I"], 0),
        ("So proud of my brother, who opened his own bakery today.", ["my"], 0),
        ("I shipped my new app and my team helped.", ["my"], 2),  # "I", "my new app"
    ],
)
def test_readings_the_author_framing_someone_else_is_not_speaking_of_self(
    scorer, text, framing, speaking
):
    features = features_of(scorer, text)
    assert [c.text for c in features.self_beside_others] == framing
    assert len(features.self_references) - len(features.self_beside_others) == speaking


def test_readings_the_model_does_not_call_pride_in_a_brother_a_brag(scorer):
    report = scorer.score("So proud of my brother, who opened his own bakery today.")
    assert report.label == "promotes_others", report.features


@pytest.mark.parametrize(
    ("text", "credited"),
    [
        # admiring a thing the author only met: praise of whoever made it, not a claim
        ("Big thanks to the organisers, especially Tolu. Best conference I've been to.", True),
        ("Just watched Rosa Lind's talk. Best talk I saw all week.", True),
        # a feeling of gratitude aimed at no one lifts up no one
        ("Humbled and grateful to be named one of the 40 under 40 this year.", False),
        ("Grateful for a quiet Sunday and a long walk by the river.", False),
        # unless it answers someone
        ("So grateful.", True),
    ],
)
def test_readings_admiration_and_gratitude_aimed_at_whom(scorer, text, credited):
    kind = "reply" if text == "So grateful." else None
    features = features_of(scorer, text, kind)
    assert bool(features.credit) is credited, features.credit


@pytest.mark.parametrize(
    ("text", "beside"),
    [
        ("Best conference I've been to in years.", 1),
        ("The cleanest demo I've seen this year.", 1),
        ("The best product I've ever built.", 0),  # built, not met: the author's own
        ("The conference I went to was long.", 0),  # nothing admired
    ],
)
def test_readings_the_author_meeting_a_thing_admired_frames_it(scorer, text, beside):
    features = features_of(scorer, text)
    assert len(features.self_beside_others) == beside, features.self_beside_others


@pytest.mark.parametrize(
    "text",
    [
        "Standing room only at my workshop this morning. Slides are up on my site.",
        "Fully booked for January already. If you want a slot in February, message me.",
        "Guess who just got promoted to principal? This guy.",
        "Record quarter for our studio: nine new clients.",
    ],
)
def test_readings_a_full_room_and_a_record_are_the_authors_news(scorer, text):
    assert features_of(scorer, text).brags


@pytest.mark.parametrize(
    "text",
    [
        "Hat tip to @joanna_k for the idea behind this whole thread.",
        "h/t @devlin for finding this.",
        "Mira Chen's workshop today was worth every minute.",
        "Leila's essay on onboarding changed how I think about the first week.",
    ],
)
def test_readings_set_phrases_of_praise_credit_who_they_name(scorer, text):
    assert features_of(scorer, text).credit
