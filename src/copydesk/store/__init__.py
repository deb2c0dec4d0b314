"""The store: every stage's output in SQLite (default) or PostgreSQL, behind one API.

Writes are transactional per batch, so a process killed mid-ingest leaves a
consistent database and a rerun completes the job with nothing lost or doubled.
"""

from __future__ import annotations

import json
import random
import re
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence, TypeVar

from sqlalchemy import and_, create_engine, delete, event, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from copydesk.errors import Code, StoreError
from copydesk.models import Article, CopyLink, Mention, Rejection, Story
from copydesk.settings import Settings, db_url
from copydesk.store import codec
from copydesk.store import schema as t
from copydesk.store import story_rows, versions
from copydesk.store.story_rows import StoryRows

__all__ = ["Store", "IngestSummary", "Observation", "StoryRows"]

T = TypeVar("T")
#: PostgreSQL advisory lock key held by every story-assignment transaction ("copy" in ASCII).
ASSIGN_LOCK = 0x636F7079


@dataclass(frozen=True)
class IngestSummary:
    ingested: int
    duplicates: int
    rejected: int
    article_ids: tuple[str, ...]
    new_ids: tuple[str, ...]
    rejections: tuple[Rejection, ...]
    #: Rejections by code, all of them; ``rejections`` keeps only the first ``rejection_sample``.
    rejection_counts: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Observation:
    article_id: str
    url: str | None
    input: str | None
    fetched: str | None
    seen_at: str


def _reason(e: BaseException) -> str:
    """What a database error says went wrong: the driver's class and first line, never the SQL or its values."""
    orig = getattr(e, "orig", None) or e
    first = (str(orig).strip().splitlines() or [""])[0]
    return f"{type(orig).__name__}: {first[:200]}"


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


#: What neither database keeps in text: NUL (PostgreSQL refuses it, SQLite would keep it) and lone surrogates.
_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")


def _storable(arts: Sequence[Article]) -> tuple[list[Article], list[Rejection]]:
    """One rule for both stores: an article with a NUL or a lone surrogate in any text is refused (E605)."""
    keep: list[Article] = []
    refused: list[Rejection] = []
    for a in arts:
        bad = next(((k, m) for k, v in codec.article_to_row(a).items()
                    if isinstance(v, str) and (m := _UNSTORABLE.search(v))), None)
        if bad is None:
            keep.append(a)
            continue
        key, m = bad
        what = "a NUL character" if m.group() == "\x00" else f"the lone surrogate U+{ord(m.group()):04X}"
        refused.append(Rejection(_escaped(a.input or a.id), "store", Code.E605.name, Code.E605.format(
            detail=f"its {key} holds {what} at character {m.start()}, which the database cannot keep")))
    return keep, refused


