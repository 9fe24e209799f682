"""The text a reader sees in the HTML that exports store (Mastodon toots, WordPress posts,
LinkedIn articles): paragraphs as blank lines, entities decoded, markup dropped."""

from __future__ import annotations

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
