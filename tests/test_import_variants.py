"""The odd cases of real exports (issue 12): each test names the shape it guards."""

from __future__ import annotations

import json
import shutil

import pytest
from archive_builders import ARCHIVES, zip_files, zip_folder
from bluesky_car import fixture_bytes, write_car

from companion.importing import ArchiveError, read_export
from companion.importing.archive import open_archive
from companion.importing.charset import decode_text
from companion.importing.readers import bluesky, facebook_html
from companion.importing.readers.linkedin import answered_name, strip_line_quotes
from companion.store.posts import clean_post
from companion.vocabulary import ANSWER_KINDS, KINDS


def _by_id(folder):
    posts, summary = read_export(ARCHIVES / folder)
    return {post.native_id: post for post in posts}, summary


# -- LinkedIn -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stored", "text"),
    [
        ('One."\n""\n"Two.', "One.\n\nTwo."),  # the 2025 export's per-line quotes
        ('One."\n"Two "quoted" here."\n"Three.', 'One.\nTwo "quoted" here.\nThree.'),
        ('"Quoted" start\nand end "too"', '"Quoted" start\nand end "too"'),  # the author's
        ('One line "with quotes"', 'One line "with quotes"'),
        ('One."\nTwo.', 'One."\nTwo.'),  # not every line wrapped: left alone
    ],
)
def test_linkedin_per_line_quotes_are_removed_and_the_authors_kept(stored, text):
    assert strip_line_quotes(stored) == text


@pytest.mark.parametrize(
    ("message", "name"),
    [
        ("Kwame Asante thank you, that saved the launch.", "Kwame Asante"),
        ("Renée Dubois Jean-Luc said the same!", "Renée Dubois Jean-Luc"),
        ("Priya Raman, great point.", "Priya Raman"),
        ("Thank You Priya for the write-up!", None),
        ("Well deserved, Sofia!", None),
        ("Great post", None),
        ("Congrats!", None),
    ],
)
def test_linkedin_comment_leading_name_is_who_it_answered(message, name):
    assert answered_name(message) == name


def test_linkedin_2018_utf16_tab_separated_shares_are_read():
    data = (ARCHIVES / "linkedin_2018/Shares.csv").read_bytes()
    assert data.startswith(b"\xff\xfe")  # the fixture is what LinkedIn wrote in 2018
    posts, summary = read_export(ARCHIVES / "linkedin_2018/Shares.csv")
    (post,) = posts
    assert post.text == "Welcome to the team, Zoë! Café on me on Monday."
    assert summary.ignored == {"repost without words": 1}


def test_charset_without_a_mark_is_detected(tmp_path):
    # A legacy single-byte file with no mark: the detector, not a guess, finds its encoding.
    text = "Date,Link,Message\n" + "".join(
        f"2018-0{n}-01 10:00:00,https://l.example/{n},Спасибо всей команде за отличную "
        f"работу над проектом, мы многому научились. {n}\n"
        for n in range(1, 9)
    )
    assert decode_text(text.encode("cp1251")) == text
    with pytest.raises(ValueError, match="not UTF-8 text"):
        decode_text(bytes(range(256)) * 4)


# -- X ------------------------------------------------------------------------------


def test_x_long_post_gets_its_whole_text_from_note_tweet():
    posts, _ = _by_id("x_twitter_2025")
    text = posts["1890000000000000001"].text
    assert len(text) > 280 and "…" not in text
    assert text.endswith("who filed a question. Notes: https://example.org/onboarding-notes")


def test_x_community_posts_are_read():
    posts, summary = _by_id("x_twitter_2025")
    assert posts["1890000000000000005"].text.startswith("Pairing tip")
    assert "x_twitter_2025/data/community-tweet.js" in summary.files


def test_x_photo_only_reply_is_a_media_post_not_a_reply_to_score():
    posts, summary = _by_id("x_twitter_2025")
    assert "1890000000000000003" not in posts
    assert summary.ignored == {"media only": 1}


