"""Streaming story assignment at scale on a generated stream with known story labels.

Stories are generated from event templates with invented names, places and
numbers; each story's articles reword the template (synonyms, dropped and
reordered sentences, shared filler) and arrive over a few days, interleaved with
other stories in date order. For each size, a child process places the stream
into stories and reports ms per article, peak memory (ru_maxrss) and pairwise F1
against the labels, for each state:

- ``memory``: StoryStream in one process over the whole stream (ms per article
  overall and over the last 10%).
- ``rows``: the state in a SQLite store, at archive sizes no one-by-one placement
  could build here. A child builds a store already holding ``n`` placed articles in
  bulk: the last ``--tail`` (10,000) are placed by the in-memory StoryStream (the
  same assignments as the rows, article for article), which gives the live stories,
  their posting lists, merges and the stream's counters; the older ones are stored
  as frozen stories by their labels, each story's term document frequencies
  counted from one of its articles times its size (the stream is stationary, so
  the frequencies of shared words grow as they would). Articles, observations,
  memberships and every story table are written with bulk inserts (article version
  rows, which placement never reads, are left out). Another child then stores the
  next ``--sample`` articles of the stream and places them chunk by chunk through
  ``stories.persist`` as ``copydesk ingest`` does (one locked transaction a chunk,
  copy detection left out: it is measured by ``ingest --stored``), timing the
  placement; its peak RSS is the placement's alone. The same sample at every size,
  so ms per article compares like with like.
- ``rows-full``: every article stored and placed chunk by chunk (small sizes).

Article features come from a fixed regex tokenizer here, not the parsed
document: the parse costs the same per article at any size and is measured with
the parser; this measures what grows with the archive. Prints one JSON line.
The default sizes are 10,000 and 100,000.
"""

from __future__ import annotations

import argparse
import heapq
import itertools
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from typing import Callable, Iterable, Iterator

from copydesk.models import Article
from copydesk.settings import Settings
from copydesk.stories import stream as stream_mod
from copydesk.stories.resources import NOT_ENTITY, POSSESSIVE_RE, STOPWORDS, TOKEN_RE
from copydesk.stories.stream import StoryStream

SYLLABLES = "ka lo mi ra ten vo sul dar pe ni gro ha bel tur os ven ria mak do lin".split()
EVENTS = [
    ["A {mag} earthquake struck {place} on {weekday}, {killed} killed and {hurt} injured.",
     "Governor {person} said rescue teams were searching collapsed {building} in {place}.",
     "Aftershocks shook {place} and the nearby {river} valley through the night.",
     "The {agency} measured the quake at a depth of {depth} kilometres."],
    ["Workers at the {company} plant in {place} walked out on {weekday} over pay.",
     "Union leader {person} said {hurt} members joined the strike and demanded {pct} percent more.",
     "The {company} management called the walkout illegal and warned of job cuts.",
     "Production of {product} in {place} stopped for the first time since {year}."],
    ["Missiles hit the city of {place} on {weekday}, damaging a {building} and a bridge.",
     "Mayor {person} said {killed} people died and {hurt} were wounded in the attack.",
     "Air defence units over {place} shot down {depth} drones, the {agency} said.",
     "Power was cut to {pct} thousand homes in {place} after the strike."],
    ["Voters in {place} elected {person} as mayor on {weekday} with {pct} percent of the vote.",
     "{person} promised new {building} and cheaper {product} for {place}.",
     "Turnout in {place} reached {hurt} thousand, the {agency} said.",
     "The defeated candidate conceded and congratulated {person} on the {river} riverside."],
]
SYNONYMS = {"struck": "hit", "said": "stated", "killed": "dead", "injured": "hurt", "searching": "combing",
            "walked out": "went on strike", "warned": "cautioned", "damaging": "destroying",
            "promised": "pledged", "elected": "chose", "reached": "hit"}
#: Story-specific detail: words drawn per story, as real stories carry their own vocabulary.
DETAILS = ["Witnesses described {w0} and {w1} near the {w2} road.",
           "The {w3} committee asked about {w4} and the {w5} plan.",
           "Reports mentioned {w1} {w3} and {w5} in the {w0} district.",
           "Residents recalled the {w2} {w4} of last year."]
FILLER = ["More details were expected later in the day.", "Officials did not respond to requests for comment.",
          "The situation remained tense, residents said.", "Local media carried live coverage of the events."]


