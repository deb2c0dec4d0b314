"""Story assignment state as rows, read and written inside one locked transaction.

``StoryRows`` wraps the connection of a ``Store.locked`` transaction: every
read sees all committed assignments and every write commits with them, so an
article's placement, the features of the stories it touched, the term
frequencies and the posting lists change together or not at all. Values are
plain: JSON text for term weights, integers for day ordinals; nothing is
unpickled.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Mapping, Sequence

from sqlalchemy import and_, delete, exists, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from copydesk.store import codec
from copydesk.store import schema as t

__all__ = ["StoryRows", "CHUNK"]

#: Ids per IN (...) list.
CHUNK = 500


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


class StoryRows:
    """Reads and writes of the story tables on one transaction's connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._pg = conn.dialect.name == "postgresql"

    def _insert(self, table: Any) -> Any:
        return postgresql.insert(table) if self._pg else sqlite.insert(table)

    # --- reads ------------------------------------------------------------------------------

    def meta(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.conn.execute(select(t.stream_meta.c.key, t.stream_meta.c.value))}

    def placed(self, article_ids: Sequence[str]) -> dict[str, str]:
        """Story id per article that already has one."""
        sa = t.story_articles.c
        out: dict[str, str] = {}
        for part in _chunks(list(article_ids)):
            out.update(self.conn.execute(select(sa.article_id, sa.story_id).where(sa.article_id.in_(part))).all())
        return out

    def df(self, terms: Sequence[str]) -> dict[str, int]:
        c = t.story_terms_df.c
        out: dict[str, int] = {}
        for part in _chunks(list(terms)):
            out.update(self.conn.execute(select(c.term, c.df).where(c.term.in_(part))).all())
        return out

    def postings(self, terms: Sequence[str]) -> dict[str, list[str]]:
        """Story ids per term, oldest posting first."""
        c = t.story_postings.c
        out: dict[str, list[str]] = {}
        for part in _chunks(list(terms)):
            for term, sid in self.conn.execute(select(c.term, c.story_id).where(c.term.in_(part))
                                               .order_by(c.term, c.pos)):
                out.setdefault(term, []).append(sid)
        return out

    def merged_into(self, story_ids: Sequence[str]) -> dict[str, str]:
        """The story each merged-away id was folded into (one step)."""
        c = t.story_merges.c
        out: dict[str, str] = {}
        for part in _chunks(list(story_ids)):
            out.update(self.conn.execute(select(c.merged, c.into).where(c.merged.in_(part))).all())
        return out

    def states(self, story_ids: Sequence[str]) -> list[dict[str, Any]]:
        """story_state rows, ``centroid`` and ``key`` decoded."""
        out = []
        for part in _chunks(list(story_ids)):
            for r in self.conn.execute(select(t.story_state).where(t.story_state.c.id.in_(part))).mappings():
                row = dict(r)
                row["centroid"] = json.loads(row["centroid"]) if row["centroid"] is not None else None
                row["key"] = tuple(json.loads(row["key"] or "[]"))
                out.append(row)
        return out

    def live_before(self, day: int) -> list[dict[str, Any]]:
        """Live stories whose last article is dated before ``day`` (to be frozen)."""
        s = t.story_state.c
        ids = [r[0] for r in self.conn.execute(select(s.id).where(s.live == 1, s.last_day < day))]
        return self.states(ids)

    # --- writes -----------------------------------------------------------------------------

    def put_meta(self, values: Mapping[str, str]) -> None:
        self._upsert(t.stream_meta, ["key"], [{"key": k, "value": v} for k, v in values.items()])

    def put_df(self, df: Mapping[str, int]) -> None:
        self._upsert(t.story_terms_df, ["term"], [{"term": k, "df": v} for k, v in df.items()])

    def put_postings(self, postings: Mapping[str, Sequence[str]]) -> None:
        """Replace the posting list of each term given."""
        terms = list(postings)
        for part in _chunks(terms):
            self.conn.execute(delete(t.story_postings).where(t.story_postings.c.term.in_(part)))
        rows = [{"term": term, "pos": i, "story_id": sid} for term in terms for i, sid in enumerate(postings[term])]
        if rows:
            self.conn.execute(t.story_postings.insert(), rows)

    def purge_postings(self) -> None:
        """Drop the posting lists none of whose stories is live (they can no longer find a candidate)."""
        p, s = t.story_postings.c, t.story_state.c
        alive = (select(t.story_postings.c.term).join(t.story_state, and_(s.id == p.story_id, s.live == 1))
                 .distinct())
        self.conn.execute(delete(t.story_postings).where(p.term.not_in(alive)))

    def put_states(self, rows: Sequence[Mapping[str, Any]], stamp: str) -> None:
        """Upsert story_state rows and the public ``stories`` rows they describe."""
        if not rows:
            return
        # centroid keys keep their order: the stream sums weights in it, so a reload scores the same
        state = [{**r, "centroid": json.dumps(r["centroid"]) if r["centroid"] is not None else None,
                  "key": codec.dumps(list(r["key"]))} for r in rows]
        self._upsert(t.story_state, ["id"], state)
        public = [{"id": r["id"], "title": r["title"], "first_seen": r["first_published"],
                   "last_seen": r["last_published"], "updated_at": stamp} for r in rows]
        self._upsert(t.stories, ["id"], public)

    def merge(self, young: str, old: str, article_id: str, stamp: str) -> None:
        """Record that ``young`` was folded into ``old``: its members move, its rows go, the merge stays."""
        self.conn.execute(update(t.story_articles).where(t.story_articles.c.story_id == young)
                          .values(story_id=old))
        self.conn.execute(delete(t.story_state).where(t.story_state.c.id == young))
        self.conn.execute(delete(t.stories).where(t.stories.c.id == young))
        self._upsert(t.story_merges, ["merged"], [{"merged": young, "into": old, "article_id": article_id,
                                                    "at": stamp}])

    def place(self, placements: Sequence[tuple[str, str]], first_position: int) -> None:
        """Membership rows (article, story); an article already placed keeps its story."""
        rows = [{"article_id": a, "story_id": s, "position": first_position + i}
                for i, (a, s) in enumerate(placements)]
        if rows:
            self.conn.execute(self._insert(t.story_articles).on_conflict_do_nothing(), rows)
        placed_now(self.conn, [a for a, _ in placements])

    def events(self, events: Sequence[tuple[str, str, Mapping[str, Any]]], stamp: str) -> None:
        if events:
            self.conn.execute(t.story_events.insert(), [
                {"kind": k, "story_id": s, "detail": codec.dumps(dict(d)), "at": stamp} for k, s, d in events])

    # --- LSH bands and MinHash signatures (copy candidates) ----------------------------------

    def blobs(self, namespace: str, keys: Sequence[str]) -> dict[str, bytes]:
        b = t.blobs.c
        out: dict[str, bytes] = {}
        for part in _chunks(list(keys)):
            stmt = select(b.key, b.value).where(b.namespace == namespace, b.key.in_(part))
            out.update((k, bytes(v)) for k, v in self.conn.execute(stmt))
        return out

    def put_blobs(self, namespace: str, items: Mapping[str, bytes]) -> None:
        self._upsert(t.blobs, ["namespace", "key"],
                     [{"namespace": namespace, "key": k, "value": v} for k, v in items.items()])

    def band_matches(self, bands: Sequence[int], exclude: Sequence[str]) -> set[str]:
        """Articles sharing at least one band key with ``bands``, other than ``exclude``."""
        c = t.lsh_bands.c
        out: set[str] = set()
        for part in _chunks(list(bands)):
            out.update(r[0] for r in self.conn.execute(select(c.article_id).where(c.band.in_(part)).distinct()))
        return out - set(exclude)

    def band_holders(self, bands: Sequence[int], per_band: int) -> dict[int, list[str]]:
        """Articles holding each band key, at most ``per_band`` a key (one query per CHUNK keys).

        A key that hundreds of copies of one text share names any ``per_band`` of them: the
        read stays bounded however large the archive grows.
        """
        c = t.lsh_bands.c
        out: dict[int, list[str]] = {}
        for part in _chunks(list(bands)):
            rank = func.row_number().over(partition_by=c.band, order_by=c.article_id).label("rank")
            sub = select(c.band, c.article_id, rank).where(c.band.in_(part)).subquery()
            for band, aid in self.conn.execute(select(sub.c.band, sub.c.article_id).where(sub.c.rank <= per_band)):
                out.setdefault(int(band), []).append(aid)
        return out

    def put_bands_many(self, bands: Mapping[str, Sequence[int]]) -> None:
        """Band keys of several articles, in one statement."""
        rows = [{"band": b, "article_id": aid} for aid, keys in bands.items() for b in dict.fromkeys(keys)]
        if rows:
            self.conn.execute(self._insert(t.lsh_bands).on_conflict_do_nothing(), rows)

    def put_bands(self, article_id: str, bands: Sequence[int]) -> None:
        rows = [{"band": b, "article_id": article_id} for b in dict.fromkeys(bands)]
        if rows:
            self.conn.execute(self._insert(t.lsh_bands).on_conflict_do_nothing(), rows)

    def _upsert(self, table: Any, keys: list[str], rows: Sequence[Mapping[str, Any]]) -> None:
        if not rows:
            return
        ins = self._insert(table)
        cols = [c for c in rows[0] if c not in keys]
        stmt = (ins.on_conflict_do_update(index_elements=keys, set_={c: ins.excluded[c] for c in cols})
                if cols else ins.on_conflict_do_nothing())
        self.conn.execute(stmt, list(rows))


