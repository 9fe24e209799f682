"""A config.toml Spotlight cannot read (not UTF-8, a folder, a loop, no permission): every
command says so in one line with the path and what to do, never a traceback (issue 13)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from companion.cli import main

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = (
    ["serve", "--port", "0"],
    ["score", "Thanks @maria!"],
    ["history"],
    ["import", "nothing.csv"],
    ["export"],
    ["token"],
    ["doctor"],
    ["backup", "out.db"],
)


def _break(config: Path, how: str) -> Path:
    config.mkdir(parents=True, exist_ok=True)
    path = config / "config.toml"
    if how == "latin-1":
        path.write_bytes('model = "caf\xe9"\n'.encode("latin-1"))
    elif how == "folder":
        path.mkdir()
    elif how == "loop":
        path.symlink_to(path)
    elif how == "no-permission":
        path.write_text("port = 1\n")
        path.chmod(0)
    return path


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("SPOTLIGHT_")}


@pytest.mark.parametrize("how", ["latin-1", "folder", "loop", "no-permission"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_config_unreadable_is_one_line_from_every_command(tmp_path, capsys, how, command):
    if how == "no-permission" and os.geteuid() == 0:
        pytest.skip("root reads any file; the loop case covers an unreadable path")
    path = _break(tmp_path / "config", how)
    dirs = ["--config-dir", str(tmp_path / "config"), "--data-dir", str(tmp_path / "data")]
    assert main([*command, *dirs]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].startswith("spotlight: error: ") and str(path) in err[0]
    assert "move it aside" in err[0] or "remove it" in err[0]


@pytest.mark.parametrize("command", [["doctor"], ["serve", "--port", "0"]], ids=str)
def test_config_not_utf8_in_a_real_process_prints_no_traceback(tmp_path, command):
    path = _break(tmp_path / "config", "latin-1")
    dirs = ["--config-dir", str(tmp_path / "config"), "--data-dir", str(tmp_path / "data")]
    result = subprocess.run([sys.executable, "-m", "companion", *command, *dirs], cwd=ROOT,
                            env=_env(), capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        f"spotlight: error: {path}: not UTF-8 text; save it as UTF-8 or move it aside to use "
        "the defaults"
    )
