"""Fixtures for story tests: the seed articles (skipped when ../shared is absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copydesk.models import Article

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "articles.jsonl"


@pytest.fixture
def seed_articles() -> list[Article]:
    if not SEEDS.exists():
        pytest.skip(f"seed articles not found at {SEEDS} (../shared is absent)")
    return [Article.from_dict(json.loads(line)) for line in SEEDS.read_text().splitlines() if line.strip()]
