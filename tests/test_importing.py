"""The export readers: each platform's layout, detection, and bad input (no scoring here)."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from archive_builders import ARCHIVES, container, tar_folder, zip_files, zip_folder

from companion.importing import ArchiveError, read_export
from companion.importing.charset import repair_mojibake
from companion.importing.dates import parse_date
from companion.importing.found import import_id
from companion.importing.html_text import html_to_text

UTC = "+00:00"
REDDIT = "https://www.reddit.com/r/ExperiencedDevs/comments/1c9xk2a/how_do_you_onboard_seniors/"
WXR = ARCHIVES / "wordpress/anasblog.WordPress.2024-05-08.xml"

# (kind, site, posted_at, url, replied_to, start of the text)
EXPECTED = {
    "x_twitter": (
        {"deleted": 1, "retweet": 1, "media only": 1},
        [
            (
                "post",
                "x",
                "2024-04-15T09:12:40" + UTC,
                "https://x.com/ana_builds/status/1780011122233344556",
                (),
                "Huge thanks @priya_r for the clearest talk on caching I have seen. "
                "Slides & notes: https://example.org/priya/caching-talk",
            ),
            (
                "reply",
                "x",
                "2024-04-15T21:40:02" + UTC,
                "https://x.com/ana_builds/status/1780200011122233344",
                ("@jonode",),
                "@jonode What would you try first",
            ),
            (
                "post",
                "x",
                "2024-04-06T12:05:59" + UTC,
                "https://x.com/ana_builds/status/1777000011122233344",
                (),
                "Shipped my new course today, 40% off for 48h #buildinpublic 🚀",
            ),
        ],
    ),
    "linkedin": (
        {"repost without words": 1},
        [
            (
                "comment",
                "linkedin",
                "2024-05-03T09:41:07" + UTC,
                "https://www.linkedin.com/feed/update/urn%3Ali%3AugcPost%3A7192000000000000004",
                (),
                'Well deserved, Sofia! The "tiny steps" post changed how our team plans.',
            ),
            (
                "comment",
                "linkedin",
                "2024-04-28T14:20:55" + UTC,
                "https://www.linkedin.com/feed/update/urn%3Ali%3AugcPost%3A7190000000000000005",
                (),
                "What made you pick Postgres",
            ),
            (
                "post",
                "linkedin",
                "2024-05-02T08:15:31" + UTC,
                "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7191800000000000001",
                (),
                "Congratulations to Kwame Asante and the whole platform team on shipping the new "
                'onboarding flow.\n\nKwame kept asking "what would a first-week engineer need?"',
            ),
            (
                "post",
                "linkedin",
                "2024-04-20T17:02:09" + UTC,
                "https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A7187500000000000002",
                (),
                "Thrilled to announce my new book",
            ),
        ],
    ),
    "facebook": (
        {"media only": 2},
        [
            (
                "comment",
                "facebook",
                "2024-05-03T01:33:20" + UTC,
                None,
                ("Renée Dubois",),
                "Félicitations, Renée! So well deserved.",
            ),
            (
                "post",
                "facebook",
                "2024-05-02T09:00:00" + UTC,
                None,
                (),
                "Thank you Zoë and Mateus for hosting the café meetup 🙌 — you made everyone",
            ),
            (
                "post",
                "facebook",
                "2024-04-01T19:33:20" + UTC,
                None,
                (),
                "Back from the conference.",
            ),
        ],
    ),
    "mastodon": (
        {"boost": 1, "direct message": 1, "media only": 1},
        [
            (
                "post",
                "mastodon",
                "2024-05-04T10:20:30" + UTC,
                "https://mastodon.example/@ana/112233445566778801",
                (),
                "Shout-out to @lee for the patch that halved our build times.\n\nWrite-up: "
                "https://blog.example.org/2024/05/faster-builds-with-remote-cache",
            ),
            (
                "reply",
                "mastodon",
                "2024-05-05T18:01:00" + UTC,
                "https://mastodon.example/@ana/112240000000000002",
                ("@bea@social.example",),
                "@bea how did you get the team to agree on it?\nAsking for a friend & me.",
            ),
        ],
    ),
    "reddit": (
        {"deleted": 2},
        [
            (
                "comment",
                "reddit",
                "2024-04-21T16:30:45" + UTC,
                REDDIT + "l0abc12/",
                (),
                "Thanks u/mkdev, pairing",
            ),
            (
                "post",
                "reddit",
                "2024-04-21T15:02:11" + UTC,
                REDDIT,
                (),
                "How do you onboard senior engineers?\n\nWe keep getting this wrong.",
            ),
        ],
    ),
    "wordpress": (
        {},
        [
            (
                "post",
                "anas.blog.example",
                "2024-04-22T07:30:00" + UTC,
                "https://anas.blog.example/2024/04/what-kwame-taught-me/",
                (),
                "What Kwame taught me about onboarding\n\nLast quarter Kwame Asante rebuilt our "
                "onboarding from scratch. Here is what he did, in his words & mine.\n\n"
                "• Pair on the first ticket\n\n• Write down every question",
            ),
            (
                "comment",
                "anas.blog.example",
                "2024-04-23T11:15:00" + UTC,
                "https://anas.blog.example/2024/04/what-kwame-taught-me/#comment-8",
                ("Marta Silva",),
                "Thanks Marta! How long",
            ),
        ],
    ),
    # -- real shapes of issue 12 (fixtures/archives/README.md cites each source) --
    "x_twitter_2025": (
        {"media only": 1},
        [
            (
                "post",
                "x",
                "2025-02-18T09:00:00" + UTC,
                "https://x.com/ana_builds/status/1890000000000000001",
                (),
                "What I learned shipping our onboarding rewrite",
            ),
            (
                "thread",
                "x",
                "2025-02-18T09:02:00" + UTC,
                "https://x.com/ana_builds/status/1890000000000000002",
                (),
                "2/ The checklist",
            ),
            (
                "post",
                "x",
                "2025-02-20T12:00:00" + UTC,
                "https://x.com/ana_builds/status/1890000000000000004",
                (),
                "@devon_k has the best",
            ),
            (
                "post",
                "x",
                "2025-02-21T08:00:00" + UTC,
                "https://x.com/ana_builds/status/1890000000000000005",
                (),
                "Pairing tip",
            ),
        ],
    ),
    "twitter_grailbird": (
        {"retweet": 1},
        [
            (
                "reply",
                "x",
                "2013-01-15T20:10:05" + UTC,
                "https://x.com/ana_builds/status/290100000000000002",
                ("@jonode",),
                "@jonode that is the clearest explanation of caching I have read & I",
            ),
            (
                "post",
                "x",
                "2013-01-12T09:00:00" + UTC,
                "https://x.com/ana_builds/status/290000000000000003",
                (),
                "Slides from my talk on pairing are up http://example.org/talk",
            ),
            (
                "thread",
                "x",
                "2013-02-02T11:11:11" + UTC,
                "https://x.com/ana_builds/status/300000000000000005",
                (),
                "Part two",
            ),
        ],
    ),
    "linkedin_2025": (
        {},
        [
            (
                "post",
                "linkedin",
                "2025-03-04T08:12:40" + UTC,
                "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7302000000000000001",
                (),
                "Three things I learned from Priya Raman this quarter.\n\nShe reviews the question "
                'before the code.\n\nShe says "I don\'t know yet" out loud.',
            ),
            (
                "post",
                "linkedin",
                "2025-02-11T17:30:05" + UTC,
                "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7295000000000000002",
                (),
                '"Ship small" is still',
            ),
            (
                "comment",
                "linkedin",
                "2025-03-05T10:02:11" + UTC,
                "https://www.linkedin.com/feed/update/urn%3Ali%3AugcPost%3A7302100000000000003"
                "?commentUrn=urn%3Ali%3Acomment%3A%28ugcPost%3A7302100000000000003%2C"
                "7302110000000000004%29",
                ("Kwame Asante",),
                "Kwame Asante thank you",
            ),
            (
                "comment",
                "linkedin",
                "2025-03-06T11:00:00" + UTC,
                "https://www.linkedin.com/feed/update/urn%3Ali%3AugcPost%3A7302200000000000005",
                (),
                "Thank You Priya",
            ),
        ],
    ),
    "linkedin_2018": (
        {"repost without words": 1, "unpublished draft": 1},
        [
            (
                "post",
                "linkedin",
                "2017-06-08T08:15:44" + UTC,
                "https://www.linkedin.com/feed/update/urn:li:activity:6278000000000000001",
                (),
                "Welcome to the team, Zoë! Café on me on Monday.",
            ),
            (
                "article",
                "linkedin",
                "2018-03-12T11:05:00" + UTC,
                "https://www.linkedin.com/pulse/what-kwame-taught-me-reviews-ana-lima",
                (),
                "What Kwame taught me about reviews\n\nKwame Asante reviews the question before "
                "the code.\n\nHere is what that changed for our team & me.",
            ),
        ],
    ),
    "mastodon_ap": (
        {"media only": 1},
        [
            (
                "post",
                "mastodon",
                "2025-06-01T09:00:00" + UTC,
                "https://mstdn.example/@ana/115000000000000001",
                (),
                "Our build went",
            ),
            (
                "thread",
                "mastodon",
                "2025-06-01T09:05:00" + UTC,
                "https://mstdn.example/@ana/115000000000000002",
                (),
                "The write-up",
            ),
            (
                "reply",
                "mastodon",
                "2025-06-02T10:00:00" + UTC,
                "https://mstdn.example/@ana/115000000000000003",
                ("@bea@social.example",),
                "@bea which runner",
            ),
            (
                "thread",
                "mastodon",
                "2025-06-03T08:00:00" + UTC,
                "https://mstdn.example/@ana/115000000000000005",
                (),
                "Old-style link",
            ),
        ],
    ),
    "wordpress_no_ids": (
        {},
        [
            (
                "post",
                "preview.example",
                f"2024-01-0{n}T09:00:00" + UTC,
                f"https://preview.example/2024/0{n}/note-{n}/" if n <= 6 else None,
                (),
                f"Note {n}: what the team taught me\n\nLesson {n}",
            )
            for n in range(1, 8)
        ],
    ),
    "reddit_gdpr": (
        {"deleted": 1},
        [
            (
                "post",
                "reddit",
                "2024-05-27T08:00:00" + UTC,
                "https://www.reddit.com/r/ExperiencedDevs/comments/1d2abcd/what_made_pairing_stick/",
                (),
                "What made pairing stick on your team?\n\nWe tried three times.",
            ),
            (
                "comment",
                "reddit",
                "2024-05-27T09:30:00" + UTC,
                "https://www.reddit.com/r/ExperiencedDevs/comments/1d2abcd/comment/l9abc12/",
                (),
                "Thanks u/mkdev",
            ),
        ],
    ),
    # -- formats read since issue 12 --
    "bluesky": (
        {"media only": 1},
        [
            (
                "post",
                "bluesky",
                "2024-06-01T09:00:00" + UTC,
                "https://bsky.app/profile/did:plc:ana4lima7example2222222/post/3kwaaaaaaaa2a",
                (),
                "Huge thanks to everyone",
            ),
            (
                "thread",
                "bluesky",
                "2024-06-01T09:05:00" + UTC,
                "https://bsky.app/profile/did:plc:ana4lima7example2222222/post/3kwaaaaaaab2b",
                (),
                "The write-up",
            ),
            (
                "reply",
                "bluesky",
                "2024-06-02T10:00:00" + UTC,
                "https://bsky.app/profile/did:plc:ana4lima7example2222222/post/3kwaaaaaaac2c",
                ("@bea.example.org",),
                "@bea.example.org which runner",
            ),
        ],
    ),
    "threads": (
        {"media only": 1},
        [
            (
                "post",
                "threads",
                "2024-07-01T10:33:20" + UTC,
                None,
                (),
                "Café chat with Zoë about mentoring — thank you!",
            ),
            (
                "reply",
                "threads",
                "2024-07-01T13:20:00" + UTC,
                None,
                ("@mateus.r",),
                "@mateus.r what made you pick that stack? 🙌",
            ),
        ],
    ),
    "facebook_html": (
        {"media only": 1},
        [
            (
                "post",
                "facebook",
                "2024-05-02T09:00:00" + UTC,
                None,
                (),
                "Thank you Zoë and Mateus for hosting the café meetup 🙌 — you made everyone",
            ),
            (
                "post",
                "facebook",
                "2024-04-01T19:33:20" + UTC,
                None,
                (),
                "Back from the conference.\nNotes to follow.",
            ),
        ],
    ),
    "plain": (
        {"no text": 1},
        [
            (
                "post",
                "bluesky",
                "2024-05-01T18:00:00+02:00",
                "https://bsky.app/profile/ana.example/post/3kabc",
                (),
                "Loved the workshop",
            ),
            ("post", "threads", "2024-04-15T00:00:00" + UTC, None, (), "Our Q2 results are in"),
            ("post", "bluesky", "2024-03-03T10:00:00" + UTC, None, (), "Who has a good guide"),
        ],
    ),
}


# The platform key of each fixture folder whose name does not start with it.
PLATFORMS = {"x_twitter": "x", "twitter_grailbird": "x", "facebook_html": "facebook"}


def _shape(post) -> tuple:
    return (post.kind, post.site, post.posted_at.isoformat(), post.url, post.replied_to)


@pytest.mark.parametrize("kind", ["folder", "zip", "tar.gz"])
@pytest.mark.parametrize("platform", sorted(EXPECTED))
def test_importing_reads_each_platform_export(platform, kind, tmp_path):
    ignored, expected = EXPECTED[platform]
    posts, summary = read_export(container(kind, ARCHIVES / platform, tmp_path))
    assert summary.problems == []
    assert dict(summary.ignored) == ignored
    assert sorted(_shape(post) for post in posts) == sorted(row[:5] for row in expected)
    texts = {_shape(post): post.text for post in posts}
    for row in expected:
        assert texts[row[:5]].startswith(row[5]), texts[row[:5]]
    assert summary.found == len(expected)


@pytest.mark.parametrize(
    ("platform", "file"),
    [
        ("x_twitter", "data/tweets.js"),
        ("linkedin", "Shares.csv"),
        ("linkedin", "Comments.csv"),
        ("facebook", "your_activity_across_facebook/comments_and_reactions/comments.json"),
        ("mastodon", "outbox.json"),
        ("reddit", "comments.csv"),
        ("wordpress", "anasblog.WordPress.2024-05-08.xml"),
        ("plain", "posts.jsonl"),
        ("twitter_grailbird", "data/js/tweets/2013_01.js"),
        ("twitter_grailbird", "tweets.csv"),
        ("linkedin_2018", "Shares.csv"),
        (
            "linkedin_2018",
            "Articles/Articles/2018-03-12 10:22:00.0-What Kwame taught me about reviews.html",
        ),
        ("bluesky", "repo.car"),
        ("threads", "your_instagram_activity/threads/threads_and_replies.json"),
        (
            "facebook_html",
            "your_activity_across_facebook/posts/your_posts__check_ins__photos_and_videos_1.html",
        ),
        ("reddit_gdpr", "posts_1.csv"),
    ],
)
def test_importing_reads_the_single_file_inside(platform, file):
    posts, summary = read_export(ARCHIVES / platform / file)
    assert posts and not summary.problems
    platform = PLATFORMS.get(platform, platform.split("_")[0])
    assert {post.platform for post in posts} == {platform}


def test_importing_finds_the_export_under_a_top_folder_of_the_zip(tmp_path):
    archive = zip_folder(ARCHIVES / "x_twitter", tmp_path / "x.zip", prefix="twitter-2024-05-01/")
    posts, summary = read_export(archive)
    assert len(posts) == 3
    # The username still comes from the account.js next to tweets.js.
    assert all(post.url.startswith("https://x.com/ana_builds/") for post in posts)
    assert summary.files == [
        "x.zip:twitter-2024-05-01/data/deleted-tweets.js",
        "x.zip:twitter-2024-05-01/data/tweets.js",
    ]


def test_importing_ids_are_the_same_on_every_import(tmp_path):
    first, _ = read_export(ARCHIVES / "facebook")
    second, _ = read_export(zip_folder(ARCHIVES / "facebook", tmp_path / "fb.zip"))
    assert [post.id for post in first] == [post.id for post in second]
    assert len({post.id for post in first}) == len(first)


def test_model_import_id_uses_the_platform_id_when_there_is_one():
    moment = parse_date("2024-01-01T00:00:00Z")
    assert import_id("x", "1", "a", moment) == import_id("x", "1", "edited text", moment)
    assert import_id("x", "1", "a", moment) != import_id("mastodon", "1", "a", moment)
    assert import_id("facebook", None, "a", moment) != import_id("facebook", None, "b", moment)


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("CafÃ©", "Café"),
        ("Tobias LÃ¸ye", "Tobias Løye"),
        ("ð\x9f\x99\x8c", "🙌"),
        ("Café", "Café"),  # already right: unchanged
        ("plain ascii", "plain ascii"),
        ("Ã© and 🙌", "Ã© and 🙌"),  # not mojibake as a whole: left alone
    ],
)
def test_text_repair_mojibake(broken, fixed):
    assert repair_mojibake(broken) == fixed


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>One</p><p>Two<br>three</p>", "One\n\nTwo\nthree"),
        (
            '<p><a href="https://x.example/@a" class="u-url mention">@<span>a</span></a> hi</p>',
            "@a hi",
        ),
        ("<!-- wp:paragraph --><p>A &amp; B&nbsp;C</p><!-- /wp:paragraph -->", "A & B C"),
        ("<ul><li>a</li><li>b</li></ul>", "• a\n\n• b"),
        ("no markup &amp; all", "no markup & all"),
        ("<p></p>", ""),
    ],
)
def test_text_html_to_text(html, text):
    assert html_to_text(html) == text


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("Mon Apr 15 09:12:40 +0000 2024", "2024-04-15T09:12:40+00:00"),
        ("2023-01-15 12:34:56 UTC", "2023-01-15T12:34:56+00:00"),
        ("2024-05-02 08:15:31", "2024-05-02T08:15:31+00:00"),
        ("2024-05-01T18:00:00+02:00", "2024-05-01T18:00:00+02:00"),
        ("Sat, 16 Oct 2010 20:53:18 +0000", "2010-10-16T20:53:18+00:00"),
        (1714640400, "2024-05-02T09:00:00+00:00"),
        ("1714640400000", "2024-05-02T09:00:00+00:00"),
    ],
)
def test_text_parse_date(value, iso):
    assert parse_date(value).isoformat() == iso


# -- bad input -------------------------------------------------------------------------


def test_archive_damaged_zip_with_nothing_readable_is_refused(tmp_path):
    whole = zip_folder(ARCHIVES / "linkedin", tmp_path / "whole.zip").read_bytes()
    cut = tmp_path / "Basic_LinkedInDataExport.zip"
    cut.write_bytes(whole[:40])
    with pytest.raises(ArchiveError, match=r"Basic_LinkedInDataExport\.zip: .*incomplete"):
        read_export(cut)


class _Unseekable(io.RawIOBase):
    """A stream zipfile cannot seek back in: it writes sizes after the data (bit 3), as
    exports zipped on the fly by a web server are."""

    def __init__(self, handle):
        self.handle = handle

    def writable(self):
        return True

    def write(self, data):
        return self.handle.write(data)


def _x_archive_with_media(target: Path, *, streamed: bool) -> Path:
    with target.open("wb") as handle:
        sink = _Unseekable(handle) if streamed else handle
        with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as archive:
            for file in sorted((ARCHIVES / "x_twitter").rglob("*.js")):
                archive.write(file, file.relative_to(ARCHIVES / "x_twitter").as_posix())
            archive.writestr("data/tweets_media/clip.mp4", os.urandom(400_000))
    return target


@pytest.mark.parametrize("streamed", [False, True], ids=["sizes first", "sizes after data"])
def test_salvage_truncated_zip_imports_the_files_before_the_cut(tmp_path, streamed):
    archive = _x_archive_with_media(tmp_path / "x.zip", streamed=streamed)
    data = archive.read_bytes()
    cut = tmp_path / "twitter-2024-05-01.zip"
    cut.write_bytes(data[: len(data) - 150_000])  # the download stopped inside the video
    posts, summary = read_export(cut)
    assert len(posts) == 3
    assert summary.ignored == {"deleted": 1, "retweet": 1, "media only": 1}
    assert summary.problems == [
        "twitter-2024-05-01.zip: the zip is cut short (was the download interrupted?): "
        "imported what the 3 complete files before the cut hold; download the export again "
        "for the rest"
    ]


def test_salvage_truncated_zip_without_the_posts_says_so(tmp_path):
    archive = zip_files(
        tmp_path / "x.zip",
        {"data/account.js": "window.YTD.account.part0 = []", "data/tweets.js": os.urandom(9000)},
    )
    data = archive.read_bytes()
    cut = tmp_path / "x-cut.zip"
    cut.write_bytes(data[: len(data) - 5000])
    with pytest.raises(ArchiveError, match="x-cut.zip: the zip is cut short .* holds none"):
        read_export(cut)


def test_archive_truncated_tar_gz_imports_the_files_before_the_cut(tmp_path):
    # Mastodon's tar.gz has outbox.json first and the media after it: a download cut in the
    # media still holds every post.
    archive = tar_folder(
        ARCHIVES / "mastodon",
        tmp_path / "full.tar.gz",
        extra={"media_attachments/files/1/original/a.png": os.urandom(300_000)},
    )
    cut = tmp_path / "archive-20241101.tar.gz"
    data = archive.read_bytes()
    cut.write_bytes(data[: len(data) - 100_000])
    posts, summary = read_export(cut)
    assert len(posts) == 2 and summary.problems == []


def test_detect_unknown_platform_names_what_is_expected(tmp_path):
    archive = zip_files(tmp_path / "photos.zip", {"notes.txt": "hi", "IMG_0001.jpg": b"\xff\xd8"})
    with pytest.raises(ArchiveError) as error:
        read_export(archive)
    message = str(error.value)
    assert message.startswith("photos.zip: not an export Spotlight recognises")
    assert "notes.txt" in message
    for expected in ("data/tweets.js", "Shares.csv", "outbox.json", "posts.csv", "WXR"):
        assert expected in message


def test_detect_unknown_single_file(tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text("name,email\nana,ana@example.org\n")
    with pytest.raises(ArchiveError, match="contacts.csv: not an export Spotlight recognises"):
        read_export(path)


def test_archive_missing_path(tmp_path):
    with pytest.raises(ArchiveError, match="nowhere.zip: no such file"):
        read_export(tmp_path / "nowhere.zip")


@pytest.mark.parametrize(
    ("files", "bad_file", "message", "good_posts"),
    [
        (  # LinkedIn Shares.csv without its text column: comments still import
            {
                "Shares.csv": "Date,ShareLink\n2024-01-01 10:00:00,https://l.example/1\n",
                "Comments.csv": "Date,Link,Message\n2024-01-02 10:00:00,https://l.example/2,Nice!\n",
            },
            "export.zip:Shares.csv",
            "expected LinkedIn's Shares.csv with the columns Date, ShareLink, ShareCommentary; "
            "missing ShareCommentary (found: Date, ShareLink)",
            1,
        ),
        (  # Reddit comments.csv without body
            {
                "comments.csv": (
                    "id,permalink,date,subreddit\na1,/r/x/a1,2024-01-01 00:00:00 UTC,x\n"
                ),
                "posts.csv": (ARCHIVES / "reddit/posts.csv").read_text(),
            },
            "export.zip:comments.csv",
            "missing body",
            1,
        ),
        (  # plain CSV without date
            {
                "my-posts.csv": "text,site\nhello,bluesky\n",
                "more.jsonl": '{"text": "Thanks Ana!", "date": "2024-01-01"}\n',
            },
            "export.zip:my-posts.csv",
            "expected a CSV of posts with the columns text, date; missing date",
            1,
        ),
        (  # outbox.json that is a list, not an OrderedCollection
            {
                "outbox.json": "[1, 2]",
                "actor.json": "{}",
                "data/tweets.js": (ARCHIVES / "x_twitter/data/tweets.js").read_text(),
            },
            "export.zip:outbox.json",
            "expected Mastodon's ActivityPub outbox (an OrderedCollection with orderedItems); "
            "found a list of 2 items",
            3,
        ),
        (  # tweets.js that is plain JSON without the window.YTD wrapper... of something else
            {"data/tweets.js": '{"tweets": []}'},
            "export.zip:data/tweets.js",
            "expected an X archive file starting with window.YTD.tweets.part0 = [",
            0,
        ),
        (  # Facebook posts file holding an object
            {"posts/your_posts_1.json": '{"status_updates_v2": []}'},
            "export.zip:posts/your_posts_1.json",
            "expected Facebook's list of your posts: a list of posts; found an object with the "
            "keys status_updates_v2",
            0,
        ),
        (  # comments.json that is not JSON at all
            {"comments_and_reactions/comments.json": "<html>Sign in</html>"},
            "export.zip:comments_and_reactions/comments.json",
            "expected Facebook's comments.json (JSON), but it is not JSON",
            0,
        ),
        (  # WXR cut in the middle of the XML
            {"blog.xml": WXR.read_bytes()[:3000]},
            "export.zip:blog.xml",
            "expected a WordPress WXR export (XML), but the XML is broken",
            0,
        ),
    ],
)
def test_importing_bad_file_is_reported_and_the_rest_imported(
    files, bad_file, message, good_posts, tmp_path
):
    posts, summary = read_export(zip_files(tmp_path / "export.zip", files))
    assert len(posts) == good_posts
    assert summary.unreadable == 1
    assert summary.problems[0].startswith(f"{bad_file}: ")
    assert message in summary.problems[0]


def test_importing_bad_items_are_reported_with_their_place(tmp_path):
    lines = [
        '{"text": "fine", "date": "2024-01-01T00:00:00Z"}',
        "not json",
        '{"text": "no date"}',
        '{"text": "bad date", "date": "yesterday"}',
        '{"text": "", "date": "2024-01-01"}',
        '["a list"]',
    ]
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(lines) + "\n")
    posts, summary = read_export(path)
    assert [post.text for post in posts] == ["fine"]
    assert summary.ignored == {"no text": 1}
    assert summary.problems == [
        "posts.jsonl line 2: expected a JSON object per line: Expecting value",
        "posts.jsonl line 3: expected the fields text and date",
        "posts.jsonl line 4: not a date: 'yesterday' (expected e.g. 2024-05-01T09:30:00Z)",
        "posts.jsonl line 6: expected a JSON object with text and date",
    ]


def test_archive_file_over_the_size_limit_is_refused_and_the_rest_read(tmp_path):
    big = "window.YTD.tweets.part0 = [" + ",".join(['{"tweet": {}}'] * 400) + "]"
    archive = zip_folder(
        ARCHIVES / "linkedin", tmp_path / "export.zip", extra={"data/tweets.js": big}
    )
    posts, summary = read_export(archive, max_file_bytes=4096)
    assert len(posts) == 4  # LinkedIn's files are small enough
    assert summary.problems == [
        "export.zip:data/tweets.js: the file is 5 KB; Spotlight reads text files of at most "
        "4 KB from an export"
    ]


def test_archive_zip_lying_about_its_size_is_refused(tmp_path):
    # A member whose header claims a small size but inflates to far more (a "zip bomb").
    archive = zip_files(tmp_path / "bomb.zip", {"posts.jsonl": b" " * 200_000})
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as zipped:
        info = zipped.getinfo("posts.jsonl")
    # Patch the uncompressed size in the central directory entry to 100 bytes.
    central = data.rindex(b"PK\x01\x02")
    data[central + 24 : central + 28] = (100).to_bytes(4, "little")
    archive.write_bytes(bytes(data))
    assert info.file_size == 200_000
    posts, summary = read_export(archive, max_file_bytes=4096)
    assert posts == []
    assert "bomb.zip:posts.jsonl: " in summary.problems[0]


@pytest.mark.slow
def test_archive_of_200_mb_reads_only_its_text_files(tmp_path):
    # Real X archives are mostly photos and videos; the 200 MB here is stored incompressible
    # media, which must never be read.
    archive = tmp_path / "twitter-2024-05-01.zip"
    block = os.urandom(2**20)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zipped:
        for file in sorted((ARCHIVES / "x_twitter").rglob("*")):
            if file.is_file():
                zipped.write(file, file.relative_to(ARCHIVES / "x_twitter").as_posix())
        with zipped.open("data/tweets_media/video.mp4", "w", force_zip64=True) as media:
            for _ in range(200):
                media.write(block)
    assert archive.stat().st_size > 200 * 2**20
    posts, summary = read_export(archive)
    assert len(posts) == 3 and summary.problems == []


def test_importing_post_with_no_text_is_left_out(tmp_path):
    path = tmp_path / "posts.csv"
    path.write_text('text,date\n"",2024-01-01\n"   ",2024-01-02\nreal words,2024-01-03\n')
    posts, summary = read_export(path)
    assert [post.text for post in posts] == ["real words"]
    assert summary.ignored == {"no text": 2}


def test_importing_repeated_post_counts_once(tmp_path):
    row = {"text": "Same words", "date": "2024-01-01T00:00:00Z"}
    path = tmp_path / "posts.jsonl"
    path.write_text((json.dumps(row) + "\n") * 3)
    posts, summary = read_export(path)
    assert len(posts) == 1 and summary.found == 3 and summary.repeated == 2


def test_importing_fixture_readme_cites_every_fixture():
    readme = (ARCHIVES / "README.md").read_text()
    for folder in ARCHIVES.iterdir():
        if folder.is_dir():
            assert f"`{folder.name}/`" in readme


def test_importing_keeps_what_was_read_before_a_file_turns_bad(tmp_path):
    # The third tweet's entities are a list, not an object: the two before it still count.
    tweets = [
        {
            "tweet": {
                "id_str": str(n),
                "full_text": f"Tweet {n}",
                "entities": {},
                "created_at": "Mon Apr 15 09:12:40 +0000 2024",
            }
        }
        for n in range(3)
    ]
    tweets[2]["tweet"]["entities"] = ["odd"]
    path = tmp_path / "tweets.js"
    path.write_text("window.YTD.tweets.part0 = " + json.dumps(tweets))
    posts, summary = read_export(path)
    assert [post.text for post in posts] == ["Tweet 0", "Tweet 1"]
    assert summary.problems == [
        "tweets.js: unexpected content (AttributeError): 'list' object has no attribute 'get'"
    ]


def test_archive_corrupt_member_is_reported_and_the_others_read(tmp_path):
    archive = zip_folder(ARCHIVES / "linkedin", tmp_path / "export.zip")
    with zipfile.ZipFile(archive) as zipped:
        info = zipped.getinfo("Comments.csv")
    data = bytearray(archive.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for position in range(start + 5, start + 15):
        data[position] ^= 0xFF  # a flipped run of bits in the compressed text
    archive.write_bytes(bytes(data))
    posts, summary = read_export(archive)
    assert {post.kind for post in posts} == {"post"}  # Shares.csv still read
    (problem,) = summary.problems
    assert problem.startswith("export.zip:Comments.csv: the file is damaged in the archive (")


def test_wordpress_entity_expansion_bomb_is_refused(tmp_path):
    entities = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(2, 10))
    path = tmp_path / "blog.xml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol1 "lol">' + entities + "]>"
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&lol9;</title>'
        "</channel></rss>"
    )
    posts, summary = read_export(path)
    assert posts == []
    assert summary.problems[0].startswith(
        "blog.xml: expected a WordPress WXR export (XML), but the XML is broken: limit on input"
    )
