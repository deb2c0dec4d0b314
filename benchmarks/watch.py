"""copydesk watch against a local site: items ingested per minute, and nothing fetched again after a restart.

Serves ``--feeds`` RSS feeds of ``--entries`` entries each (invented pages, the
watch tests' site) from 127.0.0.1 and runs one watch cycle into a fresh SQLite
database. Then the watcher is restarted twice over the same feeds, served without
validators so that every entry is seen again, with ``--added`` new entries per feed
the second time. Prints one JSON line: entries ingested per minute in the first
cycle, page fetches repeated after the restarts (target 0), and the seconds from a
feed's poll to its new entries being placed in stories (median and max; add half
``watch_interval`` for the wait until the poll).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "watch"))

from feed_site import Site  # noqa: E402

from copydesk import api  # noqa: E402
from copydesk.settings import Settings  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--feeds", type=int, default=50)
    ap.add_argument("--entries", type=int, default=100)
    ap.add_argument("--added", type=int, default=2, help="new entries per feed before the second restart")
    ap.add_argument("--data", default=None, help="unused: the site is generated")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp, Site() as site:
        paths = [f"/feed{i}" for i in range(args.feeds)]
        for i, p in enumerate(paths):
            site.feed(p, args.entries, etag=f'"{i}"', first=i * 10_000)
        feeds = Path(tmp) / "feeds.txt"
        feeds.write_text("\n".join(site.url(p) for p in paths), encoding="utf-8")
        s = Settings.load(db=f"sqlite:///{tmp}/watch.db", watch_host_delay=0.0, watch_timeout=30.0,
                          watch_events=f"{tmp}/events.jsonl")
        t0 = time.perf_counter()
        first = api.watch(feeds, settings=s, cycles=1)
        spent = time.perf_counter() - t0
        for i, p in enumerate(paths):  # served again with no validators: every entry comes back
            site.feed(p, args.entries, first=i * 10_000)
        restart1 = api.watch(feeds, settings=s, cycles=1)
        for i, p in enumerate(paths):
            site.feed(p, args.entries + args.added, first=i * 10_000)
        restart2 = api.watch(feeds, settings=s, cycles=1)
        pages = Counter(p for p, _, _ in site.log if p.endswith(".html"))
        with api.open_store(settings=s) as st:
            stored = st.count_articles()
    late = restart2.latencies or [0.0]
    print(json.dumps({
        "benchmark": "watch", "feeds": args.feeds, "entries": args.feeds * args.entries,
        "first_cycle": {"seconds": round(spent, 1), "ingested": first.ingested, "rejected": first.rejected,
                        "deferred": first.deferred, "items_per_minute": round(60 * first.ingested / spent, 1)},
        "after_restarts": {"new_entries_seen": restart1.new_entries + restart2.new_entries,
                           "ingested": restart1.ingested + restart2.ingested,
                           "pages_fetched_twice": sum(1 for n in pages.values() if n > 1)},
        "articles_stored": stored,
        "poll_to_placed_s": {"median": round(statistics.median(late), 2), "max": round(max(late), 2)},
        "watch_interval_s": s.watch_interval,
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
