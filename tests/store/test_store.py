from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from copydesk.errors import StoreError
from copydesk.models import Article, CopyLink, Entity, Mention, Quantity, Quote, Rejection, Span, Story, Time
from copydesk.store import Store
from copydesk.store.schema import MIGRATIONS

# PostgreSQL text cannot hold NUL; ingest never produces it (binary input is rejected as E103).
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1)
SMALL = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)
META = st.dictionaries(SMALL, st.one_of(st.none(), st.booleans(), st.integers(-10**9, 10**9), SMALL), max_size=4)


def _article(text: str, source: str = "Test Outlet", **kw: object) -> Article:
    return Article(id=Article.make_id(source, text), source=source, text=text, **kw)  # type: ignore[arg-type]


@st.composite
def articles(draw: st.DrawFn) -> Article:
    text = draw(TEXT)
    source = draw(TEXT)
    day = draw(st.dates().map(lambda d: d.isoformat()) | st.none())
    return Article(id=Article.make_id(source, text), source=source, text=text, url=draw(SMALL | st.none()),
                   title=draw(SMALL | st.none()), published=day, language=draw(st.sampled_from(["en", "de", None])),
                   raw=draw(TEXT | st.none()), raw_format="jsonl", input=draw(SMALL), meta=draw(META))


FLOATS = st.floats(allow_nan=False, allow_infinity=False, width=64) | st.none()
SPANS = st.builds(lambda a, b: Span(min(a, b), max(a, b)), st.integers(0, 10**6), st.integers(0, 10**6))
VALUES = st.one_of(
    st.none(),
    st.builds(Quantity, amount=FLOATS, low=FLOATS, high=FLOATS, unit=SMALL | st.none(),
              qualifier=st.sampled_from([None, "approx", "gt", "range"]), normalized_amount=FLOATS,
              normalized_unit=SMALL | st.none(), counted=SMALL | st.none(), counted_span=SPANS | st.none()),
    st.builds(Time, timex=SMALL, type=st.sampled_from(["DATE", "TIME", "DURATION", "SET"]),
              mod=st.sampled_from([None, "END", "APPROX"]), granularity=st.sampled_from([None, "day", "month"])),
    st.builds(Quote, speaker=SMALL | st.none(), speaker_span=SPANS | st.none(), cue_span=SPANS | st.none(),
              content_span=SPANS | st.none(), direct=st.booleans(), channel=SMALL | st.none(),
              anonymous=st.booleans(), hedged=st.booleans()),
    st.builds(Entity, type=st.sampled_from(["PERSON", "ORG", "GPE"]), canonical=SMALL),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=articles())
def test_articles_round_trip(any_url: str, a: Article) -> None:
    with Store(any_url) as store:
        s = store.add([a])
        stored = store.article(a.id)
        if s.ingested:
            assert stored == a
        else:  # the same (source, text) drawn again: the first observation's record stays
            assert stored is not None and (stored.source, stored.text) == (a.source, a.text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(VALUES, max_size=5))
def test_mentions_round_trip(any_url: str, values: list) -> None:
    with Store(any_url) as store:
        a = _article("Mentions live beside this text.")
        store.add([a])
        ms = [Mention(kind="quantity", start=i, end=i + 3, value=v, article_id=a.id, sentence=0)
              for i, v in enumerate(values)]
        store.save_mentions(a.id, ms)
        assert store.mentions(a.id) == ms
        assert store.has_mentions(a.id)


def test_ingest_is_idempotent_and_counts(any_url: str) -> None:
    items = [_article(f"Article number {i} about the harbour.") for i in range(5)]
    items.append(Rejection("feed.xml", "ingest", "E106", "not a feed"))
    with Store(any_url) as store:
        before = store.count_articles()
        first = store.add(items, batch_size=2)
        assert (first.ingested, first.duplicates, first.rejected) == (5, 0, 1)
        second = store.add(items, batch_size=2)
        assert (second.ingested, second.duplicates) == (0, 5)
        assert store.count_articles() == before + 5
        assert first.new_ids == tuple(a.id for a in items[:5]) and second.new_ids == ()


def test_one_article_seen_at_two_urls_has_two_observations(sqlite_url: str) -> None:
    text = "The bridge reopened on Friday after repairs."
    a = _article(text, url="https://one.example/a", input="a.jsonl:1")
    b = _article(text, url="https://two.example/b", input="b.jsonl:1")
    with Store(sqlite_url) as store:
        s = store.add([a, b])
        assert (s.ingested, s.duplicates) == (1, 1)
        assert store.count_articles() == 1
        assert [o.url for o in store.observations(a.id)] == ["https://one.example/a", "https://two.example/b"]
        store.add([a])
        assert len(store.observations(a.id)) == 2


def test_rejections_are_kept_and_never_touch_articles(sqlite_url: str) -> None:
    with Store(sqlite_url) as store:
        store.add([_article("A good article about the port.")])
        store.add([Rejection("x.jsonl:3", "ingest", "E101", "invalid JSON: boom")])
        assert store.count_articles() == 1
        assert store.rejections() == [Rejection("x.jsonl:3", "ingest", "E101", "invalid JSON: boom")]


