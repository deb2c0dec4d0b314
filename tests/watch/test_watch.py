"""copydesk watch against feeds and pages served from 127.0.0.1: conditional GET, failures, robots, restarts, events."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from copydesk import api
from copydesk.errors import CopydeskError, UsageError
from copydesk.settings import Settings
from copydesk.store.watch import WatchCursor
from copydesk.watch import Watcher, read_feed_list
from copydesk.watch.fetch import FetchError, Fetcher
from feed_site import Route, Site, rss


def feeds_file(tmp_path: Path, *urls: str) -> Path:
    p = tmp_path / "feeds.txt"
    p.write_text("# feeds\n" + "\n".join(urls) + "\n", encoding="utf-8")
    return p


def stored(settings: Settings) -> tuple[int, list[Any], dict[str, int]]:
    with api.open_store(settings=settings) as st:
        return st.count_articles(), st.rejections(), WatchCursor(st).item_counts()


def feed_status(settings: Settings, url: str) -> str:
    with api.open_store(settings=settings) as st:
        return WatchCursor(st).feed(url).status


def test_new_entries_are_fetched_stored_and_placed(site: Site, settings: Settings, tmp_path: Path) -> None:
    pages = site.feed("/news.rss", 3)
    stats = api.watch(feeds_file(tmp_path, site.url("/news.rss")), settings=settings, cycles=1)
    assert (stats.new_entries, stats.ingested, stats.pages) == (3, 3, 3)
    assert all(site.hits(p) == 1 for p in pages)
    n, _, items = stored(settings)
    assert n == 3 and items == {"ingested": 3}
    with api.open_store(settings=settings) as st:
        arts = st.articles()
        assert {a.url for a in arts} == {site.url(p) for p in pages}
        assert all(st.story_of(a.id) for a in arts)


def test_conditional_get_sends_validators_and_304_fetches_nothing(site: Site, settings: Settings,
                                                                  tmp_path: Path) -> None:
    pages = site.feed("/news.rss", 2, etag='"v1"')
    feeds = feeds_file(tmp_path, site.url("/news.rss"))
    api.watch(feeds, settings=settings, cycles=1)
    stats = api.watch(feeds, settings=settings, cycles=1)
    feed_requests = [h for p, h, _ in site.log if p == "/news.rss"]
    assert feed_requests[1].get("If-None-Match") == '"v1"' and feed_requests[1].get("If-Modified-Since")
    assert stats.not_modified == 1 and stats.new_entries == 0
    assert all(site.hits(p) == 1 for p in pages)


def test_restart_fetches_no_entry_twice(site: Site, settings: Settings, tmp_path: Path) -> None:
    site.feed("/a.rss", 4)  # no validators: every poll gets the whole feed back
    feeds = feeds_file(tmp_path, site.url("/a.rss"))
    api.watch(feeds, settings=settings, cycles=1)
    site.feed("/a.rss", 6)  # two entries added while the watcher was down
    stats = api.watch(feeds, settings=settings, cycles=2)
    page_hits = [p for p, _, _ in site.log if p.endswith(".html")]
    assert len(page_hits) == len(set(page_hits)) == 6
    assert stats.new_entries == 2 and stored(settings)[0] == 6


@pytest.mark.parametrize("name, route, why", [
    ("timeout", Route(rss([]).encode(), delay=2.5, content_type="application/rss+xml"), "ReadTimeout"),
    ("server error", Route(b"oops", 500), "HTTP 500"),
    ("gone", Route(b"gone", 410), "HTTP 410"),
    ("malformed XML", Route(b"<rss version='2.0'><channel><item><title>x</ti", content_type="application/rss+xml"),
     "E106"),
    ("not a feed", Route(b"<html><body>hello</body></html>"), "E106"),
])
def test_a_failing_feed_is_reported_and_the_others_go_on(site: Site, settings: Settings, tmp_path: Path,
                                                         name: str, route: Route, why: str) -> None:
    site.routes["/bad.rss"] = route
    site.feed("/good.rss", 2)
    stats = api.watch(feeds_file(tmp_path, site.url("/bad.rss"), site.url("/good.rss")), settings=settings,
                      cycles=1)
    assert stats.feed_errors == 1 and stats.ingested == 2
    assert why in feed_status(settings, site.url("/bad.rss"))
    assert feed_status(settings, site.url("/good.rss")).startswith("ok")


def test_redirected_feed_and_pages_are_followed(site: Site, settings: Settings, tmp_path: Path) -> None:
    site.feed("/new.rss", 2)
    site.routes["/old.rss"] = Route(b"", 301, headers={"Location": "/new.rss"})
    stats = api.watch(feeds_file(tmp_path, site.url("/old.rss")), settings=settings, cycles=1)
    assert stats.ingested == 2 and site.hits("/new.rss") == 1


def test_a_page_that_fails_for_now_is_tried_again_next_poll(site: Site, settings: Settings, tmp_path: Path) -> None:
    pages = site.feed("/news.rss", 2)
    good = site.routes[pages[0]]
    site.routes[pages[0]] = Route(b"busy", 503)
    feeds = feeds_file(tmp_path, site.url("/news.rss"))
    first = api.watch(feeds, settings=settings, cycles=1)
    assert (first.ingested, first.deferred) == (1, 1)
    site.routes[pages[0]] = good
    second = api.watch(feeds, settings=replace(settings, watch_max_backoff=0.0), cycles=1)
    assert second.ingested == 1 and stored(settings)[0] == 2


def test_robots_txt_is_honoured(site: Site, settings: Settings, tmp_path: Path) -> None:
    site.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    private = site.feed("/private", 1)
    public = site.feed("/public", 1)
    stats = api.watch(feeds_file(tmp_path, site.url("/private"), site.url("/public")), settings=settings, cycles=1)
    assert site.hits(private[0]) == 0 and site.hits(public[0]) == 1
    assert stats.ingested == 1
    n, rejections, items = stored(settings)
    assert items == {"ingested": 1, "blocked": 1}
    assert [r.code for r in rejections] == ["E121"]


def test_an_unreachable_robots_txt_fetches_no_page_for_now(site: Site, settings: Settings, tmp_path: Path) -> None:
    site.routes["/robots.txt"] = Route(b"down", 503)
    pages = site.feed("/news.rss", 2)
    stats = api.watch(feeds_file(tmp_path, site.url("/news.rss")), settings=settings, cycles=1)
    assert all(site.hits(p) == 0 for p in pages)
    assert (stats.ingested, stats.deferred) == (0, 2) and stored(settings)[2] == {}


def test_a_blocked_page_falls_back_to_the_feed_text(site: Site, settings: Settings, tmp_path: Path) -> None:
    site.routes["/robots.txt"] = Route(b"User-agent: copydesk-watch\nDisallow: /\n", content_type="text/plain")
    text = "Crews in Osterby cleared the flooded underpass on Wednesday after six hours of pumping, officials said."
    site.feed("/feed", 1, summary=text)
    stats = api.watch(feeds_file(tmp_path, site.url("/feed")), settings=settings, cycles=1)
    assert stats.ingested == 1 and stats.pages == 0
    with api.open_store(settings=settings) as st:
        assert st.articles()[0].text.startswith("Crews in Osterby")


def test_requests_to_one_host_are_spaced(site: Site, settings: Settings, tmp_path: Path) -> None:
    site.feed("/news.rss", 3)
    api.watch(feeds_file(tmp_path, site.url("/news.rss")), settings=replace(settings, watch_host_delay=0.2),
              cycles=1)
    times = [t for _, _, t in site.log]
    assert len(times) == 5  # feed, robots.txt, three pages
    assert min(b - a for a, b in zip(times, times[1:])) >= 0.18


def test_backoff_grows_and_honours_retry_after(site: Site, settings: Settings) -> None:
    clock = [100.0]
    slept: list[float] = []
    f = Fetcher(replace(settings, watch_host_delay=0.5, watch_max_backoff=30.0), clock=lambda: clock[0],
                sleep=slept.append)
    site.routes["/x"] = Route(b"no", 503)
    site.routes["/y"] = Route(b"slow down", 429, headers={"Retry-After": "20"})
    host = site.base.split("//")[1]
    for expected in (2.0, 4.0):
        with pytest.raises(FetchError) as e:
            f.get(site.url("/x"))
        assert e.value.transient and f.next_at[host] - clock[0] == pytest.approx(expected)
    with pytest.raises(FetchError):
        f.get(site.url("/y"))
    assert slept == [pytest.approx(2.0), pytest.approx(4.0)]  # each request waited for the host's turn
    assert f.next_at[host] - clock[0] == pytest.approx(20.0)  # Retry-After over the third doubling (8 s)
    clock[0] += 1000
    site.routes["/x"] = Route(b"fine")
    assert f.get(site.url("/x")).status == 200 and f.next_at[host] - clock[0] == pytest.approx(0.5)


def test_a_host_backing_off_longer_than_allowed_is_skipped(site: Site, settings: Settings) -> None:
    f = Fetcher(replace(settings, watch_max_backoff=5.0), clock=lambda: 0.0, sleep=lambda s: None)
    f.next_at[site.base.split("//")[1]] = 60.0
    with pytest.raises(FetchError, match="backing off"):
        f.get(site.url("/x"))
    assert site.log == []


class FakeCursor(WatchCursor):
    def __init__(self) -> None:
        self.base: dict[str, tuple[frozenset[str], int]] = {}

    def baselines(self, story_ids: Any) -> dict[str, tuple[frozenset[str], int]]:
        return {s: self.base[s] for s in story_ids if s in self.base}

    def save_baseline(self, story_id: str, disputed: Any, origins: int) -> None:
        self.base[story_id] = (frozenset(disputed), origins)


def test_events_fire_once_per_new_disputed_claim_or_origin(site: Site, settings: Settings) -> None:
    signals = {"s1": (frozenset({"killed"}), 1)}
    w = Watcher([], FakeCursor(), replace(settings, watch_webhook=site.url("/hook")), place=lambda items: (None, {}),
                signals=lambda sid: signals[sid])
    w._touched = {"s1"}
    first = w.check_stories()
    assert [(e["event"], e.get("claim")) for e in first] == [("disputed_claim", "killed")]
    w._touched = {"s1"}
    assert w.check_stories() == []  # nothing new: no event again
    signals["s1"] = (frozenset({"killed", "injured"}), 3)
    w._touched = {"s1"}
    second = w.check_stories()
    assert sorted(e["event"] for e in second) == ["disputed_claim", "new_origin"]
    assert next(e for e in second if e["event"] == "new_origin")["previous"] == 1
    w.emit(first + second)
    lines = [json.loads(x) for x in Path(settings.watch_events).read_text("utf-8").splitlines()]
    assert [x["event"] for x in lines] == ["disputed_claim", "disputed_claim", "new_origin"]
    assert [json.loads(p)["event"] for p in site.posts] == [x["event"] for x in lines]


def test_a_dead_webhook_does_not_stop_the_run(settings: Settings) -> None:
    w = Watcher([], FakeCursor(), replace(settings, watch_webhook="http://127.0.0.1:9/hook"),
                place=lambda items: (None, {}), signals=lambda sid: (frozenset(), 1))
    w.emit([{"event": "new_origin", "story": "s", "origins": 2, "previous": 1, "at": "now"}])
    assert w.stats.events == 1 and "webhook" in w.stats.last_error


def test_feed_list_rejects_bad_lines_and_needs_one_url(tmp_path: Path, settings: Settings) -> None:
    p = tmp_path / "f.txt"
    p.write_text("http://127.0.0.1:1/a.rss\nfile:///etc/passwd\n\njavascript:alert(1)  # no\n", encoding="utf-8")
    urls, bad = read_feed_list(p, settings)
    assert urls == ["http://127.0.0.1:1/a.rss"]
    assert [(r.input, r.code) for r in bad] == [(f"{p}:2", "E904"), (f"{p}:4", "E904")]
    p.write_text("ftp://x/y\n", encoding="utf-8")
    with pytest.raises(UsageError, match="E904"):
        read_feed_list(p, settings)
    assert read_feed_list(None, replace(settings, watch_feeds="https://a.example/f https://b.example/g"))[0] == [
        "https://a.example/f", "https://b.example/g"]
    with pytest.raises(CopydeskError, match="E904"):
        read_feed_list(tmp_path / "missing.txt", settings)


def test_cli_watch_once(site: Site, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                        capsys: pytest.CaptureFixture[str]) -> None:
    from copydesk import cli

    site.feed("/news.rss", 2)
    for k in ("watch_host_delay", "watch_timeout", "watch_events"):
        monkeypatch.setenv(f"COPYDESK_{k.upper()}", str(getattr(settings, k)))
    code = cli.run(["watch", str(feeds_file(tmp_path, site.url("/news.rss"))), "--db", settings.db, "--once"])
    assert code == 0
    assert "ingested 2" in capsys.readouterr().err
