"""``spotlight doctor``: check the model, the database, the port and the token."""

from __future__ import annotations

import argparse
import json
import sqlite3
import stat
import urllib.error
import urllib.request
from collections.abc import Callable

from ..settings import Settings, spotlight_command
from .common import CommandError, add_settings_options, settings_from

Check = Callable[[Settings], tuple[bool, str]]


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "doctor",
        help="check the model, database, port and token and say what is wrong",
        description="Checks what the companion needs and says how to fix what is wrong. "
        "Exits 1 if something is.",
    )
    parser.add_argument("--port", type=int, help="the port the companion uses")
    parser.add_argument(
        "--repair",
        action="store_true",
        help="rebuild a damaged history database into a new file (the damaged one is kept "
        "beside it); stop the companion first",
    )
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
    from ..store.database import repair_advice

    path = settings.db_path
    if path.exists() and not path.is_file():
        return False, f"{path} is not a file; move it aside to start a fresh history"
    try:
        store = Store.open(path)
    except StoreError as error:
        return False, str(error)
    try:
        state = store.quick_check()
        count = store.post_count() if state == "ok" else None
    except sqlite3.DatabaseError as error:
        state, count = str(error), None
    finally:
        store.close()
    if state != "ok":
        return False, f"{path} is damaged ({state}). {repair_advice(path)}"
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        return False, f"{path} is readable by others (mode {mode:o}); run chmod 600 {path}"
    return True, f"{path}: {count} posts, quick_check ok, mode 600"


def check_token(settings: Settings) -> tuple[bool, str]:
    path, command = settings.token_path, spotlight_command()
    if not path.exists():
        return True, f"no token yet at {path}; `{command} serve` or `{command} token` makes one"
    if not path.is_file():
        return False, f"{path} is not a file; move it aside, then run {command} token --rotate"
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        return False, f"{path} is readable by others (mode {mode:o}); run {command} token --rotate"
    try:
        token = path.read_text(encoding="ascii", errors="replace").strip()
    except OSError as error:
        return False, f"{path} cannot be read ({error.strerror}); run {command} token --rotate"
    if len(token) < 16:
        return False, f"{path} holds no usable token; run {command} token --rotate"
    return True, f"{path}: mode 600"


def _health(port: int) -> dict | str | None:
    """What answers on ``port``: Spotlight's health, another program's description, or
    None when nothing listens."""
    url = f"http://127.0.0.1:{port}/api/v1/health"
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            health = json.load(response)
    except urllib.error.HTTPError as error:
        return f"HTTP {error.code} {error.reason}"
    except urllib.error.URLError as error:
        if isinstance(error.reason, ConnectionRefusedError):
            return None
        return str(error.reason)
    except (OSError, ValueError) as error:
        return f"not HTTP that Spotlight speaks ({error.__class__.__name__})"
    if isinstance(health, dict) and health.get("status") == "ready" and "scorer_version" in health:
        return health
    return "an answer that is not Spotlight's"


def check_port(settings: Settings) -> tuple[bool, str]:
    from ..server.running import read_state

    port = settings.port
    running = read_state(settings.config_dir)
    if running and running["port"] != port:
        found = _health(running["port"])
        if isinstance(found, dict):
            return True, (
                f"Spotlight {found.get('version')} is running on port {running['port']} "
                f"(not {port}): {running.get('url')}"
            )
    found = _health(port)
    if found is None:
        return True, (
            f"port {port} is free: the companion is not running "
            f"(start it with {spotlight_command()} serve)"
        )
    if isinstance(found, dict):
        return True, f"Spotlight {found.get('version')} is running on port {port}"
    return False, (
        f"something else answers on port {port} ({found}), not Spotlight: stop that "
        "program, or run Spotlight on another port with --port N (or SPOTLIGHT_PORT)"
    )


CHECKS: tuple[tuple[str, Check], ...] = (
    ("model", check_model),
    ("database", check_database),
    ("token", check_token),
    ("port", check_port),
)


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args, port=args.port)
    if args.repair:
        return run_repair(settings)
    failed = 0
    for name, check in CHECKS:
        ok, message = check(settings)
        failed += not ok
        print(f"{'ok     ' if ok else 'PROBLEM'} {name:<9} {message}", flush=True)
    print("All good." if not failed else f"{failed} problem(s) found.")
    return 1 if failed else 0


def run_repair(settings: Settings) -> int:
    """Copy the damaged database aside and rebuild what can be read into a new one."""
    from ..store.repair import RepairError, repair

    try:
        report = repair(settings.db_path)
    except RepairError as error:
        raise CommandError(str(error)) from None
    lost = ""
    if report.posts_before is not None and report.posts_before > report.posts_saved:
        lost = f" ({report.posts_before - report.posts_saved} could not be read)"
    elif report.posts_before is not None:
        lost = f" (all {report.posts_before})"
    print(f"Repaired {report.database}: {report.posts_saved} posts saved{lost}, "
          f"{report.saved.get('people', 0)} people, "
          f"{report.saved.get('user_settings', 0)} settings.")  # fmt: skip
    print(f"The damaged file is kept as {report.damaged_copy}; delete it once all is well.")
    return 0
