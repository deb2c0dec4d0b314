"""Stories: group articles about one event; find copies; link storylines.

``group`` clusters a batch (average-linkage, no number of stories needed; large
batches go through the stream); ``find_copies`` finds exact, syndicated and
rewritten copies with their shared passages; ``StoryStream`` assigns articles one
at a time; ``persist.assign`` does it against the store; ``compare`` reports
where batch and stream groupings differ.
"""

from __future__ import annotations

from typing import Sequence

from copydesk.models import Article, CopyLink, Story
from copydesk.settings import Settings
from copydesk.stories import batch
from copydesk.stories.compare import compare
from copydesk.stories.copies import find_copies as _find_copies
from copydesk.stories.stream import StoryStream

__all__ = ["group", "find_copies", "compare", "StoryStream"]


def _unique(articles: Sequence[Article]) -> list[Article]:
    seen: set[str] = set()
    out = []
    for a in articles:
        if a.id not in seen:
            seen.add(a.id)
            out.append(a)
    return out


def group(articles: Sequence[Article], settings: Settings | None = None) -> list[Story]:
    """Group articles into stories without being told how many (ids: founding article)."""
    arts = _unique(articles)
    if len(arts) > batch.MAX_BATCH:
        stream = StoryStream(settings)
        for a in arts:
            stream.add(a)
        return stream.stories()
    return batch.group(arts, settings)


def find_copies(articles: Sequence[Article], settings: Settings | None = None) -> list[CopyLink]:
    """Copies and near-copies among ``articles``, with their shared passages."""
    return _find_copies(_unique(articles), settings)
