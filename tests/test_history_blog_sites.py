"""Blog posts and work posts in the history (issue 14): a WordPress article is site
``wordpress``, kind ``article``; a post from an intranet is recorded under the origin's host.
Each is its own site on the history page, with its own give ratio."""

from __future__ import annotations

import datetime as dt

import pytest
from test_store import make_post, make_report

from companion import history
from companion.store import Store
from companion.store.posts import PostError, clean_post
from companion.vocabulary import KINDS

NOW = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)


@pytest.fixture
def store(tmp_path):
    store = Store.open(tmp_path / "history.db")
    yield store
    store.close()


def test_blog_kinds_are_the_shared_tuple():
    # The same tuple the importers' branch adds, so the merge agrees.
    assert KINDS == ("post", "reply", "comment", "thread", "article")


@pytest.mark.parametrize(
    ("site", "kind", "stored"),
    [
        ("wordpress", "article", "wordpress"),
        ("intranet.example.com", "post", "intranet.example.com"),
        ("Intranet.Example.COM", "reply", "intranet.example.com"),
        ("localhost", "post", "localhost"),
    ],
)
def test_blog_and_work_sites_are_accepted(site, kind, stored):
    post = clean_post(make_post(site=site, kind=kind, url="https://blog.example/2026/a-post/"))
    assert (post["site"], post["kind"]) == (stored, kind)


@pytest.mark.parametrize("site", ["intranet.example.com:8443", "https://intranet.example", ""])
def test_blog_a_host_with_port_or_scheme_is_refused(site):
    with pytest.raises(PostError, match="site must be a short name"):
        clean_post(make_post(site=site))


def test_blog_history_shows_blog_and_work_posts_as_their_own_sites(store):
    posts = [
        ("a1", "wordpress", "article", "promotes_others"),
        ("a2", "wordpress", "article", "self_promotion"),
        ("w1", "intranet.example.com", "post", "promotes_others"),
        ("w2", "intranet.example.com", "post", "promotes_others"),
        ("w3", "intranet.example.com", "reply", "mixed"),
        ("l1", "linkedin", "post", "self_promotion"),
    ]
    for number, (ident, site, kind, label) in enumerate(posts, start=1):
        post = make_post(ident, site=site, kind=kind, posted_at=f"2026-11-{number:02d}T10:00:00Z")
        store.record_post(clean_post(post), make_report(label))
    sites = {row["site"]: row for row in history.trends(store, "month", now=NOW)["sites"]}
    assert {site: row["posts"] for site, row in sites.items()} == {
        "wordpress": 2, "intranet.example.com": 3, "linkedin": 1}  # fmt: skip
    assert sites["wordpress"]["give_ratio"] == 0.5
    assert sites["intranet.example.com"]["give_ratio"] == pytest.approx(2 / 3, abs=0.01)
    assert sites["linkedin"]["give_ratio"] == 0.0
    only_blog = history.trends(store, "month", {"site": "wordpress"}, now=NOW)
    assert only_blog["totals"]["posts"] == 2 and only_blog["totals"]["give_ratio"] == 0.5