def _escaped(text: str) -> str:
    """``text`` with NULs and lone surrogates written as ``\\uXXXX`` (for rejection rows, which describe)."""
    return _UNSTORABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class Store:
    """A migrated database connection with typed reads and writes."""

    def __init__(self, url: str, settings: Settings | None = None) -> None:
        self.url = db_url(url)
        self.settings = settings or Settings.load()
        self._safe_url = make_url(self.url).render_as_string(hide_password=True)
        try:
            self.engine: Engine = create_engine(self.url, future=True)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            with self.locked() as conn:  # two processes opening a new database migrate it once
                t.migrate(conn)
        except SQLAlchemyError as e:
            raise StoreError(Code.E601, detail=f"{self._safe_url}: {_reason(e)}") from e

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _insert(self, table: Any) -> Any:
        return (postgresql.insert(table) if self.dialect == "postgresql" else sqlite.insert(table))

    def _begin(self) -> Any:
        try:
            return self.locked(exclusive=False)
        except SQLAlchemyError as e:
            raise StoreError(Code.E601, detail=f"{self._safe_url}: {_reason(e)}") from e

    @contextmanager
    def locked(self, exclusive: bool = True) -> Iterator[Connection]:
        """A write transaction that holds the writer lock before its first read, committed on exit.

        SQLite: ``BEGIN IMMEDIATE`` (one writer at a time; others wait up to the busy
        timeout), so nothing read inside can be changed by another writer before the
        commit. PostgreSQL: with ``exclusive`` a transaction-scoped advisory lock, so
        story assignment runs one transaction at a time across processes.
        """
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            elif exclusive:
                conn.execute(select(func.pg_advisory_xact_lock(ASSIGN_LOCK)))
            try:
                yield conn
            except BaseException:
                conn.rollback()
                raise
            conn.commit()

    def with_story_rows(self, step: Callable[[StoryRows], T], attempts: int = 8) -> T:
        """Run ``step`` on the story tables in one locked transaction; retried when the lock times out.

        ``step`` must build its state from what it reads, so a retry starts afresh.
        """
        for attempt in range(attempts):
            try:
                with self.locked() as conn:
                    return step(StoryRows(conn))
            except OperationalError as e:
                if attempt == attempts - 1:
                    raise StoreError(Code.E601, detail=f"{self._safe_url}: {_reason(e)}") from e
                time.sleep(min(5.0, 0.05 * 2 ** attempt) * (1 + random.random()))
        raise AssertionError("unreachable")

    def placed(self, article_ids: Sequence[str]) -> dict[str, str]:
        """Story id per article of ``article_ids`` that is in one."""
        try:
            with self.engine.connect() as conn:
                return StoryRows(conn).placed(article_ids)
        except SQLAlchemyError as e:
            raise StoreError(Code.E601, detail=f"{self._safe_url}: {_reason(e)}") from e

    def unplaced(self, limit: int | None = None) -> list[str]:
        """Stored articles in no story yet, in arrival order (a run killed before placing them)."""
        try:
            with self.engine.connect() as conn:
                return story_rows.unplaced(conn, limit)
        except SQLAlchemyError as e:
            raise StoreError(Code.E601, detail=f"{self._safe_url}: {_reason(e)}") from e

    def _read(self, stmt: Any) -> list[Any]:
        try:
            with self.engine.connect() as conn:
                return list(conn.execute(stmt).mappings())
        except SQLAlchemyError as e:
            raise StoreError(Code.E601, detail=f"{self._safe_url}: {_reason(e)}") from e

    # --- articles ---------------------------------------------------------------------------

    def add(self, items: Iterable[Article | Rejection], batch_size: int = 500,
            progress: Callable[[int], None] | None = None) -> IngestSummary:
        """Store articles and rejections, one transaction per batch; known articles gain an observation.

        Every rejection is stored; the summary counts them all but keeps only a bounded sample,
        so a million bad lines cost no more memory than a hundred.
        """
        ingested = duplicates = 0
        ids: list[str] = []
        new_ids: list[str] = []
        counts: Counter[str] = Counter()
        sample: list[Rejection] = []
        seen = 0
        for batch in _chunks(items, max(1, batch_size)):
            arts, refused = _storable([x for x in batch if isinstance(x, Article)])
            rejs = [x for x in batch if isinstance(x, Rejection)] + refused
            stamp = t.now()
            try:
                with self._begin() as conn:
                    fresh = self._add_articles(conn, arts, stamp)
                    if rejs:
                        conn.execute(t.rejections.insert(), [
                            {"input": _escaped(r.input), "stage": r.stage, "code": r.code,
                             "message": _escaped(r.message), "at": stamp}
                            for r in rejs])
            except SQLAlchemyError as e:
                raise StoreError(Code.E601, detail=f"{self._safe_url}: {_reason(e)}") from e
            for a in arts:
                ids.append(a.id)
            new_ids += fresh
            ingested += len(fresh)
            duplicates += len(arts) - len(fresh)
            counts.update(r.code for r in rejs)
            sample += rejs[:max(0, self.settings.rejection_sample - len(sample))]
            seen += len(batch)
            if progress:
                progress(seen)
        return IngestSummary(ingested, duplicates, sum(counts.values()), tuple(ids), tuple(new_ids), tuple(sample),
                             dict(counts))

    def _add_articles(self, conn: Connection, arts: Sequence[Article], stamp: str) -> list[str]:
        if not arts:
            return []
        wanted = list(dict.fromkeys(a.id for a in arts))
        existing = {r[0] for r in conn.execute(select(t.articles.c.id).where(t.articles.c.id.in_(wanted)))}
        fresh: list[str] = []
        rows = []
        for a in arts:
            if a.id in existing or a.id in fresh:
                continue
            fresh.append(a.id)
            rows.append({**codec.article_to_row(a), "added_at": stamp})
        if rows:
            # another PostgreSQL writer may store the same article meanwhile: it stays one row, stored once
            ins = self._insert(t.articles).on_conflict_do_nothing().returning(t.articles.c.id)
            stored = {r[0] for r in conn.execute(ins, rows)}
            fresh = [x for x in fresh if x in stored]
        obs = [{"article_id": a.id, "url": a.url or "", "input": a.input or "", "fetched": a.fetched,
                "seen_at": stamp} for a in arts]
        conn.execute(self._insert(t.observations).on_conflict_do_nothing(), obs)
        placed = set(fresh)
        versions.place(conn, [versions.Named(a.id, a.source, a.url, a.given_id) for a in arts if a.id in placed])
        story_rows.pending(conn, fresh)  # in no story until placed: committed with the article
        return fresh

    def article(self, id: str) -> Article | None:
        rows = self._read(select(t.articles).where(t.articles.c.id == id))
        return codec.article_from_row(rows[0]) if rows else None

    def articles(self, *, source: str | None = None, since: str | None = None, until: str | None = None,
                 ids: Sequence[str] | None = None, q: str | None = None, limit: int | None = None,
                 offset: int = 0, order: str = "published") -> list[Article]:
        """Stored articles, filtered by outlet, day range, ids or words.

        ``order`` is "published" (oldest first) or "arrival" (the order they were first stored).
        """
        a = t.articles.c
        stmt = _article_filters(select(t.articles), source, since, until, q)
        if ids is not None:
            out: list[Article] = []
            id_list = list(ids)
            for i in range(0, len(id_list), 500):
                out += [codec.article_from_row(r) for r in self._read(stmt.where(a.id.in_(id_list[i:i + 500])))]
            position = {x: i for i, x in enumerate(id_list)}
            out.sort(key=lambda x: position[x.id])
            return out[offset:offset + limit] if limit is not None else out[offset:]
        if order == "arrival":
            first_seen = (select(func.min(t.observations.c.id)).where(t.observations.c.article_id == a.id)
                          .scalar_subquery())
            stmt = stmt.order_by(first_seen, a.id).offset(offset)
        else:
            stmt = stmt.order_by(a.published_day.is_(None), a.published_day, a.published, a.id).offset(offset)
        if limit is not None:
            stmt = stmt.limit(limit)
        return [codec.article_from_row(r) for r in self._read(stmt)]

    def count_articles(self, *, source: str | None = None, since: str | None = None, until: str | None = None,
                       q: str | None = None) -> int:
        """How many stored articles the filters of ``articles`` match."""
        stmt = _article_filters(select(func.count().label("n")).select_from(t.articles), source, since, until, q)
        return int(self._read(stmt)[0]["n"])

    def find(self, ref: str, limit: int = 20) -> list[dict[str, Any]]:
        """Articles that ``ref`` names: its full id, the caller's id (given_id) or a prefix of the id."""
        a, av = t.articles.c, t.article_versions.c
        named = or_(a.id == ref, av.given_id == ref)
        if ref and len(ref) < 40 and all(ch in "0123456789abcdef" for ch in ref):
            named = or_(named, a.id.startswith(ref))
        stmt = (select(a.id, a.source, a.title, a.published, av.given_id, av.first_id, av.version)
                .select_from(t.articles.outerjoin(t.article_versions, av.article_id == a.id))
                .where(named).order_by(a.id).limit(limit))
        return [dict(r) for r in self._read(stmt)]

    def versions(self, ids: Sequence[str]) -> dict[str, list[tuple[str, int]]]:
        """For each article id, every version of its article as (id, version), oldest first."""
        av = t.article_versions.c
        first: dict[str, str] = {}
        id_list = list(dict.fromkeys(ids))
        for i in range(0, len(id_list), 500):
            for r in self._read(select(av.article_id, av.first_id).where(av.article_id.in_(id_list[i:i + 500]))):
                first[r["article_id"]] = r["first_id"]
        chains: dict[str, list[tuple[str, int]]] = {}
        lineages = sorted(set(first.values()))
        for i in range(0, len(lineages), 500):
            stmt = (select(av.article_id, av.first_id, av.version).where(av.first_id.in_(lineages[i:i + 500]))
                    .order_by(av.first_id, av.version))
            for r in self._read(stmt):
                chains.setdefault(r["first_id"], []).append((r["article_id"], r["version"]))
        return {x: chains[first[x]] if x in first else [(x, 1)] for x in id_list}

    def sources(self) -> list[str]:
        return [r["source"] for r in self._read(select(t.articles.c.source).distinct().order_by(t.articles.c.source))]

    def observations(self, article_id: str) -> list[Observation]:
        o = t.observations.c
        rows = self._read(select(t.observations).where(o.article_id == article_id).order_by(o.id))
        return [Observation(r["article_id"], r["url"] or None, r["input"] or None, r["fetched"], r["seen_at"])
                for r in rows]

    def rejections(self, limit: int | None = None) -> list[Rejection]:
        stmt = select(t.rejections).order_by(t.rejections.c.id)
        if limit is not None:
            stmt = stmt.limit(limit)
        return [Rejection(r["input"], r["stage"], r["code"], r["message"]) for r in self._read(stmt)]

    # --- mentions ---------------------------------------------------------------------------

    def save_mentions(self, article_id: str, mentions: Sequence[Mention]) -> None:
        """Replace the mentions of one article."""
        self.save_mentions_many({article_id: mentions})

    def save_mentions_many(self, by_article: Mapping[str, Sequence[Mention]]) -> None:
        """Replace the mentions of each article of ``by_article``, in one transaction (a batch costs one commit)."""
        if not by_article:
            return
        ids = list(by_article)
        rows = []
        for article_id, mentions in by_article.items():
            for i, m in enumerate(mentions):
                d = codec.mention_to_dict(m)
                rows.append({"article_id": article_id, "idx": i, "kind": m.kind, "start": m.start, "end": m.end,
                             "sentence": m.sentence, "value": codec.dumps(d["value"])})
        stamp = t.now()
        with self._begin() as conn:
            for part in range(0, len(ids), 500):
                chunk = ids[part:part + 500]
                conn.execute(delete(t.mentions).where(t.mentions.c.article_id.in_(chunk)))
                conn.execute(delete(t.mention_sets).where(t.mention_sets.c.article_id.in_(chunk)))
            if rows:
                conn.execute(t.mentions.insert(), rows)
            conn.execute(t.mention_sets.insert(), [{"article_id": a, "count": len(by_article[a]), "at": stamp}
                                                    for a in ids])

    def mentions(self, article_id: str) -> list[Mention]:
        return self.mentions_for([article_id]).get(article_id, [])

    def mentions_for(self, article_ids: Sequence[str]) -> dict[str, list[Mention]]:
        """Stored mentions of each article that has a stored mention set (possibly empty)."""
        out: dict[str, list[Mention]] = {}
        ids = list(dict.fromkeys(article_ids))
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for r in self._read(select(t.mention_sets.c.article_id).where(t.mention_sets.c.article_id.in_(chunk))):
                out[r["article_id"]] = []
            m = t.mentions.c
            for r in self._read(select(t.mentions).where(m.article_id.in_(chunk)).order_by(m.article_id, m.idx)):
                value = json.loads(r["value"]) if r["value"] else None
                out.setdefault(r["article_id"], []).append(codec.mention_from_dict(
                    {"kind": r["kind"], "start": r["start"], "end": r["end"], "sentence": r["sentence"],
                     "article_id": r["article_id"], "value": value}))
        return out

    def has_mentions(self, article_id: str) -> bool:
        return bool(self._read(select(t.mention_sets.c.article_id).where(t.mention_sets.c.article_id == article_id)))

    # --- stories ----------------------------------------------------------------------------

    def save_stories(self, stories: Sequence[Story]) -> None:
        """Upsert stories; each article's membership moves to the story that now holds it."""
        if not stories:
            return
        stamp = t.now()
        sa = t.story_articles.c
        with self._begin() as conn:
            before: list[str] = []  # members a story may drop: pending again unless another story holds them
            for st in stories:
                row = {"id": st.id, "title": st.title, "storyline_id": st.storyline_id,
                       "first_seen": st.first_seen, "last_seen": st.last_seen, "updated_at": stamp}
                ins = self._insert(t.stories).values(**row)
                conn.execute(ins.on_conflict_do_update(index_elements=["id"],
                                                       set_={k: v for k, v in row.items() if k != "id"}))
                before += [r[0] for r in conn.execute(select(sa.article_id).where(sa.story_id == st.id))]
                conn.execute(delete(t.story_articles).where(sa.story_id == st.id))
                ids = list(dict.fromkeys(st.article_ids))
                for i in range(0, len(ids), 500):
                    conn.execute(delete(t.story_articles).where(sa.article_id.in_(ids[i:i + 500])))
                if ids:
                    conn.execute(t.story_articles.insert(),
                                 [{"article_id": a, "story_id": st.id, "position": i} for i, a in enumerate(ids)])
            # stories left without articles (absorbed by a merge) are removed; their events stay
            empty = select(t.stories.c.id).where(~t.stories.c.id.in_(select(sa.story_id).distinct()))
            conn.execute(delete(t.stories).where(t.stories.c.id.in_(empty)))
            story_rows.placed_now(conn, [a for st in stories for a in st.article_ids])
            story_rows.orphaned(conn, before)

    def _story_members(self, ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
        sa = t.story_articles.c
        members: dict[str, list[str]] = {i: [] for i in ids}
        for i in range(0, len(ids), 500):
            stmt = select(t.story_articles).where(sa.story_id.in_(list(ids[i:i + 500]))).order_by(sa.story_id, sa.position)
            for r in self._read(stmt):
                members[r["story_id"]].append(r["article_id"])
        return {k: tuple(v) for k, v in members.items()}

    def stories(self, *, q: str | None = None, source: str | None = None, since: str | None = None,
                until: str | None = None, limit: int | None = None, offset: int = 0) -> list[Story]:
        """Stories, most recent first, filtered by title words, outlet and day range."""
        s = t.stories.c
        stmt = select(t.stories)
        if q:
            stmt = stmt.where(s.title.ilike(f"%{q}%"))
        if since:
            stmt = stmt.where(s.last_seen >= since[:10])
        if until:
            stmt = stmt.where(s.first_seen <= until[:10] + "\uffff")
        if source:
            carrying = (select(t.story_articles.c.story_id)
                        .join(t.articles, t.articles.c.id == t.story_articles.c.article_id)
                        .where(t.articles.c.source == source))
            stmt = stmt.where(s.id.in_(carrying))
        stmt = stmt.order_by(s.last_seen.desc(), s.id).offset(offset)
        if limit is not None:
            stmt = stmt.limit(limit)
        rows = self._read(stmt)
        members = self._story_members([r["id"] for r in rows])
        return [codec.story_from_rows(r, members[r["id"]]) for r in rows]

    def story(self, id: str) -> Story | None:
        rows = self._read(select(t.stories).where(t.stories.c.id == id))
        if not rows:
            return None
        return codec.story_from_rows(rows[0], self._story_members([id])[id])

    def story_of(self, article_id: str) -> str | None:
        rows = self._read(select(t.story_articles.c.story_id).where(t.story_articles.c.article_id == article_id))
        return rows[0]["story_id"] if rows else None

    def record_event(self, kind: str, story_id: str, detail: Mapping[str, Any]) -> None:
        with self._begin() as conn:
            conn.execute(t.story_events.insert().values(kind=kind, story_id=story_id,
                                                        detail=codec.dumps(dict(detail)), at=t.now()))

    def events(self, story_id: str | None = None) -> list[dict[str, Any]]:
        e = t.story_events.c
        stmt = select(t.story_events).order_by(e.id)
        if story_id:
            stmt = stmt.where(e.story_id == story_id)
        return [{"kind": r["kind"], "story_id": r["story_id"], "detail": json.loads(r["detail"]), "at": r["at"]}
                for r in self._read(stmt)]

    def save_copies(self, links: Sequence[CopyLink]) -> None:
        if not links:
            return
        rows = {(link.a, link.b): {"a": link.a, "b": link.b, "similarity": float(link.similarity),
                                   "kind": link.kind, "passages": codec.passages_to_json(link)} for link in links}
        ins = self._insert(t.copies)
        upsert = ins.on_conflict_do_update(index_elements=["a", "b"],
                                           set_={k: ins.excluded[k] for k in ("similarity", "kind", "passages")})
        with self._begin() as conn:
            conn.execute(upsert, list(rows.values()))

    def copies(self, article_ids: Sequence[str] | None = None) -> list[CopyLink]:
        c = t.copies.c
        stmt = select(t.copies).order_by(c.a, c.b)
        if article_ids is not None:
            ids = list(article_ids)
            stmt = stmt.where(and_(c.a.in_(ids), c.b.in_(ids)))
        return [codec.copy_from_row(r) for r in self._read(stmt)]

    # --- blobs and reports ------------------------------------------------------------------

    def put_blobs(self, namespace: str, items: Mapping[str, bytes]) -> None:
        if not items:
            return
        with self._begin() as conn:
            for key, value in items.items():
                ins = self._insert(t.blobs).values(namespace=namespace, key=key, value=value)
                conn.execute(ins.on_conflict_do_update(index_elements=["namespace", "key"], set_={"value": value}))

    def get_blobs(self, namespace: str, keys: Sequence[str] | None = None) -> dict[str, bytes]:
        b = t.blobs.c
        stmt = select(t.blobs).where(b.namespace == namespace)
        if keys is None:
            return {r["key"]: bytes(r["value"]) for r in self._read(stmt)}
        out: dict[str, bytes] = {}
        key_list = list(keys)
        for i in range(0, len(key_list), 500):
            for r in self._read(stmt.where(b.key.in_(key_list[i:i + 500]))):
                out[r["key"]] = bytes(r["value"])
        return out

    def save_report(self, key: str, report: Mapping[str, Any]) -> None:
        body = codec.dumps(dict(report))
        with self._begin() as conn:
            ins = self._insert(t.reports).values(key=key, body=body, at=t.now())
            conn.execute(ins.on_conflict_do_update(index_elements=["key"], set_={"body": body, "at": t.now()}))

    def report(self, key: str) -> dict[str, Any] | None:
        rows = self._read(select(t.reports.c.body).where(t.reports.c.key == key))
        return json.loads(rows[0]["body"]) if rows else None

    def migrations(self) -> list[str]:
        return [r["name"] for r in self._read(select(t.migrations_t.c.name).order_by(t.migrations_t.c.name))]


def _article_filters(stmt: Any, source: str | None, since: str | None, until: str | None, q: str | None) -> Any:
    """``stmt`` narrowed to one outlet, a day range and words in the title or text."""
    a = t.articles.c
    if source:
        stmt = stmt.where(a.source == source)
    if since:
        stmt = stmt.where(a.published_day >= since[:10])
    if until:
        stmt = stmt.where(a.published_day <= until[:10])
    if q:
        like = f"%{q}%"
        stmt = stmt.where(or_(a.title.ilike(like), a.text.ilike(like)))
    return stmt


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()