def name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def story_params(rng: random.Random, sid: int) -> dict[str, str]:
    return {"place": name(rng, 3), "person": f"{name(rng, 2)} {name(rng, 3)}", "company": name(rng, 3),
            "river": name(rng, 2), "agency": name(rng, 2) + " Agency", "building": rng.choice(
                ["schools", "hospitals", "warehouses", "apartment blocks", "markets"]),
            "product": rng.choice(["steel", "cars", "bread", "fuel", "cement"]),
            "weekday": rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
            "mag": f"magnitude {rng.randint(40, 79) / 10}", "killed": str(rng.randint(2, 400)),
            "hurt": str(rng.randint(10, 900)), "pct": str(rng.randint(3, 70)), "depth": str(rng.randint(5, 90)),
            "year": str(rng.randint(1950, 2020)), "event": str(sid % len(EVENTS)),
            **{f"w{i}": name(rng, 2).lower() for i in range(6)}}


def render(params: dict[str, str], rng: random.Random) -> str:
    sents = [s.format(**params) for s in EVENTS[int(params["event"])]]
    sents.insert(1, rng.choice(DETAILS).format(**params))
    sents.append(rng.choice(DETAILS).format(**params))
    keep = [sents[0]] + [s for s in sents[1:] if rng.random() < 0.8]
    if rng.random() < 0.5:
        rest = keep[1:]
        rng.shuffle(rest)
        keep = keep[:1] + rest
    text = " ".join(keep)
    for a, b in SYNONYMS.items():
        if rng.random() < 0.3:
            text = text.replace(a, b)
    return text + " " + rng.choice(FILLER)


def generate(n: int, seed: int = 7) -> Iterator[tuple[Article, int]]:
    """``n`` articles in date order with their story labels; about 8 articles per story."""
    rng = random.Random(seed)
    start = date(2020, 1, 1)
    per_day = 40  # new stories per day
    heap: list[tuple[int, int, int, int]] = []  # (day, seq, story, k)
    params: dict[int, dict[str, str]] = {}
    made = seq = story = 0
    while made < n:
        day = story // per_day
        while heap and heap[0][0] < day and made < n:
            d, _, sid, k = heapq.heappop(heap)
            text = render(params[sid], rng)
            yield Article(id=f"a{made}", source=f"outlet{rng.randint(1, 50)}", text=text,
                          published=(start + timedelta(days=d)).isoformat()), sid
            made += 1
        params[story] = story_params(rng, story)
        for k in range(rng.randint(3, 13)):
            heapq.heappush(heap, (day + rng.choice([0, 0, 0, 1, 1, 2, 3]), seq, story, k))
            seq += 1
        if story - 200 in params and all(h[2] != story - 200 for h in heap):
            del params[story - 200]
        story += 1


def feed(stream: Iterable[tuple[Article, int]], chunk: int, place: Callable[[list[Article]], None],
         gold: dict[str, int], order: list[str]) -> None:
    """Hand ``stream``'s articles to ``place`` in chunks, recording each one's label and arrival order."""
    batch: list[Article] = []
    for a, label in stream:
        gold[a.id] = label
        order.append(a.id)
        batch.append(a)
        if len(batch) == chunk:
            place(batch)
            batch = []
    if batch:
        place(batch)


def pairwise_f1(gold: list[int], pred: list[str]) -> dict[str, float]:
    def pairs(counter: Counter) -> int:
        return sum(c * (c - 1) // 2 for c in counter.values())
    tp = pairs(Counter(zip(gold, pred)))
    p = tp / max(1, pairs(Counter(pred)))
    r = tp / max(1, pairs(Counter(gold)))
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


#: The regexes story features used before the parsed document (copydesk 0.1 stories/resources.py).
_ENTITY = re.compile(
    r"(?:(?:[A-Z]\.){2,}|[A-Z][A-Za-z’'\-]*[A-Za-z]|[A-Z]{2,})"
    r"(?:[ \t]+(?:(?:of|de|la|del|van|von|al|bin)[ \t]+)?(?:(?:[A-Z]\.){2,}|[A-Z][A-Za-z’'\-]*[A-Za-z]|[A-Z]{2,}))*")
_NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d{2,}(?:\.\d+)?\b|\b\d\.\d+\b")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")


def _stem(word: str) -> str:
    w = word.lower().replace("’", "'")
    w = w[:-2] if w.endswith("'s") else w
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")) else w


