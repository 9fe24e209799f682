"""Fixtures shared by every test: the real pipeline, a real scorer, settings in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_asyncio

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


@pytest_asyncio.fixture
async def companion(aiohttp_client, settings, nlp):
    """A real companion server on an ephemeral 127.0.0.1 port with a temp database.

    Returns the aiohttp test client; ``client.auth`` holds the Authorization header.
    """
    from companion.server import create_app
    from companion.server.state import TOKEN

    client = await aiohttp_client(create_app(settings))
    client.auth = {"Authorization": f"Bearer {client.app[TOKEN].current()}"}
    return client
