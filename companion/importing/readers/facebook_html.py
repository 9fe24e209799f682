"""Facebook in HTML, the default format of Settings → Download your information:
``posts/your_posts_1.html`` (older exports) or
``your_activity_across_facebook/posts/your_posts__check_ins__photos_and_videos_1.html``.

Each post is one block (``<div class="pam _3-95 _2ph- _a6-g uiBoxWhite noborder">``; in
2019-2020 exports ``<div class="pam _3-95 _2pi0 _2lej uiBoxWhite noborder">``) holding a
title ("Ana Lima updated her status."), the words in ``<div class="_2pin">`` and the date
last (``<div class="_a72d">Jan 05, 2024 9:41:12 pm</div>``, or ``_3-94 _2lem`` with ``Jan 5,
2019, 9:41 PM``). The dates carry no time zone (they are in the zone of the account's
settings) and are taken as UTC. The HTML is read with BeautifulSoup; a page in a layout
Spotlight does not know is refused with the advice to download the JSON format, which the
``facebook`` reader reads.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ..archive import Member
from ..found import Found, Ignored, ImportedPost, Problem
from ..reader import Context

PLATFORM = "facebook"
LABEL = "Facebook (HTML)"
EXPECTS = "posts/your_posts_1.html"
HOW = "Settings → Download your information, format HTML (the default)"
READS = "`your_posts_1.html` / `your_posts__check_ins__photos_and_videos_1.html`: each dated post"
SKIPS = "photo-only posts; a page in an unknown layout (download the JSON format instead)"
SUFFIXES = (".html",)

_NAME = re.compile(r"(?:^|/)(your_posts[\w]*|profile_posts)_\d+\.html?$")
_BLOCK = re.compile(r"\b(_a6-g|_2lej|_2pi0)\b")
_DATE_CLASSES = ("_a72d", "_2lem", "_3-94")
_DATE_FORMATS = ("%b %d %Y %I:%M:%S %p", "%b %d %Y %I:%M %p", "%B %d %Y %I:%M:%S %p",
                 "%B %d %Y %I:%M %p")  # fmt: skip
JSON_ADVICE = "download your information again choosing Format: JSON, which Spotlight reads whole"


def claims(member: Member) -> bool:
    return bool(_NAME.search(member.name))


def parse_facebook_date(text: str) -> dt.datetime:
    """``Jan 05, 2024 9:41:12 pm`` or ``Jan 5, 2019, 9:41 PM`` as a UTC datetime."""
    clean = " ".join(text.replace(",", " ").split()).upper().title()
    clean = re.sub(r"\b(Am|Pm)$", lambda m: m.group(1).upper(), clean)
    for form in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(clean, form).replace(tzinfo=dt.UTC)
        except ValueError:
            continue
    raise ValueError(f"not a Facebook date: {text[:40]!r} (expected e.g. Jan 05, 2024 9:41 pm)")


def read(member: Member, context: Context) -> Iterator[Found]:
    from bs4 import BeautifulSoup

    page = BeautifulSoup(member.read_text(), "html.parser")
    blocks = page.find_all("div", class_=_BLOCK)
    if not blocks:
        raise ValueError(
            "expected Facebook's HTML list of your posts (blocks of class _a6-g); this page "
            f"is in a layout Spotlight does not know: {JSON_ADVICE}"
        )
    for number, block in enumerate(blocks, 1):
        where = f"{member.display} post {number}"
        words = [part.get_text("\n", strip=True) for part in block.find_all("div", class_="_2pin")]
        text = "\n\n".join(dict.fromkeys(word for word in words if word))
        stamp = None
        for name in _DATE_CLASSES:
            found = block.find_all("div", class_=name)
            if found:
                stamp = found[-1].get_text(" ", strip=True)
                break
        if not text:
            yield Ignored("media only" if block.find(["img", "video"]) else "no text", where)
            continue
        try:
            posted_at = parse_facebook_date(stamp or "")
        except ValueError as error:
            yield Problem(where, str(error))
            continue
        yield ImportedPost(
            platform=PLATFORM,
            native_id=None,
            text=text,
            site="facebook",
            kind="post",
            posted_at=posted_at,
            source=member.display,
        )
