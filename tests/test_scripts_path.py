"""`spotlight` on PATH after scripts/run (issue 13): a link in ~/.local/bin when that folder
is on PATH, else the exact command; and messages name the command that works."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPOTLIGHT = ROOT / ".venv" / "bin" / "spotlight"
BASE_PATH = "/usr/local/bin:/usr/bin:/bin"


def _ensure(home: Path, path: str) -> subprocess.CompletedProcess:
    script = f"source {ROOT}/scripts/lib/setup.sh && ensure_on_path"
    env = {"HOME": str(home), "PATH": path}
    return subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True,
                          timeout=60)  # fmt: skip


def _command(path: str) -> str:
    code = "from companion.settings import spotlight_command; print(spotlight_command())"
    env = {**os.environ, "PATH": path}
    result = subprocess.run([str(ROOT / ".venv/bin/python"), "-c", code], env=env, cwd=ROOT,
                            capture_output=True, text=True, check=True)  # fmt: skip
    return result.stdout.strip()


def test_path_link_in_local_bin_when_it_is_on_path(tmp_path):
    bin_dir = tmp_path / ".local" / "bin"
    path = f"{bin_dir}:{BASE_PATH}"
    result = _ensure(tmp_path, path)
    assert result.returncode == 0, result.stderr
    link = bin_dir / "spotlight"
    assert link.is_symlink() and link.resolve() == SPOTLIGHT.resolve()
    assert "now works in any shell" in result.stderr
    version = subprocess.run(["spotlight", "--version"], env={"PATH": path, "HOME": str(tmp_path)},
                             capture_output=True, text=True, timeout=60)  # fmt: skip
    assert version.returncode == 0 and version.stdout.startswith("spotlight ")
    assert _command(path) == "spotlight"  # messages now say the bare name
    again = _ensure(tmp_path, path)  # already there: nothing to say
    assert again.returncode == 0 and again.stderr == ""


def test_path_prints_the_exact_command_when_local_bin_is_not_on_path(tmp_path):
    result = _ensure(tmp_path, BASE_PATH)
    assert result.returncode == 0 and not (tmp_path / ".local" / "bin" / "spotlight").exists()
    command = next(line.strip() for line in result.stderr.splitlines() if "ln -sfn" in line)
    check = f"{command} && spotlight --version"
    done = subprocess.run(["bash", "-c", check], env={"HOME": str(tmp_path), "PATH": BASE_PATH},
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0 and done.stdout.startswith("spotlight "), done.stderr
    assert _command(BASE_PATH) == str(SPOTLIGHT)  # messages give the full path meanwhile


def test_path_another_program_named_spotlight_is_left_alone(tmp_path):
    bin_dir = tmp_path / ".local" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "spotlight").write_text("#!/bin/sh\necho other\n")
    (bin_dir / "spotlight").chmod(0o755)
    result = _ensure(tmp_path, f"{bin_dir}:{BASE_PATH}")
    assert "is another program" in result.stderr
    assert (bin_dir / "spotlight").read_text().endswith("echo other\n")
