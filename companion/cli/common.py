"""What every subcommand shares: its error type and the options that become Settings."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..settings import Settings, load_settings


class CommandError(Exception):
    """A command failed for a reason the user can act on; printed without a traceback."""


def add_settings_options(parser: argparse.ArgumentParser) -> None:
    """Add the options that override settings (each also has a SPOTLIGHT_* variable)."""
    group = parser.add_argument_group("settings (also SPOTLIGHT_* variables and config.toml)")
    group.add_argument("--config-dir", type=Path, help="folder of config.toml and the token")
    group.add_argument("--data-dir", type=Path, help="folder of the history database")
    group.add_argument("--db", dest="db_path", type=Path, help="history database file")
    group.add_argument("--model", help="spaCy pipeline to load")


def settings_from(args: argparse.Namespace, **extra: object) -> Settings:
    """Settings from defaults, config file, environment and this command's options."""
    names = ("config_dir", "data_dir", "db_path", "model")
    overrides = {name: getattr(args, name, None) for name in names}
    overrides.update(extra)
    return load_settings(overrides)
