"""The learned signals: registered, documented, the artifacts the model card describes,
and their readings as the report carries them (issue 15)."""

from __future__ import annotations

import hashlib
import importlib
import json
import pkgutil
import re
from pathlib import Path

import pytest

from companion.scoring import Scorer, signals
from companion.scoring.signals import _linear
from companion.scoring.signals.registry import SIGNALS
from companion.scoring.verdict import label_evidence

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "companion" / "scoring" / "signals" / "models"
CARD = ROOT / "docs" / "model.md"
# Modules of signals/ that are machinery, not signals.
MACHINERY = {"registry", "signal"}

# What each signal is known to say: (text, reading, decided). Tables named by signal id.
KNOWN = {
    "self_promotion": [
        ("I just got my first A in a math class. Never made one before!", "self_promotion", True),
        ("The bus is late again this morning.", "self_promotion", False),
        ("Can anyone recommend a good tutor for nursing school?", "self_promotion", False),
    ],
    "credit": [
        ("Thank you so much for the help, I really appreciate it!", "gratitude", True),
        ("What an amazing goal by Maria, she is so talented.", "praise", True),
        ("The bus is late again this morning.", "credit", False),
    ],
    "person": [
        ("Great chat with @maria_lopez about the launch", "@maria_lopez", "person"),
        ("Breaking: storm closes schools, says @BBCNews", "@BBCNews", "organisation"),
        # The NER types "Lydia" as an organisation; the rules never proposed her (issue 15).
        ("Lydia's been complaining all day, she needs new shoes", "Lydia", "person"),
    ],
}


def test_signals_registry_lists_every_signal_module_once():
    modules = {
        info.name
        for info in pkgutil.iter_modules(signals.__path__)
        if not info.name.startswith("_") and info.name not in MACHINERY
    }
    assert {signal.id for signal in SIGNALS} == modules
    assert len({signal.id for signal in SIGNALS}) == len(SIGNALS)
    for name in modules:
        module = importlib.import_module(f"companion.scoring.signals.{name}")
        assert module.SIGNAL.id == name, "a signal's id is its module's name"


def test_signals_every_signal_is_documented_and_tested():
    card = CARD.read_text(encoding="utf-8")
    for signal in SIGNALS:
        assert f"### `{signal.id}`" in card, f"docs/model.md has no section for {signal.id}"
        assert signal.id in KNOWN and KNOWN[signal.id], f"no known predictions for {signal.id}"
        for name in signal.artifacts:
            assert (ARTIFACTS / f"{name}.json").is_file(), name


def test_signals_artifacts_are_the_ones_the_card_describes():
    card = CARD.read_text(encoding="utf-8")
    described = dict(re.findall(r"`models/(\w+)\.json`[^`\n]*`([0-9a-f]{64})`", card))
    shipped = {path.stem: path for path in ARTIFACTS.glob("*.json")}
    assert set(described) == set(shipped)
    for name, path in shipped.items():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == described[name], name
    total = sum(path.stat().st_size for path in shipped.values())
    assert total <= 25 * 1024 * 1024


def test_signals_artifacts_were_fitted_with_the_pinned_training_stack():
    """Each artifact records the numpy, scipy and scikit-learn it was fitted with, and they
    are the versions scripts/train pins: another stack moves weights in their fifth decimal,
    and the card's checksums would then describe files no one can rebuild."""
    from tools.training import pinned_stack

    pins = pinned_stack()
    assert set(pins) == {"numpy", "scipy", "scikit-learn"}
    for path in ARTIFACTS.glob("*.json"):
        meta = json.loads(path.read_text(encoding="utf-8"))["meta"]
        assert meta.get("trained_with") == pins, path.name


def test_signals_training_refuses_another_stack(tmp_path, monkeypatch, capsys):
    from tools import training

    stack = tmp_path / "training_stack.txt"
    stack.write_text("# a stack no machine has\nnumpy==0.0.1\n", encoding="utf-8")
    monkeypatch.setattr(training, "STACK", stack)
    for name in ("bragging-dev.csv", "bragging-random-dev.csv", "goemotions-dev.tsv"):
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / "btc-h-dev.conll").write_text("", encoding="utf-8")
    (tmp_path / "goemotions-train.tsv").write_text("", encoding="utf-8")
    for section in "abeg":
        (tmp_path / f"btc-{section}-train.conll").write_text("", encoding="utf-8")
    assert training.main(["--train", str(tmp_path), "--eval", str(tmp_path)]) == 2
    error = capsys.readouterr().err
    assert "numpy" in error and "pinned 0.0.1" in error and "scripts/train" in error


