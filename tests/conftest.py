"""Fixtures shared by every test: the real pipeline, a real scorer, settings in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.nlp import load_pipeline
from companion.scoring import Scorer
from companion.settings import Settings, load_settings


@pytest.fixture(scope="session")
def nlp():
    """The real English pipeline, loaded once per test session (it takes about a second)."""
    return load_pipeline()


@pytest.fixture(scope="session")
def scorer(nlp) -> Scorer:
    return Scorer(nlp)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings that touch only tmp_path and ignore the developer's environment and config."""
    return load_settings(
        {
            "config_dir": tmp_path / "config",
            "data_dir": tmp_path / "data",
            "port": 0,
        },
        environ={},
    )
