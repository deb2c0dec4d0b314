"""The importable API. The CLI and the web app call only this module.

Every function takes ``db`` (a database URL or a SQLite path; default from
settings) and returns plain records or dicts, so callers never touch the store
or the pipeline directly.
"""

from __future__ import annotations

import calendar
import hashlib
import re
import threading
from contextlib import contextmanager
from dataclasses import replace
from importlib import resources
from pathlib import Path
from datetime import date
from typing import IO, Any, Callable, Iterator, Mapping, Sequence

from copydesk import pipeline
from copydesk.errors import Code, CopydeskError, StoreError, UsageError
from copydesk.models import Article, CopyLink, Mention, Rejection, Story
from copydesk.settings import Settings, db_url

Progress = Callable[[str, int, int], None]


def _noop(stage: str, done: int, total: int) -> None:
    pass


def _settings(settings: Settings | None, db: str | None) -> Settings:
    s = settings or Settings.load()
    if db:
        s = Settings.load(**{**s.__dict__, "db": db_url(db)})
    return s


@contextmanager
def open_store(db: str | None = None, settings: Settings | None = None) -> Iterator[Any]:
    """A Store on ``db`` (migrated), closed on exit."""
    from copydesk.store import Store

    s = _settings(settings, db)
    store = Store(db_url(s.db), s)
    try:
        yield store
    finally:
        store.close()


def require_database(db: str | None = None, settings: Settings | None = None) -> None:
    """Refuse a SQLite file that does not exist (E607): reading never creates a database, as sqlite-utils does."""
    from sqlalchemy.engine import make_url

    url = make_url(db_url(_settings(settings, db).db))
    path = url.database
    if url.get_backend_name() == "sqlite" and path and path != ":memory:" and not Path(path).is_file():
        raise StoreError(Code.E607, detail=f"{path!r} does not exist (copydesk ingest or analyze creates one)")


def demo_paths() -> list[Path]:
    """Input files of the bundled example story (a .txt's sidecar NAME.json is read with it)."""
    root = Path(str(resources.files("copydesk.examples").joinpath("harbor")))
    files = sorted(p for p in root.iterdir() if p.is_file())
    texts = {p.stem for p in files if p.suffix == ".txt"}
    return [p for p in files if not (p.suffix == ".json" and p.stem in texts)]


def planted() -> dict[str, Any]:
    """What the bundled example plants for later stages to find (machine-readable)."""
    import json

    return json.loads(resources.files("copydesk.examples").joinpath("harbor.planted.json").read_text("utf-8"))


def demo_summary(doc: Mapping[str, Any]) -> dict[str, Any]:
    """What a report of the bundled example found of what it plants: the planted disputes and the copy chain.

    A planted dispute is found when one disputed claim cites every planted
    mention (same outlet, overlapping words).
    """
    source = {a["id"]: a["source"] for a in doc["articles"]}
    disputed = [c for s in doc["stories"] for c in s["claims"] if c["status"] == "disputed"]

    def cites(claim: Mapping[str, Any], want: Mapping[str, str]) -> bool:
        return any(source[m["article"]] == want["source"] and (m["text"] in want["text"] or want["text"] in m["text"])
                   for m in claim["mentions"] if m["text"])

    plants = planted()
    disputes, matched = [], set()
    for p in plants["quantities"] + plants["dates"]:
        if p["type"] != "conflict":
            continue
        hit = next((c for c in disputed if all(cites(c, m) for m in p["mentions"])), None)
        if hit is not None:
            matched.add(hit["id"])
        disputes.append({"claim": p["claim"], "found": hit is not None, "summary": hit and hit["summary"],
                         "planted": [(m["source"], m["text"]) for m in p["mentions"]]})
    copies = [{"from": source.get(d.get("origin", "")), "outlets": [source[a] for a in d["articles"]],
               "kind": d["copy"]}
              for s in doc["stories"] for d in s["dependencies"] if d.get("copy")]
    return {"articles": len(doc["articles"]), "outlets": len(set(source.values())), "stories": len(doc["stories"]),
            "disputes": disputes, "other_disputes": len({c["id"] for c in disputed} - matched), "copies": copies}


