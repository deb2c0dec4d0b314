"""Fixtures shared by every test package: paths to shared data and the bundled example."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import pytest

from databases import pg_schema

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
DATA = SHARED / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--runslow", action="store_true", default=False, help="run slow tests")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def seeds_path() -> Path:
    if not (SEEDS / "articles.jsonl").exists():
        pytest.skip("../shared/seeds is absent: the motivating articles are not on this machine")
    return SEEDS / "articles.jsonl"


@pytest.fixture(scope="session")
def seed_articles(seeds_path: Path) -> list[dict]:
    return [json.loads(line) for line in seeds_path.read_text("utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def data_dir() -> Path:
    if not DATA.exists():
        pytest.skip("../shared/data is absent: benchmark corpora are not on this machine")
    return DATA


@pytest.fixture(scope="session")
def demo_paths() -> list[Path]:
    from copydesk import api

    return api.demo_paths()


@pytest.fixture(scope="session")
def planted() -> dict:
    from copydesk import api

    return api.planted()


@pytest.fixture()
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'copydesk.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def fresh_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database per test: a SQLite file, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    with pg_schema() as url:
        yield url