def test_x_thread_and_mention_are_not_replies():
    posts, _ = _by_id("x_twitter_2025")
    assert (posts["1890000000000000002"].kind, posts["1890000000000000002"].replied_to) == (
        "thread", ())  # fmt: skip
    assert (posts["1890000000000000004"].kind, posts["1890000000000000004"].replied_to) == (
        "post", ())  # fmt: skip


def test_x_note_tweet_that_is_broken_keeps_the_cut_text(tmp_path):
    folder = tmp_path / "x"
    shutil.copytree(ARCHIVES / "x_twitter_2025", folder)
    (folder / "data/note-tweet.js").write_text("window.YTD.note_tweet.part0 = [oops")
    posts, summary = read_export(folder)
    cut = next(post for post in posts if post.native_id == "1890000000000000001")
    assert cut.text.endswith("…") or "… https://x.com/i/web/status/" in cut.text
    assert summary.problems == []  # the tweets are all there; only their long texts are not


# -- Twitter 2012-2018 ----------------------------------------------------------------


def test_grailbird_csv_alone_is_read_and_beside_the_months_adds_nothing(tmp_path):
    alone, summary = read_export(ARCHIVES / "twitter_grailbird/tweets.csv")
    assert {post.native_id for post in alone} == {
        "290100000000000002", "290000000000000003", "300000000000000005"}  # fmt: skip
    assert summary.ignored == {"retweet": 1}
    whole, summary = read_export(zip_folder(ARCHIVES / "twitter_grailbird", tmp_path / "t.zip"))
    assert {post.id for post in whole} == {post.id for post in alone}
    assert summary.repeated == 0 and summary.found == 3


def test_grailbird_and_a_newer_archive_share_tweet_ids(tmp_path):
    tweet = {"tweet": {"id_str": "290000000000000003", "full_text": "Same tweet, new archive",
                       "created_at": "Sat Jan 12 09:00:00 +0000 2013", "entities": {}}}  # fmt: skip
    archive = zip_files(tmp_path / "x.zip", {
        "data/tweets.js": "window.YTD.tweets.part0 = " + json.dumps([tweet])})  # fmt: skip
    (new,), _ = read_export(archive)
    old, _ = read_export(ARCHIVES / "twitter_grailbird")
    assert new.id in {post.id for post in old}


# -- Mastodon, WordPress ------------------------------------------------------------


def test_mastodon_ap_ids_reply_credits_the_author_answered_not_the_first_mention():
    posts, _ = _by_id("mastodon_ap")
    reply = posts["https://mstdn.example/ap/users/114000000000000001/statuses/115000000000000003"]
    assert reply.replied_to == ("@bea@social.example",)


def test_wordpress_items_without_post_id_stay_apart_and_keep_their_ids(tmp_path):
    posts, _ = read_export(ARCHIVES / "wordpress_no_ids")
    again, _ = read_export(zip_folder(ARCHIVES / "wordpress_no_ids", tmp_path / "wp.zip"))
    assert len({post.id for post in posts}) == 7
    assert [post.id for post in posts] == [post.id for post in again]


# -- Bluesky --------------------------------------------------------------------------


def test_bluesky_fixture_is_what_the_builder_writes(tmp_path):
    assert fixture_bytes(tmp_path / "repo.car").read_bytes() == (
        ARCHIVES / "bluesky/repo.car").read_bytes()  # fmt: skip


def test_bluesky_post_id_is_its_at_uri():
    posts, _ = _by_id("bluesky")
    assert set(posts) == {
        f"at://did:plc:ana4lima7example2222222/app.bsky.feed.post/{rkey}"
        for rkey in ("3kwaaaaaaaa2a", "3kwaaaaaaab2b", "3kwaaaaaaac2c")
    }


def test_bluesky_follows_are_readable_for_the_network():
    with open_archive(ARCHIVES / "bluesky/repo.car") as members:
        assert bluesky.follows(members[0]) == [
            {"did": "did:plc:bea5ode8example3333333", "followed_at": "2024-05-01T10:00:00.000Z"}
        ]


