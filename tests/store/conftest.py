"""Store fixtures: a fresh SQLite file per test, and a throwaway PostgreSQL schema when a server answers."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from databases import pg_schema


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    with pg_schema() as url:
        yield url


@pytest.fixture()
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("pg_url")
