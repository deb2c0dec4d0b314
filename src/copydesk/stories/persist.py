"""Story assignment against the store, with the stream's state kept as rows.

``assign(store, article_ids, settings)`` places stored articles into stories. It
is keyed by article and idempotent: an article already in a story keeps it, so a
run killed anywhere is completed by the next one (``place_pending`` places every
stored article still in no story, in arrival order). It is safe to call from
several processes on one database at once: each chunk of articles is placed in
one transaction holding the store's writer lock (``Store.with_story_rows``), which
reads only what those articles point to (the document frequencies of their
terms, the posting lists of their distinctive terms, the candidate stories) and
commits the placements with the state they changed.

Copies are found first, per chunk, through LSH band keys stored as rows (only
the articles sharing a band are read, at most BAND_READ a band) and MinHash
signatures kept per article as raw 64-bit values: each new article is aligned with
at most MAX_CANDIDATES stored ones, those whose signatures agree most, stopping at
the first it is an exact or syndicated copy of (as ``find_copies`` does in a batch).

Each article's story terms are computed once, before the lock is taken (texts and
headlines parsed in batches), and kept with the article (``TERMS_NS`` blobs): a
retried transaction, a rerun after a kill or ``--repair`` reads them instead of
parsing again; a caller that parsed the article elsewhere (a Dask worker) hands
them over ``prepare``d.
"""

from __future__ import annotations

import hashlib
import json
import logging
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

from copydesk.errors import Code, CopydeskError
from copydesk.models import Article, CopyLink, Rejection
from copydesk.settings import Settings
from copydesk.stories import features
from copydesk.stories import stream as stream_mod
from copydesk.stories.copies import (MAX_CANDIDATES, Token, compare_pair, find_copies, lsh_params, shingles,
                                     signature, tokens)
from copydesk.stories.features import idf_value, weigh
from copydesk.stories.stream import StoryState, StoryStream, query_terms

log = logging.getLogger(__name__)

__all__ = ["assign", "place_pending", "prepare", "prepare_many", "Prepared", "RowStream", "band_keys", "save_terms",
           "stored_terms"]

SIG_NS = "minhash"
#: Blob namespace of each article's story terms (zlib-compressed JSON {term: count}, in reading order).
TERMS_NS = "story_terms"
#: Stored articles read per LSH band key: a band hundreds of copies of one wire report share names them alike.
BAND_READ = 4 * MAX_CANDIDATES


@dataclass(frozen=True)
class Prepared:
    """What placing one article needs from its text, computed where it was parsed (a Dask worker),
    so the process that places it parses nothing: its story terms and its MinHash signature."""

    terms: tuple[str, ...]
    signature: bytes  # the raw uint64 hash values


def prepare(article: Article, settings: Settings) -> Prepared:
    """The story terms and copy signature of ``article`` (see ``assign(prepared=...)``)."""
    return _prepared(article, stream_mod.article_terms(article), settings)


def prepare_many(articles: Sequence[Article], settings: Settings) -> dict[str, Prepared]:
    """``prepare`` for many articles, their texts parsed in batches; one whose terms fail is left out
    (placing it computes them again and rejects it)."""
    return {a.id: _prepared(a, r, settings) for a, r in zip(articles, _terms_of(articles))
            if not isinstance(r, Exception)}


def _prepared(article: Article, terms: Iterable[str], settings: Settings) -> Prepared:
    sig = signature(shingles([t[2] for t in tokens(article.text)], int(settings.shingle_size)),
                    int(settings.minhash_perm))
    return Prepared(tuple(terms), sig.hashvalues.astype(np.uint64).tobytes())


