"""Story assignment against the store: load stream state, assign, write everything back.

State lives in store blobs: namespace ``stories`` key ``stream`` (the pickled,
compressed StoryStream: trusted local data only) and namespace ``minhash`` (one
MinHash signature per article, so later copies are found without the old texts).
"""

from __future__ import annotations

import logging
import pickle
import zlib
from typing import Any, Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

from copydesk.errors import Code, CopydeskError
from copydesk.models import Article, CopyLink, Rejection
from copydesk.settings import Settings
from copydesk.stories.copies import MINHASH_SCHEME, compare_pair, find_copies, shingles, signature, tokens
from copydesk.stories.stream import StoryStream

log = logging.getLogger(__name__)

STATE_NS, STATE_KEY, SIG_NS = "stories", "stream", "minhash"


def load_stream(store: Any, settings: Settings | None) -> StoryStream:
    """The stream saved in ``store``, or a fresh one."""
    blobs = store.get_blobs(STATE_NS, [STATE_KEY]) or {}
    raw = blobs.get(STATE_KEY)
    if not raw:
        return StoryStream(settings)
    try:
        stream = pickle.loads(zlib.decompress(raw))
    except Exception as exc:
        raise CopydeskError(Code.E301, detail=f"saved story state is unreadable: {exc}") from exc
    stream.settings = settings
    return stream


def _old_articles(store: Any, ids: Sequence[str]) -> dict[str, Article]:
    """Earlier articles by id, from whichever reader the store offers (none: {})."""
    if not ids:
        return {}
    reader = getattr(store, "articles", None)
    if reader is not None:
        try:
            return {a.id: a for a in reader(ids=list(ids))}
        except Exception as exc:  # copies then fall back to MinHash estimates
            log.info("store could not return articles: %s", exc)
            return {}
    single = getattr(store, "article", None)
    out: dict[str, Article] = {}
    if single is not None:
        for i in ids:
            try:
                out[i] = single(i)
            except Exception:
                continue
    return out


def assign(store: Any, articles: Sequence[Article], settings: Settings | None = None,
           rejections: list[Rejection] | None = None) -> list[str]:
    """Assign ``articles`` to stories, persisting stories, events, copies and signatures.

    Returns the story id per article ("" for an article that could not be assigned;
    it is appended to ``rejections`` as E301 and the batch goes on).
    """
    settings = settings or Settings.load()
    stream = load_stream(store, settings)
    n_events = len(stream.events)
    ids: list[str] = []
    good: list[Article] = []
    for a in articles:
        try:
            ids.append(stream.add(a))
            good.append(a)
        except Exception as exc:  # one bad article must not stop the batch
            err = CopydeskError(Code.E301, detail=f"{getattr(a, 'id', a)!r}: {exc}")
            log.warning("%s", err)
            ids.append("")
            if rejections is not None:
                rejections.append(Rejection(input=str(getattr(a, "input", None) or getattr(a, "id", a)),
                                            stage="stories", code="E301", message=err.message))
    articles = good
    num_perm = int(getattr(settings, "minhash_perm", 128))
    size = int(getattr(settings, "shingle_size", 5))
    old = store.get_blobs(SIG_NS) or {}
    lsh = MinHashLSH(threshold=float(getattr(settings, "copy_threshold", 0.5)), num_perm=num_perm)
    for key, raw in old.items():
        hv = np.frombuffer(raw, dtype=np.uint64)
        if len(hv) == num_perm:
            lsh.insert(key, MinHash(num_perm=num_perm, seed=1, hashvalues=hv, scheme=MINHASH_SCHEME))
    links: list[CopyLink] = list(find_copies(articles, settings))
    new_sigs: dict[str, bytes] = {}
    pending: list[tuple[Article, str, MinHash]] = []
    for a in articles:
        mh = signature(shingles([t[2] for t in tokens(a.text)], size), num_perm)
        pending.extend((a, other, mh) for other in lsh.query(mh) if other != a.id)
        new_sigs[a.id] = mh.hashvalues.astype(np.uint64).tobytes()
    prev = _old_articles(store, sorted({other for _, other, _ in pending}))
    for a, other, mh in pending:
        if other in prev:
            link = compare_pair(prev[other], a)
            if link is not None:
                links.append(link)
        else:
            est = MinHash(num_perm=num_perm, seed=1, scheme=MINHASH_SCHEME,
                          hashvalues=np.frombuffer(old[other], dtype=np.uint64)).jaccard(mh)
            links.append(CopyLink(other, a.id, round(float(est), 4), "rewrite"))
    store.put_blobs(SIG_NS, new_sigs)
    store.save_stories(stream.stories())
    for ev in stream.events[n_events:]:
        detail = {k: v for k, v in ev.items() if k not in ("kind", "story")}
        store.record_event(ev["kind"], ev["story"], detail)
    if links:
        store.save_copies(links)
    stream.events.clear()  # recorded in the store; the saved state stays small
    store.put_blobs(STATE_NS, {STATE_KEY: zlib.compress(pickle.dumps(stream, protocol=5))})
    return [stream.resolve(i) if i else "" for i in ids]
