"""What every subcommand shares: its error type and the options that become Settings."""

from __future__ import annotations

import argparse

from ..settings import SETTINGS, Settings, load_settings


class CommandError(Exception):
    """A command failed for a reason the user can act on; printed without a traceback."""


def add_settings_options(parser: argparse.ArgumentParser) -> None:
    """Add the options that override settings (each also has a SPOTLIGHT_* variable)."""
    group = parser.add_argument_group("settings (also SPOTLIGHT_* variables and config.toml)")
    for setting in SETTINGS:
        if setting.flag:
            group.add_argument(
                setting.flag, dest=setting.name, type=setting.parse, help=setting.help
            )


def settings_from(args: argparse.Namespace, **extra: object) -> Settings:
    """Settings from defaults, config file, environment and this command's options."""
    overrides = {setting.name: getattr(args, setting.name, None) for setting in SETTINGS}
    overrides.update(extra)
    return load_settings(overrides)
