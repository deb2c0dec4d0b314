"""Database errors (E601) say which database failed and why, never the SQL or the values bound to it."""

from __future__ import annotations

from pathlib import Path
import pytest

from copydesk import ingest
from copydesk.errors import StoreError
from copydesk.settings import Settings
from copydesk.store import Store

TEXT = "The harbour council voted on Tuesday to widen the quay road by 2027, its chair said."


def _stored(url: str, tmp_path: Path) -> Store:
    src = tmp_path / "one.jsonl"
    src.write_text('{"source": "Quay Gazette", "title": "Road", "text": "%s"}\n' % TEXT, "utf-8")
    store = Store(url)
    store.add(ingest.load([str(src)], Settings.load()))
    return store


def test_e601_names_the_database_and_the_reason_but_no_sql(sqlite_url: str, tmp_path: Path) -> None:
    store = _stored(sqlite_url, tmp_path)
    with pytest.raises(StoreError) as err:
        store.articles(q=TEXT * 600)  # over SQLite's limit on a LIKE pattern
    message = err.value.message
    assert err.value.code.name == "E601" and message.startswith(f"database error: {sqlite_url}: ")
    assert "OperationalError" in message and "LIKE or GLOB pattern too complex" in message
    for leak in ("SELECT", "[SQL", "[parameters", "harbour council"):
        assert leak not in message