def unplaced(conn: Connection, limit: int | None = None) -> list[str]:
    """Stored articles in no story, in the order they first arrived (read off the pending rows)."""
    p, sa = t.story_pending.c, t.story_articles.c
    stmt = (select(p.article_id).where(~exists().where(sa.article_id == p.article_id)).order_by(p.seq, p.article_id))
    if limit is not None:
        stmt = stmt.limit(limit)
    return [r[0] for r in conn.execute(stmt)]


def pending(conn: Connection, article_ids: Sequence[str]) -> None:
    """Mark newly stored articles as waiting for a story, in arrival order (their first observation)."""
    o = t.observations.c
    for part in _chunks(list(article_ids)):
        first = select(o.article_id, func.min(o.id)).where(o.article_id.in_(part)).group_by(o.article_id)
        ins = (postgresql if conn.dialect.name == "postgresql" else sqlite).insert(t.story_pending)
        conn.execute(ins.from_select(["article_id", "seq"], first).on_conflict_do_nothing())


def placed_now(conn: Connection, article_ids: Sequence[str]) -> None:
    """The articles have a story: no longer pending."""
    for part in _chunks(list(article_ids)):
        conn.execute(delete(t.story_pending).where(t.story_pending.c.article_id.in_(part)))


def orphaned(conn: Connection, article_ids: Sequence[str]) -> None:
    """Those of the articles that are in no story (any more) become pending again."""
    sa, a = t.story_articles.c, t.articles.c
    for part in _chunks(list(article_ids)):
        lost = [r[0] for r in conn.execute(select(a.id).where(a.id.in_(part), ~exists().where(sa.article_id == a.id)))]
        if lost:
            pending(conn, lost)
