"""Streaming story assignment with flat per-article cost.

Each arriving article is compared only with the stories found through an
inverted index on its most distinctive terms (posting lists capped to the most
recent stories per term) and inside the story time window. The article joins the
best story above ``story_threshold`` or opens a new one. Story ids are the
content id of the founding article and never change; when one article bridges
two stories they merge into the older one and the merge is recorded as an event.
Stories whose last article is far behind the stream's newest date are frozen:
their centroid is dropped and only a few key terms are kept for storylines.
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from copydesk.models import Article, Story, content_id
from copydesk.settings import Settings
from copydesk.stories.features import article_terms, headline, idf_value, published_day, weigh

#: Distinctive terms of an article used to look up candidate stories.
QUERY_TERMS = 12
#: Most recent stories kept per term in the inverted index.
MAX_POSTINGS = 24
#: Candidate stories scored per article (those sharing the most query terms).
MAX_SCORED = 16
#: Terms kept in a story centroid.
CENTROID_TERMS = 80
#: Terms kept for a frozen story (storyline linking).
KEY_TERMS = 16
#: Extra similarity over the join threshold a second story needs before an article merges the two.
MERGE_MARGIN = 0.15
#: How often (in articles) frozen stories are swept out of memory.
SWEEP_EVERY = 2000


def _truncate(centroid: dict[str, float]) -> dict[str, float]:
    """Keep the heaviest CENTROID_TERMS terms once the centroid has grown to twice that."""
    if len(centroid) <= CENTROID_TERMS * 2:
        return centroid
    return dict(sorted(centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:CENTROID_TERMS])


def query_terms(vec: dict[str, float]) -> list[str]:
    """The article's most distinctive terms (heaviest first): those its candidate stories are looked up by."""
    return sorted(vec, key=lambda t: (-vec[t], t))[:QUERY_TERMS]


def story_id_for(article: Article) -> str:
    """Stable story id: derived from the founding article's content id."""
    return content_id("story", article.id)


@dataclass
class StoryState:
    """What the stream keeps about one story."""

    id: str
    members: list[str]
    centroid: dict[str, float] | None
    first: int | None  # date ordinals
    last: int | None
    title: str
    title_score: float = -1.0
    key: tuple[str, ...] = ()
    first_published: str | None = None
    last_published: str | None = None
    size: int = 0
    seq: int = 0  # creation order: on a merge the older story keeps its id
    _norm: float | None = field(default=None, repr=False, compare=False)

    def norm(self) -> float:
        """The centroid's length, kept until the centroid changes (``changed``)."""
        if self._norm is None:
            self._norm = math.sqrt(sum(v * v for v in (self.centroid or {}).values())) or 1.0
        return self._norm

    def changed(self) -> None:
        self._norm = None


