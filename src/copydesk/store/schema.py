"""One schema for SQLite and PostgreSQL, and the ordered, named migrations that build it."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable

from sqlalchemy import (BigInteger, Column, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, String,
                        Table, Text, UniqueConstraint, exists, func, select)
from sqlalchemy.engine import Connection

from copydesk.errors import Code, StoreError

metadata = MetaData()

migrations_t = Table(
    "migrations", metadata,
    Column("name", String(100), primary_key=True),
    Column("applied_at", String(40), nullable=False),
)

articles = Table(
    "articles", metadata,
    Column("id", String(40), primary_key=True),
    Column("source", Text, nullable=False),
    Column("url", Text), Column("title", Text),
    Column("published", String(40)), Column("published_day", String(10)),
    Column("fetched", String(40)), Column("language", String(16)), Column("byline", Text),
    Column("text", Text, nullable=False), Column("raw", Text), Column("raw_format", String(16)),
    Column("input", Text), Column("meta", Text, nullable=False, default="{}"),
    Column("added_at", String(40), nullable=False),
    Index("ix_articles_source", "source"),
    Index("ix_articles_published_day", "published_day"),
)

observations = Table(
    "observations", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("url", Text, nullable=False, default=""),
    Column("input", Text, nullable=False, default=""),
    Column("fetched", String(40)),
    Column("seen_at", String(40), nullable=False),
    UniqueConstraint("article_id", "url", "input", name="uq_observation"),
)

# What names an article to its caller and which version of it a row is: a changed text at the same
# outlet and URL (one ``url_key``) is the next version of one article (``first_id``, the first version's id).
article_versions = Table(
    "article_versions", metadata,
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("given_id", String(200)),
    Column("url_key", String(40)),
    Column("first_id", String(40), nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_article_versions_given", "given_id"),
    Index("ix_article_versions_url_key", "url_key"),
    Index("ix_article_versions_first", "first_id"),
)

rejections = Table(
    "rejections", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("input", Text, nullable=False), Column("stage", String(16), nullable=False),
    Column("code", String(8), nullable=False), Column("message", Text, nullable=False),
    Column("at", String(40), nullable=False),
)

mention_sets = Table(
    "mention_sets", metadata,
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("count", Integer, nullable=False),
    Column("at", String(40), nullable=False),
)

mentions = Table(
    "mentions", metadata,
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
    Column("sentence", Integer), Column("value", Text),
)

stories = Table(
    "stories", metadata,
    Column("id", String(40), primary_key=True),
    Column("title", Text, nullable=False),
    Column("storyline_id", String(40)),
    Column("first_seen", String(40)), Column("last_seen", String(40)),
    Column("updated_at", String(40), nullable=False),
    Index("ix_stories_last_seen", "last_seen"),
)

story_articles = Table(
    "story_articles", metadata,
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("story_id", String(40), ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Index("ix_story_articles_story", "story_id"),
)

story_events = Table(
    "story_events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False), Column("story_id", String(40), nullable=False),
    Column("detail", Text, nullable=False), Column("at", String(40), nullable=False),
    Index("ix_story_events_story", "story_id"),
)

copies = Table(
    "copies", metadata,
    Column("a", String(40), primary_key=True), Column("b", String(40), primary_key=True),
    Column("similarity", Float, nullable=False), Column("kind", String(16), nullable=False),
    Column("passages", Text, nullable=False, default="[]"),
)

blobs = Table(
    "blobs", metadata,
    Column("namespace", String(64), primary_key=True), Column("key", String(200), primary_key=True),
    Column("value", LargeBinary, nullable=False),
)

reports = Table(
    "reports", metadata,
    Column("key", Text, primary_key=True), Column("body", Text, nullable=False),
    Column("at", String(40), nullable=False),
)

# copydesk watch: each feed's conditional-GET cursor, each entry taken (so a restart refetches nothing),
# and what each story's last event check saw (so an event fires once).
watch_feeds = Table(
    "watch_feeds", metadata,
    Column("url", String(2048), primary_key=True),
    Column("etag", Text), Column("last_modified", Text),
    Column("status", Text, nullable=False, default=""),
    Column("failures", Integer, nullable=False, default=0),
    Column("polled_at", String(40)),
)

watch_items = Table(
    "watch_items", metadata,
    Column("key", String(2048), primary_key=True),
    Column("feed_url", String(2048), nullable=False),
    Column("url", Text), Column("article_id", String(40)),
    Column("state", String(16), nullable=False), Column("code", String(8)),
    Column("at", String(40), nullable=False),
)

watch_stories = Table(
    "watch_stories", metadata,
    Column("story_id", String(40), primary_key=True),
    Column("disputed", Text, nullable=False, default="[]"),
    Column("origins", Integer, nullable=False, default=0),
    Column("at", String(40), nullable=False),
)


# Story assignment state as rows (stories.persist): what the stream compares, indexed by what it looks up.
story_state = Table(
    "story_state", metadata,
    Column("id", String(40), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("title", Text, nullable=False), Column("title_score", Float, nullable=False),
    Column("first_day", Integer), Column("last_day", Integer),
    Column("first_published", String(40)), Column("last_published", String(40)),
    Column("size", Integer, nullable=False),
    Column("live", Integer, nullable=False),
    Column("centroid", Text),  # JSON {term: weight} while live; NULL once frozen
    Column("key", Text, nullable=False, default="[]"),  # JSON key terms once frozen
    Index("ix_story_state_live_last", "live", "last_day"),
)

story_postings = Table(
    "story_postings", metadata,
    Column("term", Text, primary_key=True), Column("pos", Integer, primary_key=True),
    Column("story_id", String(40), nullable=False),
)

story_terms_df = Table(
    "story_terms_df", metadata,
    Column("term", Text, primary_key=True), Column("df", Integer, nullable=False),
)

story_merges = Table(
    "story_merges", metadata,
    Column("merged", String(40), primary_key=True), Column("into", String(40), nullable=False),
    Column("article_id", String(40), nullable=False), Column("at", String(40), nullable=False),
)

stream_meta = Table(
    "stream_meta", metadata,
    Column("key", String(40), primary_key=True), Column("value", Text, nullable=False),
)

lsh_bands = Table(
    "lsh_bands", metadata,
    Column("band", BigInteger, primary_key=True), Column("article_id", String(40), primary_key=True),
)

# Stored articles in no story yet, by arrival (their first observation): written with the article, deleted with
# its placement, so finding what a run left unplaced reads these rows, not the whole archive.
story_pending = Table(
    "story_pending", metadata,
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", BigInteger, nullable=False),
    Index("ix_story_pending_seq", "seq"),
)

STORY_ROW_TABLES = (story_state, story_postings, story_terms_df, story_merges, stream_meta, lsh_bands)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _initial(conn: Connection) -> None:
    metadata.create_all(conn, tables=[t for t in metadata.sorted_tables if t is not migrations_t])


def _article_versions(conn: Connection) -> None:
    """The article_versions table, filled for the articles already stored (in arrival order)."""
    from copydesk.store.versions import backfill

    article_versions.create(conn, checkfirst=True)
    backfill(conn)


def _watch_cursor(conn: Connection) -> None:
    metadata.create_all(conn, tables=[watch_feeds, watch_items, watch_stories], checkfirst=True)


def _story_rows(conn: Connection) -> None:
    """Story state as rows; the old pickled stream blob is deleted unread (unpickling runs code)."""
    metadata.create_all(conn, tables=list(STORY_ROW_TABLES), checkfirst=True)
    conn.execute(blobs.delete().where(blobs.c.namespace == "stories", blobs.c.key == "stream"))


def _story_pending(conn: Connection) -> None:
    """The pending-placement rows, filled with the articles stored but in no story (a full scan, once)."""
    a, sa, o = articles.c, story_articles.c, observations.c
    story_pending.create(conn, checkfirst=True)
    first_seen = select(func.min(o.id)).where(o.article_id == a.id).scalar_subquery()
    todo = select(a.id, func.coalesce(first_seen, 0)).where(~exists().where(sa.article_id == a.id))
    conn.execute(story_pending.insert().from_select(["article_id", "seq"], todo))


Migration = tuple[str, Callable[[Connection], None]]

#: Ordered and named: a database records each one it has applied; never rename or reorder.
MIGRATIONS: tuple[Migration, ...] = (
    ("0001_initial", _initial),
    ("0002_watch_cursor", _watch_cursor),
    ("0003_article_versions", _article_versions),
    ("0004_story_rows", _story_rows),
    ("0005_story_pending", _story_pending),
)


def migrate(conn: Connection) -> list[str]:
    """Apply the migrations this database lacks, recording each; refuse a newer database (E602)."""
    migrations_t.create(conn, checkfirst=True)
    applied = {r[0] for r in conn.execute(select(migrations_t.c.name))}
    known = {name for name, _ in MIGRATIONS}
    unknown = sorted(applied - known)
    if unknown:
        raise StoreError(Code.E602, detail=f"it has migrations {unknown} that this version does not know")
    done = []
    for name, step in MIGRATIONS:
        if name in applied:
            continue
        step(conn)
        conn.execute(migrations_t.insert().values(name=name, applied_at=now()))
        done.append(name)
    return done