class RowStream(StoryStream):
    """A StoryStream whose state lives in story rows: loaded on demand, written back by ``flush``.

    Lives for one locked transaction (``rows``); assignments are the in-memory
    stream's, article for article.
    """

    def __init__(self, rows: Any, settings: Settings | None) -> None:
        super().__init__(settings)
        self._rows = rows
        meta = rows.meta()
        self.n_docs = int(meta.get("n_docs", 0))
        self.newest = int(meta["newest"]) if meta.get("newest") else None
        self._since_sweep = int(meta.get("since_sweep", 0))
        self._opened = int(meta.get("opened", 0))
        self._positions = int(meta.get("positions", 0))
        self._clear()

    def _clear(self) -> None:
        """Forget everything loaded (after a flush the rows are the truth)."""
        self.df = Counter()
        self.postings = {}
        self.live = {}
        self.alias = {}
        self.article_story = {}
        self.events = []
        self._stored: dict[str, str] = {}
        self._df_read: dict[str, int] = {}
        self._postings_read: dict[str, list[str]] = {}
        self._alias_read: set[str] = set()
        self._stories_read: set[str] = set()
        self._term_cache: dict[str, list[str]] = getattr(self, "_term_cache", {})

    def prefetch(self, articles: Sequence[Article], terms: Mapping[str, Sequence[str]] | None = None) -> None:
        """Read, a few queries for the whole chunk, what placing ``articles`` will look up.

        The stories they are already in, the frequencies and posting lists of their
        terms, and the live stories those lists name; only an article placed after a
        sweep (which empties the cache) reads its own rows. ``terms``: the articles' story
        terms computed beforehand (one missing is computed when it is placed).
        """
        self._stored.update(self._rows.placed([a.id for a in articles]))
        todo = [a for a in articles if a.id not in self._stored]
        self._term_cache.update({a.id: list(terms[a.id]) for a in todo if terms and a.id in terms})
        self._load_terms(sorted({t for a in todo for t in self._term_cache.get(a.id, ())}))
        self._load_postings(self._queries(todo))
        posted = {sid for lst in self.postings.values() for sid in lst}
        self._load_aliases(posted)
        self._load_stories(sorted({self.resolve(sid) for sid in posted}))

    def _queries(self, articles: Sequence[Article]) -> list[str]:
        """The query terms ``add`` will look ``articles`` up by, in order: each one's idf counts the
        articles placed before it in the chunk, as ``add`` does (a sweep mid-chunk, which empties
        the cache, makes the later ones read their own rows)."""
        seen: Counter[str] = Counter()
        want: set[str] = set()
        n = self.n_docs
        for a in articles:
            ts = self._term_cache.get(a.id)
            if ts is None:
                continue
            counts = Counter(ts)
            n += 1
            idf = {t: idf_value(n, self.df.get(t, 0) + seen[t]) for t in counts}
            want.update(query_terms(weigh(counts, idf)))
            seen.update(counts.keys())
        return sorted(want)

    def _terms(self, article: Article) -> list[str]:
        cached = self._term_cache.pop(article.id, None)
        return cached if cached is not None else super()._terms(article)

    # -- loaders ----------------------------------------------------------------------
    def _placed(self, article_id: str) -> str | None:
        return self.article_story.get(article_id) or self._stored.get(article_id)

    def _load_terms(self, terms: Any) -> None:
        missing = [t for t in terms if t not in self._df_read and t not in self.df]
        got = self._rows.df(missing) if missing else {}
        for t in missing:
            self.df[t] = self._df_read[t] = got.get(t, 0)

    def _load_postings(self, terms: Sequence[str]) -> None:
        missing = [t for t in terms if t not in self._postings_read and t not in self.postings]
        got = self._rows.postings(missing) if missing else {}
        for t in missing:
            lst = got.get(t, [])
            self._postings_read[t] = list(lst)
            if lst:
                self.postings[t] = lst

    def _load_aliases(self, story_ids: Any) -> None:
        todo = {s for s in story_ids if s not in self._alias_read}
        while todo:
            found = self._rows.merged_into(sorted(todo))
            self._alias_read |= todo
            for young, old in found.items():
                self.alias.setdefault(young, old)
            todo = {s for s in found.values() if s not in self._alias_read}

    def _load_stories(self, story_ids: Sequence[str]) -> None:
        missing = [s for s in story_ids if s not in self._stories_read and s not in self.live]
        for row in self._rows.states(missing) if missing else ():
            if row["live"]:
                self.live[row["id"]] = _state(row)
        self._stories_read.update(missing)

    # -- writing back -------------------------------------------------------------------
    def flush(self, stamp: str) -> None:
        """Write every change since the last flush into the transaction, then forget the cache."""
        rows = self._rows
        rows.put_df({t: v for t, v in self.df.items() if self._df_read.get(t) != v})
        rows.put_postings({t: lst for t, lst in self.postings.items() if self._postings_read.get(t) != lst})
        touched = list(dict.fromkeys(e["story"] for e in self.events))
        rows.put_states([_row(self.live[s]) for s in touched if s in self.live], stamp)
        for e in self.events:
            if e["kind"] == "merge":
                rows.merge(e["merged"], self.resolve(e["story"]), e["article"], stamp)
        placements = [(a, self.resolve(s)) for a, s in self.article_story.items() if a not in self._stored]
        rows.place(placements, self._positions)
        self._positions += len(placements)
        rows.events([(e["kind"], e["story"], {k: v for k, v in e.items() if k not in ("kind", "story")})
                     for e in self.events], stamp)
        rows.put_meta({"n_docs": str(self.n_docs), "newest": "" if self.newest is None else str(self.newest),
                       "since_sweep": str(self._since_sweep), "opened": str(self._opened),
                       "positions": str(self._positions)})
        self._clear()

    def sweep(self) -> None:
        """Freeze stories that can no longer absorb articles, in the rows (as the in-memory stream does)."""
        self._since_sweep = 0
        if self.newest is None:
            return
        horizon = self.newest - 3 * max(self.window, 1)
        from copydesk.store.schema import now

        stamp = now()
        self.flush(stamp)
        frozen = self._rows.live_before(horizon)
        for row in frozen:
            row.update(live=0, key=self._key_terms(row["centroid"] or {}), centroid=None)
        self._rows.put_states(frozen, stamp)
        self._rows.purge_postings()


