"""A small WebDriver BiDi client for Firefox: enough of Playwright's sync page API (goto,
evaluate, wait_for_function, click, keyboard, locators that pierce open shadow roots,
screenshots) for the browser tests to run unchanged in Firefox.

Firefox speaks BiDi itself (``--remote-debugging-port``), so no geckodriver is needed; the
connection is a plain websocket (the ``websockets`` package's threaded client), which keeps
asyncio out of the test process. Shadow-piercing queries are in :mod:`bidi_page`.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import re
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from websockets.sync.client import connect

FIREFOX = Path("/usr/bin/firefox-esr")
LISTENING = re.compile(r"WebDriver BiDi listening on (ws://\S+)")


class BiDiError(RuntimeError):
    """A command the browser refused, or a script that threw; the message says which."""


def serialize(value: Any) -> dict[str, Any]:
    """A Python value as a BiDi LocalValue."""
    if value is None:
        return {"type": "null"}
    if isinstance(value, bool):
        return {"type": "boolean", "value": value}
    if isinstance(value, int | float):
        return {"type": "number", "value": value}
    if isinstance(value, str):
        return {"type": "string", "value": value}
    if isinstance(value, list | tuple):
        return {"type": "array", "value": [serialize(item) for item in value]}
    if isinstance(value, dict):
        return {"type": "object", "value": [[str(k), serialize(v)] for k, v in value.items()]}
    raise TypeError(f"cannot send {type(value).__name__} to the browser")


_NUMBERS = {"NaN": float("nan"), "-0": -0.0, "Infinity": float("inf"), "-Infinity": -float("inf")}


def deserialize(remote: dict[str, Any]) -> Any:
    """A BiDi RemoteValue as a Python value (a node or function becomes its description)."""
    kind, value = remote.get("type"), remote.get("value")
    if kind in ("undefined", "null"):
        return None
    if kind == "number":
        return _NUMBERS.get(value, value) if isinstance(value, str) else value
    if kind in ("string", "boolean"):
        return value
    if kind in ("array", "set"):
        return [deserialize(item) for item in value or []]
    if kind in ("object", "map"):
        return {
            (key if isinstance(key, str) else str(deserialize(key))): deserialize(item)
            for key, item in value or []
        }
    return {"type": kind}


class Connection:
    """One websocket to the browser: commands wait for their answer; events go to listeners."""

    def __init__(self, url: str):
        self.exits = contextlib.ExitStack()
        self.socket = self.exits.enter_context(connect(url, max_size=None, open_timeout=30))
        self.ids = itertools.count(1)
        self.waiting: dict[int, tuple[threading.Event, list[dict[str, Any]]]] = {}
        self.listeners: list[Callable[[str, dict[str, Any]], None]] = []
        self.lock = threading.Lock()
        self.broken: Exception | None = None
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        try:
            for raw in self.socket:
                message = json.loads(raw)
                if "id" in message and message["id"] in self.waiting:
                    done, box = self.waiting.pop(message["id"])
                    box.append(message)
                    done.set()
                elif message.get("type") == "event":
                    for listener in list(self.listeners):
                        listener(message["method"], message["params"])
        except Exception as error:  # the browser went away: wake every waiting command
            self.broken = error
            for done, _ in list(self.waiting.values()):
                done.set()

    def send(self, method: str, params: dict[str, Any] | None = None, timeout: float = 60) -> Any:
        """Run one command; its result, or BiDiError with the browser's message."""
        number = next(self.ids)
        done, box = threading.Event(), []
        with self.lock:
            self.waiting[number] = (done, box)
            self.socket.send(json.dumps({"id": number, "method": method, "params": params or {}}))
        if not done.wait(timeout) or not box:
            self.waiting.pop(number, None)
            why = f" (the connection broke: {self.broken!r})" if self.broken else ""
            raise BiDiError(f"{method}: no answer from Firefox within {timeout} s{why}")
        answer = box[0]
        if answer.get("type") == "error":
            raise BiDiError(f"{method}: {answer.get('error')}: {answer.get('message')}")
        return answer["result"]

    def close(self) -> None:
        self.exits.close()


