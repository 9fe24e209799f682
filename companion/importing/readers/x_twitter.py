"""X/Twitter: ``data/tweets.js`` in the archive from Settings → Your account → Download an
archive of your data.

The file is JavaScript, not JSON: ``window.YTD.tweets.part0 = [{"tweet": {...}}, ...]``.
Older archives call it ``tweet.js`` (``window.YTD.tweet.part0``) and large ones split it
into ``tweets-part1.js``, .... Posts in communities are in ``community-tweet.js``. Links in
``full_text`` are t.co short links; the tweet's ``entities.urls`` give the real address.
A post over 280 characters is cut with "…" in tweets.js; its whole text is in
``note-tweet.js`` (``noteTweet.core.text``), found by the tweet's id or creation time.

Retweets are someone else's words and are left out; ``deleted-tweets.js`` holds tweets the
user took back, left out too; so are media posts, whose own words are empty once the
leading @handles and the media link are removed. A reply to oneself continues a thread
(kind ``thread``); only a reply to someone else's tweet is a ``reply``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

from ..archive import Member
from ..dates import parse_date
from ..found import Found, Ignored, ImportedPost, Problem
from ..reader import Context

PLATFORM = "x"
LABEL = "X/Twitter"
EXPECTS = "data/tweets.js"
HOW = "Settings → Your account → Download an archive of your data"
READS = (
    "`data/tweets.js` (also `tweet.js`, `tweets-part1.js`…) and `data/community-tweet.js`; "
    "the whole text of long posts from `data/note-tweet.js`; the username from "
    "`data/account.js`"
)
SKIPS = "retweets, `deleted-tweets.js`, media posts (a photo with nothing but @handles)"
SUFFIXES = (".js",)

_NAME = re.compile(r"(?:^|/)(tweets?|deleted-tweets|community-tweet)(?:-part\d+)?\.js$")
_WRAPPER = re.compile(rb"^\s*window\.YTD\.(\w+)\.part\d+\s*=\s*")
_KINDS_OF_FILE = re.compile(rb"window\.YTD\.(tweets?|deleted_tweets|community_tweet)\.")
_LEADING_HANDLES = re.compile(r"^(?:[@＠]\w{1,15}[\s,:]*)+")


def claims(member: Member) -> bool:
    if _NAME.search(member.name):
        return True
    head = member.head(200)
    return (
        member.name.endswith(".js")
        and bool(_WRAPPER.match(head))
        and bool(_KINDS_OF_FILE.search(head))
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


def _account(context: Context) -> dict[str, str]:
    member = context.find("data/account.js", "account.js")
    if member is None:
        return {}
    try:
        _, items = load_ytd(member)
        account = items[0]["account"]
        return {key: str(account[key]) for key in ("username", "accountId") if key in account}
    except (ValueError, LookupError, TypeError):
        return {}


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


def own_words(text: str) -> str:
    """What is left of a post once the @handles it opens with are removed."""
    return _LEADING_HANDLES.sub("", text).strip()


def has_media(tweet: dict[str, Any]) -> bool:
    entities = tweet.get("extended_entities") or tweet.get("entities") or {}
    return bool(isinstance(entities, dict) and entities.get("media"))


def reply_kind(tweet: dict[str, Any], account: dict[str, str]) -> tuple[str, tuple[str, ...]]:
    """``(kind, replied_to)``: a reply only when the tweet answers another's tweet."""
    if not (tweet.get("in_reply_to_status_id_str") or tweet.get("in_reply_to_status_id")):
        # A tweet that merely starts with @handle (the API fills in_reply_to_screen_name
        # for those too) is a post that mentions someone, not an answer.
        return "post", ()
    user = str(tweet.get("in_reply_to_user_id_str") or tweet.get("in_reply_to_user_id") or "")
    name = str(tweet.get("in_reply_to_screen_name") or "")
    mine = (user and user == account.get("accountId")) or (
        name and name.lower() == account.get("username", "").lower()
    )
    if mine:
        return "thread", ()
    return "reply", (f"@{name}",) if name else ()


