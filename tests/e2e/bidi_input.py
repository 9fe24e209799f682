"""What a user does on a page, over WebDriver BiDi: keys, the mouse, and locators whose
CSS selectors pierce open shadow roots as Playwright's do (the overlay lives in one), one
descendant step at a time. Used by :class:`bidi_page.Page`."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from bidi import serialize

if TYPE_CHECKING:
    from bidi_page import Page


# WebDriver's code points for the keys the tests press.
KEYS = {
    "Enter": "\ue007", "Shift": "\ue008", "Control": "\ue009", "Alt": "\ue00a",
    "Meta": "\ue03d", "Backspace": "\ue003", "Tab": "\ue004", "Escape": "\ue00c",
    "End": "\ue010", "Home": "\ue011", "ArrowLeft": "\ue012", "ArrowUp": "\ue013",
    "ArrowRight": "\ue014", "ArrowDown": "\ue015", "Delete": "\ue017", " ": " ",
}  # fmt: skip

# Runs in the page: every element matching a list of descendant steps, through open shadow
# roots, in document order within each root.
QUERY = """(steps) => {
  const under = (scope, selector) => {
    const found = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.matches(selector)) found.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    if (scope.shadowRoot) walk(scope.shadowRoot);
    walk(scope);
    return found;
  };
  let scopes = [document];
  for (const step of steps) scopes = [...new Set(scopes.flatMap((s) => under(s, step)))];
  return scopes;
}"""


def split_selector(selector: str) -> list[str]:
    """'spotlight-overlay .nudge[data-rule="a b"]' -> ['spotlight-overlay', '.nudge[...]']."""
    steps, current, depth, quote = [], "", 0, ""
    for char in selector.strip():
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        elif char.isspace() and depth == 0:
            if current:
                steps.append(current)
            current = ""
            continue
        current += char
    if current:
        steps.append(current)
    if any(step in (">", "+", "~") for step in steps):
        raise ValueError(f"only descendant combinators are supported: {selector!r}")
    return steps


def _element_call(body: str) -> str:
    """A page function (steps, index, extra) running ``body`` with ``el`` (or null)."""
    return (
        "([steps, index, extra]) => { const el = ("
        + QUERY
        + ")(steps).at(index) ?? null; "
        + body
        + " }"
    )


VISIBLE = (
    "const visible = (el) => { if (!el) return false; const r = el.getBoundingClientRect(); "
    "return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };"
)
# The point to click: the element's centre, once it is in view and what is hit there.
CENTER = (
    "if (!el) return null; el.scrollIntoView({block: 'nearest', inline: 'nearest'}); "
    "const r = el.getBoundingClientRect(); if (!r.width || !r.height) return null; "
    "const x = r.left + r.width / 2, y = r.top + r.height / 2; "
    "const hit = el.getRootNode().elementFromPoint(x, y); "
    "return hit && (hit === el || el.contains(hit)) ? [x, y] : null;"
)


class Keyboard:
    def __init__(self, page: Page):
        self.page = page

    def _send(self, actions: list[dict[str, Any]]) -> None:
        self.page.bidi.send(
            "input.performActions",
            {
                "context": self.page.context_id,
                "actions": [{"type": "key", "id": "keyboard", "actions": actions}],
            },
        )

    def type(self, text: str, delay: float = 0) -> None:
        actions: list[dict[str, Any]] = []
        for char in text:
            if delay and actions:
                actions.append({"type": "pause", "duration": int(delay)})
            actions += [{"type": "keyDown", "value": char}, {"type": "keyUp", "value": char}]
        if actions:
            self._send(actions)

    def press(self, combo: str) -> None:
        """'Enter', 'Shift+Enter', 'Control+a': modifiers held while the last key goes."""
        keys = [KEYS.get(part, part) for part in combo.split("+")] if combo != "+" else ["+"]
        downs = [{"type": "keyDown", "value": key} for key in keys]
        ups = [{"type": "keyUp", "value": key} for key in reversed(keys)]
        self._send(downs + ups)


class Mouse:
    def __init__(self, page: Page):
        self.page = page

    def _send(self, actions: list[dict[str, Any]]) -> None:
        self.page.bidi.send(
            "input.performActions",
            {
                "context": self.page.context_id,
                "actions": [
                    {
                        "type": "pointer",
                        "id": "mouse",
                        "parameters": {"pointerType": "mouse"},
                        "actions": actions,
                    }
                ],
            },
        )

    def move(self, x: float, y: float, element: str | None = None) -> None:
        """To (x, y) in the viewport, or offset from the centre of the element whose BiDi
        reference is ``element`` (placed by the browser as the action runs)."""
        self._send([_move(x, y, element)])

    def click(self, x: float, y: float, element: str | None = None) -> None:
        self._send(
            [
                _move(x, y, element),
                {"type": "pointerDown", "button": 0},
                {"type": "pointerUp", "button": 0},
            ]
        )


def _move(x: float, y: float, element: str | None) -> dict[str, Any]:
    origin = {"type": "element", "element": {"sharedId": element}} if element else "viewport"
    return {"type": "pointerMove", "x": round(x), "y": round(y), "origin": origin}


class Locator:
    """Elements found by descendant steps; ``first`` and ``locator`` narrow it down."""

    def __init__(self, page: Page, steps: list[str], index: int = 0):
        self.page, self.steps, self.index = page, steps, index

    @property
    def first(self) -> Locator:
        return Locator(self.page, self.steps, 0)

    def locator(self, selector: str) -> Locator:
        return Locator(self.page, self.steps + split_selector(selector))

    def count(self) -> int:
        return self.page.evaluate(f"(steps) => ({QUERY})(steps).length", self.steps)

    def _call(self, body: str, extra: Any = None) -> Any:
        return self.page.evaluate(_element_call(body), [self.steps, self.index, extra])

    def wait_for(self, state: str = "visible", timeout: float = 30_000) -> None:
        deadline = time.monotonic() + timeout / 1000
        while True:
            found = self._call(VISIBLE + "return {attached: !!el, visible: visible(el)};")
            if {"attached": found["attached"], "detached": not found["attached"],
                "visible": found["visible"], "hidden": not found["visible"]}[state]:  # fmt: skip
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"{' '.join(self.steps)} not {state} after {timeout} ms")
            time.sleep(0.05)

    def _center(self, timeout: float = 30) -> tuple[float, float]:
        """Where to click, once the element is there, hit there and no longer moving (a
        page still laying out moves its buttons, as Playwright's stability check knows)."""
        deadline, last = time.monotonic() + timeout, None
        while True:
            point = self._call(CENTER)
            if point is not None and point == last:
                return point[0], point[1]
            if time.monotonic() > deadline:
                raise TimeoutError(f"{' '.join(self.steps)} is not there to click")
            last = point
            time.sleep(0.03)

    def _reference(self) -> str:
        """The element's BiDi reference (sharedId), for actions aimed at it."""
        result = self.page.bidi.send(
            "script.callFunction",
            {
                "functionDeclaration": _element_call("return el;"),
                "arguments": [serialize([self.steps, self.index, None])],
                "target": {"context": self.page.context_id},
                "awaitPromise": False,
                "resultOwnership": "none",
            },
        )
        return result["result"]["sharedId"]

    def click(self) -> None:
        # Aimed at the element itself once it stands still: a button that moves between
        # measuring and clicking (a list filling in above it) is still the one clicked.
        self._center()
        self.page.mouse.click(0, 0, element=self._reference())

    def hover(self) -> None:
        self._center()
        self.page.mouse.move(0, 0, element=self._reference())

    def inner_text(self) -> str:
        self.wait_for("attached")
        return self._call("return el.innerText;")
