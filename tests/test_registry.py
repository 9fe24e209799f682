"""The registry is the one list of rules: every module is in it, documented and tested."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from companion.scoring import rules
from companion.scoring.registry import RULES, RULES_BY_ID, rules_markdown
from companion.scoring.report import DIMENSIONS

ROOT = Path(__file__).resolve().parent.parent


def test_registry_lists_every_rule_module_once():
    modules = {
        info.name for info in pkgutil.iter_modules(rules.__path__) if not info.name.startswith("_")
    }
    registered = {rule.check.__module__.rsplit(".", 1)[1] for rule in RULES}
    assert registered == modules
    assert len(RULES_BY_ID) == len(RULES)
    for name in modules:
        module = importlib.import_module(f"companion.scoring.rules.{name}")
        assert module.RULE.id == name, "a rule's id is its module's name"


def test_registry_rules_are_complete():
    for rule in RULES:
        assert rule.dimension in DIMENSIONS, rule.id
        assert rule.principle and rule.summary and rule.weight > 0, rule.id
    assert {rule.dimension for rule in RULES} == set(DIMENSIONS)


def test_registry_docs_match_the_registry():
    # The spread over the judgement suite follows; tests/test_judgement.py checks it.
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8").startswith(rules_markdown())


def test_registry_every_rule_has_tests():
    tests = (ROOT / "tests" / "test_rules.py").read_text(encoding="utf-8")
    for rule in RULES:
        assert f'"{rule.id}": [' in tests, f"tests/test_rules.py has no table for {rule.id}"
