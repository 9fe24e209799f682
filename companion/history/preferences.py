"""The user's choices (goal, keep texts, rules turned off, own domains): checked, then saved."""

from __future__ import annotations

import re
from typing import Any

from ..store import Store
from .filters import InputError

DEFAULTS: dict[str, Any] = {
    "goal": 50,  # percent of posts that promote others: the seed's "split"
    "listen_goal": 30,  # percent of items that answer someone else: "Listen first"
    "store_text": True,
    "disabled_rules": [],
    "own_domains": [],
    # Posts not in English are scored, but the give ratio leaves them out unless asked.
    "count_other_languages": False,
}
_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


def rule_ids() -> set[str]:
    from ..scoring.registry import RULES  # imported late: the page works while rules load

    return {rule.id for rule in RULES}


def user_settings(store: Store) -> dict[str, Any]:
    """The user's choices, with defaults for those never made."""
    return {**DEFAULTS, **{k: v for k, v in store.user_settings().items() if k in DEFAULTS}}


def _string_list(value: Any, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"{name} must be a list of strings")
    if len(value) > 200:
        raise InputError(f"{name} has too many entries (at most 200)")
    return list(dict.fromkeys(v.strip() for v in value if v.strip()))


def _check_setting(name: str, value: Any) -> Any:
    if name in ("goal", "listen_goal"):
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
            raise InputError(f"{name} must be a number from 0 to 100 (percent)")
        return round(value)
    if name in ("store_text", "count_other_languages"):
        if not isinstance(value, bool):
            raise InputError(f"{name} must be true or false")
        return value
    if name == "disabled_rules":
        rules = _string_list(value, name)
        unknown = sorted(set(rules) - rule_ids())
        if unknown:
            raise InputError(f"unknown rule(s): {', '.join(unknown)}")
        return rules
    domains = [d.lower().removeprefix("www.") for d in _string_list(value, name)]
    bad = [d for d in domains if not _DOMAIN.fullmatch(d)]
    if bad:
        raise InputError(f"own_domains must be domain names like example.com, not {bad[0][:60]!r}")
    return domains


def update_settings(store: Store, changes: Any) -> dict[str, Any]:
    """Check and save ``changes`` (any subset of the settings); returns all settings.

    Turning ``store_text`` off also removes the texts already stored: the user asked for
    scores only, so the database should then hold no text.

    Raises:
        InputError: an unknown setting or a bad value; nothing is saved.
    """
    if not isinstance(changes, dict) or not changes:
        raise InputError(f"send an object with one or more of: {', '.join(DEFAULTS)}")
    unknown = sorted(set(changes) - set(DEFAULTS))
    if unknown:
        raise InputError(f"unknown setting(s): {', '.join(unknown)}")
    checked = {name: _check_setting(name, value) for name, value in changes.items()}
    store.save_user_settings(checked)
    if checked.get("store_text") is False:
        store.forget_texts()
    return user_settings(store)
