"""Turning what exports store into the text the user wrote: HTML, mojibake, dates."""

from __future__ import annotations

import datetime as dt
import html
import re
from html.parser import HTMLParser

_BLOCKS = {"p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "tr"}


class _TextCollector(HTMLParser):
    """Collects the visible text of an HTML fragment with its paragraph breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0  # depth inside <script>/<style>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
        if tag == "li":
            self.parts.append("• ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """The text a reader sees in an HTML fragment: paragraphs as blank lines, <br> as a
    line break, entities decoded, comments (WordPress block markers) dropped."""
    if "<" not in fragment:
        return html.unescape(fragment).strip()
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    text = "".join(collector.parts).replace("\xa0", " ")
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf]")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as Latin-1, as in Facebook's exports ("CafÃ©" → "Café").

    Facebook writes each UTF-8 byte as its own ``\\u00XX`` escape. Text that does not
    look that way, or does not decode, is returned unchanged, so repairing twice is safe.
    """
    if not _MOJIBAKE.search(text):
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def from_timestamp(seconds: object) -> dt.datetime:
    """A Unix time (seconds, or milliseconds when it is that large) as an aware datetime."""
    if isinstance(seconds, str):
        seconds = float(seconds)
    if not isinstance(seconds, int | float) or isinstance(seconds, bool):
        raise ValueError(f"expected a Unix time, got {seconds!r}")
    if seconds > 10**11:
        seconds = seconds / 1000
    return dt.datetime.fromtimestamp(seconds, dt.UTC)


_FORMATS = (
    "%a %b %d %H:%M:%S %z %Y",  # X/Twitter: Wed Oct 10 20:19:24 +0000 2018
    "%Y-%m-%d %H:%M:%S %Z",  # Reddit: 2023-01-15 12:34:56 UTC
    "%a, %d %b %Y %H:%M:%S %z",  # RSS pubDate
)


def parse_date(value: object, *, naive_is: dt.tzinfo = dt.UTC) -> dt.datetime:
    """A date as exports write it, as an aware datetime.

    ISO 8601 (with or without a zone), Twitter's ``created_at``, Reddit's ``... UTC``, RSS
    dates and Unix times. A time without a zone is taken to be in ``naive_is``.

    Raises:
        ValueError: the value is not a date in any of these forms.
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        return from_timestamp(value)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"expected a date, got {value!r}")
    text = value.strip()
    if re.fullmatch(r"\d{9,13}(\.\d+)?", text):
        return from_timestamp(float(text))
    moment = None
    try:
        moment = dt.datetime.fromisoformat(text.replace(" UTC", "+00:00"))
    except ValueError:
        for form in _FORMATS:
            try:
                moment = dt.datetime.strptime(text, form)
                break
            except ValueError:
                continue
    if moment is None:
        raise ValueError(f"not a date: {text[:40]!r} (expected e.g. 2024-05-01T09:30:00Z)")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=naive_is)
    return moment
