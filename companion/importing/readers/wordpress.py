"""WordPress: the WXR file from Tools → Export (WordPress eXtended RSS, an XML file).

Each ``<item>`` is a post, page or attachment (``wp:post_type``) with ``wp:status``,
``content:encoded`` (HTML, with block-editor comments), ``wp:post_date_gmt`` and its
``wp:comment``s. Published posts are imported, and the comments written by the site's own
authors (``wp:comment_user_id`` of a ``wp:author``, or their e-mail), which are the
author's replies to readers. The ``wp`` namespace changes with the WXR version (1.0-1.2),
so elements are matched by their local name.

Some exporters (and theme previews) write items without ``<wp:post_id>``; such a post's id
comes from its ``guid``, else its ``link``, else its title and date, so that seven posts
stay seven posts and importing the file again still adds nothing.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from urllib.parse import urlsplit

from ..archive import Member
from ..dates import parse_date
from ..found import Found, ImportedPost, Problem
from ..html_text import html_to_text
from ..reader import Context

PLATFORM = "wordpress"
LABEL = "WordPress"
EXPECTS = "a WXR export (.xml) from Tools → Export"
HOW = "Tools → Export → All content"
READS = (
    "the WXR `.xml`: published posts, and the comments written by the site's authors; "
    "items without `wp:post_id` get an id from their `guid`/`link`, else title and date"
)
SKIPS = "pages, drafts, readers' comments"
SUFFIXES = (".xml",)


def claims(member: Member) -> bool:
    return member.name.lower().endswith(".xml") and b"wordpress.org/export/" in member.head(8192)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _field(element: ET.Element, name: str) -> str:
    for child in element:
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) == name]


def _date(gmt: str, fallback: str) -> object:
    # Drafts carry "0000-00-00 00:00:00"; the RSS pubDate is then the only date.
    return gmt if gmt and not gmt.startswith("0000") else fallback


def post_key(item: ET.Element, posted: str) -> str:
    """What tells this post from the others: ``wp:post_id``, else the ``guid``, else the
    ``link``, else the title and the date."""
    for name in ("post_id", "guid", "link"):
        value = _field(item, name)
        if value and value != "0":
            return value if name == "post_id" else f"{name}:{value}"
    return f"title:{_field(item, 'title')}:{posted}"


def read(member: Member, context: Context) -> Iterator[Found]:
    try:
        root = ET.fromstring(member.read_bytes())
    except ET.ParseError as error:
        raise ValueError(
            f"expected a WordPress WXR export (XML), but the XML is broken: {error}"
        ) from None
    channel = root.find("channel")
    if _local(root.tag) != "rss" or channel is None:
        raise ValueError(f"expected a WordPress WXR export (<rss><channel>), found <{root.tag}>")
    site = urlsplit(_field(channel, "base_blog_url") or _field(channel, "link")).hostname
    site = (site or "wordpress").lower()
    authors = _children(channel, "author")
    author_ids = {_field(a, "author_id") for a in authors} - {"", "0"}
    author_emails = {_field(a, "author_email").lower() for a in authors} - {""}
    for number, item in enumerate(_children(channel, "item"), 1):
        where = f"{member.display} item {number}"
        if _field(item, "post_type") != "post" or _field(item, "status") != "publish":
            continue  # pages, attachments, menus, drafts: not posts the world read
        link = _field(item, "link") or None
        title = _field(item, "title")
        body = html_to_text(_field(item, "encoded"))
        text = "\n\n".join(part for part in (title, body) if part)
        try:
            posted_at = parse_date(_date(_field(item, "post_date_gmt"), _field(item, "pubDate")))
        except ValueError as error:
            yield Problem(where, str(error))
            continue
        if text:
            yield ImportedPost(
                platform=PLATFORM,
                native_id=f"{site}:post:{post_key(item, posted_at.isoformat())}",
                text=text,
                site=site,
                kind="post",
                posted_at=posted_at,
                source=member.display,
                url=link,
            )
        yield from _comments(item, member, site, link, author_ids, author_emails, where)


def _comments(item, member, site, link, author_ids, author_emails, where) -> Iterator[Found]:
    comments = _children(item, "comment")
    names = {_field(c, "comment_id"): _field(c, "comment_author") for c in comments}
    for comment in comments:
        by_author = _field(comment, "comment_user_id") in author_ids or (
            _field(comment, "comment_author_email").lower() in author_emails
        )
        if not by_author or _field(comment, "comment_approved") != "1":
            continue
        ident = _field(comment, "comment_id")
        text = html_to_text(_field(comment, "comment_content"))
        if not text:
            continue
        try:
            posted_at = parse_date(_field(comment, "comment_date_gmt"))
        except ValueError as error:
            yield Problem(f"{where} comment {ident}", str(error))
            continue
        parent = names.get(_field(comment, "comment_parent"))
        yield ImportedPost(
            platform=PLATFORM,
            native_id=f"{site}:comment:{ident}",
            text=text,
            site=site,
            kind="comment",
            posted_at=posted_at,
            source=member.display,
            url=f"{link}#comment-{ident}" if link and re.fullmatch(r"\d+", ident) else link,
            replied_to=(parent,) if parent else (),
        )
