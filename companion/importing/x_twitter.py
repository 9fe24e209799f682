"""X/Twitter: ``data/tweets.js`` in the archive from Settings → Your account → Download an
archive of your data.

The file is JavaScript, not JSON: ``window.YTD.tweets.part0 = [{"tweet": {...}}, ...]``.
Older archives call it ``tweet.js`` (``window.YTD.tweet.part0``) and large ones split it
into ``tweets-part1.js``, .... Links in ``full_text`` are t.co short links; the tweet's
``entities.urls`` give the real address. Retweets ("RT @someone: ...") are someone else's
words and are left out; ``deleted-tweets.js`` holds tweets the user deleted, which are
left out too (the user took them back).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from .archive import Member
from .formats import Context
from .model import Found, Ignored, ImportedPost, Problem
from .text import parse_date

PLATFORM = "x"
LABEL = "X/Twitter"
EXPECTS = "data/tweets.js"

_NAME = re.compile(r"(?:^|/)(tweets?|deleted-tweets)(?:-part\d+)?\.js$")
_WRAPPER = re.compile(rb"^\s*window\.YTD\.(\w+)\.part\d+\s*=\s*")


def claims(member: Member) -> bool:
    return bool(_NAME.search(member.name)) or bool(
        member.name.endswith(".js")
        and _WRAPPER.match(member.head(200))
        and re.search(rb"window\.YTD\.(tweets?|deleted_tweets)\.", member.head(200))
    )


def load_ytd(member: Member) -> tuple[str, list[Any]]:
    """The name and the list of a ``window.YTD.<name>.partN = [...]`` file."""
    data = member.read_bytes()
    match = _WRAPPER.match(data)
    if not match:
        raise ValueError(
            "expected an X archive file starting with window.YTD.tweets.part0 = [ ...; "
            f"found {data[:40].decode('utf-8', 'replace')!r}"
        )
    try:
        items = json.loads(data[match.end() :].decode("utf-8").strip().rstrip(";"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"the list after window.YTD... is not valid JSON ({error})") from None
    if not isinstance(items, list):
        raise ValueError("expected a list of tweets after window.YTD.tweets.part0 =")
    return match.group(1).decode(), items


def _username(context: Context) -> str | None:
    member = context.find("data/account.js", "account.js")
    if member is None:
        return None
    try:
        _, items = load_ytd(member)
        return items[0]["account"]["username"]
    except (ValueError, LookupError, TypeError):
        return None


def expand_links(text: str, entities: dict[str, Any]) -> str:
    """Replace t.co links by the addresses they stand for; media links are dropped (the
    picture is not words)."""
    for url in entities.get("urls") or ():
        if isinstance(url, dict) and url.get("url") and url.get("expanded_url"):
            text = text.replace(url["url"], url["expanded_url"])
    for media in entities.get("media") or ():
        if isinstance(media, dict) and media.get("url"):
            text = text.replace(media["url"], "")
    return text.strip()


def read(member: Member, context: Context) -> Iterator[Found]:
    name, items = load_ytd(member)
    deleted = name == "deleted_tweets" or "deleted" in member.name
    username = _username(context)
    for number, item in enumerate(items, 1):
        where = f"{member.display} tweet {number}"
        tweet = item.get("tweet", item) if isinstance(item, dict) else None
        if not isinstance(tweet, dict) or not tweet.get("id_str") and not tweet.get("id"):
            yield Problem(where, "expected a tweet object with id_str, full_text and created_at")
            continue
        if deleted or tweet.get("deleted_at"):
            yield Ignored("deleted", where)
            continue
        text = tweet.get("full_text", tweet.get("text"))
        if not isinstance(text, str):
            yield Problem(where, "the tweet has no full_text")
            continue
        if text.startswith("RT @") or tweet.get("retweeted_status"):
            yield Ignored("retweet", where)
            continue
        text = expand_links(_unescape(text), tweet.get("entities") or {})
        if not text:
            yield Ignored("no text", where)
            continue
        try:
            posted_at = parse_date(tweet.get("created_at"))
        except ValueError as error:
            yield Problem(where, str(error))
            continue
        ident = str(tweet.get("id_str") or tweet.get("id"))
        reply_to = tweet.get("in_reply_to_screen_name")
        yield ImportedPost(
            platform=PLATFORM,
            native_id=ident,
            text=text,
            site="x",
            kind="reply" if reply_to or tweet.get("in_reply_to_status_id_str") else "post",
            posted_at=posted_at,
            source=member.display,
            url=f"https://x.com/{username or 'i/web'}/status/{ident}",
            replied_to=(f"@{reply_to}",) if reply_to else (),
        )


def _unescape(text: str) -> str:
    # The archive keeps the HTML escapes the API sent: &amp; &lt; &gt;.
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