def test_signals_artifacts_are_plain_json_with_a_threshold():
    for path in ARTIFACTS.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert 0.0 < data["threshold"] < 1.0, path.name
        assert len(data["calibration"]) == 2 and data["calibration"][0] > 0, path.name
        assert all(isinstance(weight, float) for weight in data["weights"].values())


@pytest.mark.parametrize(("text", "reading", "decided"), KNOWN["self_promotion"] + KNOWN["credit"])
def test_signals_known_predictions(scorer, text, reading, decided):
    doc = scorer.parser.parse(text)
    from companion.scoring.features import extract
    from companion.scoring.signals.registry import read_all

    found = read_all(doc, extract(doc))[reading]
    assert found.decided is decided, (text, found)
    for start, end in found.evidence:
        assert 0 <= start < end <= len(text) and text[start:end].strip()


def _readings(scorer, text: str):
    from companion.scoring.features import extract
    from companion.scoring.signals import self_promotion

    doc = scorer.parser.parse(text)
    features = extract(doc)
    return features, self_promotion.featurize(doc, features)


def test_signals_self_promotion_reads_the_grammar_of_a_brag(scorer):
    """First person with what it did, what it owns and what it is, each with its words."""
    text = (
        "I finally won the race, and my new bike is the fastest in the club. I am so good at this!"
    )
    _, row = _readings(scorer, text)
    words = {name: [text[s:e] for s, e in spans] for name, (_, spans) in row.items()}
    assert words["g:self_verb:win"] == ["I finally won"] and "g:self_past" in row
    assert words["g:mine:bike"] == ["my new bike"] and "g:mine_described" in row
    assert words["g:self_is:good"] == ["I am so good"] and words["g:superlative"] == ["fastest"]


def test_signals_self_promotion_reads_no_brag_grammar_in_news(scorer):
    _, row = _readings(scorer, "The bus is late again this morning.")
    assert not [name for name in row if name.startswith(("g:self_", "g:mine"))]


def test_signals_the_model_alone_needs_to_be_surer_beside_credit(scorer):
    from companion.scoring.signals.self_promotion import BESIDE_CREDIT, may_decide_alone

    praise, _ = _readings(scorer, "Thanks Lena for the review! I shipped my biggest release yet.")
    assert praise.credit and praise.self_references
    assert not may_decide_alone(praise, BESIDE_CREDIT - 0.01)
    assert may_decide_alone(praise, BESIDE_CREDIT)
    # The author only inside the praise of someone else: the draft does not speak of them.
    framing, _ = _readings(
        scorer, "Lena is one of the most generous engineers I've ever worked with. Thanks Lena!"
    )
    assert framing.self_references and not may_decide_alone(framing, 1.0)
    brag, _ = _readings(
        scorer, "I finally won the race, and my new bike is the fastest in the club."
    )
    assert not brag.credit and may_decide_alone(brag, 0.0)


@pytest.mark.parametrize(("text", "mention", "entity"), KNOWN["person"])
def test_signals_person_or_organisation(scorer, text, mention, entity):
    report = scorer.score(text)
    entities = {person.text: person.entity for person in report.people}
    assert entities.get(mention) == entity, report.people
    # Organisations stay in the report: another part builds the network from people only.
    assert report.to_dict()["people"][0]["entity"] in {"person", "organisation"}


def test_signals_person_names_the_rules_found_are_not_weighed_by_the_census(scorer):
    """The given-name lists are American; a name a rule found in a person's place is judged
    without them, so "Nkechi Eze" is as much a person as "Tom Okafor"."""
    from companion.scoring.features import extract
    from companion.scoring.signals import person

    doc = scorer.parser.parse("Huge shoutout to Kwame Asante and Nkechi Eze for shipping this")
    features = extract(doc)
    ruled = {(start, end) for _, _, start, end in features.people}
    assert len(ruled) == 2
    for mention in person.candidates(doc, features):
        row = person.featurize(doc, mention, (mention[2], mention[3]) in ruled)
        assert not any(name.startswith(("gn:", "fn:")) for name in row), mention
    entities = {p.text: p.entity for p in scorer.score(doc.text).people}
    assert entities == {"Kwame Asante": "person", "Nkechi Eze": "person"}