def _terms(text: str) -> list[str]:
    out = []
    for tok in TOKEN_RE.findall(text):
        w = _stem(tok).strip(".'-")
        if not tok[0].isdigit() and len(w) > 2 and w not in STOPWORDS:
            out.append("w:" + w)
    for span in _ENTITY.findall(text):
        words = span.split()
        while words and words[0].lower().strip(".") in NOT_ENTITY:
            words = words[1:]
        words = [POSSESSIVE_RE.sub("", w) for w in words]
        name = " ".join(words).lower().replace(".", "")
        if len(name) > 1:
            out.append("e:" + name)
        if len(words) > 1:
            out += ["e:" + w.lower().replace(".", "") for w in words
                    if w.lower().strip(".") not in NOT_ENTITY and len(w) > 2]
    return out + ["n:" + x.replace(",", "") for x in _NUMBER.findall(text)]


def regex_terms(article: Article) -> list[str]:
    """Story features by regex, as copydesk 0.1 computed them (the text plus its three-sentence lead).

    The same cost at any size, and no parser to load.
    """
    lead = " ".join(_SENTENCE_SPLIT.split(article.text.strip(), maxsplit=3)[:3])
    return _terms(article.text) + _terms(lead)


def _result(n: int, spent: float, tail_spent: float, tail_n: int, gold: list[int], pred: list[str],
            merges: int) -> dict[str, object]:
    return {"n": n, "ms_per_article": round(1000 * spent / n, 3),
            "ms_per_article_last10pct": round(1000 * tail_spent / max(1, tail_n), 3),
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "stories_true": len(set(gold)), "stories_found": len(set(pred)), "merges": merges,
            "pairwise": pairwise_f1(gold, pred)}


def run_memory(n: int) -> dict[str, object]:
    stream = StoryStream(Settings.load())
    gold: list[int] = []
    ids: list[str] = []
    spent = 0.0
    tail_spent = 0.0
    tail_from = int(n * 0.9)
    for i, (a, label) in enumerate(generate(n)):
        t0 = time.perf_counter()
        ids.append(stream.add(a))
        dt = time.perf_counter() - t0
        spent += dt
        if i >= tail_from:
            tail_spent += dt
        gold.append(label)
    pred = [stream.resolve(x) for x in ids]
    return _result(n, spent, tail_spent, n - tail_from, gold, pred,
                   sum(1 for e in stream.events if e["kind"] == "merge"))


