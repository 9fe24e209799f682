"""``CONFIG_DIR/running.json``: which port the running companion listens on.

``spotlight serve`` writes it once it listens and removes it when it stops; ``spotlight
doctor`` reads it to find a companion started on another port (``--port 0``, a variable,
another config). A file left by a companion killed with SIGKILL names a process that is
gone, and is ignored.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

NAME = "running.json"


def state_path(config_dir: Path) -> Path:
    return config_dir / NAME


def write_state(config_dir: Path, *, port: int, url: str, database: Path) -> Path:
    """Record this process as the running companion (0600, replaced atomically)."""
    path = state_path(config_dir)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(f".{NAME}.{os.getpid()}.tmp")
    state = {"pid": os.getpid(), "port": port, "url": url, "database": str(database)}
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(state, handle)
    os.replace(temporary, path)
    return path


def remove_state(config_dir: Path) -> None:
    """Forget the running companion, if this process is the one recorded."""
    state = read_state(config_dir)
    if state and state.get("pid") == os.getpid():
        state_path(config_dir).unlink(missing_ok=True)


def _alive(pid: Any) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_state(config_dir: Path) -> dict[str, Any] | None:
    """The running companion's ``{pid, port, url, database}``, or None (none, or gone)."""
    try:
        state = json.loads(state_path(config_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or not isinstance(state.get("port"), int):
        return None
    return state if _alive(state.get("pid")) else None