# Firefox's own services that would call out (the remote agent's recommended preferences
# already stop most of them).
QUIET = {
    "browser.safebrowsing.downloads.remote.enabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "media.gmp-manager.updateEnabled": False,
    "media.gmp-manager.url": "http://127.0.0.1:9/",
    "media.gmp-widevinecdm.enabled": False,
    "media.gmp-gmpopenh264.enabled": False,
}


class Firefox:
    """Debian's firefox-esr, headless, on its own profile, driven over BiDi."""

    def __init__(self, profile: Path, prefs: dict[str, Any], *, log: Path):
        profile.mkdir(parents=True, exist_ok=True)
        prefs = {**QUIET, **prefs}
        (profile / "user.js").write_text(
            "".join(f'user_pref("{k}", {json.dumps(v)});\n' for k, v in prefs.items())
        )
        self.log = log.open("w")
        self.process = subprocess.Popen(
            [
                str(FIREFOX),
                "--headless",
                "--no-remote",
                "--profile",
                str(profile),
                "--remote-debugging-port=0",
                "--remote-allow-system-access",
            ],
            stdout=self.log,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.url = self._wait_for_url()
        self.drain = threading.Thread(target=self._drain, daemon=True)
        self.drain.start()
        self.bidi = Connection(self.url + "/session")
        self.session = self.bidi.send(
            "session.new",
            {
                "capabilities": {
                    "alwaysMatch": {
                        "acceptInsecureCerts": True,
                        "unhandledPromptBehavior": {"default": "ignore"},
                    }
                }
            },
        )

    def _wait_for_url(self) -> str:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.log.write(line)
            if found := LISTENING.search(line):
                return found.group(1)
        raise BiDiError(f"Firefox exited before listening (code {self.process.wait()})")

    def _drain(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.log.write(line)
            self.log.flush()

    def install_extension(self, path: Path) -> str:
        """Install an unpacked extension (temporarily, as about:debugging does); its id."""
        result = self.bidi.send(
            "webExtension.install", {"extensionData": {"type": "path", "path": str(path)}}
        )
        return result["extension"]

    def chrome_evaluate(self, expression: str) -> Any:
        """Evaluate in the browser's own (privileged) window: what about:debugging can do."""
        tree = self.bidi.send("browsingContext.getTree", {"moz:scope": "chrome"})
        context = tree["contexts"][0]["context"]
        return evaluate_in(self.bidi, context, expression)

    def close(self) -> None:
        try:
            self.bidi.send("browser.close", timeout=20)
        except BiDiError:
            pass
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.bidi.close()
        self.drain.join(timeout=10)
        assert self.process.stderr is not None
        self.process.stderr.close()
        self.log.close()


def evaluate_in(bidi: Connection, context: str, script: str, arg: Any = None) -> Any:
    """Playwright's evaluate: ``script`` is an expression; if it is a function, it is called
    with ``arg``; a promise is awaited. Runs through the debugger: a page's CSP (extension
    pages forbid eval) does not apply. Statements (``a = 1; b()``) run as a script."""
    wrapper = (
        "(arg) => { const value = (\n" + script + "\n); "
        "return typeof value === 'function' ? value(arg) : value; }"
    )
    params = {
        "functionDeclaration": wrapper,
        "arguments": [serialize(arg)],
        "target": {"context": context},
        "awaitPromise": True,
        "resultOwnership": "none",
    }
    try:
        result = bidi.send("script.callFunction", params)
    except BiDiError as error:
        if "SyntaxError" not in str(error):
            raise
        return run_script(bidi, context, script)  # not an expression: nothing ran yet
    details = result.get("exceptionDetails") or {}
    if result["type"] == "exception" and str(details.get("text", "")).startswith("SyntaxError"):
        return run_script(bidi, context, script)
    return _result(result, script)


def run_script(bidi: Connection, context: str, source: str) -> Any:
    """Run a whole script (statements, as a <script> tag would); a promise is awaited."""
    params = {
        "expression": source,
        "target": {"context": context},
        "awaitPromise": True,
        "resultOwnership": "none",
    }
    return _result(bidi.send("script.evaluate", params), source)


def _result(result: dict[str, Any], script: str) -> Any:
    if result["type"] == "exception":
        details = result["exceptionDetails"]
        raise BiDiError(f"{details.get('text')}\n  in: {script[:300]}")
    return deserialize(result["result"])
