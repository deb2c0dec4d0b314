"""Live monitoring: poll feeds, fetch each new entry's page, hand the articles on, report story events.

The caller (``api.watch``) supplies where articles go (``place``), where each
story's signals come from (``signals``) and the store cursor, so this stage
neither stores nor analyses by itself. Per poll of one feed: a conditional GET;
each entry not taken before (by guid, else link) has its page fetched where
robots.txt allows (the feed's own text is used when the page cannot be had); the
batch is placed and the entries recorded in the cursor, so a restart fetches
none of them again. After each cycle, every story that gained articles is checked:
a newly disputed claim or a new independent origin becomes an event (one JSONL line,
and a POST to ``watch_webhook`` where set).
"""

from __future__ import annotations

import io
import json
import logging
import threading
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence
from urllib.parse import urljoin, urlsplit

import feedparser
import httpx

from copydesk.errors import Code, IngestError, UsageError
from copydesk.ingest import load_bytes
from copydesk.ingest.pages import parse_html
from copydesk.ingest.reading import read_text
from copydesk.models import Article, Rejection
from copydesk.settings import Settings
from copydesk.store.watch import FeedState, ItemRecord, WatchCursor
from copydesk.watch.fetch import FetchError, Fetcher

__all__ = ["Stats", "Watcher", "read_feed_list"]

log = logging.getLogger(__name__)

#: (story id) -> (disputed claim summaries, independent origins)
Signals = Callable[[str], tuple[frozenset[str], int]]
#: (items) -> (summary with new_ids/article_ids, story id of each given article id)
Place = Callable[[Sequence[Article | Rejection]], tuple[Any, Mapping[str, str | None]]]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def read_feed_list(path: str | Path | None, settings: Settings) -> tuple[list[str], list[Rejection]]:
    """Feed URLs from a file (one a line, ``#`` comments) or ``watch_feeds``; bad lines are E904 rejections."""
    if path is None:
        lines = [(f"watch_feeds[{i}]", u) for i, u in enumerate(settings.watch_feeds.split(), 1)]
    else:
        try:
            text = Path(path).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(Code.E904, detail=f"{path}: {exc}") from exc
        lines = [(f"{path}:{n}", line.split("#", 1)[0].strip()) for n, line in enumerate(text.splitlines(), 1)]
    urls: list[str] = []
    bad: list[Rejection] = []
    for label, url in lines:
        if not url:
            continue
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            why = Code.E904.format(detail=f"{url!r} is not an http(s) URL")
            bad.append(Rejection(label, "ingest", Code.E904.name, why))
        elif url not in urls:
            urls.append(url)
    if not urls:
        raise UsageError(Code.E904, detail=f"no http(s) feed URLs in {path or 'the watch_feeds setting'}")
    return urls, bad


@dataclass
class Stats:
    """Running counts for the status line."""

    cycles: int = 0
    polls: int = 0
    not_modified: int = 0
    feed_errors: int = 0
    new_entries: int = 0
    pages: int = 0
    ingested: int = 0
    duplicates: int = 0
    rejected: int = 0
    deferred: int = 0
    events: int = 0
    last_error: str = ""
    latencies: list[float] = field(default_factory=list)  # seconds from a feed's poll to its entries placed

    def line(self, feeds: int) -> str:
        err = f" · last error: {self.last_error[:80]}" if self.last_error else ""
        return (f"watch: {feeds} feeds · cycle {self.cycles} · polls {self.polls} ({self.not_modified} unchanged, "
                f"{self.feed_errors} failed) · new {self.new_entries} · ingested {self.ingested} · "
                f"duplicates {self.duplicates} · rejected {self.rejected} · deferred {self.deferred} · "
                f"events {self.events}{err}")


@dataclass(frozen=True)
class _Entry:
    key: str
    link: str | None
    label: str  # how ingest names the entry's own text in the feed ("FEED#N")