def test_signals_person_drops_proposed_names_that_are_not_people(scorer):
    """A name only the model proposed (here the NER's place) is reported when it is a
    person, never stored as an organisation the user mentioned."""
    from companion.scoring.features import extract
    from companion.scoring.signals import person

    text = "Had a great time in London with @maria_lopez"
    doc = scorer.parser.parse(text)
    proposed = [m[0] for m in person.candidates(doc, extract(doc)) if m[1] == "name"]
    assert proposed == ["London"]
    assert [(p.text, p.entity) for p in scorer.score(text).people] == [("@maria_lopez", "person")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A headline's words run into the name; the report's people name the person only.
        ("Watch Seth Rogen Perform at the show", "Seth Rogen"),
        ("Unlucky Andy Murray today, next time", "Andy Murray"),
        ("Lovely to see Chris Rock last night", "Chris Rock"),  # "Rock": a family name
        # Among lowercase words a capitalised noun at the end is the name's own.
        ("Steve Jobs was a genius.", "Steve Jobs"),
        ("I still think about what Elon Musk said.", "Elon Musk"),
        ("Tom Wilkinson Movie Night Tickets", "Tom Wilkinson"),
    ],
)
def test_signals_person_names_are_judged_without_plain_words_at_their_edges(scorer, text, name):
    from companion.scoring.features import extract
    from companion.scoring.signals import person

    doc = scorer.parser.parse(text)
    names = [m[0] for m in person.candidates(doc, extract(doc)) if m[1] == "name"]
    assert name in names, names


def test_signals_person_proposes_given_names_written_in_lowercase_or_capitals(scorer):
    from companion.scoring.features import extract
    from companion.scoring.signals import person

    doc = scorer.parser.parse("cannot wait to see gavin tonight, and HARRY too")
    names = [m[0] for m in person.candidates(doc, extract(doc)) if m[1] == "name"]
    assert {"gavin", "HARRY"} <= set(names), names


@pytest.mark.parametrize(
    ("handle", "plain"),
    [
        ("@HistoricalPics", {"hplain:all", "hplain:first", "hplain:last"}),
        ("@MariaGarcia", set()),
        ("@kerrangradio", {"hplain:suffix"}),
    ],
)
def test_signals_person_reads_handles_written_in_plain_words(scorer, handle, plain):
    """An account's handle is made of English words ("pics", "radio"); a person's of names."""
    from companion.scoring.features import extract
    from companion.scoring.signals import person

    doc = scorer.parser.parse(f"RT {handle}: what a day")
    (mention,) = [m for m in person.candidates(doc, extract(doc)) if m[0] == handle]
    row = person.featurize(doc, mention, False)
    assert {name for name in row if name.startswith("hplain:")} == plain


@pytest.mark.parametrize(
    ("text", "mention", "phrases"),
    [
        (
            "Great chat with @maria_lopez about the launch",
            "@maria_lopez",
            {"before2:chat with", "after2:about the"},
        ),
        ("RT @BBCNews: storm warning", "@BBCNews", {"before2:rt", "after2:: storm"}),
        ("so proud of @deepa and @tom today", "@deepa", {"before2:proud of", "after2:and @user"}),
    ],
)
def test_signals_person_reads_the_two_words_either_side(scorer, text, mention, phrases):
    """The phrase a mention stands in, handles folded into one word: "RT @x:" quotes an
    account, "chat with" goes with a person (issue 15)."""
    from companion.scoring.features import extract
    from companion.scoring.signals import person

    doc = scorer.parser.parse(text)
    (found,) = [m for m in person.candidates(doc, extract(doc)) if m[0] == mention]
    row = person.featurize(doc, found, False)
    assert {name for name in row if name.startswith(("before2:", "after2:"))} == phrases


def test_signals_person_threshold_keys_match_the_artifact():
    from companion.scoring.signals import person

    model = _linear.load("person")
    assert set(model.thresholds) == set(person.THRESHOLD_KEYS)
    assert person.threshold_key("handle", False) == "handle"
    assert person.threshold_key("name", True) == "name"
    assert person.threshold_key("name", False) == "proposed"


def test_signals_report_features_carry_rounded_probabilities(scorer):
    report = scorer.score("Thrilled to announce that I won the award! Thanks @maria")
    for name in ("p_self_promotion", "p_credit", "p_gratitude", "p_praise"):
        value = report.features[name]
        assert 0.0 <= value <= 1.0 and round(value, 3) == value, name
    assert report.label == "mixed"
    json.dumps(report.to_dict())


@pytest.mark.parametrize(
    "text",
    [
        "I just got my first A in a math class. Never made one before!",
        "Thank you so much for the help, I really appreciate it!",
        "Proud of my team for shipping the release. Check out my new book, link in bio",
        "The bus is late again this morning.",
    ],
)
def test_signals_every_label_names_its_words(scorer, text):
    report = scorer.score(text)
    spans = report.features["label_spans"]
    gives, takes = bool(spans["credit"]), bool(spans["self_promotion"])
    assert report.promotes_others is gives and report.self_promotion is takes
    for side in spans.values():
        for span in side:
            assert text[span["start"] : span["end"]].strip(), span


