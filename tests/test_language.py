"""Posts not in English (issue 13): the scorer says which language, gives no English nudges,
and the give ratio leaves them out unless the user counts every language."""

from __future__ import annotations

import csv
import sqlite3
import uuid
from pathlib import Path

import pytest
import sqlite_utils

from companion.cli import main
from companion.history import trends, update_settings
from companion.history.summary import draft_context
from companion.scoring.language import detect_language
from companion.store import Store, migrations

GERMAN = "Vielen Dank an @maria für die Hilfe beim Umzug, das war wirklich großartig!"
SPANISH = "Estoy orgulloso de anunciar mi nuevo libro. Cómpralo ya en mi tienda."
ENGLISH = "Huge thanks to @maria and Priya Patel for reviewing the plan!"
EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


@pytest.mark.parametrize(
    ("text", "language"),
    [(GERMAN, "de"), (SPANISH, "es"), ("Спасибо всем за помощь с запуском", "ru"),
     ("感谢大家对这个项目的帮助和支持", "zh"), (ENGLISH, "en"), ("Thanks @maria!", "en"),
     ("So many questions unanswered. Poor guy.", "en"), ("lol", "en")],
)  # fmt: skip
def test_language_is_detected_and_short_text_counts_as_english(text, language):
    assert detect_language(text) == language


def test_language_english_dev_splits_are_almost_all_english():
    if not EVAL.exists():
        pytest.skip(f"{EVAL} (the shared development splits) is not here")
    texts = []
    for name in ("bragging-dev.csv", "bragging-random-dev.csv"):
        with (EVAL / name).open(encoding="utf-8") as handle:
            texts += [row["text"] for row in csv.DictReader(handle)]
    with (EVAL / "goemotions-dev.tsv").open(encoding="utf-8") as handle:
        texts += [line.split("\t")[0] for line in handle]
    others = sum(detect_language(text) != "en" for text in texts)
    assert len(texts) > 9000 and others / len(texts) < 0.003, others


def test_language_report_says_it_and_gives_no_english_nudges(scorer):
    german = scorer.score(SPANISH).to_dict()
    assert german["language"] == "es" and german["nudges"] == []
    english = scorer.score("Thrilled to announce my new book! Link in bio. DM me.").to_dict()
    assert english["language"] == "en" and english["nudges"]
    batch = list(scorer.score_many([SPANISH, ENGLISH]))
    assert [r.language for r in batch] == ["es", "en"] and batch[0].nudges == ()


def test_language_cli_says_spotlight_coaches_english(capsys):
    assert main(["score", GERMAN]) == 0
    out = capsys.readouterr().out
    assert "Spotlight coaches English; this reads as German" in out
    assert "not counted in your give ratio" in out


@pytest.mark.asyncio
async def test_language_pill_and_ratio_leave_other_languages_out(companion):
    response = await companion.post("/api/v1/score", json={"text": SPANISH}, headers=companion.auth)
    report = await response.json()
    assert report["language"] == "es" and report["label_name"].endswith("· not English")
    assert report["trend"]["message"].startswith("Spotlight coaches English")
    for text in (ENGLISH, SPANISH):
        body = {"id": str(uuid.uuid4()), "text": text, "site": "x"}
        assert (
            await companion.post("/api/v1/posts", json=body, headers=companion.auth)
        ).status == 201
    data = await (await companion.get("/api/v1/trends", headers=companion.auth)).json()
    assert data["totals"]["posts"] == 1  # the Spanish post is not in the ratio
    listing = await (await companion.get("/api/v1/posts", headers=companion.auth)).json()
    assert sorted(p["language"] or "en" for p in listing["posts"]) == ["en", "es"]
    response = await companion.put("/api/v1/settings", json={"count_other_languages": True},
                                   headers=companion.auth)  # fmt: skip
    assert response.status == 200 and (await response.json())["count_other_languages"] is True
    data = await (await companion.get("/api/v1/trends", headers=companion.auth)).json()
    assert data["totals"]["posts"] == 2


def test_language_store_totals_and_recent_labels_follow_the_setting(tmp_path, scorer):
    store = Store.open(tmp_path / "history.db")
    try:
        for ident, text in (("a", ENGLISH), ("b", SPANISH), ("c", GERMAN)):
            post = {"id": ident, "text": text, "site": "x", "posted_at": "2026-11-02T10:00:00Z"}
            store.record_post(post, scorer.score(text).to_dict())
        assert trends(store)["totals"]["posts"] == 1
        assert trends(store, filters={"label": "neutral"})["totals"]["posts"] <= 1
        assert len(draft_context(store)["recent_labels"]) == 1
        update_settings(store, {"count_other_languages": True})
        assert trends(store)["totals"]["posts"] == 3
        assert len(draft_context(store)["recent_labels"]) == 3
        store.delete_post("b")  # the totals stay right when a foreign post goes
        update_settings(store, {"count_other_languages": False})
        assert trends(store)["totals"]["posts"] == 1
    finally:
        store.close()


def test_language_migration_m004_keeps_an_existing_history(tmp_path):
    path = tmp_path / "history.db"
    db = sqlite_utils.Database(sqlite3.connect(path))
    migrations.apply(db, stop_before="m004_post_language")
    db.execute(
        "insert into posts (id, posted_at, posted_date, site, label, overall, spotlight, "
        "engage, help, human, learn, substance) values ('old', '2026-01-01T00:00:00Z', "
        "'2026-01-01', 'x', 'promotes_others', 70, 1, 1, 1, 1, 1, 1)"
    )
    db.conn.commit()
    db.close()
    store = Store.open(path)
    try:
        assert "language" in store.db["posts"].columns_dict
        assert trends(store)["totals"]["posts"] == 1  # an old post counts as English
        store.delete_post("old")
        assert trends(store)["totals"]["posts"] == 0
        assert store.db.execute("select count(*) from daily_totals").fetchone()[0] == 0
    finally:
        store.close()
