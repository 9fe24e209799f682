"""Settings: defaults < config.toml < environment < command line, and clear errors."""

from __future__ import annotations

import pytest

from companion.settings import DEFAULT_PORT, EXTENSION_ORIGINS, SettingsError, load_settings


def test_settings_defaults(tmp_path):
    settings = load_settings({"config_dir": tmp_path}, environ={})
    assert settings.port == DEFAULT_PORT and settings.host == "127.0.0.1"
    assert settings.db_path == settings.data_dir / "history.db"
    assert settings.token_path == tmp_path / "token"
    assert settings.origins == EXTENSION_ORIGINS


def test_settings_precedence(tmp_path):
    (tmp_path / "config.toml").write_text('port = 1111\nmodel = "from_file"\nbatch_size = 8\n')
    environ = {"SPOTLIGHT_PORT": "2222", "SPOTLIGHT_MODEL": "from_env"}
    settings = load_settings({"config_dir": tmp_path, "port": 3333}, environ=environ)
    assert settings.port == 3333
    assert settings.model == "from_env"
    assert settings.batch_size == 8


def test_settings_allowed_origins_from_env(tmp_path):
    environ = {"SPOTLIGHT_ALLOWED_ORIGINS": "moz-extension://abc, chrome-extension://xyz"}
    settings = load_settings({"config_dir": tmp_path}, environ=environ)
    assert settings.origins[-2:] == ("moz-extension://abc", "chrome-extension://xyz")


@pytest.mark.parametrize(
    ("file_text", "environ", "message"),
    [
        ("port = 'many'", {}, "port: port must be a whole number"),
        ("port = 70000", {}, "between 0 and 65535"),
        ("colour = 'blue'", {}, "unknown setting"),
        ("port = ", {}, "not valid TOML"),
        ("", {"SPOTLIGHT_MAX_CHARS": "-5"}, "positive"),
    ],
)
def test_settings_bad_values_are_clear_errors(tmp_path, file_text, environ, message):
    (tmp_path / "config.toml").write_text(file_text)
    with pytest.raises(SettingsError, match=message):
        load_settings({"config_dir": tmp_path}, environ=environ)


def test_settings_unknown_override_is_an_error(tmp_path):
    with pytest.raises(SettingsError, match="unknown setting"):
        load_settings({"config_dir": tmp_path, "colour": "blue"}, environ={})


def test_settings_docs_match_the_declared_settings():
    """docs/settings.md is made from the declaration, so no setting goes undocumented."""
    from pathlib import Path

    from companion.settings import SETTINGS, settings_markdown

    docs = Path(__file__).parent.parent / "docs" / "settings.md"
    assert docs.read_text(encoding="utf-8") == settings_markdown()
    assert all(setting.help and f"`{setting.name}`" in settings_markdown() for setting in SETTINGS)


def test_settings_cli_options_come_from_the_declaration(tmp_path):
    import argparse

    from companion.cli.common import add_settings_options, settings_from

    parser = argparse.ArgumentParser()
    add_settings_options(parser)
    args = parser.parse_args(["--config-dir", str(tmp_path), "--db", str(tmp_path / "h.db")])
    settings = settings_from(args)
    assert settings.config_dir == tmp_path and settings.db_path == tmp_path / "h.db"
    assert "Folder for the history database." in parser.format_help()
