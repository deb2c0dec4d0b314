"""The watch cursor round-trips through SQLite and PostgreSQL: the last write of a key wins, nothing else changes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from copydesk.store import Store
from copydesk.store.watch import FeedState, ItemRecord, WatchCursor

TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
URL = st.from_regex(r"https?://[a-z]{1,8}\.example/[a-z0-9/]{0,12}", fullmatch=True)
FEED = st.builds(FeedState, url=URL, etag=st.none() | TEXT, last_modified=st.none() | TEXT, status=TEXT,
                 failures=st.integers(0, 10_000), polled_at=st.just("2026-01-01T00:00:00+00:00"))
ITEM = st.builds(ItemRecord, key=URL | TEXT.filter(bool), feed_url=URL, url=st.none() | URL,
                 article_id=st.none() | st.from_regex(r"[0-9a-f]{16}", fullmatch=True),
                 state=st.sampled_from(["ingested", "duplicate", "rejected", "blocked"]),
                 code=st.none() | st.sampled_from(["E102", "E120", "E121"]))


@hsettings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(feeds=st.lists(FEED, max_size=5), items=st.lists(ITEM, max_size=8),
       baseline=st.tuples(st.sets(TEXT, max_size=4), st.integers(0, 50)))
def test_cursor_round_trip(any_url: str, feeds: list[FeedState], items: list[ItemRecord],
                           baseline: tuple[set[str], int]) -> None:
    with Store(any_url) as store:
        cursor = WatchCursor(store)
        for f in feeds:
            cursor.save_feed(f)
        cursor.record(items)
        last = {f.url: f for f in feeds}
        for url, f in last.items():
            assert cursor.feed(url) == f
        assert cursor.known([i.key for i in items] + ["never-seen"]) == {i.key for i in items}
        sid = f"s{len(items)}"
        cursor.save_baseline(sid, baseline[0], baseline[1])
        assert cursor.baselines([sid, "none"]) == {sid: (frozenset(baseline[0]), baseline[1])}