def run_rows_full(n: int) -> dict[str, object]:
    """Store the stream chunk by chunk and place each chunk through stories.persist (state in SQLite)."""
    from copydesk.store import Store
    from copydesk.stories.persist import assign

    chunk = max(1, min(500, n // 50))
    settings = Settings.load(batch_size=chunk)
    gold: dict[str, int] = {}
    order: list[str] = []
    spent = tail_spent = 0.0
    tail_from = int(n * 0.9)
    with tempfile.TemporaryDirectory() as tmp, Store(f"sqlite:///{tmp}/scale.db", settings) as store:
        done = 0

        def place(arts: list[Article]) -> None:
            nonlocal spent, tail_spent, done
            store.add(arts, batch_size=chunk)
            t0 = time.perf_counter()
            assign(store, [a.id for a in arts], settings, copies=False)
            dt = time.perf_counter() - t0
            spent += dt
            if done >= tail_from:
                tail_spent += dt
            done += len(arts)

        feed(generate(n), chunk, place, gold, order)
        member = {a: s.id for s in store.stories() for a in s.article_ids}
        merges = sum(1 for e in store.events() if e["kind"] == "merge")
    return _result(n, spent, tail_spent, n - tail_from, [gold[i] for i in order], [member[i] for i in order],
                   merges)


#: Articles at the end of a bulk-built store placed by the real stream (its live stories and their postings).
TAIL = 10_000
#: New articles placed through the rows at every size.
SAMPLE = 2000
#: Articles per placement chunk (copydesk ingest's batch_size).
CHUNK = 500


def _bulk_path(cache: str, n: int, tail: int) -> str:
    return f"{cache}/stream-rows-{n}-{tail}.db"


def build_rows(n: int, tail: int, path: str) -> dict[str, object]:
    """A store holding the first ``n`` articles of the stream, placed, written in bulk (see the module doc)."""
    import os

    from sqlalchemy import insert

    from copydesk.store import Store, codec
    from copydesk.store import schema as t
    from copydesk.store.schema import now
    from copydesk.stories.stream import story_id_for

    t0 = time.perf_counter()
    part = path + ".part"
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(part + suffix):
            os.remove(part + suffix)
    settings = Settings.load()
    stamp = now()
    old_n = max(0, n - tail)
    df: Counter[str] = Counter()
    old: dict[int, dict[str, object]] = {}  # label -> its frozen story row
    stream = StoryStream(settings)
    with Store(f"sqlite:///{part}", settings) as store, store.engine.begin() as conn:
        arts: list[dict[str, object]] = []
        obs: list[dict[str, object]] = []
        members: list[dict[str, object]] = []

        def flush() -> None:
            if arts:
                conn.execute(insert(t.articles), arts)
                conn.execute(insert(t.observations), obs)
            if members:
                conn.execute(insert(t.story_articles), members)
            arts.clear(), obs.clear(), members.clear()

        def seal_old() -> None:
            """The old part's document frequencies (each story's terms times its size), handed to the stream."""
            for st in old.values():
                for term in st.pop("_terms"):  # type: ignore[attr-defined]
                    df[term] += int(st["size"])  # type: ignore[call-overload]
            stream.df.update(df)
            stream.n_docs = old_n
            stream._opened = len(old)

        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")  # memberships are written before their stories
        placed_in: dict[str, str] = {}
        for i, (a, label) in enumerate(generate(n)):
            arts.append({**codec.article_to_row(a), "added_at": stamp})
            obs.append({"article_id": a.id, "url": "", "input": "", "fetched": None, "seen_at": stamp})
            if i < old_n:
                day = date.fromisoformat(a.published or "2020-01-01").toordinal()
                st = old.get(label)
                if st is None:
                    st = old[label] = {"id": story_id_for(a), "seq": len(old), "title": a.text[:80],
                                       "title_score": -1.0, "first_day": day, "last_day": day,
                                       "first_published": a.published, "last_published": a.published,
                                       "size": 0, "live": 0, "centroid": None, "key": "[]",
                                       "_terms": tuple(sys.intern(x) for x in set(regex_terms(a)))}
                st["size"] = int(st["size"]) + 1  # type: ignore[call-overload]
                st["last_day"], st["last_published"] = day, a.published
                members.append({"article_id": a.id, "story_id": st["id"], "position": i})
            else:
                if i == old_n and old:
                    seal_old()
                placed_in[a.id] = stream.add(a)
            if len(arts) >= 5000:
                flush()
        if n <= old_n and old:
            seal_old()
        flush()
        for aid, sid in placed_in.items():
            members.append({"article_id": aid, "story_id": stream.resolve(sid), "position": old_n + len(members)})
            if len(members) >= 5000:
                flush()
        flush()
        states = [dict(st) for st in old.values()]
        for st in stream.states():
            states.append({"id": st.id, "seq": st.seq, "title": st.title, "title_score": st.title_score,
                           "first_day": st.first, "last_day": st.last, "first_published": st.first_published,
                           "last_published": st.last_published, "size": st.size,
                           "live": 1 if st.centroid is not None else 0,
                           "centroid": json.dumps(st.centroid) if st.centroid is not None else None,
                           "key": codec.dumps(list(st.key))})
        for i in range(0, len(states), 5000):
            chunk = states[i:i + 5000]
            conn.execute(insert(t.story_state), chunk)
            conn.execute(insert(t.stories), [{"id": r["id"], "title": r["title"], "first_seen": r["first_published"],
                                              "last_seen": r["last_published"], "updated_at": stamp} for r in chunk])
        terms = list(stream.df.items())
        for i in range(0, len(terms), 20000):
            conn.execute(insert(t.story_terms_df), [{"term": k, "df": v} for k, v in terms[i:i + 20000]])
        posts = [{"term": k, "pos": j, "story_id": sid} for k, lst in stream.postings.items()
                 for j, sid in enumerate(lst)]
        if posts:
            conn.execute(insert(t.story_postings), posts)
        merges = [{"merged": young, "into": into, "article_id": "", "at": stamp}
                  for young, into in stream.alias.items()]
        if merges:
            conn.execute(insert(t.story_merges), merges)
        conn.execute(insert(t.stream_meta), [
            {"key": "n_docs", "value": str(stream.n_docs)},
            {"key": "newest", "value": "" if stream.newest is None else str(stream.newest)},
            {"key": "since_sweep", "value": str(stream._since_sweep)},
            {"key": "opened", "value": str(stream._opened)},
            {"key": "positions", "value": str(n)}])
    os.replace(part, path)
    return {"n": n, "build_s": round(time.perf_counter() - t0, 1), "stories": len(states),
            "terms": len(terms), "db_mb": round(os.path.getsize(path) / 1e6, 1)}


def run_rows(n: int, sample: int, path: str) -> dict[str, object]:
    """Store the ``sample`` articles after the first ``n`` and place them through stories.persist, timed."""
    import os
    import shutil

    from copydesk.store import Store
    from copydesk.stories.persist import assign

    settings = Settings.load(batch_size=CHUNK)
    gold: dict[str, int] = {}
    order: list[str] = []
    spent = 0.0
    cpu = 0.0
    with tempfile.TemporaryDirectory(dir=os.path.dirname(path)) as tmp:
        db = f"{tmp}/copy.db"
        shutil.copy(path, db)
        with Store(f"sqlite:///{db}", settings) as store:

            def place(arts: list[Article]) -> None:
                nonlocal spent, cpu
                store.add(arts, batch_size=CHUNK)
                t0, c0 = time.perf_counter(), time.process_time()
                assign(store, [a.id for a in arts], settings, copies=False)
                spent += time.perf_counter() - t0
                cpu += time.process_time() - c0

            feed(itertools.islice(generate(n + sample), n, None), CHUNK, place, gold, order)
            member = store.placed(order)
    pred = [member.get(i, "") for i in order]
    labels = [gold[i] for i in order]
    return {"n": n, "sample": len(order), "ms_per_article": round(1000 * spent / max(1, len(order)), 3),
            "cpu_ms_per_article": round(1000 * cpu / max(1, len(order)), 3),
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "unplaced": sum(1 for x in pred if not x), "pairwise_sample": pairwise_f1(labels, pred)}


def main(argv: list[str] | None = None) -> int:
    import os

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated stream sizes")
    ap.add_argument("--state", default="memory,rows", help="memory, rows, rows-full (comma-separated)")
    ap.add_argument("--sample", type=int, default=SAMPLE, help="rows: new articles placed at every size")
    ap.add_argument("--tail", type=int, default=TAIL, help="rows: stored articles placed by the real stream")
    ap.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), "copydesk-stream-scale"),
                    help="rows: where the bulk-built stores are kept between runs")
    ap.add_argument("--baseline", default=None,
                    help="rows: another checkout's src/ placing the same sample on copies of the same stores")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--one-state", default="memory", help=argparse.SUPPRESS)
    ap.add_argument("--build", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--data", default=None, help="unused: the stream is generated")
    args = ap.parse_args(argv)
    stream_mod.article_terms = regex_terms  # type: ignore[assignment]
    if args.build:
        print(json.dumps(build_rows(args.build, args.tail, _bulk_path(args.cache, args.build, args.tail))))
        return 0
    if args.one:
        if args.one_state == "rows":
            out = run_rows(args.one, args.sample, _bulk_path(args.cache, args.one, args.tail))
        else:
            out = (run_rows_full if args.one_state == "rows-full" else run_memory)(args.one)
        print(json.dumps(out))
        return 0
    summary: dict[str, object] = {"benchmark": "stream_scale", "features": "regex tokenizer",
                                  "load": round(os.getloadavg()[0], 2)}
    os.makedirs(args.cache, exist_ok=True)
    for state in [x.strip() for x in args.state.split(",") if x.strip()]:
        results = []
        for n in [int(x) for x in args.sizes.split(",") if x.strip()]:
            common = ["--sample", str(args.sample), "--tail", str(args.tail), "--cache", args.cache]
            built = None
            if state == "rows" and not os.path.exists(_bulk_path(args.cache, n, args.tail)):
                out = subprocess.run([sys.executable, __file__, "--build", str(n), *common],
                                     capture_output=True, text=True, check=True)
                built = json.loads(out.stdout.strip().splitlines()[-1])
            out = subprocess.run([sys.executable, __file__, "--one", str(n), "--one-state", state, *common],
                                 capture_output=True, text=True, check=True)
            res = json.loads(out.stdout.strip().splitlines()[-1])
            if built:
                res["built"] = built
            if state == "rows" and args.baseline:
                env = {**os.environ, "PYTHONPATH": args.baseline}
                out = subprocess.run([sys.executable, __file__, "--one", str(n), "--one-state", state, *common],
                                     capture_output=True, text=True, check=False, env=env)
                lines = out.stdout.strip().splitlines()
                ok = out.returncode == 0 and lines
                res["baseline"] = json.loads(lines[-1]) if ok else {"error": out.stderr[-400:]}
            results.append(res)
        key = "ms_per_article" if state == "rows" else "ms_per_article_last10pct"
        base = results[0][key] if results else None
        summary[state] = {"sizes": results, "time_ratio_largest_vs_smallest":
                          round(results[-1][key] / base, 2) if base else None}
        if state == "rows" and results and results[0].get("cpu_ms_per_article"):
            summary[state]["cpu_ratio_largest_vs_smallest"] = round(  # type: ignore[index]
                results[-1]["cpu_ms_per_article"] / results[0]["cpu_ms_per_article"], 2)
    summary["load_after"] = round(os.getloadavg()[0], 2)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