def load(inputs: Sequence[str | Path], *, settings: Settings | None = None,
         stdin: IO[bytes] | None = None) -> tuple[list[Article], list[Rejection]]:
    """Parse ``inputs`` without storing anything: (articles, rejections), deduplicated by id."""
    from copydesk import ingest

    if not inputs:
        raise UsageError(Code.E901, detail="no input paths given")
    arts: dict[str, Article] = {}
    rej: list[Rejection] = []
    for item in ingest.load(inputs, settings or Settings.load(), stdin=stdin):
        if isinstance(item, Rejection):
            rej.append(item)
        else:
            arts.setdefault(item.id, item)
    return list(arts.values()), rej


def ingest(inputs: Sequence[str | Path], *, db: str | None = None, settings: Settings | None = None,
           progress: Progress | None = None, stdin: IO[bytes] | None = None,
           assign_stories: bool = True) -> Any:
    """Parse ``inputs`` and store them; new articles are placed into stories as they arrive.

    Returns the store's IngestSummary (ingested, duplicates, rejected, rejections, ids).
    """
    from copydesk import ingest as ingest_stage

    if not inputs:
        raise UsageError(Code.E901, detail="no input paths given")
    s = _settings(settings, db)
    progress = progress or _noop
    with open_store(settings=s) as store:
        counter = [0]

        def tick(n: int) -> None:
            counter[0] = n
            progress("ingest", n, 0)

        summary = store.add(ingest_stage.load(inputs, s, stdin=stdin), batch_size=s.batch_size, progress=tick)
        if assign_stories:
            _assign(store, list(summary.new_ids), s)
    return summary


def _assign(store: Any, ids: Sequence[str], settings: Settings, prepared: Mapping[str, Any] | None = None,
            links: Sequence[CopyLink] | None = None) -> int:
    """Place every stored article still in no story, ``ids`` among them, in arrival order.

    So a run killed before placing its articles is completed by the next one, in
    the order one uninterrupted run would have used. Safe to call from several
    processes on one database at once; returns how many were placed. ``prepared``
    and ``links``: features and copies computed where the articles were parsed
    (``stories.persist.assign``).
    """
    from copydesk.stories.persist import place_pending

    return place_pending(store, settings, prepared=prepared, links=links)


def repair_stories(*, db: str | None = None, settings: Settings | None = None) -> int:
    """Place every stored article that is in no story yet; how many were placed."""
    s = _settings(settings, db)
    with open_store(settings=s) as st:
        return _assign(st, (), s)


def analyze_articles(articles: Sequence[Article], *, rejections: Sequence[Rejection] = (),
                     one_story: bool = False, settings: Settings | None = None,
                     progress: Progress | None = None,
                     mentions: Mapping[str, Sequence[Mention]] | None = None,
                     story_list: Sequence[Story] | None = None,
                     copies: Sequence[CopyLink] | None = None) -> pipeline.Analysis:
    """Run every stage over ``articles`` in memory (``copies``: links already found, e.g. stored)."""
    return pipeline.run(articles, rejections=rejections, settings=settings or Settings.load(),
                        one_story_only=one_story, mentions=mentions, story_list=story_list, copies=copies,
                        progress=progress or _noop)


def report(analysis: pipeline.Analysis, versions: Mapping[str, Sequence[tuple[str, int]]] | None = None
           ) -> dict[str, Any]:
    """The copydesk.report/1 document of ``analysis``; each article says which version it is.

    Not schema-validated here (a full validation of a large story's report costs more than
    building it): the tests validate every report the builder makes, ``copydesk.report.validate``
    checks one on demand.
    """
    from copydesk import report as report_stage

    doc = report_stage.build(analysis)
    for a in doc["articles"]:
        chain = list((versions or {}).get(a["id"], [(a["id"], 1)]))
        a["version"] = dict(chain)[a["id"]]
        a["versions"] = [x for x, _ in chain]
    return doc


