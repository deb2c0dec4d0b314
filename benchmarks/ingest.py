"""Ingestion throughput: synthetic articles, half JSON Lines, half HTML pages.

Generates ``--n`` articles in a temporary directory (deterministic, own words),
then times ``copydesk.ingest.load`` alone and ``copydesk.api.ingest`` into a
fresh SQLite database. Prints one JSON line: articles/s for both, sentence
splitting speed over the ingested text, and peak memory (tracemalloc peak of
a separate traced load pass, and the process's ru_maxrss).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from copydesk import ingest
from copydesk.models import Article, Rejection
from copydesk.settings import Settings

TOWNS = ["Larkfield", "Brenmouth", "Ardwick", "Millbrook", "Oustbridge", "Kestrel Bay", "Harrowgate", "Selwyn"]
THINGS = ["bridge", "ferry terminal", "hospital wing", "tram line", "flood barrier", "market hall", "school", "depot"]
PEOPLE = ["Dana Okafor", "Tomasz Wren", "Priya Nandakumar", "Helena Marsh", "Sam Reed", "Ines Carvalho"]
ROLES = ["transport commissioner", "council leader", "port director", "union official", "city engineer"]
OUTLETS = ["Larkfield Gazette", "Valley Courier", "Northern Ledger", "Coastline Wire", "Brenmouth Examiner"]


def paragraphs(rng: random.Random, i: int) -> list[str]:
    town, thing, who, role = rng.choice(TOWNS), rng.choice(THINGS), rng.choice(PEOPLE), rng.choice(ROLES)
    n, cost, months = rng.randint(2, 900), rng.randint(1, 99) / 10, rng.randint(2, 18)
    paras = [
        f"The {thing} in {town} will close for {months} months of repairs starting on March {rng.randint(1, 28)}, "
        f"officials said on Tuesday (report no. {i}).",
        f"Engineers found damage in {n} places during an inspection last year, according to a report by the "
        f"U.S. firm Harbor Freight Inc., which the council hired in Feb. {rng.randint(2019, 2025)}.",
        f"“We are not taking any chances with a structure that thousands of people use every day,” {role} "
        f"{who} told reporters at 10 a.m. on Monday.",
        f"The work is expected to cost ${cost} million, most of it paid by the state. Dr. Amara Osei, who "
        f"chairs the budget committee, said the figure could rise by {rng.randint(5, 40)}%.",
    ]
    for _ in range(rng.randint(2, 6)):
        paras.append(f"Residents of {rng.choice(TOWNS)} said the closure of the {rng.choice(THINGS)} would add "
                     f"{rng.randint(5, 60)} minutes to their journeys. Some said they would work from home.")
    return paras


def page(rng: random.Random, i: int) -> str:
    outlet = rng.choice(OUTLETS)
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs(rng, i))
    title = f"Repairs announced, item {i}"
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | {outlet}</title>
<meta property="og:site_name" content="{outlet}"><meta name="author" content="{rng.choice(PEOPLE)}">
<meta property="article:published_time" content="2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T09:30:00+00:00">
</head><body><header><nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a></nav></header>
<main><article><h1>{title}</h1>{body}<p>Share this article</p><p>Sign up for our newsletter to get the news.</p>
</article><aside><h2>You may also like</h2><ul><li><a href="/x">Another story</a></li></ul></aside></main>
<footer><p>&copy; 2025 {outlet}</p></footer></body></html>
"""


def generate(root: Path, n: int, seed: int = 7) -> list[Path]:
    """Write n/2 JSON lines (in files of 1,000) and n - n/2 HTML pages under ``root``."""
    rng = random.Random(seed)
    n_json = n // 2
    files: list[Path] = []
    for start in range(0, n_json, 1000):
        path = root / f"batch-{start // 1000:04d}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for i in range(start, min(start + 1000, n_json)):
                rec = {"id": f"syn-{i}", "source": rng.choice(OUTLETS), "title": f"Repairs announced, item {i}",
                       "url": f"https://news.example/{i}", "published": f"2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                       "section": "Local", "text": "\n\n".join(paragraphs(rng, i))}
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        files.append(path)
    pages = root / "pages"
    pages.mkdir()
    for i in range(n_json, n):
        (pages / f"page-{i:06d}.html").write_text(page(rng, i), encoding="utf-8")
    files.append(pages)
    return files


def time_load(inputs: list[Path], settings: Settings) -> tuple[float, int, int, int]:
    t0 = time.perf_counter()
    arts = rej = chars = 0
    for item in ingest.load(inputs, settings):
        if isinstance(item, Rejection):
            rej += 1
        else:
            arts += 1
            chars += len(item.text)
    return time.perf_counter() - t0, arts, rej, chars


def copy_articles(n: int, seed: int = 7) -> list[Article]:
    """``n`` generated articles as the copy search sees them (JSONL texts, no parsing)."""
    from copydesk.models import content_id

    rng = random.Random(seed)
    out = []
    for i in range(n):
        source, text = rng.choice(OUTLETS), "\n\n".join(paragraphs(rng, i))
        out.append(Article(id=content_id(source, text), source=source, text=text,
                           published=f"2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"))
    return out


def measure_copies(n: int) -> dict[str, object]:
    """Copy search over ``n`` generated articles (the part of ingest this measures): time and peak memory."""
    from copydesk.stories import find_copies

    arts = copy_articles(n)
    t0 = time.perf_counter()
    links = find_copies(arts, Settings())
    dt = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"n": n, "s": round(dt, 2), "articles_per_s": round(n / dt, 1), "links": len(links),
            "ru_maxrss_mb": round(rss / 1e3, 1)}


