"""LinkedIn articles: ``Articles/Articles/<title>.html`` in the export from Settings → Data
privacy → Get a copy of your data (one HTML page per article).

Each page holds the article's title as ``<h1><a href="https://www.linkedin.com/pulse/...">``,
``<p class="created">Created on 2024-02-24 00:06</p>``, ``<p class="published">Published
on 2024-02-24 00:09</p>`` (missing for a draft never published) and the body in the
``<div>`` after them. Dates are UTC. Imported as kind ``article``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..archive import Member
from ..dates import parse_date
from ..found import Found, Ignored, ImportedPost
from ..html_text import html_to_text
from ..reader import Context

PLATFORM = "linkedin"
LABEL = "LinkedIn articles"
EXPECTS = "Articles/*.html"
HOW = "Settings → Data privacy → Get a copy of your data (with Articles)"
READS = "`Articles/*.html`: title, body and publishing date of each article, as kind `article`"
SKIPS = "drafts never published"
SUFFIXES = (".html",)

_CREATED = re.compile(rb'<p class="(?:created|published)">')


def claims(member: Member) -> bool:
    if not member.name.lower().endswith((".html", ".htm")):
        return False
    head = member.head(8192)
    in_articles = "Articles/" in member.name or member.name.startswith("Articles")
    return bool(_CREATED.search(head)) and (in_articles or b"linkedin.com/pulse/" in head)


def read(member: Member, context: Context) -> Iterator[Found]:
    from bs4 import BeautifulSoup

    page = BeautifulSoup(member.read_text(), "html.parser")
    heading = page.find("h1")
    published = page.find("p", class_="published")
    if heading is None or page.find("p", class_="created") is None and published is None:
        raise ValueError(
            "expected a LinkedIn article page (an <h1> title and a 'Published on' date)"
        )
    if published is None:
        yield Ignored("unpublished draft", member.display)
        return
    posted_at = parse_date(published.get_text().replace("Published on", "").strip())
    link = heading.find("a")
    url = link.get("href") if link is not None else None
    body = published.find_next_sibling("div")
    text = "\n\n".join(
        part for part in (heading.get_text(" ", strip=True),
                          html_to_text(body.decode_contents()) if body else "") if part
    )  # fmt: skip
    yield ImportedPost(
        platform=PLATFORM,
        native_id=f"article:{url or member.path.name}",
        text=text,
        site="linkedin",
        kind="article",
        posted_at=posted_at,
        source=member.display,
        url=url if isinstance(url, str) and url.startswith("https://") else None,
    )
