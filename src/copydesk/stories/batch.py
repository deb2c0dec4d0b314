"""Batch grouping: articles -> stories, without being told how many.

Pairwise cosine over typed TF-IDF vectors (see ``features``), damped by the
gap between publication dates, then average-linkage agglomerative clustering
cut at a distance threshold: the number of stories falls out of the cut. A
second stage re-clusters each cluster with idf computed inside it, which
separates two events of one kind (two rehab check-ins, two pirate attacks).
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.cluster import AgglomerativeClustering

from copydesk.models import Article, Story
from copydesk.settings import Settings
from copydesk.stories.features import article_terms, matrix, published_day
from copydesk.stories.labels import build_stories
from copydesk.text import embeddings

log = logging.getLogger(__name__)

#: First-stage average-linkage similarity cut, tuned on ECB+ odd topics
#: (see benchmarks/ecbplus_clustering.py).
BATCH_THRESHOLD = 0.2
#: Second stage: clusters at least this big are split again with idf computed inside them ...
REFINE_MIN_SIZE = 4
#: ... at this similarity cut ...
REFINE_THRESHOLD = 0.21
#: ... with idf damped below this many members (a cluster of 4 says little about rarity).
LOCAL_IDF_FULL_DOCS = 20
#: Beyond the story window, similarity halves with every extra day between two articles.
DECAY_HALF_LIFE_DAYS = 1.0
#: Above this many articles the dense pairwise matrix is too big: group by streaming instead.
MAX_BATCH = 4000


def time_factor(dates: Sequence[date | None], window_days: float) -> np.ndarray:
    """Pairwise damping in [0, 1]: 1 within the window, halving per day beyond it; 1 if undated."""
    n = len(dates)
    ords = np.array([d.toordinal() if d else np.nan for d in dates], dtype=float)
    gap = np.abs(ords[:, None] - ords[None, :]) if n else np.zeros((0, 0))
    over = np.clip(np.nan_to_num(gap, nan=0.0) - window_days, 0.0, None)
    return np.power(0.5, over / DECAY_HALF_LIFE_DAYS)


def embedding_similarity(articles: Sequence[Article]) -> np.ndarray | None:
    """Cosine of sentence embeddings when the optional local model is installed, else None."""
    emb = embeddings.embed([a.text[:2000] for a in articles])
    return None if emb is None else emb @ emb.T


def similarity(articles: Sequence[Article], settings: Settings | None = None,
               dated: bool = True) -> np.ndarray:
    """Pairwise story similarity in [0, 1] (lexical, time-damped, optionally embedding-blended)."""
    m, _, _ = matrix([article_terms(a) for a in articles])
    return similarity_of(m, articles, settings, dated)


def similarity_of(m: sp.csr_matrix, articles: Sequence[Article], settings: Settings | None = None,
                  dated: bool = True) -> np.ndarray:
    """``similarity`` from a precomputed TF-IDF matrix."""
    sim = np.asarray((m @ m.T).todense())
    if getattr(settings, "use_embeddings", False):
        emb = embedding_similarity(articles)
        if emb is not None:
            sim = 0.7 * sim + 0.3 * np.clip(emb, 0.0, 1.0)
    if dated:
        window = float(getattr(settings, "story_window_days", 4))
        sim = sim * time_factor([published_day(a) for a in articles], window)
    np.fill_diagonal(sim, 1.0)
    return np.clip(sim, 0.0, 1.0)


def cluster(sim: np.ndarray, threshold: float) -> list[int]:
    """Average-linkage cut at distance ``1 - threshold``: labels, numbered by first appearance."""
    n = sim.shape[0]
    if n == 0:
        return []
    if n == 1:
        return [0]
    model = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                    distance_threshold=1.0 - threshold)
    raw = model.fit_predict(1.0 - sim)
    first: dict[int, int] = {}
    return [first.setdefault(int(r), len(first)) for r in raw]


def refine(labels: Sequence[int], term_lists: Sequence[list[str]], decay: np.ndarray | None,
           threshold: float = REFINE_THRESHOLD) -> list[int]:
    """Split each cluster again with idf computed inside it.

    Inside a cluster of, say, pirate attacks, "pirate" and "navy" are common and
    the names, ships and places that tell two attacks apart carry the weight.
    """
    out = list(labels)
    nxt = max(out) + 1 if out else 0
    members: dict[int, list[int]] = {}
    for i, lab in enumerate(labels):
        members.setdefault(lab, []).append(i)
    for idx in members.values():
        if len(idx) < REFINE_MIN_SIZE:
            continue
        m, _, _ = matrix([term_lists[i] for i in idx], full_docs=LOCAL_IDF_FULL_DOCS)
        sim = np.asarray((m @ m.T).todense())
        if decay is not None:
            sim = sim * decay[np.ix_(idx, idx)]
        np.fill_diagonal(sim, 1.0)
        sub = cluster(np.clip(sim, 0.0, 1.0), threshold)
        for i, lab in zip(idx, sub):
            if lab > 0:
                out[i] = nxt + lab - 1
        nxt += max(sub)
    first: dict[int, int] = {}
    return [first.setdefault(lab, len(first)) for lab in out]


def group_labels(articles: Sequence[Article], settings: Settings | None = None,
                 dated: bool = True) -> tuple[list[int], sp.csr_matrix, list[str]]:
    """Story label per article (two stages: global cut, then local-idf split), matrix, vocabulary."""
    terms = [article_terms(a) for a in articles]
    m, vocab, _ = matrix(terms)
    threshold = float(getattr(settings, "batch_story_threshold", BATCH_THRESHOLD))
    labs = cluster(similarity_of(m, articles, settings, dated=dated), threshold)
    decay = None
    if dated:
        window = float(getattr(settings, "story_window_days", 4))
        decay = time_factor([published_day(a) for a in articles], window)
    return refine(labs, terms, decay), m, vocab


def group(articles: Sequence[Article], settings: Settings | None = None) -> list[Story]:
    """Batch grouping: stories with titles, dates and storylines."""
    if not articles:
        return []
    labs, m, vocab = group_labels(articles, settings)
    return build_stories(articles, labs, m, vocab, settings)
