"""Ingestion: every input form in, clean Articles (or coded Rejections) out."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Iterable, Iterator

from copydesk.models import Article, Rejection
from copydesk.settings import Settings


def load(inputs: Iterable[str | Path], settings: Settings | None = None,
         stdin: IO[bytes] | None = None) -> Iterator[Article | Rejection]:
    """Yield one Article or Rejection per item found in ``inputs`` (placeholder)."""
    raise NotImplementedError
