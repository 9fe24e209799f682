"""@mentions and #hashtags: one pattern the tokenizer keeps as one token, the features read
as a mention, and the readers use to find whom a reply answers.

No spaCy here, so a reader can use it without loading the pipeline.
"""

from __future__ import annotations

import re

# A username of letters, digits and underscores (Twitter, Instagram), with dotted or
# hyphenated parts (Instagram, Threads, Bluesky: @ana.lee, @jane.bsky.social), and a
# Mastodon server part (@jane@mastodon.social).
_USER = r"@\w+(?:[.\-]\w+)*(?:@\w+(?:[.\-]\w+)+)?"
_TAG = r"#\w+(?:[.\-]\w+)*"

HANDLE = re.compile(_USER)
"""An @mention; ``HANDLE.fullmatch`` for a token, ``HANDLE.match`` for one that opens a text."""

SOCIAL_TOKEN = re.compile(rf"{_USER}|{_TAG}")
"""A handle or a hashtag with dotted or hyphenated parts: @jane.doe, #AI-first, #Leadership."""