def _state(row: dict[str, Any]) -> StoryState:
    return StoryState(id=row["id"], members=[], centroid=row["centroid"], first=row["first_day"],
                      last=row["last_day"], title=row["title"], title_score=row["title_score"], key=row["key"],
                      first_published=row["first_published"], last_published=row["last_published"],
                      size=row["size"], seq=row["seq"])


def _row(st: StoryState) -> dict[str, Any]:
    return {"id": st.id, "seq": st.seq, "title": st.title, "title_score": st.title_score, "first_day": st.first,
            "last_day": st.last, "first_published": st.first_published, "last_published": st.last_published,
            "size": st.size, "live": 1, "centroid": st.centroid, "key": st.key}


# --- copies -----------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _bands(threshold: float, num_perm: int) -> tuple[tuple[int, int], ...]:
    """The (start, end) hash ranges datasketch's LSH picks for this threshold and signature size."""
    return tuple(MinHashLSH(threshold=threshold, num_perm=num_perm, params=lsh_params(threshold, num_perm))
                 .hashranges)


def band_keys(mh: MinHash | np.ndarray, threshold: float) -> list[int]:
    """One signed 64-bit key per LSH band of ``mh`` (a MinHash or its hash values): two articles
    sharing a key are copy candidates."""
    hv = (mh.hashvalues if isinstance(mh, MinHash) else mh).astype(np.uint64)
    out = []
    for i, (start, end) in enumerate(_bands(threshold, len(hv))):
        digest = hashlib.blake2b(i.to_bytes(2, "big") + hv[start:end].tobytes(), digest_size=8).digest()
        out.append(int.from_bytes(digest, "big", signed=True))
    return out


def _old_articles(store: Any, ids: Sequence[str]) -> dict[str, Article]:
    """Earlier articles by id ({} when the store cannot return them: copies fall back to estimates)."""
    if not ids:
        return {}
    try:
        return {a.id: a for a in store.articles(ids=list(ids))}
    except CopydeskError as exc:
        log.info("store could not return articles: %s", exc)
        return {}


def _ranked(shared: Mapping[str, Iterable[str]], old_sigs: Mapping[str, bytes],
            sigs: Mapping[str, np.ndarray]) -> dict[str, list[tuple[str, float]]]:
    """Per new article, its stored candidates by estimated Jaccard (the share of signature values
    they agree on), best first, at most MAX_CANDIDATES; one without a stored signature ranks last."""
    known = sorted({o for c in shared.values() for o in c if o in old_sigs and len(old_sigs[o]) % 8 == 0})
    row = {o: i for i, o in enumerate(known)}
    width = len(next(iter(sigs.values()))) if sigs else 0
    mat = (np.frombuffer(b"".join(old_sigs[o] for o in known), dtype=np.uint64).reshape(len(known), -1)
           if known else np.zeros((0, width), dtype=np.uint64))
    out: dict[str, list[tuple[str, float]]] = {}
    for aid, cands in shared.items():
        idx = [row[o] for o in cands if o in row]
        agree = ((mat[idx] == sigs[aid]).mean(axis=1) if idx and mat.shape[1] == len(sigs[aid])
                 else np.zeros(len(idx)))
        est = dict(zip((o for o in cands if o in row), (float(x) for x in agree)))
        est.update((o, 0.0) for o in cands if o not in row)
        out[aid] = sorted(est.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]
    return out


