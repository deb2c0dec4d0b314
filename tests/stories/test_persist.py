"""Story assignment with the state as rows: the in-memory stream's results, idempotent, no pickle."""

from __future__ import annotations

import pickle
from collections import Counter
import re
import sqlite3
from pathlib import Path

import pytest

from copydesk.models import Article
from copydesk.settings import Settings
from copydesk.store import Store
from copydesk.stories import StoryStream
from copydesk.stories import stream as stream_mod
from copydesk.stories.persist import assign, place_pending
from generated import stream as generated
from story_texts import BUDGET, QUAKE_1, QUAKE_1B, WIRE, art

SRC = Path(__file__).resolve().parents[2] / "src"
S = Settings.load()


def _articles(n_stories: int, per_story: int) -> list[Article]:
    return [Article(id=f"g{i}", source=r["source"], text=r["text"], title=r["title"], published=r["published"])
            for i, r in enumerate(generated(n_stories, per_story))]


def _membership(store: Store) -> dict[str, str]:
    return {a: s.id for s in store.stories() for a in s.article_ids}


def test_rows_assign_exactly_as_the_in_memory_stream(fresh_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Same story per article across chunks, sweeps (frozen stories) and a merge."""
    monkeypatch.setattr(stream_mod, "SWEEP_EVERY", 25)
    one, two = (r["text"] for r in generated(2, 1, seed=9))
    arts = [art("m0", one, "2023-12-02"), art("m1", two, "2023-12-02"),
            art("m2", one + " " + two, "2023-12-02")] + _articles(30, 5)
    memory = StoryStream(S)
    expected = [memory.resolve(sid) for sid in [memory.add(a) for a in arts]]
    assert any(e["kind"] == "merge" for e in memory.events), "the stream must exercise a merge"
    small = Settings.load(batch_size=17)
    with Store(fresh_db, small) as store:
        store.add(arts)
        returned = []
        for i in range(0, len(arts), 40):
            returned += assign(store, [a.id for a in arts[i:i + 40]], small, copies=False)
        final = _membership(store)
    assert [final[a.id] for a in arts] == expected
    assert returned == expected


def test_merge_keeps_the_older_id_and_is_recorded(fresh_db: str) -> None:
    one, two = (r["text"] for r in generated(2, 1))
    with Store(fresh_db, S) as store:
        store.add([art("m0", one, "2024-08-02"), art("m1", two, "2024-08-02")])
        first, second = assign(store, ["m0", "m1"], S)
        store.add([art("m2", one + " " + two, "2024-08-02")])
        assert assign(store, ["m2"], S) == [first]
        assert store.story_of("m1") == first and store.story(second) is None
        (story,) = store.stories()
        assert story.id == first and set(story.article_ids) == {"m0", "m1", "m2"}
        merges = [e for e in store.events() if e["kind"] == "merge"]
        assert [(e["story_id"], e["detail"]) for e in merges] == [(first, {"merged": second, "article": "m2"})]
        store.add([art("m3", two + " Crews stayed overnight.", "2024-08-03", source="Other")])
        assert assign(store, ["m3"], S) == [first], "a merged-away id resolves to the story that kept its id"


def test_assignment_is_idempotent(fresh_db: str) -> None:
    arts = [art("q1", QUAKE_1, "2024-03-05"), art("q1b", QUAKE_1B, "2024-03-06", source="Coast Post"),
            art("b", BUDGET, "2024-03-06")]
    with Store(fresh_db, S) as store:
        store.add(arts)
        ids = assign(store, [a.id for a in arts], S)
        events = store.events()
        assert assign(store, [a.id for a in reversed(arts)], S) == ids[::-1]
        assert place_pending(store, S) == 0
        assert store.events() == events and store.unplaced() == []
        assert sum(len(s.article_ids) for s in store.stories()) == 3


def test_stored_but_unplaced_articles_are_placed_in_arrival_order(fresh_db: str) -> None:
    arts = _articles(6, 4)
    with Store(fresh_db, S) as store:
        store.add(arts)
        assign(store, [a.id for a in arts[:7]], S)
        assert store.unplaced() == [a.id for a in arts[7:]]
        assert place_pending(store, S) == len(arts) - 7
        assert store.unplaced() == []
    memory = StoryStream(S)
    expected = [memory.resolve(x) for x in [memory.add(a) for a in arts]]
    with Store(fresh_db, S) as store:
        assert [_membership(store)[a.id] for a in arts] == expected


def test_copies_with_earlier_articles_are_found_through_band_rows(fresh_db: str) -> None:
    with Store(fresh_db, S) as store:
        store.add([art("q1", QUAKE_1, "2024-03-05"), art("w1", WIRE, "2024-03-05", source="Norland Wire")])
        ids1 = assign(store, ["q1", "w1"], S)
        second = [art("q1b", QUAKE_1B, "2024-03-06", source="Coast Post"), art("b", BUDGET, "2024-03-06"),
                  art("w2", WIRE, "2024-03-06", source="Harbour Times")]
        store.add(second)
        ids2 = assign(store, [a.id for a in second], S)
        assert ids2[0] == ids1[0] and ids2[2] == ids1[1] and ids2[1] not in ids1
        assert [(c.a, c.b, c.kind) for c in store.copies()] == [("w1", "w2", "syndicated")]


def test_an_article_that_fails_is_rejected_and_the_batch_goes_on(fresh_db: str,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    real = stream_mod.article_terms

    def terms(a: Article) -> list[str]:
        if a.id == "bad":
            raise ValueError("unreadable")
        return real(a)

    monkeypatch.setattr(stream_mod, "article_terms", terms)
    rejections: list = []
    with Store(fresh_db, S) as store:
        store.add([art("bad", BUDGET, "2024-03-05"), art("q1", QUAKE_1, "2024-03-05")])
        ids = assign(store, ["bad", "q1"], S, rejections)
        assert ids[0] == "" and ids[1]
        assert [(r.code, r.stage) for r in rejections] == [("E301", "stories")]
        assert "bad" in rejections[0].message
        assert store.unplaced() == ["bad"]


class _Planted:
    """Unpickling this would create ``path``: the old blob must never be unpickled."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self) -> tuple:
        return (open, (self.path, "w"))


def test_old_pickled_stream_blob_is_deleted_unread(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    planted = tmp_path / "unpickled"
    with Store(f"sqlite:///{db}", S) as store:
        store.add([art("q1", QUAKE_1, "2024-03-05")])
    con = sqlite3.connect(db)
    con.execute("DELETE FROM migrations WHERE name = '0004_story_rows'")
    con.execute("INSERT INTO blobs VALUES ('stories', 'stream', ?)", (pickle.dumps(_Planted(str(planted))),))
    con.commit()
    con.close()
    with Store(f"sqlite:///{db}", S) as store:
        assert "0004_story_rows" in store.migrations()
        assert store.get_blobs("stories") == {}
        assert place_pending(store, S) == 1 and store.story_of("q1")
    assert not planted.exists()


def test_no_pickle_in_the_package() -> None:
    unsafe = re.compile(r"^\s*(import|from)\s+(pickle|cPickle|dill|shelve|marshal|joblib)\b", re.M)
    found = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py") if unsafe.search(p.read_text("utf-8"))]
    assert found == []


def test_a_new_article_is_aligned_with_few_stored_copies_however_many_there_are(
        fresh_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """40 stored republications of one wire report: the 41st is compared with the best few, not all."""
    from copydesk.stories import persist
    from copydesk.stories.copies import MAX_CANDIDATES

    compared: list[tuple[str, str]] = []
    real = persist.compare_pair

    def counting(x: Article, y: Article, *rest: object) -> object:
        compared.append((x.id, y.id))
        return real(x, y, *rest)

    outlets = [f"Outlet {i}" for i in range(41)]
    stored = [art(f"w{i}", f"{WIRE} Published by {outlets[i]}.", "2024-05-02", source=outlets[i])
              for i in range(40)]
    with Store(fresh_db, S) as store:
        store.add(stored)
        assign(store, [a.id for a in stored], S)
        monkeypatch.setattr(persist, "compare_pair", counting)
        new = art("w40", f"{WIRE} Published by {outlets[40]}.", "2024-05-03", source=outlets[40])
        store.add([new])
        assign(store, ["w40"], S)
        links = [c for c in store.copies() if c.b == "w40"]
    assert 1 <= len(compared) <= MAX_CANDIDATES
    assert links and links[0].kind == "syndicated" and links[0].a in {a.id for a in stored}


def test_band_reads_are_capped_per_key(fresh_db: str) -> None:
    """A band key many articles share names at most ``per_band`` of them."""
    ids = [f"b{i}" for i in range(30)]
    with Store(fresh_db, S) as store:
        store.add([art(i, f"{BUDGET} Item {i}.", "2024-03-06") for i in ids])

        def write(rows: object) -> dict[int, list[str]]:
            rows.put_bands_many({i: [7, 8 + n] for n, i in enumerate(ids)})  # type: ignore[attr-defined]
            return rows.band_holders([7, 8, 9], per_band=5)  # type: ignore[attr-defined]

        holders = store.with_story_rows(write)
    assert len(holders[7]) == 5 and set(holders[7]) <= set(ids)
    assert holders[8] == ["b0"] and holders[9] == ["b1"]


def test_story_terms_are_computed_once_per_article(fresh_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Placing again (a retried transaction, a rerun after a kill) reads the kept terms instead of parsing."""
    from copydesk.stories import persist

    calls: list[str] = []
    real = stream_mod.article_terms

    def counting(a: Article) -> list[str]:
        calls.append(a.id)
        return real(a)

    monkeypatch.setattr(stream_mod, "article_terms", counting)
    arts = [art("q1", QUAKE_1, "2024-03-05"), art("b", BUDGET, "2024-03-06")]
    with Store(fresh_db, S) as store:
        store.add(arts)
        first = persist._terms(store, arts)
        again = persist._terms(store, arts)
        assert sorted(calls) == ["b", "q1"]
        # kept as counts in reading order: the stream's Counter of them is the same, key for key
        assert all(list(Counter(again[a.id]).items()) == list(Counter(real(a)).items()) for a in arts)
        assert first["q1"] == real(arts[0])
        assert assign(store, ["q1", "b"], S) and sorted(calls) == ["b", "q1"]


def test_batched_features_parse_each_text_once_and_match_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """More articles than the Doc cache holds: each text is parsed once, terms as article by article."""
    from copydesk.stories import features
    from copydesk.text import nlp

    arts = [art(f"a{i}", f"{QUAKE_1} Update {i}: crews reached {i} more homes.", "2024-03-05",
                title=f"Quake update {i}") for i in range(12)]
    monkeypatch.setattr(nlp, "CACHE_SIZE", 4)
    nlp.clear_cache()
    parsed: list[str] = []
    real_pipe = nlp.parse_many

    def counting(texts: list[str], *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        texts = list(texts)
        parsed.extend(texts)
        return real_pipe(texts, *args, **kwargs)

    monkeypatch.setattr(features, "parse_many", counting)
    got = list(features.terms_many(arts, batch_size=5))
    assert len(parsed) == len(set(parsed)) == 2 * len(arts)  # each text and each headline once
    nlp.clear_cache()
    assert got == [features.article_terms(a) for a in arts]


def test_a_chunk_reads_the_posting_lists_of_its_query_terms_only(fresh_db: str,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Placing a chunk looks up its articles' few most distinctive terms, not every term they hold."""
    from copydesk.store.story_rows import StoryRows
    from copydesk.stories.stream import QUERY_TERMS

    asked: list[str] = []
    real = StoryRows.postings

    def spy(self: StoryRows, terms: list[str]) -> dict[str, list[str]]:
        asked.extend(terms)
        return real(self, terms)

    arts = _articles(8, 3)
    with Store(fresh_db, S) as store:
        store.add(arts)
        assign(store, [a.id for a in arts[:12]], S, copies=False)
        monkeypatch.setattr(StoryRows, "postings", spy)
        assign(store, [a.id for a in arts[12:15]], S, copies=False)
    held = {t for a in arts[12:15] for t in stream_mod.article_terms(a)}
    assert asked and len(set(asked)) <= QUERY_TERMS * 3 < len(held)