def test_bluesky_reply_without_a_mention_is_credited_to_the_did(tmp_path):
    parent = {"uri": "at://did:plc:lee/app.bsky.feed.post/1", "cid": "x"}
    record = {"$type": "app.bsky.feed.post", "text": "Agreed!",
              "createdAt": "2024-06-05T10:00:00Z",
              "reply": {"root": parent, "parent": parent}}  # fmt: skip
    car = write_car("did:plc:me", {"app.bsky.feed.post/3kb": record}, tmp_path / "repo.car")
    (post,), _ = read_export(car)
    assert (post.kind, post.replied_to) == ("reply", ("did:plc:lee",))


def test_bluesky_broken_car_is_a_problem_naming_the_file(tmp_path):
    path = tmp_path / "repo.car"
    path.write_bytes((ARCHIVES / "bluesky/repo.car").read_bytes()[:300])
    posts, summary = read_export(path)
    assert posts == []
    assert summary.problems[0].startswith("repo.car: expected a Bluesky repository (.car)")


# -- Facebook HTML, Threads ------------------------------------------------------------


def test_facebook_html_2019_layout_is_read(tmp_path):
    page = tmp_path / "your_posts_1.html"
    page.write_text(
        '<html><body><div class="pam _3-95 _2pi0 _2lej uiBoxWhite noborder">'
        '<div class="_3-96 _2pio _2lek _2lel">Ana Lima updated her status.</div>'
        '<div class="_3-96 _2let"><div><div class="_2pin"><div>Thanks, Kwame!</div></div>'
        '</div></div><div class="_3-94 _2lem">Jan 5, 2019, 9:41 PM</div></div></body></html>'
    )
    (post,), _ = read_export(page)
    assert post.text == "Thanks, Kwame!"
    assert post.posted_at.isoformat() == "2019-01-05T21:41:00+00:00"


def test_facebook_html_in_an_unknown_layout_says_to_download_json(tmp_path):
    page = tmp_path / "your_posts_1.html"
    page.write_text("<html><body><table><tr><td>Something else</td></tr></table></body></html>")
    posts, summary = read_export(page)
    assert posts == [] and "choosing Format: JSON" in summary.problems[0]


def test_facebook_html_date_forms():
    assert facebook_html.parse_facebook_date("May 06, 2025 1:15:11 pm").isoformat() == (
        "2025-05-06T13:15:11+00:00")  # fmt: skip
    with pytest.raises(ValueError, match="not a Facebook date"):
        facebook_html.parse_facebook_date("yesterday")


def test_threads_html_download_says_to_choose_json(tmp_path):
    archive = zip_files(tmp_path / "instagram.zip", {
        "your_instagram_activity/threads/threads_and_replies.html": "<html></html>"})  # fmt: skip
    with pytest.raises(ArchiveError, match="choose Format: JSON"):
        read_export(archive)


@pytest.mark.parametrize(
    ("text", "answered"), [("@mateus.r. Thanks!", "@mateus.r"), ("@ana_lee: yes", "@ana_lee")]
)
def test_threads_reply_answers_the_handle_it_opens_with(tmp_path, text, answered):
    # The handle as nlp/handles.py reads it: a closing full stop is not part of it (issue 9).
    item = {"creation_timestamp": 1719840000, "title": text, "text_app_post": {"is_reply": True}}
    export = json.dumps({"text_post_app_text_posts": [{"media": [item]}]})
    archive = zip_files(tmp_path / "instagram.zip", {
        "your_instagram_activity/threads/threads_and_replies.json": export})  # fmt: skip
    posts, _ = read_export(archive)
    assert [post.replied_to for post in posts] == [(answered,)]


# -- kinds ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_kinds_every_kind_is_stored(kind):
    post = clean_post({"id": "p1", "text": "Words", "site": "x", "kind": kind})
    assert post["kind"] == kind


def test_kinds_answers_to_others_are_reply_and_comment():
    assert set(ANSWER_KINDS) == {"reply", "comment"} and set(ANSWER_KINDS) < set(KINDS)
