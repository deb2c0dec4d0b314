"""Article versions and names: the caller's id of each stored article, and which version of which article it is.

A text that changed at the same outlet and URL gets a new content id, but it is the
next version of one article, not a second outlet's account: it takes the first
version's id as ``first_id`` and the next version number, so that comparisons can
use only the latest and an outlet is never shown disputing itself.
"""

from __future__ import annotations

import json
from typing import Iterable, NamedTuple

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from copydesk.models import Article, content_id
from copydesk.store import schema as t

#: Longer caller ids are echoed from the article's metadata but not indexed for lookup.
MAX_GIVEN_ID = 200


class Named(NamedTuple):
    """What the version table needs of one article."""

    id: str
    source: str
    url: str | None
    given_id: str | None


def url_key(source: str, url: str | None) -> str | None:
    """One key per outlet and URL; None for an article without a URL (it has no other versions)."""
    url = (url or "").strip()
    return content_id(source.strip().lower(), url, size=40) if url else None


def number(items: Iterable[Named], latest: dict[str, tuple[str, int]]) -> list[dict[str, object]]:
    """Version rows for ``items`` in order, continuing ``latest`` (url key -> first id, last version), which grows.

    The one rule for the store and for articles analysed without one.
    """
    rows: list[dict[str, object]] = []
    seen: set[str] = set()
    for x in items:
        if x.id in seen:  # an article seen twice is placed where it was first seen
            continue
        seen.add(x.id)
        key = url_key(x.source, x.url)
        first_id, version = (latest[key][0], latest[key][1] + 1) if key in latest else (x.id, 1)
        if key:
            latest[key] = (first_id, version)
        given = x.given_id if x.given_id and len(x.given_id) <= MAX_GIVEN_ID else None
        rows.append({"article_id": x.id, "given_id": given, "url_key": key, "first_id": first_id,
                     "version": version})
    return rows


def chains(rows: Iterable[dict[str, object]]) -> dict[str, list[tuple[str, int]]]:
    """For each article id of ``rows``, every version of its article as (id, version), oldest first."""
    by_first: dict[object, list[tuple[str, int]]] = {}
    first: dict[str, object] = {}
    for r in rows:
        first[str(r["article_id"])] = r["first_id"]
        by_first.setdefault(r["first_id"], []).append((str(r["article_id"]), int(str(r["version"]))))
    return {x: sorted(by_first[f], key=lambda c: c[1]) for x, f in first.items()}


def place(conn: Connection, items: Iterable[Named]) -> None:
    """Record the version of each article not yet placed, in the order given (arrival order)."""
    av = t.article_versions.c
    todo = list(items)
    ids = list(dict.fromkeys(x.id for x in todo))
    keys = sorted({k for x in todo if (k := url_key(x.source, x.url))})
    placed: set[str] = set()
    latest: dict[str, tuple[str, int]] = {}
    for i in range(0, max(len(ids), len(keys)), 500):
        placed |= {r[0] for r in conn.execute(select(av.article_id).where(av.article_id.in_(ids[i:i + 500])))}
        stmt = (select(av.url_key, av.first_id, func.max(av.version)).where(av.url_key.in_(keys[i:i + 500]))
                .group_by(av.url_key, av.first_id))
        for key, first_id, version in conn.execute(stmt):
            if key not in latest or version > latest[key][1]:
                latest[key] = (first_id, int(version))
    rows = number([x for x in todo if x.id not in placed], latest)
    if rows:
        conn.execute(t.article_versions.insert(), rows)


def backfill(conn: Connection) -> None:
    """Place the articles stored before versions were recorded, in the order they first arrived."""
    a, o = t.articles.c, t.observations.c
    first_seen = select(func.min(o.id)).where(o.article_id == a.id).scalar_subquery()
    rows = conn.execute(select(a.id, a.source, a.url, a.meta).order_by(first_seen, a.id)).all()
    place(conn, [Named(r.id, r.source, r.url, Article(r.id, r.source, "", meta=json.loads(r.meta or "{}")).given_id)
                 for r in rows])
