"""Ingestion throughput: synthetic articles, half JSON Lines, half HTML pages.

Generates ``--n`` articles in a temporary directory (deterministic, own words),
then times ``copydesk.ingest.load`` alone and ``copydesk.api.ingest`` into a
fresh SQLite database. Prints one JSON line: articles/s for both, sentence
splitting speed over the ingested text, and peak memory (tracemalloc peak of
a separate traced load pass, and the process's ru_maxrss).

``--stored 0,10000,50000 --add 100`` measures what grows with the archive: for each
size, a child process copies a store pre-filled with that many articles and ingests
``--add`` new ones into it (``api.ingest``: read, store, copies, story placement),
reporting articles/s in total and outside the parse, the time split into parse /
features / copies / placement / store writes / reading the input, and the child's
peak RSS. ``--baseline SRC`` measures another checkout's src/ on copies of the same
stores in the same run. The pre-filled stores are built once (cached under
``--cache``) in bulk through the store API: the articles stored, their LSH band keys
and signatures written, and placed with regex story features (as ``stream_scale``
does: the parse of 50,000 stored articles would dominate building, and their story
rows are what is read when new ones arrive); copy links among them are not computed.
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
from typing import Any, Iterator

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


class Phases:
    """Exclusive wall and CPU time per named phase: a phase nested in another is not counted twice.

    CPU time (this process's) is what one core spends; on a loaded machine it moves much
    less than wall time.
    """

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self._stack: list[list[Any]] = []

    def clear(self) -> None:
        self.spent.clear()
        self.cpu.clear()

    def _enter(self, name: str) -> None:
        self._stack.append([name, time.perf_counter(), time.process_time(), 0.0, 0.0])

    def _exit(self) -> None:
        name, t0, c0, child, child_cpu = self._stack.pop()
        dt, dc = time.perf_counter() - t0, time.process_time() - c0
        self.spent[name] = self.spent.get(name, 0.0) + dt - child
        self.cpu[name] = self.cpu.get(name, 0.0) + dc - child_cpu
        if self._stack:
            self._stack[-1][3] += dt
            self._stack[-1][4] += dc

    def wrap(self, owner: Any, attr: str, name: str, generator: bool = False) -> None:
        """Time ``owner.attr`` (a function or method) as phase ``name``; missing ones are skipped."""
        fn = getattr(owner, attr, None)
        if fn is None:
            return

        if generator:
            def timed_gen(*args: Any, **kwargs: Any) -> Any:
                it = iter(fn(*args, **kwargs))
                while True:
                    self._enter(name)
                    try:
                        item = next(it)
                    except StopIteration:
                        return
                    finally:
                        self._exit()
                    yield item
            setattr(owner, attr, timed_gen)
            return

        def timed(*args: Any, **kwargs: Any) -> Any:
            self._enter(name)
            try:
                return fn(*args, **kwargs)
            finally:
                self._exit()
        setattr(owner, attr, timed)


def _stored_articles(n: int, seed: int, prefix: str) -> Iterator[Article]:
    """``n`` generated articles as stored ones (JSONL-like, ids distinct per ``prefix``)."""
    from copydesk.models import content_id

    rng = random.Random(seed)
    for i in range(n):
        source, text = rng.choice(OUTLETS), "\n\n".join(paragraphs(rng, i))
        yield Article(id=content_id(source, f"{prefix}{i}\n{text}"), source=source, text=text,
                      title=f"Repairs announced, {prefix} item {i}", url=f"https://news.example/{prefix}/{i}",
                      published=f"2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}")


def build_stored(path: Path, n: int) -> None:
    """A store holding ``n`` placed articles, built in bulk (see the module doc)."""
    import numpy as np

    from stream_scale import regex_terms  # type: ignore[import-not-found]

    from copydesk.stories import persist, stream
    from copydesk.stories.copies import shingles, signature, tokens
    from copydesk.store import Store

    stream.article_terms = regex_terms  # type: ignore[assignment]
    settings = Settings()
    tmp = path.with_suffix(".part")
    tmp.unlink(missing_ok=True)
    with Store(f"sqlite:///{tmp}", settings) as store:
        batch: list[Article] = []

        def flush() -> None:
            store.add(batch, batch_size=500)
            sigs = {a.id: signature(shingles([t[2] for t in tokens(a.text)], settings.shingle_size),
                                    settings.minhash_perm) for a in batch}

            def write(rows: Any) -> None:
                for aid, mh in sigs.items():
                    rows.put_bands(aid, persist.band_keys(mh, settings.copy_threshold))
                rows.put_blobs(persist.SIG_NS, {aid: mh.hashvalues.astype(np.uint64).tobytes()
                                                for aid, mh in sigs.items()})
            store.with_story_rows(write)
            persist.assign(store, [a.id for a in batch], settings, copies=False)
            batch.clear()

        for a in _stored_articles(n, seed=3, prefix="stored"):
            batch.append(a)
            if len(batch) == 500:
                flush()
        if batch:
            flush()
    tmp.replace(path)


def stored_one(db: Path, add: int) -> dict[str, object]:
    """Ingest ``add`` new articles (a JSONL file) into the store at ``db``, timed per phase."""
    import spacy.language

    from copydesk import api
    from copydesk import ingest as ingest_stage
    from copydesk.stories import features, persist, stream
    from copydesk.store import Store
    from copydesk.text import load

    settings = Settings()
    load()  # the pipeline's load is not part of the rate
    ph = Phases()
    ph.wrap(spacy.language.Language, "__call__", "parse")
    ph.wrap(spacy.language.Language, "pipe", "parse", generator=True)
    ph.wrap(ingest_stage, "load", "read", generator=True)
    ph.wrap(stream, "article_terms", "features")
    for attr in ("article_terms", "terms_many", "doc_terms"):
        ph.wrap(features, attr, "features")
    ph.wrap(persist, "_copies", "copies")
    ph.wrap(persist, "_place", "placement")
    ph.wrap(Store, "add", "store")
    ph.wrap(Store, "unplaced", "pending")
    with tempfile.TemporaryDirectory() as tmp:
        def jsonl(path: Path, arts: Iterator[Article]) -> Path:
            with path.open("w", encoding="utf-8") as f:
                for a in arts:
                    f.write(json.dumps({"id": a.url, "source": a.source, "title": a.title, "url": a.url,
                                        "published": a.published, "text": a.text}) + "\n")
            return path

        inp = jsonl(Path(tmp) / "new.jsonl", _stored_articles(add, seed=99, prefix="new"))
        # warm: imports, the language model, the schema (an empty store is created, not timed)
        list(ingest_stage.load([jsonl(Path(tmp) / "warm.jsonl", _stored_articles(2, seed=5, prefix="warm"))],
                               settings))
        Store(f"sqlite:///{db}", settings).close()
        ph.clear()
        t0, c0 = time.perf_counter(), time.process_time()
        summary = api.ingest([inp], db=f"sqlite:///{db}", settings=settings)
        total, cpu = time.perf_counter() - t0, time.process_time() - c0
        with Store(f"sqlite:///{db}", settings) as store:
            placed = len(store.placed([a.id for a in store.articles(ids=list(summary.new_ids))]))
    n = max(1, summary.ingested)
    parse, parse_cpu = ph.spent.get("parse", 0.0), ph.cpu.get("parse", 0.0)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"added": summary.ingested, "placed": placed, "s": round(total, 3), "cpu_s": round(cpu, 3),
            "articles_per_s": round(summary.ingested / total, 1),
            "articles_per_s_outside_parse": round(summary.ingested / max(1e-9, total - parse), 1),
            "articles_per_cpu_s": round(summary.ingested / cpu, 1),
            "articles_per_cpu_s_outside_parse": round(summary.ingested / max(1e-9, cpu - parse_cpu), 1),
            "cpu_ms_per_article": {k: round(1000 * v / n, 2) for k, v in sorted(ph.cpu.items())},
            "ms_per_article": {k: round(1000 * v / n, 2) for k, v in sorted(ph.spent.items())},
            "ru_maxrss_mb": round(rss / 1e3, 1)}


def stored_main(sizes: list[int], add: int, baseline: Path | None, cache: Path) -> dict[str, object]:
    """Each size and checkout in its own process, on a fresh copy of the same pre-filled store."""
    import os
    import shutil
    import subprocess

    cache.mkdir(parents=True, exist_ok=True)
    here = Path(__file__).resolve()
    out: dict[str, object] = {"benchmark": "ingest_stored", "add": add, "load": os.getloadavg()[0]}
    runs = [("after", here.parents[1] / "src")]
    if baseline:
        runs.insert(0, ("before", baseline.resolve()))
    for n in sizes:
        src_db = cache / f"stored-{n}.db"
        if n and not src_db.exists():
            t0 = time.perf_counter()
            subprocess.run([sys.executable, str(here), "--build-stored", str(n), "--cache", str(cache)],
                           check=True, env={**os.environ, "PYTHONPATH": str(runs[0][1])})
            out[f"built_{n}_s"] = round(time.perf_counter() - t0, 1)
        for name, src in runs:
            with tempfile.TemporaryDirectory() as tmp:
                db = Path(tmp) / "copy.db"
                if n:
                    shutil.copy(src_db, db)
                res = subprocess.run([sys.executable, str(here), "--stored-one", str(db), "--add", str(add)],
                                     capture_output=True, text=True, check=False,
                                     env={**os.environ, "PYTHONPATH": str(src)})
            lines = res.stdout.strip().splitlines()
            got = json.loads(lines[-1]) if res.returncode == 0 and lines else {"error": res.stderr[-600:]}
            out.setdefault(name, {})[str(n)] = got  # type: ignore[index]
    for name, _ in runs:
        per = out[name]
        if isinstance(per, dict) and "0" in per and str(sizes[-1]) in per:
            try:
                big, empty = per[str(sizes[-1])], per["0"]
                out[f"{name}_ratio_largest_vs_empty"] = round(big["s"] / empty["s"], 2)
                out[f"{name}_cpu_ratio_largest_vs_empty"] = round(big["cpu_s"] / empty["cpu_s"], 2)
            except (KeyError, TypeError, ZeroDivisionError):
                pass
    out["load_after"] = os.getloadavg()[0]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=10_000, help="articles to generate (half JSONL, half HTML)")
    ap.add_argument("--copies", type=int, default=0,
                    help="only time the copy search over this many generated articles (before/after with --baseline)")
    ap.add_argument("--baseline", type=Path,
                    help="with --copies or --stored: another checkout's src/ measured in the same run")
    ap.add_argument("--stored", default="",
                    help="comma-separated pre-filled store sizes to ingest --add new articles into (0: empty)")
    ap.add_argument("--add", type=int, default=100, help="with --stored: new articles ingested at each size")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "copydesk-ingest-stored",
                    help="with --stored: where the pre-filled stores are kept between runs")
    ap.add_argument("--build-stored", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--stored-one", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--data", default=None, help="unused: the articles are generated")
    ap.add_argument("--copies-one", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--no-trace", action="store_true", help="skip the tracemalloc pass")
    ap.add_argument("--story-n", type=int, default=1000,
                    help="also time a full ingest with story assignment and copy detection on this many (0: skip)")
    args = ap.parse_args(argv)
    if args.build_stored:
        build_stored(args.cache / f"stored-{args.build_stored}.db", args.build_stored)
        return 0
    if args.stored_one:
        print(json.dumps(stored_one(args.stored_one, args.add)))
        return 0
    if args.stored:
        sizes = [int(x) for x in args.stored.split(",") if x.strip()]
        print(json.dumps(stored_main(sizes, args.add, args.baseline, args.cache)))
        return 0
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