def _copies(store: Any, articles: Sequence[Article], settings: Settings,
            prepared: Mapping[str, Prepared] | None = None, links: Sequence[CopyLink] | None = None) -> None:
    """Find and save the copies among ``articles`` and between them and the stored articles.

    Reads only what the articles' band keys point to (at most BAND_READ articles a key), and
    aligns each article with its best MAX_CANDIDATES stored candidates at most. ``links``: the
    copies among ``articles`` already found (where they were parsed), used when every one of
    them is ``prepared``.
    """
    num_perm, size = int(settings.minhash_perm), int(settings.shingle_size)
    threshold = float(settings.copy_threshold)
    prepared = prepared or {}
    toks: dict[str, list[Token]] = {}

    def words(a: Article) -> list[Token]:
        if a.id not in toks:
            toks[a.id] = tokens(a.text)
        return toks[a.id]

    sigs = {a.id: np.frombuffer(prepared[a.id].signature, dtype=np.uint64) if a.id in prepared
            else signature(shingles([t[2] for t in words(a)], size), num_perm).hashvalues.astype(np.uint64)
            for a in articles}
    keys = {aid: band_keys(sig, threshold) for aid, sig in sigs.items()}
    own = set(sigs)

    def step(rows: Any) -> tuple[dict[str, list[str]], dict[str, bytes]]:
        holders = rows.band_holders(sorted({k for ks in keys.values() for k in ks}), BAND_READ)
        shared: dict[str, list[str]] = {}
        for aid, ks in keys.items():
            counts = Counter(o for k in dict.fromkeys(ks) for o in holders.get(k, ()) if o not in own)
            # the most bands shared first (a higher Jaccard): only these signatures are read
            shared[aid] = sorted(counts, key=lambda o: (-counts[o], o))[:2 * MAX_CANDIDATES]
        rows.put_bands_many(keys)
        rows.put_blobs(SIG_NS, {aid: sig.tobytes() for aid, sig in sigs.items()})
        return shared, rows.blobs(SIG_NS, sorted({o for c in shared.values() for o in c}))

    shared, old_sigs = store.with_story_rows(step)
    if links is not None and all(a.id in prepared for a in articles):
        found = [link for link in links if link.a in own or link.b in own]
    else:
        found = find_copies(articles, settings, [words(a) for a in articles], [sigs[a.id] for a in articles])
    ranked = _ranked(shared, old_sigs, sigs)
    prev = _old_articles(store, sorted({o for r in ranked.values() for o, _ in r}))
    for a in articles:
        for other, est in ranked[a.id]:
            if other in prev:
                link = compare_pair(prev[other], a, words(prev[other]), words(a))
                if link is not None:
                    found.append(link)
                    if link.kind in ("exact", "syndicated"):
                        break  # a copy of that one: the others it matches are that one's copies too
            elif other in old_sigs:
                found.append(CopyLink(other, a.id, round(est, 4), "rewrite"))
    store.save_copies(found)


# --- story terms ------------------------------------------------------------------------------


