"""Story reports: computed once per membership and shared, paged, stored copy links reused."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from copydesk import api, pipeline, report
from copydesk.errors import UsageError


@pytest.fixture()
def demo_db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    api.ingest([str(p) for p in api.demo_paths()], db=url)
    return url


def _biggest_story(db: str) -> str:
    return max(api.list_stories(db=db), key=lambda s: s["n_articles"])["id"]


def test_concurrent_requests_compute_a_story_once(demo_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = api._story_analysis

    def counted(*args: object, **kw: object) -> pipeline.Analysis:
        calls.append("x")
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "_story_analysis", counted)
    sid = _biggest_story(demo_db)
    docs: list[dict] = []
    threads = [threading.Thread(target=lambda: docs.append(api.story_report(sid, db=demo_db))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(docs) == 4 and all(d == docs[0] for d in docs)
    assert calls == ["x"]


@pytest.mark.parametrize("offset, limit", [(0, 1), (1, 2), (0, 100), (10_000, 3)])
def test_story_report_pages_its_claims(demo_db: str, offset: int, limit: int) -> None:
    sid = _biggest_story(demo_db)
    whole = api.story_report(sid, db=demo_db)["stories"][0]
    page = api.story_report(sid, db=demo_db, offset=offset, limit=limit)["stories"][0]
    assert page["claims"] == whole["claims"][offset:offset + limit]
    assert page["page"] == {"offset": offset, "limit": limit, "claims": len(whole["claims"]),
                            "quotes": len(whole["quotes"]), "timeline": len(whole["timeline"]),
                            "dependencies": len(whole["dependencies"])}
    assert len(page["quotes"]) <= limit and len(page["dependencies"]) <= limit
    report.validate(api.story_report(sid, db=demo_db, offset=offset, limit=limit))
    assert "page" not in api.story_report(sid, db=demo_db)["stories"][0]


@pytest.mark.parametrize("offset, limit", [(-1, None), (0, 0)])
def test_bad_page_is_a_usage_error(demo_db: str, offset: int, limit: int | None) -> None:
    with pytest.raises(UsageError) as e:
        api.story_report(_biggest_story(demo_db), db=demo_db, offset=offset, limit=limit)
    assert e.value.code.name == "E902"


def test_analyze_reuses_stored_copy_links(demo_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = [str(p) for p in api.demo_paths()]
    first = api.analyze(paths, db=demo_db)

    def refuse(*args: object, **kw: object) -> list:
        raise AssertionError("copies searched again over stored articles")

    monkeypatch.setattr(pipeline.stories, "find_copies", refuse)
    assert api.analyze(paths, db=demo_db) == first


def test_story_report_names_its_dependence_groups(demo_db: str) -> None:
    st = api.story_report(_biggest_story(demo_db), db=demo_db)["stories"][0]
    linked = {a for d in st["dependencies"] if d["score"] >= 0.5 for a in d["articles"]}
    assert st["dependence_groups"] and {a for g in st["dependence_groups"] for a in g} == linked