def _memory_versions(articles: Sequence[Article]) -> dict[str, list[tuple[str, int]]]:
    """The versions among ``articles`` alone, in input order (the store's rule, without a store)."""
    from copydesk.store import versions

    return versions.chains(versions.number([versions.Named(a.id, a.source, a.url, a.given_id) for a in articles], {}))


def latest_only(articles: Sequence[Article], chains: Mapping[str, Sequence[tuple[str, int]]]) -> list[Article]:
    """``articles`` less each one that a later version, also among them, replaces."""
    present = {a.id for a in articles}
    out = []
    for a in articles:
        chain = list(chains.get(a.id, [(a.id, 1)]))
        mine = dict(chain)[a.id]
        if not any(x in present for x, v in chain if v > mine):
            out.append(a)
    return out


def analyze(inputs: Sequence[str | Path], *, db: str | None = None, one_story: bool = False,
            settings: Settings | None = None, progress: Progress | None = None,
            stdin: IO[bytes] | None = None, store: bool = True, all_versions: bool = False) -> dict[str, Any]:
    """Ingest ``inputs`` (into ``db`` unless ``store`` is False), run every stage, return the report.

    The report covers exactly the articles of ``inputs`` (the same article given
    twice appears once); rejected items are listed under ``rejected``. Of an
    article given in several versions only the latest is compared, unless
    ``all_versions``; each article in the report says which version it is.
    """
    s = _settings(settings, db)
    progress = progress or _noop
    articles, rejections = load(inputs, settings=s, stdin=stdin)
    if store:
        with open_store(settings=s) as st:
            summary = st.add(articles, batch_size=s.batch_size)
            st.add(rejections)
            _assign(st, list(summary.new_ids), s)
            chains = st.versions([a.id for a in articles])
            if not all_versions:
                articles = latest_only(articles, chains)
            mentions = _stored_mentions(st, articles, progress)
            copies = _stored_copies(st, articles)
    else:
        mentions, copies = None, None
        chains = _memory_versions(articles)
        if not all_versions:
            articles = latest_only(articles, chains)
    analysis = analyze_articles(articles, rejections=rejections, one_story=one_story, settings=s,
                                progress=progress, mentions=mentions, copies=copies)
    return report(analysis, chains)


def render(doc: dict[str, Any], fmt: str, *, compact: bool = False) -> str:
    """The report as ``json``, ``md`` or ``html`` text.

    JSON is indented for reading; ``compact`` drops the indentation and spaces (a report written to a
    file: a large story's indentation alone is about half its bytes).
    """
    import json

    from copydesk import report as report_stage

    if fmt == "json":
        if compact:
            return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
        return json.dumps(doc, ensure_ascii=False, indent=2)
    if fmt in ("md", "markdown"):
        return report_stage.to_markdown(doc)
    if fmt == "html":
        from copydesk.report.html import to_html

        return to_html(doc)
    raise UsageError(Code.E902, detail=f"unknown format {fmt!r} (json, md, html)")


def extract_text(text: str, published: str | None = None, article_id: str = "") -> list[Mention]:
    """Typed mentions of one text (see copydesk.extract)."""
    from copydesk.extract import extract

    return extract(text, published, article_id=article_id)


def mention_record(m: Mention, text: str) -> dict[str, Any]:
    """The public JSON form of one mention (``copydesk extract --format jsonl``)."""
    from copydesk.extract.serialize import mention_record as rec

    return rec(m, text)


# --- stored data --------------------------------------------------------------------------


