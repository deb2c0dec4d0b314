"""Web fixtures: an in-memory stand-in for the stored API, built from the bundled example.

The stand-in answers the ``copydesk.api`` query functions from one analysed
report, so that route tests need no database; ``live_db`` uses the real store.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Sequence

import pytest

from copydesk import api
from copydesk.errors import Code, CopydeskError
from copydesk.models import Rejection


@dataclass
class FakeSummary:
    ingested: int = 0
    duplicates: int = 0
    rejected: int = 0
    rejections: list[Any] = field(default_factory=list)
    article_ids: tuple[str, ...] = ()
    new_ids: tuple[str, ...] = ()


class FakeApi:
    """The stored-data half of copydesk.api, answered from one report document."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self.arts = {a["id"]: a for a in doc["articles"]}
        self.ingested: list[list[str]] = []
        self.contents: list[dict[str, bytes]] = []
        self.sidecars: list[dict[str, bytes]] = []
        self.warmed: list[list[str]] = []

    def _match(self, a: dict[str, Any], q: str | None, source: str | None, since: str | None,
               until: str | None) -> bool:
        day = (a.get("published") or "")[:10]
        return ((not q or q.lower() in (a.get("title") or "").lower() + a["text"].lower())
                and (not source or a["source"] == source)
                and (not since or (day and day >= since)) and (not until or (day and day[:len(until)] <= until)))

    def list_stories(self, *, db: str | None = None, q: str | None = None, source: str | None = None,
                     since: str | None = None, until: str | None = None, limit: int = 50,
                     offset: int = 0) -> list[dict[str, Any]]:
        rows = []
        for st in self.doc["stories"]:
            arts = [self.arts[a] for a in st["articles"]]
            if not any(self._match(a, q, source, since, until) for a in arts):
                continue
            days = sorted(a["published"] for a in arts if a["published"])
            rows.append({"id": st["id"], "title": st["title"], "storyline": st["storyline"],
                         "first_seen": days[0] if days else None, "last_seen": days[-1] if days else None,
                         "n_articles": len(arts), "sources": sorted({a["source"] for a in arts})})
        return rows[offset:offset + limit]

    def story_report(self, story_id: str, *, db: str | None = None, offset: int = 0,
                     limit: int | None = None) -> dict[str, Any]:
        for st in self.doc["stories"]:
            if st["id"] == story_id:
                return api._page({"schema": self.doc["schema"], "articles": [self.arts[a] for a in st["articles"]],
                                  "stories": [copy.deepcopy(st)], "rejected": []}, offset, limit)
        raise CopydeskError(Code.E604, detail=story_id)

    def list_articles(self, *, db: str | None = None, q: str | None = None, source: str | None = None,
                      since: str | None = None, until: str | None = None, limit: int = 50,
                      offset: int = 0) -> list[dict[str, Any]]:
        rows = [{k: a[k] for k in ("id", "source", "title", "published", "url", "language")}
                for a in self.doc["articles"] if self._match(a, q, source, since, until)]
        return rows[offset:offset + limit]

    def article_view(self, article_id: str, *, db: str | None = None) -> dict[str, Any]:
        a = self.arts.get(article_id)
        if a is None:
            raise CopydeskError(Code.E603, detail=article_id)
        claims = []
        story = None
        for st in self.doc["stories"]:
            if article_id in st["articles"]:
                story = st["id"]
            for c in st["claims"]:
                for i, m in enumerate(c["mentions"]):
                    if m["article"] == article_id:
                        claims.append({"story": st["id"], "id": c["id"], "summary": c["summary"],
                                       "status": c["status"], "mention_index": i, "start": m["start"], "end": m["end"]})
        art = {k: a[k] for k in ("id", "source", "url", "title", "published", "language", "text")}
        return {"article": art, "story": story, "mentions": list(a.get("mentions", [])), "claims": claims}

    def sources(self, *, db: str | None = None) -> list[str]:
        return sorted({a["source"] for a in self.doc["articles"]})

    def ingest(self, inputs: Sequence[str | Path], *, db: str | None = None, settings: Any = None,
               progress: Any = None, stdin: Any = None) -> FakeSummary:
        paths = [str(p) for p in inputs]
        if not all(Path(p).exists() for p in paths):
            raise AssertionError("uploads must be on disk while ingest runs")
        self.ingested.append([Path(p).name for p in paths])
        self.contents.append({p: Path(p).read_bytes() for p in paths})
        self.sidecars.append({p: Path(p).with_suffix(".json").read_bytes() for p in paths
                              if Path(p).with_suffix(".json").is_file()})
        if progress:
            progress("ingest", len(paths), len(paths))
        bad = [Rejection(p, "ingest", "E108", Code.E108.format(detail=p)) for p in paths if p.endswith(".bad")]
        good = tuple(p for p in paths if not p.endswith(".bad"))
        return FakeSummary(ingested=len(good), rejected=len(bad), rejections=bad, article_ids=good, new_ids=good)


    def warm_story_reports(self, article_ids: Sequence[str], *, db: str | None = None, settings: Any = None,
                           progress: Any = None) -> list[str]:
        self.warmed.append(list(article_ids))
        return []


@pytest.fixture(scope="session")
def demo_report() -> dict[str, Any]:
    return api.analyze([str(p) for p in api.demo_paths()], store=False)


@pytest.fixture()
def fake_api(demo_report: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> FakeApi:
    fake = FakeApi(demo_report)
    for name in ("list_stories", "story_report", "list_articles", "article_view", "sources", "ingest",
                 "warm_story_reports"):
        monkeypatch.setattr(api, name, getattr(fake, name))
    return fake


@pytest.fixture()
def client(fake_api: FakeApi) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from copydesk.web.app import create_app

    with TestClient(create_app("sqlite:///unused.db")) as c:
        yield c


@pytest.fixture()
def empty_client(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from copydesk.web.app import create_app

    fake = FakeApi({"schema": "copydesk.report/1", "articles": [], "stories": [], "rejected": []})
    for name in ("list_stories", "list_articles", "sources"):
        monkeypatch.setattr(api, name, getattr(fake, name))
    with TestClient(create_app("sqlite:///unused.db")) as c:
        yield c


@pytest.fixture(scope="session")
def live_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A real SQLite database with the bundled example ingested (skips when the store is absent)."""
    try:
        from copydesk.store import Store  # noqa: F401
    except ImportError:
        pytest.skip("copydesk.store is not available yet")
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'demo.db'}"
    api.ingest([str(p) for p in api.demo_paths()], db=url)
    return url


@pytest.fixture(scope="session")
def fake_api_class() -> type[FakeApi]:
    return FakeApi
