"""The one list of import readers. Add a reader: write its module in readers/, list it here.

Everything that names the formats Spotlight reads is made from this tuple or checked
against it: the "unknown export" message, the help of ``spotlight import``, the table in
docs/importing.md and the history page's import list (tests/test_import_registry.py).
"""

from __future__ import annotations

from .reader import Reader
from .readers import (
    bluesky,
    facebook,
    facebook_html,
    linkedin,
    linkedin_articles,
    mastodon,
    plain,
    reddit,
    threads,
    twitter_grailbird,
    wordpress,
    x_twitter,
)

# The order matters only where two readers could claim one file: platform readers look
# at names and headers; the generic reader comes last and takes what none of them knows.
READERS: tuple[Reader, ...] = (
    x_twitter,
    twitter_grailbird,
    linkedin,
    linkedin_articles,
    facebook,
    facebook_html,
    threads,
    mastodon,
    bluesky,
    reddit,
    wordpress,
    plain,
)

# The archives themselves: what the page's file picker takes besides the readers' files.
CONTAINERS = (".zip", ".tar.gz", ".tgz", ".tar")


def platform_readers() -> tuple[Reader, ...]:
    """The readers of one platform's own files (every reader but the generic ones)."""
    return tuple(reader for reader in READERS if not getattr(reader, "GENERIC", False))


def accepted_suffixes() -> tuple[str, ...]:
    """Every file name ending an export can have: archives, then the readers' files."""
    suffixes = list(CONTAINERS)
    for reader in READERS:
        suffixes += [suffix for suffix in reader.SUFFIXES if suffix not in suffixes]
    return tuple(suffixes)


def formats_help() -> str:
    """The formats, one line each, for the help of ``spotlight import``."""
    return "\n".join(f"  {reader.LABEL}: {reader.EXPECTS}" for reader in READERS)


def formats_markdown() -> str:
    """The table of docs/importing.md (a test keeps the file in step with it)."""
    lines = [
        "| reader | platform | how to get the export | what is read | left out |",
        "|---|---|---|---|---|",
    ]
    for reader in READERS:
        name = reader.__name__.rsplit(".", 1)[1]
        lines.append(
            f"| `{name}` | {reader.LABEL} | {reader.HOW} | {reader.READS} | {reader.SKIPS} |"
        )
    return "\n".join(lines) + "\n"
