"""Plain-text files, one article each, with an optional sidecar NAME.json for metadata."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from copydesk.errors import Code, IngestError
from copydesk.ingest.build import build, record_fields
from copydesk.ingest.normalize import input_label
from copydesk.ingest.reading import read_capped, read_text
from copydesk.models import Article
from copydesk.settings import Settings


def sidecar_path(path: Path) -> Path:
    """Where the metadata of ``path`` lives: the same name with .json."""
    return path.with_suffix(".json")


def read_sidecar(path: Path, limit: int) -> dict[str, Any]:
    """The sidecar's fields; E111 when it is unreadable, over ``limit`` bytes, not JSON, or not an object."""
    name = input_label(path.name)
    try:
        with path.open("rb") as f:
            doc = json.loads(read_capped(f, limit).decode("utf-8-sig"))
    except IngestError as err:
        raise IngestError(Code.E111, detail=f"{name}: {err.message}") from None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as err:
        raise IngestError(Code.E111, detail=f"{name}: {err}"[:300]) from None
    if not isinstance(doc, dict):
        raise IngestError(Code.E111, detail=f"{name}: expected a JSON object, got {type(doc).__name__}")
    return doc


def parse(data: bytes, *, name: str, settings: Settings, meta: dict[str, Any] | None = None) -> Article:
    """The Article of one text file; ``meta`` holds the sidecar's fields when there is one."""
    text = read_text(data, settings.max_input_bytes)
    return build(text=text, input=name, settings=settings, raw=text, raw_format="txt",
                 **record_fields(meta or {}))
