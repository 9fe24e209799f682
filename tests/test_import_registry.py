"""The registry is the one list of import readers: every module is in it, documented,
tested, and what users are shown (CLI help, the page's list, the docs) comes from it."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
from pathlib import Path

from archive_builders import ARCHIVES

from companion.cli import import_archive
from companion.importing import read_export
from companion.importing import readers as readers_package
from companion.importing.archive import open_archive
from companion.importing.detect import assign_readers
from companion.importing.registry import (
    READERS,
    accepted_suffixes,
    formats_help,
    formats_markdown,
    platform_readers,
)

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "importing.md"
PAGE = ROOT / "companion" / "server" / "static" / "index.html"

# Each reader and the fixture exports it reads (tests/test_importing.py reads each one as a
# folder, a zip and a tar.gz; tests/test_import_variants.py checks its odd cases).
FIXTURES = {
    "x_twitter": ["x_twitter", "x_twitter_2025"],
    "twitter_grailbird": ["twitter_grailbird"],
    "linkedin": ["linkedin", "linkedin_2025", "linkedin_2018"],
    "linkedin_articles": ["linkedin_2018"],
    "facebook": ["facebook"],
    "facebook_html": ["facebook_html"],
    "threads": ["threads"],
    "mastodon": ["mastodon", "mastodon_ap"],
    "bluesky": ["bluesky"],
    "reddit": ["reddit", "reddit_gdpr"],
    "wordpress": ["wordpress", "wordpress_no_ids"],
    "plain": ["plain"],
}


def _name(reader) -> str:
    return reader.__name__.rsplit(".", 1)[1]


def test_registry_lists_every_reader_module_once():
    modules = {
        info.name
        for info in pkgutil.iter_modules(readers_package.__path__)
        if not info.name.startswith("_")
    }
    names = [_name(reader) for reader in READERS]
    assert sorted(names) == sorted(modules)
    assert len(set(names)) == len(names)
    for name in modules:
        assert importlib.import_module(f"companion.importing.readers.{name}") in READERS


def test_registry_readers_are_complete():
    for reader in READERS:
        for field in ("PLATFORM", "LABEL", "EXPECTS", "HOW", "READS", "SKIPS"):
            assert isinstance(getattr(reader, field), str) and getattr(reader, field), (
                f"{_name(reader)}.{field}"
            )
        assert reader.SUFFIXES and all(s.startswith(".") for s in reader.SUFFIXES)
        assert callable(reader.claims) and callable(reader.read)
        assert reader.__doc__ and len(reader.__doc__) > 200, f"{_name(reader)} says what it reads"
    assert len({reader.LABEL for reader in READERS}) == len(READERS)


def test_registry_generic_readers_come_last():
    specific = platform_readers()
    assert READERS[: len(specific)] == specific
    assert [_name(reader) for reader in READERS[len(specific) :]] == ["plain"]


def test_registry_every_reader_is_tested_on_its_fixtures():
    assert set(FIXTURES) == {_name(reader) for reader in READERS}
    labels = {_name(reader): reader.LABEL for reader in READERS}
    for name, folders in FIXTURES.items():
        for folder in folders:
            _, summary = read_export(ARCHIVES / folder)
            assert labels[name] in summary.platforms, (name, folder, summary.platforms)
            assert summary.problems == [], (folder, summary.problems)


def test_registry_generic_reader_never_takes_a_platform_file():
    # tweets.csv of 2012-2018 has a text column: the plain reader must never get it (issue
    # 12: it was refused as "missing date"), nor any other file a platform reader knows.
    plain = next(reader for reader in READERS if _name(reader) == "plain")
    for name, folders in FIXTURES.items():
        if name == "plain":
            continue
        for folder in folders:
            with open_archive(ARCHIVES / folder) as members:
                for member, reader in assign_readers(members):
                    assert reader is not plain, f"{folder}/{member.name} went to plain"


def test_registry_docs_hold_the_registry_table():
    docs = DOCS.read_text(encoding="utf-8")
    assert formats_markdown() in docs, "regenerate the table: see docs/importing.md"
    for reader in READERS:
        assert f"`{_name(reader)}`" in docs


def test_registry_cli_help_is_made_from_the_registry():
    commands = argparse.ArgumentParser().add_subparsers()
    import_archive.add_parser(commands)
    description = commands.choices["import"].description
    assert formats_help() in description
    for reader in READERS:
        assert f"{reader.LABEL}: {reader.EXPECTS}" in description


def test_registry_page_lists_every_reader_and_accepts_their_files():
    page = PAGE.read_text(encoding="utf-8")
    listed = re.search(r'<ul id="import-formats"[^>]*>(.*?)</ul>', page, re.S).group(1)
    items = [
        re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", listed, re.S)
    ]
    assert len(items) == len(READERS)
    for item, reader in zip(items, READERS, strict=True):
        assert item.startswith(reader.LABEL), (item, reader.LABEL)
    accept = re.search(r'id="import-file"[^>]*accept="([^"]+)"', page, re.S).group(1)
    # The readers' files, and a `spotlight backup` database (a JSON backup is .json already).
    assert set(accept.split(",")) == set(accepted_suffixes()) | {".db"}