def test_signals_are_deterministic(nlp):
    text = "So happy I finally finished my first marathon! Thanks @coach_ana for everything"
    first, second = Scorer(nlp).score(text), Scorer(nlp).score(text)
    assert first.to_dict() == second.to_dict()


def test_signals_off_leaves_the_rules_alone(nlp):
    report = Scorer(nlp, signals=False).score("I won the award! Thanks @BBCNews")
    assert "p_self_promotion" not in report.features
    assert report.label == "mixed"
    assert all(person.entity == "person" for person in report.people)


def test_signals_label_without_signals_is_the_rules(scorer):
    from companion.scoring.features import extract

    features = extract(scorer.parser.parse("Check out my new book, link in bio"))
    gives, takes = label_evidence(features)
    assert not gives and takes


def test_signals_missing_artifact_says_what_to_do():
    with pytest.raises(_linear.SignalError, match="scripts/train"):
        _linear.load("no_such_signal")


def test_signals_reading_of_an_empty_row_is_the_calibrated_prior():
    model = _linear.LinearModel("t", {"w:x": 2.0}, -1.0, (1.0, 0.0), 0.5)
    assert model.read({}).probability == round(1 / (1 + 2.718281828459045), 3)
    reading = model.read({"w:x": (1.0, ((0, 1),)), "w:y": (1.0, ((2, 3),))})
    assert reading.decided and reading.evidence == ((0, 1),)


def test_signals_organisations_stay_out_of_the_network(scorer, tmp_path):
    """A newsroom's account is kept as an organisation the user mentioned, never as someone
    they know (the page lists it under public figures and brands)."""
    from companion.store import Store
    from companion.store.entity import mention_entity

    text = "Breaking: storm closes schools, says @BBCNews. Stay safe @maria_lopez"
    report = scorer.score(text)
    assert {p.text for p in report.people} == {"@BBCNews", "@maria_lopez"}
    entities = {p["text"]: mention_entity(p) for p in report.to_dict()["people"]}
    assert entities == {"@BBCNews": "organisation", "@maria_lopez": "person"}
    store = Store.open(tmp_path / "h.db")
    try:
        post = {"id": "p1", "text": text, "site": "x", "posted_at": "2026-01-01T00:00:00Z"}
        store.record_post(post, report.to_dict())
        stored = dict(store.db.execute("select name, entity from people where post_id = 'p1'"))
        assert stored == {"@BBCNews": "organisation", "@maria_lopez": "person"}
        assert store.db.execute("select count(*) from people where known = 1").fetchone()[0] == 0
    finally:
        store.close()


def test_signals_evidence_names_no_function_words():
    """ "a" may raise a probability, but a label that names "a" tells the writer nothing."""
    model = _linear.LinearModel("t", {"w:a": 3.0, "w:of the": 2.0, "w:!": 2.0, "w:won": 1.0,
                                      "w:my": 0.5}, 0.0, (1.0, 0.0), 0.5)  # fmt: skip
    row = {"w:a": (1.0, ((6, 7),)), "w:of the": (1.0, ((20, 26),)), "w:!": (1.0, ((30, 31),)),
           "w:won": (1.0, ((2, 5),)), "w:my": (1.0, ((8, 10),))}  # fmt: skip
    reading = model.read(row)
    assert reading.evidence == ((2, 5), (8, 10))
    assert reading.probability == pytest.approx(1 / (1 + __import__("math").exp(-8.5)), abs=1e-3)


def test_signals_brag_evidence_on_a_real_draft_is_not_an_article(scorer):
    text = "I finally got a 9.72 on the final exam, the best in the class"
    report = scorer.score(text)
    shown = [
        text[s["start"] : s["end"]].lower()
        for s in report.features["label_spans"]["self_promotion"]
    ]
    assert not set(shown) & _linear.FUNCTION_WORDS, shown


@pytest.mark.parametrize(
    ("text", "mention", "entity"),
    [
        # A full name in a person's place, with letters the census lists lack.
        ("Kudos to Kemi Adeyemi for leading the migration", "Kemi Adeyemi", "person"),
        ("Huge thanks to Tomás García for the review.", "Tomás García", "person"),
        # A name in an organisation's words, as the store's rule reads it.
        ("Thanks @maria and Acme Labs for hosting!", "Acme Labs", "organisation"),
    ],
)
def test_signals_person_full_names_and_organisation_words(scorer, text, mention, entity):
    people = {p.text: p.entity for p in scorer.score(text).people}
    assert people.get(mention) == entity, people
