"""persist.assign against a tiny in-memory store with the store's API."""

from __future__ import annotations

from typing import Any

from copydesk.models import Article, CopyLink, Story
from copydesk.settings import Settings
from copydesk.stories.persist import assign
from story_texts import BUDGET, QUAKE_1, QUAKE_1B, WIRE, art


class FakeStore:
    def __init__(self) -> None:
        self.blobs: dict[str, dict[str, bytes]] = {}
        self.saved: dict[str, Story] = {}
        self.events: list[tuple[str, str, dict[str, Any]]] = []
        self.copies: list[CopyLink] = []
        self.texts: dict[str, Article] = {}

    def put_blobs(self, namespace: str, items: dict[str, bytes]) -> None:
        self.blobs.setdefault(namespace, {}).update(items)

    def get_blobs(self, namespace: str, keys: list[str] | None = None) -> dict[str, bytes]:
        ns = self.blobs.get(namespace, {})
        return dict(ns) if keys is None else {k: ns[k] for k in keys if k in ns}

    def save_stories(self, stories: list[Story]) -> None:
        self.saved.update({s.id: s for s in stories})

    def stories(self) -> list[Story]:
        return list(self.saved.values())

    def record_event(self, kind: str, story_id: str, detail: dict[str, Any]) -> None:
        self.events.append((kind, story_id, detail))

    def save_copies(self, links: list[CopyLink]) -> None:
        self.copies.extend(links)

    def articles(self, ids: list[str]) -> list[Article]:
        return [self.texts[i] for i in ids if i in self.texts]


def test_assign_in_two_batches_keeps_ids_and_finds_old_copies() -> None:
    store = FakeStore()
    s = Settings.load()
    first = [art("q1", QUAKE_1, "2024-03-05"), art("w1", WIRE, "2024-03-05", source="Norland Wire")]
    store.texts.update({a.id: a for a in first})
    ids1 = assign(store, first, s)
    second = [art("q1b", QUAKE_1B, "2024-03-06", source="Coast Post"), art("b", BUDGET, "2024-03-06"),
              art("w2", WIRE, "2024-03-06", source="Harbour Times")]
    ids2 = assign(store, second, s)
    assert ids2[0] == ids1[0] and ids2[2] == ids1[1] and ids2[1] not in ids1
    assert set(store.saved) == set(ids1) | {ids2[1]}
    assert [e[0] for e in store.events].count("open") == 3
    assert [(c.a, c.b, c.kind) for c in store.copies] == [("w1", "w2", "syndicated")]
    assert set(store.blobs["minhash"]) == {"q1", "w1", "q1b", "b", "w2"}


def test_bad_article_is_rejected_and_the_batch_goes_on() -> None:
    store = FakeStore()
    rejections: list = []
    bad = Article(id="bad", source="x", text=None)  # type: ignore[arg-type]
    ids = assign(store, [bad, art("q1", QUAKE_1, "2024-03-05")], Settings.load(), rejections)
    assert ids[0] == "" and ids[1]
    assert [(r.code, r.stage) for r in rejections] == [("E301", "stories")]
    assert "bad" in rejections[0].message


def test_unreadable_state_is_a_coded_error() -> None:
    import pytest

    from copydesk.errors import CopydeskError

    store = FakeStore()
    store.put_blobs("stories", {"stream": b"not a pickle"})
    with pytest.raises(CopydeskError) as e:
        assign(store, [art("q1", QUAKE_1, "2024-03-05")], Settings.load())
    assert e.value.code.name == "E301"