def test_filters(sqlite_url: str) -> None:
    arts = [_article("Cranes stopped at dawn.", "Tide Post", published="2026-03-01", title="Cranes stop"),
            _article("The ferry resumed service.", "Tide Post", published="2026-03-05", title="Ferry back"),
            _article("Council votes on tram line.", "Gazette", published="2026-03-09T10:00:00+00:00", title="Tram")]
    with Store(sqlite_url) as store:
        store.add(arts)
        assert [a.title for a in store.articles(source="Tide Post")] == ["Cranes stop", "Ferry back"]
        assert [a.title for a in store.articles(since="2026-03-05")] == ["Ferry back", "Tram"]
        assert [a.title for a in store.articles(until="2026-03-04")] == ["Cranes stop"]
        assert [a.title for a in store.articles(q="tram")] == ["Tram"]
        assert [a.title for a in store.articles(limit=1, offset=1)] == ["Ferry back"]
        assert store.sources() == ["Gazette", "Tide Post"]


def test_stories_membership_moves_and_empty_stories_go(sqlite_url: str) -> None:
    a, b, c = (_article(f"Story text {i} about one event.", published=f"2026-03-0{i + 1}") for i in range(3))
    with Store(sqlite_url) as store:
        store.add([a, b, c])
        store.save_stories([Story("s1", "First", (a.id, b.id), first_seen="2026-03-01", last_seen="2026-03-02"),
                            Story("s2", "Second", (c.id,), first_seen="2026-03-03", last_seen="2026-03-03")])
        assert store.story_of(b.id) == "s1"
        store.save_stories([Story("s2", "Second", (c.id, a.id, b.id), first_seen="2026-03-01", last_seen="2026-03-03")])
        store.record_event("merge", "s2", {"absorbed": "s1"})
        assert store.story("s1") is None
        assert store.story("s2").article_ids == (c.id, a.id, b.id)
        assert [s.id for s in store.stories(q="sec")] == ["s2"]
        assert [s.id for s in store.stories(source="Test Outlet")] == ["s2"]
        assert store.events("s2")[0]["detail"] == {"absorbed": "s1"}


def test_copies_blobs_and_reports(sqlite_url: str) -> None:
    with Store(sqlite_url) as store:
        link = CopyLink("a", "b", 0.8, "rewrite", ((Span(0, 10), Span(5, 15)),))
        store.save_copies([link])
        store.save_copies([link])
        assert store.copies() == [link]
        assert store.copies(["a"]) == []
        store.put_blobs("minhash", {"a": b"\x00\x01", "b": b"\x02"})
        store.put_blobs("minhash", {"a": b"\x09"})
        assert store.get_blobs("minhash") == {"a": b"\x09", "b": b"\x02"}
        assert store.get_blobs("minhash", ["b"]) == {"b": b"\x02"}
        store.save_report("k", {"schema": "x", "n": [1]})
        assert store.report("k") == {"schema": "x", "n": [1]} and store.report("missing") is None


def test_migrations_are_recorded_and_a_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    with Store(f"sqlite:///{path}") as store:
        assert store.migrations() == sorted(name for name, _ in MIGRATIONS)
    con = sqlite3.connect(path)
    con.execute("INSERT INTO migrations VALUES ('9999_future', '2030-01-01')")
    con.commit()
    con.close()
    with pytest.raises(StoreError) as e:
        Store(f"sqlite:///{path}")
    assert e.value.code.name == "E602"


def test_unreachable_database_is_a_coded_error() -> None:
    with pytest.raises(StoreError) as e:
        Store("sqlite:////nonexistent-dir/x/y.db")
    assert e.value.code.name == "E601"


def test_articles_in_arrival_order(sqlite_url: str) -> None:
    late = _article("Published later but stored first.", published="2026-03-09")
    early = _article("Published earlier but stored second.", published="2026-03-01")
    with Store(sqlite_url) as store:
        store.add([late])
        store.add([early])
        assert [a.id for a in store.articles()] == [early.id, late.id]
        assert [a.id for a in store.articles(order="arrival")] == [late.id, early.id]


def test_pending_rows_follow_storage_and_placement(tmp_path: Path) -> None:
    """Stored articles are pending until placed; one a regrouping drops is pending again; found in arrival order."""
    with Store(f"sqlite:///{tmp_path / 'p.db'}") as store:
        store.add([Article(id=f"p{i}", source="Daily Ledger", text=f"Council votes on budget item {i}.")
                   for i in range(3)])
        assert store.unplaced() == ["p0", "p1", "p2"]
        store.save_stories([Story(id="s1", title="Budget", article_ids=("p0", "p1"))])
        assert store.unplaced() == ["p2"]
        store.save_stories([Story(id="s1", title="Budget", article_ids=("p1",))])
        assert store.unplaced() == ["p0", "p2"]


def test_pending_rows_are_backfilled_for_a_database_without_them(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Store(f"sqlite:///{db}") as store:
        store.add([Article(id=f"o{i}", source="Daily Ledger", text=f"Harbour crane number {i} was repaired.")
                   for i in range(2)])
        store.save_stories([Story(id="s1", title="Cranes", article_ids=("o0",))])
    con = sqlite3.connect(db)
    con.execute("DROP TABLE story_pending")
    con.execute("DELETE FROM migrations WHERE name = '0005_story_pending'")
    con.commit()
    con.close()
    with Store(f"sqlite:///{db}") as store:
        assert "0005_story_pending" in store.migrations()
        assert store.unplaced() == ["o1"]
