"""Stories: group articles about one event; find copies; link storylines."""

from __future__ import annotations

from typing import Sequence

from copydesk.models import Article, CopyLink, Story, content_id
from copydesk.settings import Settings


def group(articles: Sequence[Article], settings: Settings | None = None) -> list[Story]:
    """Batch grouping (placeholder: every article is its own story)."""
    return [Story(id=content_id("story", a.id), title=a.title or a.text[:80],
                  article_ids=(a.id,), first_seen=a.published, last_seen=a.published)
            for a in articles]


def find_copies(articles: Sequence[Article], settings: Settings | None = None) -> list[CopyLink]:
    """Copies and near-copies among ``articles`` (placeholder: none)."""
    return []
