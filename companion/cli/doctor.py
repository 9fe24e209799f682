"""``spotlight doctor``: check the model, the database, the port and the token."""

from __future__ import annotations

import argparse
import json
import stat
import urllib.error
import urllib.request
from collections.abc import Callable

from ..settings import Settings
from .common import add_settings_options, settings_from

Check = Callable[[Settings], tuple[bool, str]]


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "doctor",
        help="check the model, database, port and token and say what is wrong",
        description="Checks what the companion needs and says how to fix what is wrong. "
        "Exits 1 if something is.",
    )
    parser.add_argument("--port", type=int, help="the port the companion uses")
    add_settings_options(parser)
    parser.set_defaults(run=run)


def check_model(settings: Settings) -> tuple[bool, str]:
    from ..nlp import ModelNotFound
    from ..scoring import Scorer

    try:
        scorer = Scorer.from_settings(settings)
        scorer.score("Thanks to @maria for the review!")
    except ModelNotFound as error:
        return False, str(error)
    except Exception as error:  # the doctor reports every failure instead of crashing
        return False, f"the pipeline loads but scoring fails: {error!r}"
    return True, f"{scorer.model} loads and scores"


def check_database(settings: Settings) -> tuple[bool, str]:
    from ..store import Store, StoreError

    path = settings.db_path
    try:
        store = Store.open(path)
    except StoreError as error:
        return False, f"{error}. Move the file aside to start a fresh history."
    try:
        integrity, count = store.integrity_check(), store.post_count()
    finally:
        store.close()
    if integrity != "ok":
        return False, f"{path} is damaged ({integrity}); export what you can, then move it aside"
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        return False, f"{path} is readable by others (mode {mode:o}); run chmod 600 {path}"
    return True, f"{path}: {count} posts, integrity ok, mode 600"


def check_token(settings: Settings) -> tuple[bool, str]:
    path = settings.token_path
    if not path.exists():
        return True, f"no token yet at {path}; `spotlight serve` or `spotlight token` makes one"
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        return False, f"{path} is readable by others (mode {mode:o}); run spotlight token --rotate"
    if len(path.read_text(encoding="ascii", errors="replace").strip()) < 16:
        return False, f"{path} holds no usable token; run spotlight token --rotate"
    return True, f"{path}: mode 600"


def check_port(settings: Settings) -> tuple[bool, str]:
    url = f"http://127.0.0.1:{settings.port}/api/v1/health"
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            health = json.load(response)
    except urllib.error.URLError as error:
        if isinstance(error.reason, ConnectionRefusedError):
            return (
                True,
                f"port {settings.port} is free: the companion is not running "
                "(start it with spotlight serve)",
            )
        return False, f"port {settings.port}: {error.reason}"
    except (OSError, ValueError) as error:
        return (
            False,
            f"port {settings.port} is used by another program ({error}); "
            "use --port N or SPOTLIGHT_PORT",
        )
    if isinstance(health, dict) and health.get("status") == "ready":
        return True, f"Spotlight {health.get('version')} is running on port {settings.port}"
    return False, f"port {settings.port} answers but not as Spotlight; use --port N"


CHECKS: tuple[tuple[str, Check], ...] = (
    ("model", check_model),
    ("database", check_database),
    ("token", check_token),
    ("port", check_port),
)


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args, port=args.port)
    failed = 0
    for name, check in CHECKS:
        ok, message = check(settings)
        failed += not ok
        print(f"{'ok     ' if ok else 'PROBLEM'} {name:<9} {message}", flush=True)
    print("All good." if not failed else f"{failed} problem(s) found.")
    return 1 if failed else 0
