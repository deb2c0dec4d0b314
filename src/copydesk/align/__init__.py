"""Alignment: mentions from different articles that state one fact become a Claim."""

from __future__ import annotations

from typing import Mapping, Sequence

from copydesk.models import Article, Claim, Mention, Story


def align(story: Story, articles: Mapping[str, Article],
          mentions: Mapping[str, Sequence[Mention]]) -> list[Claim]:
    """Claims of ``story`` (placeholder: none)."""
    return []