class Watcher:
    """One monitoring run over ``feeds``; ``cycle()`` polls each once, ``run()`` loops until stopped."""

    def __init__(self, feeds: Sequence[str], cursor: WatchCursor, settings: Settings, place: Place,
                 signals: Signals, fetcher: Fetcher | None = None,
                 status: Callable[[str, bool], None] | None = None) -> None:
        self.feeds = list(feeds)
        self.cursor = cursor
        self.settings = settings
        self.place = place
        self.signals = signals
        self.fetcher = fetcher or Fetcher(settings)
        self.status = status or (lambda line, cycle_done: None)
        self.stats = Stats()
        self.stop = threading.Event()
        self._touched: set[str] = set()

    def _say(self, cycle_done: bool = False) -> None:
        self.status(self.stats.line(len(self.feeds)), cycle_done)

    def _entries(self, feed_url: str, body: bytes) -> tuple[list[_Entry], str]:
        """The feed's entries with their keys, and what was wrong with its XML ("" if nothing).

        E106 for something that is not a feed at all; a malformed feed keeps the entries feedparser recovers.
        """
        # A stream, never bytes or a URL: feedparser would otherwise fetch or open what the content names.
        parsed = feedparser.parse(io.BytesIO(body), sanitize_html=True, resolve_relative_uris=False)
        if not parsed.get("version"):
            raise IngestError(Code.E106, detail=str(parsed.get("bozo_exception") or "no RSS or Atom root")[:200])
        problem = ""
        if parsed.get("bozo") and not isinstance(parsed.get("bozo_exception"), feedparser.CharacterEncodingOverride):
            why = f"malformed XML (entries kept where recoverable): {parsed.get('bozo_exception')}"
            problem = str(IngestError(Code.E106, detail=why[:200]))
        out: list[_Entry] = []
        for i, e in enumerate(parsed.entries, 1):
            link = e.get("link")
            link = urljoin(feed_url, link) if link else None
            if link and urlsplit(link).scheme not in ("http", "https"):
                link = None
            key = e.get("id") or link
            if key:
                out.append(_Entry(str(key), link, f"{feed_url}#{i}"))
        return out, problem

    def _article(self, feed_url: str, entry: _Entry,
                 fallback: Article | Rejection | None) -> Article | Rejection | None:
        """The entry's page as an Article, else its feed text; None when it should be tried again later."""
        page_err: IngestError | None = None
        if entry.link:
            try:
                verdict = self.fetcher.allowed(entry.link)
                if verdict is None:
                    raise FetchError(f"robots.txt for {entry.link} is unreachable", transient=True)
                if not verdict:
                    raise IngestError(Code.E121, detail=entry.link)
                r = self.fetcher.get(entry.link)
                self.stats.pages += 1
                html = read_text(r.body, self.settings.max_input_bytes)
                return parse_html(html, name=entry.link, settings=self.settings, url=r.url, fetched=_now(),
                                  extra={"feed": feed_url, "guid": entry.key})
            except FetchError as err:
                if err.transient and not isinstance(fallback, Article):
                    return None
                page_err = err
            except IngestError as err:
                page_err = err
        if isinstance(fallback, Article):
            return fallback
        why = page_err or IngestError(Code.E102)
        return Rejection(entry.link or entry.key, "ingest", why.code.name, why.message)

    def poll(self, feed_url: str) -> None:
        """Poll one feed and hand on its new entries; a failure is recorded on the feed and the run goes on."""
        started = time.monotonic()
        state = self.cursor.feed(feed_url)
        self.stats.polls += 1
        try:
            r = self.fetcher.get(feed_url, state.etag, state.last_modified)
        except IngestError as err:
            self.stats.feed_errors += 1
            self.stats.last_error = str(err)
            self.cursor.save_feed(replace(state, status=str(err)[:500], failures=state.failures + 1,
                                          polled_at=_now()))
            return
        if r.status == 304:
            self.stats.not_modified += 1
            self.cursor.save_feed(replace(state, status="not modified", failures=0, polled_at=_now()))
            return
        try:
            entries, problem = self._entries(feed_url, r.body)
        except IngestError as err:
            self.stats.feed_errors += 1
            self.stats.last_error = f"{feed_url}: {err}"
            if state.status != str(err)[:500]:  # stored once, not on every poll of a broken feed
                self.place([Rejection(feed_url, "ingest", err.code.name, err.message)])
            self.cursor.save_feed(replace(state, status=str(err)[:500], failures=state.failures + 1,
                                          polled_at=_now()))
            return
        if problem:
            self.stats.feed_errors += 1
            self.stats.last_error = f"{feed_url}: {problem}"
        known = self.cursor.known(e.key for e in entries)
        fresh = list({e.key: e for e in entries if e.key not in known}.values())
        self.stats.new_entries += len(fresh)
        taken: list[tuple[_Entry, Article | Rejection]] = []
        own = {x.input: x for x in load_bytes(r.body, name=feed_url, settings=self.settings, form="feed")} \
            if fresh else {}
        for e in fresh:
            if self.stop.is_set():
                break
            item = self._article(feed_url, e, own.get(e.label))
            if item is None:
                self.stats.deferred += 1
            else:
                taken.append((e, item))
        if taken:
            self._hand_on(feed_url, taken)
            self.stats.latencies.append(time.monotonic() - started)
        # Validators are kept only once every entry is taken, so a deferred entry is seen again.
        complete = len(taken) == len(fresh)
        self.cursor.save_feed(FeedState(feed_url, r.etag if complete else None,
                                        r.last_modified if complete else None,
                                        problem or f"ok: {len(fresh)} new", 1 if problem else 0, _now()))

    def _hand_on(self, feed_url: str, taken: Sequence[tuple[_Entry, Article | Rejection]]) -> None:
        summary, story_of = self.place([item for _, item in taken])
        new = set(summary.new_ids)
        self.stats.ingested += len(new)
        self.stats.duplicates += sum(1 for _, x in taken if isinstance(x, Article) and x.id not in new)
        self.stats.rejected += sum(1 for _, x in taken if isinstance(x, Rejection))
        records = []
        for e, x in taken:
            if isinstance(x, Article):
                records.append(ItemRecord(e.key, feed_url, x.url or e.link, x.id,
                                          "ingested" if x.id in new else "duplicate"))
                if x.id in new and story_of.get(x.id):
                    self._touched.add(str(story_of[x.id]))
            else:
                state = "blocked" if x.code == Code.E121.name else "rejected"
                records.append(ItemRecord(e.key, feed_url, e.link, None, state, x.code))
        self.cursor.record(records)

    def check_stories(self) -> list[dict[str, Any]]:
        """Events for the stories touched since the last check (disputed claims, independent origins)."""
        touched, self._touched = sorted(self._touched), set()
        events: list[dict[str, Any]] = []
        before = self.cursor.baselines(touched)
        for sid in touched:
            try:
                disputed, origins = self.signals(sid)
            except Exception as exc:  # noqa: BLE001 - one story's analysis must not stop monitoring
                self.stats.last_error = f"story {sid}: {exc}"[:300]
                log.warning("story %s could not be checked: %s", sid, exc)
                continue
            old_disputed, old_origins = before.get(sid, (frozenset(), 1))
            at = _now()
            events += [{"event": "disputed_claim", "story": sid, "claim": c, "at": at}
                       for c in sorted(disputed - old_disputed)]
            if origins > old_origins:
                events.append({"event": "new_origin", "story": sid, "origins": origins, "previous": old_origins,
                               "at": at})
            self.cursor.save_baseline(sid, disputed | old_disputed, max(origins, old_origins))
        return events

    def emit(self, events: Iterable[Mapping[str, Any]]) -> None:
        """Append each event to the JSONL log and POST it to the webhook where one is set."""
        events = list(events)
        if not events:
            return
        if self.settings.watch_events:
            with open(self.settings.watch_events, "a", encoding="utf-8") as f:
                for ev in events:
                    f.write(json.dumps(ev, ensure_ascii=False) + "\n")
        for ev in events:
            if self.settings.watch_webhook:
                try:
                    httpx.post(self.settings.watch_webhook, json=ev, timeout=self.settings.watch_timeout)
                except httpx.HTTPError as exc:
                    self.stats.last_error = f"webhook: {type(exc).__name__}: {exc}"[:300]
        self.stats.events += len(events)

    def cycle(self) -> None:
        """Poll every feed once, then check the stories that changed."""
        for url in self.feeds:
            if self.stop.is_set():
                break
            self.poll(url)
            self._say()
        self.emit(self.check_stories())
        self.stats.cycles += 1
        self._say(cycle_done=True)

    def run(self, cycles: int | None = None) -> Stats:
        """Cycle every ``watch_interval`` seconds until ``stop`` is set (or ``cycles`` have run)."""
        try:
            while not self.stop.is_set():
                self.cycle()
                if cycles is not None and self.stats.cycles >= cycles:
                    break
                self.stop.wait(self.settings.watch_interval)
        finally:
            self.fetcher.close()
        return self.stats