class _Notes:
    """The whole texts of long posts (note-tweet.js), by tweet id and by creation time."""

    def __init__(self, context: Context) -> None:
        self.by_id: dict[str, str] = {}
        self.by_time: dict[dt.datetime, list[str]] = {}
        member = context.find("data/note-tweet.js", "note-tweet.js")
        if member is None:
            return
        try:
            _, items = load_ytd(member)
        except ValueError:
            return  # long posts then keep the cut text of tweets.js
        for item in items:
            note = item.get("noteTweet") if isinstance(item, dict) else None
            if not isinstance(note, dict):
                continue
            core = note.get("core") or note.get("noteTweetResults") or {}
            text = core.get("text") if isinstance(core, dict) else None
            if not isinstance(text, str):
                continue
            text = _expand_note_links(text, core)
            for key in ("tweetId", "noteTweetId"):
                if note.get(key):
                    self.by_id[str(note[key])] = text
            try:
                moment = parse_date(note.get("createdAt")).replace(microsecond=0)
            except ValueError:
                continue
            self.by_time.setdefault(moment, []).append(text)

    def full_text(self, ident: str, posted_at: dt.datetime, cut: str) -> str | None:
        if ident in self.by_id:
            return self.by_id[ident]
        start = _comparable(cut)[:60]
        for text in self.by_time.get(posted_at.replace(microsecond=0), ()):
            if _comparable(text).startswith(start):
                return text
        return None


def _expand_note_links(text: str, core: dict[str, Any]) -> str:
    for url in core.get("urls") or ():
        if isinstance(url, dict) and url.get("shortUrl") and url.get("expandedUrl"):
            text = text.replace(url["shortUrl"], url["expandedUrl"])
    return unescape(text)


def _comparable(text: str) -> str:
    return " ".join(re.sub(r"https?://\S+", "", text).split())


def read(member: Member, context: Context) -> Iterator[Found]:
    name, items = load_ytd(member)
    deleted = name == "deleted_tweets" or "deleted" in member.name
    account = _account(context)
    notes = _Notes(context)
    for number, item in enumerate(items, 1):
        where = f"{member.display} tweet {number}"
        tweet = item.get("tweet", item) if isinstance(item, dict) else None
        if not isinstance(tweet, dict) or not tweet.get("id_str") and not tweet.get("id"):
            yield Problem(where, "expected a tweet object with id_str, full_text and created_at")
            continue
        if deleted or tweet.get("deleted_at"):
            yield Ignored("deleted", where)
            continue
        yield _tweet(tweet, where, member, account, notes)


def _tweet(
    tweet: dict[str, Any], where: str, member: Member, account: dict[str, str], notes: _Notes
) -> Found:
    text = tweet.get("full_text", tweet.get("text"))
    if not isinstance(text, str):
        return Problem(where, "the tweet has no full_text")
    if text.startswith("RT @") or tweet.get("retweeted_status"):
        return Ignored("retweet", where)
    try:
        posted_at = parse_date(tweet.get("created_at"))
    except ValueError as error:
        return Problem(where, str(error))
    ident = str(tweet.get("id_str") or tweet.get("id"))
    text = expand_links(unescape(text), tweet.get("entities") or {})
    if "…" in text or ident in notes.by_id:
        text = notes.full_text(ident, posted_at, text.split("…", 1)[0]) or text
    if not own_words(text):
        return Ignored("media only" if has_media(tweet) else "no text", where)
    kind, replied_to = reply_kind(tweet, account)
    return tweet_post(ident, text, kind, replied_to, posted_at, member, account)


def tweet_post(
    ident: str,
    text: str,
    kind: str,
    replied_to: tuple[str, ...],
    posted_at: str,
    member: Member,
    account: dict[str, Any],
) -> ImportedPost:
    """One tweet as the store takes it; the 2012-2018 archive's reader makes them here too,
    so a tweet found in both archives has one id and one address."""
    return ImportedPost(
        platform=PLATFORM,
        native_id=ident,
        text=text,
        site="x",
        kind=kind,
        posted_at=posted_at,
        source=member.display,
        url=f"https://x.com/{account.get('username') or 'i/web'}/status/{ident}",
        replied_to=replied_to,
    )


def unescape(text: str) -> str:
    # The archive keeps the HTML escapes the API sent: &amp; &lt; &gt;.
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
