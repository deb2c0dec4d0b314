"""Placeholder extractor: finds nothing yet."""

from __future__ import annotations

from datetime import date
from typing import Sequence

from copydesk.models import Mention, Span


def find(text: str, *, sentences: Sequence[Span] = (), published: date | None = None,
         entities: Sequence[Mention] = ()) -> list[Mention]:
    return []
