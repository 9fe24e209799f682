"""The pairing token file: private, stable, rotatable, compared in constant time."""

from __future__ import annotations

import stat

from companion.server.pairing import TokenFile, load_or_create, matches, rotate


def test_token_is_created_private_and_stays_the_same(tmp_path):
    path = tmp_path / "config" / "token"
    first = load_or_create(path)
    assert len(first) >= 40 and load_or_create(path) == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_token_file_loosened_by_someone_is_made_private_again(tmp_path):
    path = tmp_path / "token"
    load_or_create(path)
    path.chmod(0o644)
    load_or_create(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_token_empty_or_truncated_file_gets_a_new_token(tmp_path):
    path = tmp_path / "token"
    path.write_text("abc\n")
    token = load_or_create(path)
    assert token != "abc" and len(token) >= 40


def test_token_rotate_replaces_it_and_token_file_follows(tmp_path):
    path = tmp_path / "token"
    live = TokenFile(path)
    old = live.current()
    new = rotate(path)
    assert new != old and live.current() == new
    assert not list(tmp_path.glob(".token.*.tmp"))  # the atomic write left nothing behind


def test_token_matches_only_the_exact_token():
    assert matches("secret-token-value", "secret-token-value")
    for given in (None, "", "secret-token-valu", "secret-token-value ", "SECRET-TOKEN-VALUE", "é"):
        assert not matches(given, "secret-token-value")