@dataclass
class StoryStream:
    """Online story assignment. ``add`` returns the story id the article went to."""

    settings: Settings | None = None
    events: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        s = self.settings
        self.threshold = float(getattr(s, "story_threshold", 0.3))
        self.window = int(getattr(s, "story_window_days", 4))
        self.df: Counter[str] = Counter()
        self.n_docs = 0
        self.live: dict[str, StoryState] = {}
        self.frozen: dict[str, StoryState] = {}
        self.postings: dict[str, list[str]] = {}
        self.alias: dict[str, str] = {}
        self.article_story: dict[str, str] = {}
        self.newest: int | None = None
        self._since_sweep = 0
        self._opened = 0

    # -- public API -----------------------------------------------------------------
    def add(self, article: Article) -> str:
        """Assign ``article`` to a story (joining, opening or merging) and return the story id."""
        placed = self._placed(article.id)
        if placed is not None:
            return self.resolve(placed)
        counts = Counter(sys.intern(t) for t in self._terms(article))
        self._load_terms(counts)
        idf = self._idf(counts)
        self.n_docs += 1
        self.df.update(counts.keys())
        vec = weigh(counts, idf)
        pub = published_day(article)
        day = pub.toordinal() if pub else None
        query = query_terms(vec)
        self._load_postings(query)
        scored = self._candidates(vec, query, day)
        title = headline(article)
        if scored and scored[0][0] >= self.threshold:
            score, st = scored[0]
            self._join(st, article, vec, day, score, title)
            if len(scored) > 1 and scored[1][0] >= self.threshold + MERGE_MARGIN:
                st = self._merge(st, scored[1][1], article.id)
        else:
            st = StoryState(id=story_id_for(article), members=[], centroid={}, first=day, last=day,
                            title=title or article.text.strip().split("\n", 1)[0][:120],
                            first_published=article.published, last_published=article.published,
                            seq=self._opened)
            self._opened += 1
            self.live[st.id] = st
            self._join(st, article, vec, day, -1.0, title)
            self.events.append({"kind": "open", "story": st.id, "article": article.id})
        for t in query:
            lst = self.postings.setdefault(t, [])
            if st.id not in lst:
                lst.append(st.id)
                if len(lst) > MAX_POSTINGS:
                    del lst[0]
        if day is not None and (self.newest is None or day > self.newest):
            self.newest = day
        self._since_sweep += 1
        if self._since_sweep >= SWEEP_EVERY:
            self.sweep()
        return st.id

    def resolve(self, story_id: str) -> str:
        """The surviving id of a story that may have been merged."""
        while story_id in self.alias:
            story_id = self.alias[story_id]
        return story_id

    def story_of(self, article_id: str) -> str | None:
        sid = self._placed(article_id)
        return self.resolve(sid) if sid else None

    def states(self) -> list[StoryState]:
        """Every story state, live and frozen, in creation order."""
        return sorted([*self.frozen.values(), *self.live.values()], key=lambda s: s.seq)

    def stories(self) -> list[Story]:
        """The stories so far, with storylines linked (see ``storylines``)."""
        from copydesk.stories.storylines import link_states

        states = self.states()
        lines = link_states(states, getattr(self.settings, "storyline_window_days", 240))
        return [Story(id=s.id, title=s.title, article_ids=tuple(s.members),
                      storyline_id=lines.get(s.id), first_seen=s.first_published,
                      last_seen=s.last_published) for s in states]

    def sweep(self) -> None:
        """Freeze stories that can no longer absorb articles (memory stays flat)."""
        self._since_sweep = 0
        if self.newest is None:
            return
        horizon = self.newest - 3 * max(self.window, 1)
        for sid in [k for k, s in self.live.items() if s.last is not None and s.last < horizon]:
            st = self.live.pop(sid)
            st.key = self._key_terms(st.centroid or {})
            st.centroid = None
            self.frozen[sid] = st
        for t in [t for t, lst in self.postings.items() if all(x not in self.live for x in lst)]:
            del self.postings[t]

    # -- state loading: no-ops in memory; a store-backed stream fetches rows here -----
    def _terms(self, article: Article) -> list[str]:
        return article_terms(article)

    def _placed(self, article_id: str) -> str | None:
        """The story an article was placed in (before any merge), or None."""
        return self.article_story.get(article_id)

    def _load_terms(self, terms: Iterable[str]) -> None:
        """Make ``self.df`` hold the document frequency of every term in ``terms``."""

    def _load_postings(self, terms: Sequence[str]) -> None:
        """Make ``self.postings`` hold the posting list of every term in ``terms``."""

    def _load_aliases(self, story_ids: Iterable[str]) -> None:
        """Make ``self.alias`` resolve every id in ``story_ids`` (merged stories to their survivor)."""

    def _load_stories(self, story_ids: Sequence[str]) -> None:
        """Make ``self.live`` hold those of ``story_ids`` (resolved ids) that are live."""

    # -- internals ------------------------------------------------------------------
    def _idf(self, counts: Counter[str]) -> dict[str, float]:
        n = self.n_docs + 1
        # No hapax damping here: a new event's names are unseen when its first article arrives.
        return {t: idf_value(n, self.df.get(t, 0)) for t in counts}

    def _candidates(self, vec: dict[str, float], query: list[str], day: int | None
                    ) -> list[tuple[float, StoryState]]:
        """Stories sharing query terms (the MAX_SCORED with most shared terms), scored by cosine."""
        hits: Counter[str] = Counter()
        self._load_aliases({sid for t in query for sid in self.postings.get(t, ())})
        for t in query:
            for sid in self.postings.get(t, ()):
                hits[self.resolve(sid)] += 1
        top = [sid for sid, _ in sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_SCORED]]
        self._load_stories(top)
        out: list[tuple[float, StoryState]] = []
        for sid in top:
            st = self.live.get(sid)
            if st is None or not st.centroid or not self._in_window(st, day):
                continue
            c = st.centroid
            dot = sum(w * c.get(term, 0.0) for term, w in vec.items())
            out.append((dot / st.norm(), st))
        out.sort(key=lambda x: (-x[0], x[1].id))
        return out

    def _in_window(self, st: StoryState, day: int | None) -> bool:
        if day is None or st.first is None or st.last is None:
            return True
        return st.first - self.window <= day <= st.last + self.window

    def _join(self, st: StoryState, article: Article, vec: dict[str, float], day: int | None,
              score: float, title: str) -> None:
        st.members.append(article.id)
        st.size += 1
        self.article_story[article.id] = st.id
        c = st.centroid if st.centroid is not None else {}
        for t, w in vec.items():
            c[t] = c.get(t, 0.0) + w
        st.centroid = _truncate(c)
        st.changed()
        if day is not None:
            if st.first is None or day < st.first:
                st.first, st.first_published = day, article.published
            if st.last is None or day > st.last:
                st.last, st.last_published = day, article.published
        if score > st.title_score and title:
            st.title, st.title_score = title, score
        if score >= 0:
            self.events.append({"kind": "join", "story": st.id, "article": article.id,
                                "score": round(score, 4)})

    def _merge(self, keep: StoryState, other: StoryState, article_id: str) -> StoryState:
        """Fold the younger of two stories (created later) into the older one; record it."""
        old, young = (keep, other) if keep.seq <= other.seq else (other, keep)
        for aid in young.members:
            self.article_story[aid] = old.id
        old.members.extend(young.members)
        old.size += young.size
        c = old.centroid if old.centroid is not None else {}
        for t, w in (young.centroid or {}).items():
            c[t] = c.get(t, 0.0) + w
        old.centroid = _truncate(c)
        old.changed()
        if young.first is not None and (old.first is None or young.first < old.first):
            old.first, old.first_published = young.first, young.first_published
        if young.last is not None and (old.last is None or young.last > old.last):
            old.last, old.last_published = young.last, young.last_published
        if young.title_score > old.title_score:
            old.title, old.title_score = young.title, young.title_score
        self.live.pop(young.id, None)
        self.alias[young.id] = old.id
        self.events.append({"kind": "merge", "story": old.id, "merged": young.id, "article": article_id})
        return old

    def _key_terms(self, centroid: dict[str, float]) -> tuple[str, ...]:
        return tuple(sorted(centroid, key=lambda t: (-centroid[t], t))[:KEY_TERMS])

    def key_terms(self, st: StoryState) -> tuple[str, ...]:
        return st.key if st.centroid is None else self._key_terms(st.centroid)