_DAY = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def day_range(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """``since`` and ``until`` (YYYY, YYYY-MM or YYYY-MM-DD) as days, a month or year reaching its last day.

    Anything that is not a calendar date is refused (E702) rather than matching nothing.
    """
    out: list[str | None] = []
    for name, value in (("since", since), ("until", until)):
        m = _DAY.match(value.strip()) if value else None
        if value and not m:
            raise UsageError(Code.E702, detail=f"{name}={value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        if not m:
            out.append(None)
            continue
        year, month, day = int(m[1]), int(m[2] or (1 if name == "since" else 12)), m[3]
        try:
            last = calendar.monthrange(year, month)[1]
            out.append(date(year, month, int(day) if day else (1 if name == "since" else last)).isoformat())
        except ValueError as e:  # month 13, day 45, year 0
            raise UsageError(Code.E702, detail=f"{name}={value!r} is not a date: {e}") from None
    return out[0], out[1]


def _article_row(a: Article, chain: Sequence[tuple[str, int]]) -> dict[str, Any]:
    """An article's names and metadata, with which version of it this is."""
    return {"id": a.id, "given_id": a.given_id, "source": a.source, "title": a.title, "published": a.published,
            "url": a.url, "language": a.language, "version": dict(chain).get(a.id, 1),
            "versions": [x for x, _ in chain]}


def list_articles(*, db: str | None = None, q: str | None = None, source: str | None = None,
                  since: str | None = None, until: str | None = None, limit: int | None = 50,
                  offset: int = 0) -> list[dict[str, Any]]:
    """Stored articles matching the filters; a bad date is E702."""
    since, until = day_range(since, until)
    with open_store(db) as st:
        arts = st.articles(source=source, since=since, until=until, q=q, limit=limit, offset=offset)
        chains = st.versions([a.id for a in arts])
        return [_article_row(a, chains[a.id]) for a in arts]


def count_articles(*, db: str | None = None, q: str | None = None, source: str | None = None,
                   since: str | None = None, until: str | None = None) -> int:
    """How many stored articles ``list_articles`` with these filters would list without a limit."""
    since, until = day_range(since, until)
    with open_store(db) as st:
        return st.count_articles(source=source, since=since, until=until, q=q)


def _resolve(store: Any, ref: str) -> str:
    """The id of the one article ``ref`` names: its full id, the caller's id (the latest version) or an id prefix.

    No match is E603; several are E606, listing them so the caller can pick.
    """
    ref = ref.strip()
    rows = store.find(ref)
    if any(r["id"] == ref for r in rows):
        return ref
    latest: dict[str, dict[str, Any]] = {}
    for r in rows:  # versions of one article named by one caller id are one article: its latest version
        key = (r["first_id"] or r["id"]) if r["given_id"] == ref else r["id"]
        if key not in latest or (r["version"] or 1) > (latest[key]["version"] or 1):
            latest[key] = r
    found = sorted(latest.values(), key=lambda r: r["id"])
    if not found:
        raise CopydeskError(Code.E603, detail=ref)
    if len(found) > 1:
        listed = "; ".join(f"{r['id']} ({r['source']}" + (f", id {r['given_id']!r}" if r["given_id"] else "")
                           + f", {r['title'] or 'untitled'!r})" for r in found[:10])
        more = " and more" if len(rows) >= 20 else ""
        raise CopydeskError(Code.E606, detail=f"{ref!r} names {len(found)} articles{more}: {listed}")
    return str(found[0]["id"])


def resolve_article(ref: str, *, db: str | None = None) -> str:
    """The full id of the article ``ref`` names (full id, the caller's id or a unique id prefix)."""
    with open_store(db) as st:
        return _resolve(st, ref)


def get_article(article_id: str, *, db: str | None = None) -> Article:
    """One stored article, named by its full id, the caller's id or a unique id prefix."""
    with open_store(db) as st:
        a = st.article(_resolve(st, article_id))
        if a is None:
            raise CopydeskError(Code.E603, detail=article_id)
        return a


def sources(*, db: str | None = None) -> list[str]:
    with open_store(db) as st:
        return list(st.sources())


def _story_row(story: Story, store: Any) -> dict[str, Any]:
    arts = store.articles(ids=list(story.article_ids))
    return {"id": story.id, "title": story.title, "storyline": story.storyline_id,
            "first_seen": story.first_seen, "last_seen": story.last_seen,
            "n_articles": len(story.article_ids), "sources": sorted({a.source for a in arts})}


def list_stories(*, db: str | None = None, q: str | None = None, source: str | None = None,
                 since: str | None = None, until: str | None = None, limit: int | None = 50,
                 offset: int = 0) -> list[dict[str, Any]]:
    """Stored stories matching the filters, most recent first; a bad date is E702."""
    since, until = day_range(since, until)
    with open_store(db) as st:
        return [_story_row(s, st) for s in st.stories(q=q, source=source, since=since, until=until,
                                                     limit=limit, offset=offset)]


def check_stories(*, db: str | None = None, settings: Settings | None = None) -> list[str]:
    """Where batch grouping of the stored articles (in stored order) differs from the stories the stream built."""
    from copydesk import stories as stories_stage

    s = _settings(settings, db)
    with open_store(settings=s) as st:
        arts = st.articles(order="arrival")
        stream = [x for x in st.stories() if x.article_ids]
    return stories_stage.compare(stories_stage.group(arts, s), stream)


def _stored_mentions(store: Any, articles: Sequence[Article],
                     progress: Progress = _noop) -> dict[str, tuple[Mention, ...]]:
    """Mentions of ``articles``: stored ones reused, the rest extracted once and stored."""
    cached = store.mentions_for([a.id for a in articles])
    fresh = pipeline.extract_all([a for a in articles if a.id not in cached], progress)
    for aid, ms in fresh.items():
        store.save_mentions(aid, ms)
    return {a.id: tuple(cached[a.id]) if a.id in cached else fresh[a.id] for a in articles}


def _stored_copies(store: Any, articles: Sequence[Article]) -> list[CopyLink] | None:
    """The stored copy links among ``articles`` when each was placed in a story (placing finds an
    article's copies); None when one was not, so the pipeline finds them itself."""
    if any(store.story_of(a.id) is None for a in articles):
        return None
    return store.copies([a.id for a in articles])


_report_locks: dict[str, threading.Lock] = {}
_report_locks_guard = threading.Lock()


def _report_lock(key: str) -> threading.Lock:
    """One lock per cached report: concurrent requests for one story compute it once."""
    with _report_locks_guard:
        return _report_locks.setdefault(key, threading.Lock())


def _page(doc: dict[str, Any], offset: int, limit: int | None) -> dict[str, Any]:
    """A story report with its long lists cut to one page; ``page`` gives the totals.

    Claims are paged from ``offset``; quotes, timeline and dependencies show their first
    ``limit`` items. The cached document stays whole.
    """
    if offset < 0 or (limit is not None and limit < 1):
        raise UsageError(Code.E902, detail=f"page offset {offset} / limit {limit}: offset >= 0, limit >= 1")
    if not offset and limit is None:
        return doc
    stories = []
    for st in doc["stories"]:
        end = None if limit is None else offset + limit
        cut = {k: st[k][:limit] for k in ("quotes", "timeline", "dependencies") if k in st}
        stories.append({**st, **cut, "claims": st["claims"][offset:end],
                        "page": {"offset": offset, "limit": limit, "claims": len(st["claims"]),
                                 **{k: len(st[k]) for k in cut}}})
    return {**doc, "stories": stories}


def _story_analysis(store: Any, story: Story, settings: Settings, all_versions: bool = False) -> pipeline.Analysis:
    """One stored story analysed; of an article stored in several versions only the latest unless ``all_versions``."""
    arts = store.articles(ids=list(story.article_ids))
    if not all_versions:
        arts = latest_only(arts, store.versions([a.id for a in arts]))
        story = replace(story, article_ids=tuple(a.id for a in arts))
    return analyze_articles(arts, settings=settings, mentions=_stored_mentions(store, arts), story_list=[story],
                            copies=_stored_copies(store, arts))


def story_report(story_id: str, *, db: str | None = None, settings: Settings | None = None,
                 all_versions: bool = False, offset: int = 0, limit: int | None = None) -> dict[str, Any]:
    """The report of one stored story, computed once per membership (cached in the store,
    concurrent requests wait for the first) and paged: ``limit`` claims from ``offset``.

    Only the latest version of each article is compared unless ``all_versions``.
    """
    s = _settings(settings, db)
    with open_store(settings=s) as st:
        story = st.story(story_id)
        if story is None:
            raise CopydeskError(Code.E604, detail=story_id)
        which = "all" if all_versions else "latest"
        # the membership as a digest: a story of thousands of articles would make a key longer
        # than a PostgreSQL index entry may be
        members = hashlib.sha256("|".join(sorted(story.article_ids)).encode("utf-8")).hexdigest()
        key = f"story/versions:{story.id}:{which}:{members}"
        with _report_lock(story.id):
            cached = st.report(key)
            if cached is None:
                cached = report(_story_analysis(st, story, s, all_versions), st.versions(list(story.article_ids)))
                st.save_report(key, cached)
        return _page(cached, offset, limit)


def warm_story_reports(article_ids: Sequence[str], *, db: str | None = None, settings: Settings | None = None,
                       progress: Progress | None = None) -> list[str]:
    """Compute and cache the reports of the stories holding ``article_ids`` (just ingested), so
    that their membership change is analysed once, in the background, not by the first reader.

    Returns the ids of the stories warmed.
    """
    s = _settings(settings, db)
    with open_store(settings=s) as st:
        story_ids = sorted({sid for a in article_ids if (sid := st.story_of(a)) is not None})
    for i, sid in enumerate(story_ids):
        story_report(sid, db=db, settings=s)
        (progress or _noop)("reports", i + 1, len(story_ids))
    return story_ids


def article_view(article_id: str, *, db: str | None = None, settings: Settings | None = None) -> dict[str, Any]:
    """An article with its mentions and the claims each mention supports."""
    s = _settings(settings, db)
    with open_store(settings=s) as st:
        a = st.article(_resolve(st, article_id))
        if a is None:
            raise CopydeskError(Code.E603, detail=article_id)
        ms = _stored_mentions(st, [a])[a.id]
        story_id = st.story_of(a.id)
        chain = st.versions([a.id])[a.id]
    claims: list[dict[str, Any]] = []
    if story_id:
        doc = story_report(story_id, db=s.db, settings=s)
        for story in doc["stories"]:
            for c in story["claims"]:
                for i, m in enumerate(c["mentions"]):
                    if m["article"] == a.id:
                        claims.append({"story": story["id"], "id": c["id"], "summary": c["summary"],
                                       "status": c["status"], "mention_index": i,
                                       "start": m["start"], "end": m["end"]})
    return {"article": {**_article_row(a, chain), "text": a.text},
            "story": story_id,
            "mentions": [mention_record(m, a.text) for m in ms],
            "claims": claims}


# --- web queries ---


# --- archive-scale ingest and live monitoring ----------------------------------------------


def _store_and_place(store: Any, items: Sequence[Article | Rejection],
                     mentions: Mapping[str, Sequence[Mention]], settings: Settings,
                     prepared: Mapping[str, Any] | None = None, links: Sequence[CopyLink] | None = None) -> Any:
    """Store parsed items with their mentions and place the new articles into stories.

    The one place the Dask ingest and ``watch`` hand their results to. ``prepared``
    (article id -> ``stories.persist.Prepared``) and ``links`` (the copies among
    ``items``) come from where the items were parsed, so nothing is parsed here.
    """
    summary = store.add(items, batch_size=settings.batch_size)
    store.save_mentions_many({aid: mentions[aid] for aid in summary.new_ids if aid in mentions})
    if summary.article_ids:  # duplicates too: a killed run may have stored them without placing them
        _assign(store, list(summary.new_ids), settings, prepared, links)
    return summary


def _verify_story(story_id: str, *, db: str) -> str:
    """Compute and cache one story's report (a Dask task of ``ingest_distributed(verify=True)``)."""
    story_report(story_id, db=db)
    return story_id


def ingest_distributed(inputs: Sequence[str | Path], *, workers: int | None = None, scheduler: str | None = None,
                       db: str | None = None, settings: Settings | None = None, progress: Progress | None = None,
                       stdin: IO[bytes] | None = None, extract: bool = True, verify: bool = False) -> Any:
    """Ingest ``inputs`` with a Dask cluster parsing and extracting partitions; return the IngestSummary.

    ``workers`` starts a local cluster of that many processes, ``scheduler``
    (tcp://HOST:PORT) uses a running one whose workers can read ``inputs``; with
    neither, the partitions are parsed here. The workers also compute each
    article's story features and the copies within their partition, so this process
    only writes rows and places articles by those features, in partition order: the
    stories are those one process would build. With ``verify`` each story touched
    is analysed (and its report cached) as a Dask task.
    """
    from collections import Counter

    from copydesk.ingest import distributed
    from copydesk.store import IngestSummary

    if not inputs:
        raise UsageError(Code.E901, detail="no input paths given")
    s = _settings(settings, db)
    progress = progress or _noop
    parts = distributed.plan(inputs, s, stdin=stdin)
    ingested = duplicates = 0
    ids: list[str] = []
    new_ids: list[str] = []
    sample: list[Rejection] = []
    counts: Counter[str] = Counter()
    with distributed.session(workers, scheduler) as client, open_store(settings=s) as store:
        for batch in distributed.parsed(client, parts, s, extract=extract, progress=progress):
            summary = _store_and_place(store, batch.items, batch.mentions, s, batch.prepared, batch.links)
            ingested += summary.ingested
            duplicates += summary.duplicates
            ids += summary.article_ids
            new_ids += summary.new_ids
            counts.update(summary.rejection_counts)
            sample += summary.rejections[:max(0, s.rejection_sample - len(sample))]
            progress("store", len(ids), 0)
        if verify and new_ids:
            touched = sorted(set(store.placed(new_ids).values()))
            distributed.each(client, _verify_story, touched, progress, db=db_url(s.db))
    return IngestSummary(ingested, duplicates, sum(counts.values()), tuple(ids), tuple(new_ids), tuple(sample),
                         dict(counts))


def story_signals(store: Any, story_id: str, settings: Settings) -> tuple[frozenset[str], int]:
    """What ``watch`` events compare for one stored story: its disputed claims and its independent origins."""
    story = store.story(story_id)
    if story is None:
        raise CopydeskError(Code.E604, detail=story_id)
    sa = _story_analysis(store, story, settings).stories[0]
    disputed = frozenset(c.key for c in sa.claims if c.status == "disputed")
    return disputed, len(sa.groups) or len(story.article_ids)


def watch(feeds: str | Path | None = None, *, db: str | None = None, settings: Settings | None = None,
          cycles: int | None = None, status: Callable[[str, bool], None] | None = None,
          stop: Any = None) -> Any:
    """Monitor feeds (a file of URLs, else the ``watch_feeds`` setting) until ``stop`` is set or ``cycles`` ran.

    New entries are stored and placed into stories as each feed is polled; the
    cursor lives in ``db``, so a restart fetches nothing twice. Returns the
    watch Stats; bad lines of the feed list are stored as E904 rejections.
    """
    from copydesk.store.watch import WatchCursor
    from copydesk.watch import Watcher, read_feed_list

    s = _settings(settings, db)
    urls, bad = read_feed_list(feeds, s)
    with open_store(settings=s) as store:
        if bad:
            store.add(bad)

        def place(items: Sequence[Article | Rejection]) -> tuple[Any, dict[str, str | None]]:
            summary = _store_and_place(store, items, {}, s)
            return summary, {aid: store.story_of(aid) for aid in summary.new_ids}

        watcher = Watcher(urls, WatchCursor(store), s, place, lambda sid: story_signals(store, sid, s),
                          status=status)
        if stop is not None:
            watcher.stop = stop
        return watcher.run(cycles)
