"""Twitter's archive of 2012-2018 ("Grailbird"): ``tweets.csv`` beside
``data/js/tweets/YYYY_MM.js``, one file per month.

Each monthly file is ``Grailbird.data.tweets_2013_01 =`` followed by a JSON list of tweets
in the API's old shape (``id_str``, ``text``, ``created_at`` as ``2013-01-31 22:41:35
+0000``, ``entities``, ``in_reply_to_*``, ``retweeted_status``, ``user``); the account is
in ``data/js/user_details.js``. ``tweets.csv`` holds the same tweets with fewer fields
(``tweet_id, in_reply_to_status_id, in_reply_to_user_id, timestamp, source, text,
retweeted_status_id, ..., expanded_urls``): it is read only when the monthly files are not
there. Ids are the tweets' own, so importing this archive and a newer X archive of the
same account adds each tweet once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from ..archive import Member
from ..csv_files import csv_header, csv_rows
from ..dates import parse_date
from ..found import Found, Ignored, Problem
from ..reader import Context
from .x_twitter import expand_links, has_media, own_words, reply_kind, tweet_post, unescape

PLATFORM = "x"
LABEL = "Twitter archive (2012–2018)"
EXPECTS = "tweets.csv, data/js/tweets/YYYY_MM.js"
HOW = "the archive Twitter sent before 2019 (Settings → Your Twitter archive)"
READS = (
    "`data/js/tweets/YYYY_MM.js` (`Grailbird.data.tweets_YYYY_MM = [...]`), the username "
    "from `data/js/user_details.js`; `tweets.csv` when the monthly files are missing"
)
SKIPS = "retweets, media posts (a photo with nothing but @handles)"
SUFFIXES = (".js", ".csv")

_MONTH = re.compile(r"(?:^|/)data/js/tweets/\d{4}_\d{2}\.js$")
_GRAILBIRD = re.compile(rb"^\s*Grailbird\.data\.tweets_\d{4}_\d{2}\s*=")
CSV_COLUMNS = ("tweet_id", "timestamp", "text")


def claims(member: Member) -> bool:
    name = member.name.lower()
    if name.endswith(".js"):
        return bool(_MONTH.search(member.name)) or bool(_GRAILBIRD.match(member.head(100)))
    if name.endswith(".csv"):
        return set(CSV_COLUMNS) <= set(csv_header(member))
    return False


def _account(context: Context) -> dict[str, str]:
    member = context.find("data/js/user_details.js", "user_details.js")
    if member is None:
        return {}
    try:
        text = member.read_text()
        details = json.loads(text[text.index("=") + 1 :].strip().rstrip(";"))
        return {"username": str(details["screen_name"]), "accountId": str(details["id"])}
    except (ValueError, LookupError, TypeError):
        return {}


def _months(context: Context) -> list[Member]:
    return context.find_all(lambda member: bool(_MONTH.search(member.name)))


def read(member: Member, context: Context) -> Iterator[Found]:
    account = _account(context)
    if member.name.lower().endswith(".csv"):
        if not _months(context):
            yield from _read_csv(member, account)
        return  # the monthly files hold the same tweets, with their entities
    text = member.read_text()
    if not _GRAILBIRD.match(text.encode()[:100]):
        raise ValueError(
            "expected a monthly file of the 2012-2018 Twitter archive starting with "
            f"Grailbird.data.tweets_YYYY_MM = [...]; found {text[:40]!r}"
        )
    try:
        tweets = json.loads(text[text.index("=") + 1 :].strip().rstrip(";"))
    except json.JSONDecodeError as error:
        raise ValueError(f"the list after Grailbird.data... is not valid JSON ({error})") from None
    if not isinstance(tweets, list):
        raise ValueError("expected a list of tweets after Grailbird.data.tweets_YYYY_MM =")
    for number, tweet in enumerate(tweets, 1):
        yield _tweet(tweet, f"{member.display} tweet {number}", member, account)


def _tweet(tweet: Any, where: str, member: Member, account: dict[str, str]) -> Found:
    if not isinstance(tweet, dict) or not (tweet.get("id_str") or tweet.get("id")):
        return Problem(where, "expected a tweet object with id_str, text and created_at")
    text = tweet.get("text")
    if not isinstance(text, str):
        return Problem(where, "the tweet has no text")
    if tweet.get("retweeted_status") or text.startswith("RT @"):
        return Ignored("retweet", where)
    if not account and isinstance(tweet.get("user"), dict):
        user = tweet["user"]
        account = {
            "username": str(user.get("screen_name", "")),
            "accountId": str(user.get("id_str", "")),
        }
    text = expand_links(unescape(text), tweet.get("entities") or {})
    if not own_words(text):
        return Ignored("media only" if has_media(tweet) else "no text", where)
    try:
        posted_at = parse_date(tweet.get("created_at"))
    except ValueError as error:
        return Problem(where, str(error))
    kind, replied_to = reply_kind(tweet, account)
    return tweet_post(str(tweet.get("id_str") or tweet.get("id")), text, kind, replied_to,
                 posted_at, member, account)  # fmt: skip


def _read_csv(member: Member, account: dict[str, str]) -> Iterator[Found]:
    for line, row in csv_rows(member, CSV_COLUMNS, what="tweets.csv of the Twitter archive"):
        where = f"{member.display} line {line}"
        if row.get("retweeted_status_id", "").strip() or row["text"].startswith("RT @"):
            yield Ignored("retweet", where)
            continue
        text = unescape(row["text"]).strip()
        if not own_words(re.sub(r"https?://t\.co/\w+", "", text)):
            yield Ignored("media only" if "/photo/" in row.get("expanded_urls", "") else "no text",
                        where)  # fmt: skip
            continue
        try:
            posted_at = parse_date(row["timestamp"])
        except ValueError as error:
            yield Problem(where, str(error))
            continue
        tweet = {
            "in_reply_to_status_id_str": row.get("in_reply_to_status_id", "").strip(),
            "in_reply_to_user_id_str": row.get("in_reply_to_user_id", "").strip(),
            # The table has no name of the person answered; a reply opens with it.
            "in_reply_to_screen_name": (re.match(r"@(\w+)", text) or [None, ""])[1],
        }
        kind, replied_to = reply_kind(tweet, account)
        yield tweet_post(
            row["tweet_id"].strip(), text, kind, replied_to, posted_at, member, account
        )
