"""Plain-text files, one article each, with an optional sidecar NAME.json for metadata."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from copydesk.errors import Code, IngestError
from copydesk.ingest.build import build, record_fields
from copydesk.ingest.reading import read_text
from copydesk.models import Article
from copydesk.settings import Settings


def sidecar_path(path: Path) -> Path:
    """Where the metadata of ``path`` lives: the same name with .json."""
    return path.with_suffix(".json")


def read_sidecar(path: Path) -> dict[str, Any]:
    """The sidecar's fields; E111 when it is unreadable, not JSON, or not an object."""
    try:
        doc = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as err:
        raise IngestError(Code.E111, detail=f"{path.name}: {err}"[:300]) from None
    if not isinstance(doc, dict):
        raise IngestError(Code.E111, detail=f"{path.name}: expected a JSON object, got {type(doc).__name__}")
    return doc


def parse(data: bytes, *, name: str, settings: Settings, meta: dict[str, Any] | None = None) -> Article:
    """The Article of one text file; ``meta`` holds the sidecar's fields when there is one."""
    text = read_text(data, settings.max_input_bytes)
    return build(text=text, input=name, settings=settings, raw=text, raw_format="txt",
                 **record_fields(meta or {}))