def copies_main(n: int, baseline: Path | None) -> dict[str, object]:
    """Copy search on this checkout and, with ``baseline`` (another checkout's src/), on that one:
    each in its own process, so peak memory is its own."""
    import os
    import subprocess

    out: dict[str, object] = {"benchmark": "ingest_copies", "n": n}
    runs = [("after", Path(__file__).resolve().parents[1] / "src")]
    if baseline:
        runs.insert(0, ("before", baseline.resolve()))
    for name, src in runs:
        res = subprocess.run([sys.executable, __file__, "--copies-one", str(n)], capture_output=True, text=True,
                             env={**os.environ, "PYTHONPATH": str(src)}, check=False)
        lines = res.stdout.strip().splitlines()
        out[name] = json.loads(lines[-1]) if res.returncode == 0 and lines else {"error": res.stderr[-300:]}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=10_000, help="articles to generate (half JSONL, half HTML)")
    ap.add_argument("--copies", type=int, default=0,
                    help="only time the copy search over this many generated articles (before/after with --baseline)")
    ap.add_argument("--baseline", type=Path, help="with --copies: another checkout's src/ measured in the same run")
    ap.add_argument("--copies-one", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--no-trace", action="store_true", help="skip the tracemalloc pass")
    ap.add_argument("--story-n", type=int, default=1000,
                    help="also time a full ingest with story assignment and copy detection on this many (0: skip)")
    args = ap.parse_args(argv)
    if args.copies_one:
        print(json.dumps(measure_copies(args.copies_one)))
        return 0
    if args.copies:
        print(json.dumps(copies_main(args.copies, args.baseline)))
        return 0
    settings = Settings()
    out: dict[str, object] = {"benchmark": "ingest", "n": args.n}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "in").mkdir()
        inputs = generate(root / "in", args.n)
        warm = root / "warm"
        warm.mkdir()
        generate(warm, 4, seed=1)
        time_load([warm], settings)  # imports, language model, trafilatura caches: not part of the rate
        dt_j, arts_j, rej_j, chars_j = time_load(inputs[:-1], settings)
        dt_h, arts_h, rej_h, chars_h = time_load(inputs[-1:], settings)
        dt, arts = dt_j + dt_h, arts_j + arts_h
        out.update(load_s=round(dt, 2), load_articles_per_s=round(arts / dt, 1),
                   load_jsonl_per_s=round(arts_j / dt_j, 1), load_html_per_s=round(arts_h / dt_h, 1),
                   articles=arts, rejected=rej_j + rej_h, text_mb=round((chars_j + chars_h) / 1e6, 2))

        from copydesk.text import sentences
        texts = [a.text for a in ingest.load(inputs[:1], settings) if isinstance(a, Article)]
        t0 = time.perf_counter()
        n_sent = sum(len(sentences(t)) for t in texts)
        st = time.perf_counter() - t0
        out.update(sentences_per_s=round(n_sent / st), sentence_mb_per_s=round(sum(map(len, texts)) / st / 1e6, 2))

        from copydesk import api

        t0 = time.perf_counter()
        summary = api.ingest(inputs, db=f"sqlite:///{root / 'bench.db'}", settings=settings, assign_stories=False)
        dt = time.perf_counter() - t0
        out.update(store_s=round(dt, 2), store_articles_per_s=round(summary.ingested / dt, 1),
                   ingested=summary.ingested, duplicates=summary.duplicates, store_rejected=summary.rejected)
        t0 = time.perf_counter()
        again = api.ingest(inputs, db=f"sqlite:///{root / 'bench.db'}", settings=settings, assign_stories=False)
        out.update(rerun_s=round(time.perf_counter() - t0, 2), rerun_duplicates=again.duplicates,
                   rerun_ingested=again.ingested)
        if args.story_n:
            sub = root / "stories"
            sub.mkdir()
            sub_inputs = generate(sub, args.story_n, seed=11)
            t0 = time.perf_counter()
            s2 = api.ingest(sub_inputs, db=f"sqlite:///{root / 'stories.db'}", settings=settings)
            dt = time.perf_counter() - t0
            out.update(with_stories_n=s2.ingested, with_stories_articles_per_s=round(s2.ingested / dt, 1))

        if not args.no_trace:
            tracemalloc.start()
            time_load(inputs, settings)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            out["tracemalloc_peak_mb"] = round(peak / 1e6, 1)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out["ru_maxrss_mb"] = round(rss / (1e6 if sys.platform == "darwin" else 1e3), 1)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
