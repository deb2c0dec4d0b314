"""Fixtures for the watch tests: a local site and a fresh database with fast, short-timeout settings."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from copydesk.settings import Settings
from feed_site import Site


@pytest.fixture()
def site() -> Iterator[Site]:
    with Site() as s:
        yield s


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    return Settings.load(db=f"sqlite:///{tmp_path / 'watch.db'}", watch_host_delay=0.0, watch_timeout=1.0,
                         watch_interval=0.0, watch_events=str(tmp_path / "events.jsonl"))