def _pack(terms: Iterable[str]) -> bytes:
    return zlib.compress(json.dumps(Counter(terms), ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)


def _unpack(raw: bytes) -> list[str]:
    counts: dict[str, int] = json.loads(zlib.decompress(raw).decode("utf-8"))
    return [t for t, n in counts.items() for _ in range(n)]


def save_terms(store: Any, terms: Mapping[str, Iterable[str]]) -> None:
    """Keep each article's story terms (from ``features.article_terms``) for its placement."""
    if terms:
        store.put_blobs(TERMS_NS, {aid: _pack(ts) for aid, ts in terms.items()})


def stored_terms(store: Any, article_ids: Sequence[str]) -> dict[str, list[str]]:
    """The story terms kept for those of ``article_ids`` that have them."""
    return {aid: _unpack(raw) for aid, raw in store.get_blobs(TERMS_NS, list(article_ids)).items()}


def _terms(store: Any, articles: Sequence[Article],
           prepared: Mapping[str, Prepared] | None = None) -> dict[str, list[str]]:
    """Story terms of ``articles``: the prepared or kept ones read, the others computed once and kept.

    With the parse-based features (the default) the texts are parsed in batches; any other
    ``stream.article_terms`` (a test's, a benchmark's) is called per article. An article
    whose terms fail is left out: placing it computes them again and rejects it.
    """
    given = {a.id: list(prepared[a.id].terms) for a in articles if prepared and a.id in prepared}
    got = {**stored_terms(store, [a.id for a in articles if a.id not in given]), **given}
    todo = [a for a in articles if a.id not in got]
    fresh = {a.id: r for a, r in zip(todo, _terms_of(todo)) if not isinstance(r, Exception)}
    save_terms(store, fresh)
    return {**got, **fresh}


def _terms_of(articles: Sequence[Article]) -> Iterable[list[str] | Exception]:
    """Each article's story terms (or the exception it raised): with the parse-based features (the
    default) the texts parsed in batches, any other ``stream.article_terms`` called per article."""
    if stream_mod.article_terms is features.article_terms:
        return features.terms_many(articles)
    return (_safely(stream_mod.article_terms, a) for a in articles)


def _safely(fn: Any, article: Article) -> list[str] | Exception:
    try:
        return list(fn(article))
    except Exception as exc:  # reported when the article is placed
        return exc


# --- placement --------------------------------------------------------------------------------


def _place(rows: Any, articles: Sequence[Article], settings: Settings,
           rejections: list[Rejection], terms: Mapping[str, Sequence[str]] | None = None) -> dict[str, str]:
    """One locked transaction: place ``articles`` (already placed ones keep their story)."""
    from copydesk.store.schema import now

    rejections.clear()  # a retried transaction starts afresh
    stream = RowStream(rows, settings)
    stream.prefetch(articles, terms)
    got: dict[str, str] = {}
    for a in articles:
        try:
            got[a.id] = stream.add(a)
        except Exception as exc:  # one bad article must not stop the batch
            err = CopydeskError(Code.E301, detail=f"{a.id!r}: {exc.__class__.__name__}: {exc}")
            log.warning("%s", err)
            rejections.append(Rejection(input=str(a.input or a.id), stage="stories", code="E301",
                                        message=err.message))
    out = {aid: stream.resolve(sid) for aid, sid in got.items()}
    stream.flush(now())
    return out


def assign(store: Any, article_ids: Sequence[str], settings: Settings | None = None,
           rejections: list[Rejection] | None = None, copies: bool = True,
           prepared: Mapping[str, Prepared] | None = None, links: Sequence[CopyLink] | None = None) -> list[str]:
    """Place the stored articles ``article_ids`` into stories; their story id each ("" if it failed).

    Idempotent and safe from several processes at once (see the module doc). With
    ``copies`` the copies of each chunk's new articles are found and saved first.
    An article that cannot be placed is appended to ``rejections`` as E301 and the
    rest go on; an id not in the store gets "". ``prepared`` (article id -> its
    ``prepare``) and ``links`` (copies among the prepared articles) were computed
    where the articles were parsed: they replace the parse and the comparisons here.
    """
    settings = settings or Settings.load()
    ids = list(dict.fromkeys(article_ids))
    out: dict[str, str] = {}
    step = max(1, int(settings.batch_size))
    for i in range(0, len(ids), step):
        arts = store.articles(ids=ids[i:i + step])
        placed = store.placed([a.id for a in arts])
        fresh = [a for a in arts if a.id not in placed]
        if copies and fresh:
            _copies(store, fresh, settings, prepared, links)
        failed: list[Rejection] = []
        out.update(placed)
        if fresh:
            terms = _terms(store, fresh, prepared)  # the parse, before the writer lock is taken
            out.update(store.with_story_rows(lambda rows: _place(rows, fresh, settings, failed, terms)))
        if rejections is not None:
            rejections.extend(failed)
    return [out.get(i, "") for i in ids]


def place_pending(store: Any, settings: Settings | None = None,
                  rejections: list[Rejection] | None = None, prepared: Mapping[str, Prepared] | None = None,
                  links: Sequence[CopyLink] | None = None) -> int:
    """Place every stored article that is in no story yet (arrival order); how many were placed.

    ``prepared`` and ``links``: as for ``assign``, for those of them parsed elsewhere.
    """
    pending = store.unplaced()
    return sum(1 for sid in assign(store, pending, settings, rejections, prepared=prepared, links=links) if sid)

