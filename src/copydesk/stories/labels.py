"""Story labels: representative headline, first/last seen, storyline links (batch path)."""

from __future__ import annotations

from collections import defaultdict
from typing import Sequence

import numpy as np
import scipy.sparse as sp

from copydesk.models import Article, Story
from copydesk.settings import Settings
from copydesk.stories.features import headline, published_day
from copydesk.stories.storylines import link

#: Heaviest centroid terms kept as a story's key for storyline linking.
KEY_TERMS = 16


def title_of(members: Sequence[Article], rows: sp.csr_matrix, centroid: np.ndarray) -> str:
    """The headline of the member closest to the centroid; the first line when none has one."""
    sims = np.asarray(rows @ centroid).ravel()
    for i in np.argsort(-sims, kind="stable"):
        h = headline(members[int(i)])
        if h:
            return h
    first = members[0].text.strip().split("\n", 1)[0]
    return first[:120]


def build_stories(articles: Sequence[Article], labels: Sequence[int], m: sp.csr_matrix,
                  vocab: Sequence[str], settings: Settings | None = None) -> list[Story]:
    """Stories from cluster labels, in order of each story's first article in ``articles``."""
    from copydesk.stories.stream import story_id_for

    members: dict[int, list[int]] = defaultdict(list)
    for i, lab in enumerate(labels):
        members[lab].append(i)
    items = []
    drafts = []
    for lab, idx in sorted(members.items(), key=lambda kv: kv[1][0]):
        arts = [articles[i] for i in idx]
        rows = m[idx]
        centroid = np.asarray(rows.sum(axis=0)).ravel()
        top = np.argsort(-centroid, kind="stable")[:KEY_TERMS]
        key = tuple(vocab[j] for j in top if centroid[j] > 0)
        dated = sorted((d, a.published) for a in arts if (d := published_day(a)) is not None)
        first = dated[0] if dated else (None, None)
        last = dated[-1] if dated else (None, None)
        sid = story_id_for(arts[0])
        items.append((sid, key, first[0].toordinal() if first[0] else None,
                      last[0].toordinal() if last[0] else None))
        drafts.append((sid, title_of(arts, rows, centroid), tuple(a.id for a in arts), first[1], last[1]))
    lines = link(items, int(getattr(settings, "storyline_window_days", 240)))
    return [Story(id=sid, title=title, article_ids=ids, storyline_id=lines.get(sid),
                  first_seen=f, last_seen=la) for sid, title, ids, f, la in drafts]
