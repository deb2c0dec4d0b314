"""Versions and names of stored articles: a changed text at one outlet's URL is the next version of one article."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from copydesk.models import Article
from copydesk.store import Store


def _article(text: str, source: str = "Test Outlet", url: str | None = "https://t.example/a",
             given_id: str | None = None) -> Article:
    meta = {"given_id": given_id} if given_id else {}
    return Article(id=Article.make_id(source, text), source=source, text=text, url=url, meta=meta)


V1 = "The council approved the budget on Monday by seven votes to two."
V2 = "The council approved the budget on Monday by seven votes to three, a correction said."


@pytest.mark.parametrize("source, path, versions", [
    ("Test Outlet", "a", [1, 2]),      # same outlet, same URL: a new version
    (" test outlet ", "a", [1, 2]),    # the outlet's name up to case and spaces
    ("Other Outlet", "a", [1, 1]),     # another outlet at that URL is another article
    ("Test Outlet", "b", [1, 1]),      # another URL is another article
    ("Test Outlet", None, [1, 1]),     # without a URL nothing says it is the same article
])
def test_a_changed_text_at_the_same_url_is_the_next_version(any_url: str, source: str, path: str | None,
                                                            versions: list[int]) -> None:
    tag = uuid.uuid4().hex  # the PostgreSQL schema is shared by the whole session
    a = _article(V1 + tag, url=f"https://t.example/{tag}/a")
    b = _article(V2 + tag, source=source, url=f"https://t.example/{tag}/{path}" if path else None)
    with Store(any_url) as store:
        store.add([a])
        store.add([b])
        chains = store.versions([a.id, b.id])
    assert [dict(chains[x.id])[x.id] for x in (a, b)] == versions
    if versions == [1, 2]:
        assert chains[a.id] == chains[b.id] == [(a.id, 1), (b.id, 2)]


def test_versions_within_one_batch_follow_input_order(sqlite_url: str) -> None:
    texts = [V1, V2, V1 + " Updated at noon.", V1]  # the last is the first again: a duplicate, not a version
    arts = [_article(x) for x in texts]
    with Store(sqlite_url) as store:
        store.add(arts)
        assert store.versions([arts[0].id])[arts[0].id] == [(arts[0].id, 1), (arts[1].id, 2), (arts[2].id, 3)]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["A", "B"]), st.sampled_from(["u1", "u2", ""]),
                          st.integers(0, 5)), min_size=1, max_size=12),
       st.integers(1, 4))
def test_versions_count_up_per_outlet_and_url_in_arrival_order(tmp_path: Path, items: list[tuple[str, str, int]],
                                                               batch: int) -> None:
    path = tmp_path / f"v{abs(hash((tuple(items), batch)))}.db"
    arts = [_article(f"Text number {n} about the harbour, long enough.", source=s, url=u or None)
            for s, u, n in items]
    with Store(f"sqlite:///{path}") as store:
        store.add(arts, batch_size=batch)
        chains = store.versions([a.id for a in arts])
    expected: dict[tuple[str, str], list[str]] = {}
    seen: set[str] = set()
    for a in arts:  # an article is placed where it first arrives; seen again elsewhere, it stays there
        if a.id not in seen:
            seen.add(a.id)
            expected.setdefault((a.source, a.url or a.id), []).append(a.id)
    for ids in expected.values():
        assert chains[ids[0]] == [(x, i + 1) for i, x in enumerate(ids)]


def test_find_by_full_id_given_id_and_prefix(any_url: str) -> None:
    tag = uuid.uuid4().hex
    a = _article(V1 + tag, url=None, given_id="council-1" + tag)
    b = _article(V2 + tag, url=None, given_id="council-2" + tag)
    with Store(any_url) as store:
        store.add([a, b])
        assert [r["id"] for r in store.find(a.id)] == [a.id]
        assert [r["id"] for r in store.find("council-2" + tag)] == [b.id]
        assert [r["id"] for r in store.find(b.id[:8])] == [b.id]
        assert {r["id"] for r in store.find("")} == set()
        assert store.find("council") == [] and store.find("%") == []


def test_a_database_from_before_versions_is_backfilled(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    a, b = _article(V1, given_id="g-1"), _article(V2)
    with Store(f"sqlite:///{path}") as store:
        store.add([a])
        store.add([b])
    con = sqlite3.connect(path)  # as a database written before the migration existed
    con.execute("DROP TABLE article_versions")
    con.execute("DELETE FROM migrations WHERE name = '0003_article_versions'")
    con.commit()
    con.close()
    with Store(f"sqlite:///{path}") as store:
        assert "0003_article_versions" in store.migrations()
        assert store.versions([b.id])[b.id] == [(a.id, 1), (b.id, 2)]
        assert [r["id"] for r in store.find("g-1")] == [a.id]
