"""Benchmark the web app: requests/s and p95 latency of a story page and its JSON twin.

Builds a SQLite database of generated articles (api.ingest over generated JSONL),
runs uvicorn in a second process on 127.0.0.1, sends a bounded number of requests
from a few concurrent workers (httpx) and prints ONE JSON line.

    python benchmarks/serve.py [--articles 10000] [--requests 300] [--workers 4]
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"

OUTLETS = [f"Outlet {i:02d}" for i in range(40)]
SYLLABLES = ["ka", "lo", "mir", "ten", "su", "vah", "dro", "pel", "qui", "ran", "bex", "tor", "ul", "zan", "fi", "gor"]
HAPPENINGS = ["fire", "flood", "collapse", "derailment", "spill", "blackout", "landslide", "grounding", "strike", "storm"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def _word(rnd: random.Random, n: int = 3) -> str:
    return "".join(rnd.choice(SYLLABLES) for _ in range(n))


def generate(path: Path, n: int, per_story: int = 20, seed: int = 7) -> None:
    """``n`` fictional articles as JSONL: events of ``per_story`` articles each, told by different outlets.

    Each event has its own invented place, people and vocabulary, so that stories stay apart.
    """
    rnd = random.Random(seed)
    with path.open("w", encoding="utf-8") as f:
        for ev in range(0, (n + per_story - 1) // per_story):
            er = random.Random(seed * 1_000_003 + ev)
            town, person, firm = _word(er).capitalize(), _word(er, 2).capitalize() + " " + _word(er).capitalize(), _word(er).capitalize()
            what = er.choice(HAPPENINGS)
            vocab = [_word(er) for _ in range(12)]
            day, month = 1 + ev % 28, 1 + (ev // 28) % 12
            hurt = er.randint(2, 40)
            for k in range(min(per_story, n - ev * per_story)):
                i = ev * per_story + k
                words = " ".join(rnd.sample(vocab, 6))
                text = (f"A {what} at the {firm} site in {town} hurt {hurt + rnd.choice([0, 0, 0, 3])} people on "
                        f"{day} {MONTHS[month - 1]} 2025, officials said. Witnesses described {words}. "
                        f"\u201cWe are doing everything we can for the families of {town},\u201d {person} said. "
                        f"Roads near the {firm} site stayed closed for {rnd.randint(2, 30)} hours. "
                        f"Outlet note {i}: {' '.join(rnd.sample(vocab, 4))}.")
                f.write(json.dumps({"source": OUTLETS[(k * 7 + ev) % len(OUTLETS)],
                                    "title": f"{what.capitalize()} in {town}",
                                    "published": f"2025-{month:02d}-{day:02d}T{8 + k % 10:02d}:00:00Z",
                                    "url": f"https://example.org/{i}", "text": text}) + "\n")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure(client: "object", url: str, n: int, workers: int) -> dict[str, float]:
    def one(_: int) -> float:
        t = time.perf_counter()
        r = client.get(url)  # type: ignore[attr-defined]
        r.raise_for_status()
        return time.perf_counter() - t

    for _ in range(3):
        one(0)
    t0 = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        lat = sorted(pool.map(one, range(n)))
    wall = time.perf_counter() - t0
    return {"rps": round(n / wall, 1), "p95_ms": round(1000 * lat[int(0.95 * (len(lat) - 1))], 2),
            "median_ms": round(1000 * statistics.median(lat), 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", default=str(DEFAULT_DATA), help="unused: the corpus is generated")
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--workers", type=int, default=4)
    args = ap.parse_args()

    import httpx

    from copydesk import api

    with tempfile.TemporaryDirectory(prefix="copydesk-serve-") as tmp:
        src, db = Path(tmp) / "articles.jsonl", f"sqlite:///{Path(tmp) / 'bench.db'}"
        generate(src, args.articles)
        t0 = time.perf_counter()
        summary = api.ingest([str(src)], db=db)
        ingest_s = time.perf_counter() - t0
        port = free_port()
        code = ("import uvicorn, sys; from copydesk.web.app import create_app; "
                f"uvicorn.run(create_app({db!r}), host='127.0.0.1', port={port}, log_level='warning')")
        proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60,
                              limits=httpx.Limits(max_connections=args.workers)) as client:
                for _ in range(200):
                    try:
                        client.get("/stories.json?limit=1")
                        break
                    except httpx.TransportError:
                        time.sleep(0.1)
                stories = client.get("/stories.json?limit=1").json()["stories"]
                sid = stories[0]["id"]
                t1 = time.perf_counter()
                client.get(f"/stories/{sid}.json").raise_for_status()  # first build of the report
                first_ms = 1000 * (time.perf_counter() - t1)
                page = measure(client, f"/stories/{sid}", args.requests, args.workers)
                twin = measure(client, f"/stories/{sid}.json", args.requests, args.workers)
                listing = measure(client, "/stories.json", max(args.requests // 3, 10), args.workers)
        finally:
            proc.terminate()
            proc.wait(10)
    print(json.dumps({"benchmark": "serve", "articles": args.articles, "ingested": summary.ingested,
                      "ingest_s": round(ingest_s, 1), "requests": args.requests, "workers": args.workers,
                      "story_first_build_ms": round(first_ms, 1), "story_page": page, "story_json": twin,
                      "story_list_json": listing}))


if __name__ == "__main__":
    main()
