"""The cursor of ``copydesk watch`` in the store: feed validators, entries taken, story event baselines.

A restart reads it back, so feeds are asked with the same ETag / Last-Modified,
entries already taken are not fetched again and story events do not repeat.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from copydesk.errors import Code, StoreError
from copydesk.store import schema as t

__all__ = ["FeedState", "ItemRecord", "WatchCursor"]


@dataclass(frozen=True)
class FeedState:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    status: str = ""
    failures: int = 0
    polled_at: str | None = None


@dataclass(frozen=True)
class ItemRecord:
    """One feed entry taken: ``state`` is "ingested", "duplicate", "rejected" or "blocked"."""

    key: str
    feed_url: str
    url: str | None
    article_id: str | None
    state: str
    code: str | None = None


class WatchCursor:
    """Reads and writes of the watch tables, through one Store's engine."""

    def __init__(self, store: Any) -> None:
        self.store = store

    def _write(self, table: Any, rows: Sequence[Mapping[str, Any]], keys: Sequence[str]) -> None:
        if not rows:
            return
        try:
            with self.store.engine.begin() as conn:
                for row in rows:
                    ins = self.store._insert(table).values(**row)
                    conn.execute(ins.on_conflict_do_update(
                        index_elements=list(keys), set_={k: v for k, v in row.items() if k not in keys}))
        except SQLAlchemyError as e:
            raise StoreError(Code.E601, detail=f"{self.store._safe_url}: {e}") from e

    def feed(self, url: str) -> FeedState:
        """The saved state of ``url``, or a fresh one."""
        rows = self.store._read(select(t.watch_feeds).where(t.watch_feeds.c.url == url))
        if not rows:
            return FeedState(url)
        r = rows[0]
        return FeedState(r["url"], r["etag"], r["last_modified"], r["status"] or "", int(r["failures"] or 0),
                         r["polled_at"])

    def save_feed(self, state: FeedState) -> None:
        self._write(t.watch_feeds, [{"url": state.url, "etag": state.etag, "last_modified": state.last_modified,
                                     "status": state.status, "failures": state.failures,
                                     "polled_at": state.polled_at or t.now()}], ["url"])

    def known(self, keys: Iterable[str]) -> set[str]:
        """Those of ``keys`` already taken by an earlier poll (by this or an earlier run)."""
        wanted = list(dict.fromkeys(keys))
        out: set[str] = set()
        for i in range(0, len(wanted), 500):
            stmt = select(t.watch_items.c.key).where(t.watch_items.c.key.in_(wanted[i:i + 500]))
            out |= {r["key"] for r in self.store._read(stmt)}
        return out

    def record(self, items: Sequence[ItemRecord]) -> None:
        stamp = t.now()
        self._write(t.watch_items, [{"key": i.key, "feed_url": i.feed_url, "url": i.url,
                                     "article_id": i.article_id, "state": i.state, "code": i.code, "at": stamp}
                                    for i in items], ["key"])

    def item_counts(self) -> dict[str, int]:
        """Entries taken so far, by state."""
        c = t.watch_items.c
        return {r["state"]: int(r["n"]) for r in self.store._read(
            select(c.state, func.count().label("n")).group_by(c.state))}

    def baselines(self, story_ids: Sequence[str]) -> dict[str, tuple[frozenset[str], int]]:
        """Per story, the disputed claims and the independent origins its last check saw."""
        c = t.watch_stories.c
        rows = self.store._read(select(t.watch_stories).where(c.story_id.in_(list(story_ids)))) if story_ids else []
        return {r["story_id"]: (frozenset(json.loads(r["disputed"])), int(r["origins"])) for r in rows}

    def save_baseline(self, story_id: str, disputed: Iterable[str], origins: int) -> None:
        self._write(t.watch_stories, [{"story_id": story_id, "disputed": json.dumps(sorted(disputed)),
                                       "origins": origins, "at": t.now()}], ["story_id"])
