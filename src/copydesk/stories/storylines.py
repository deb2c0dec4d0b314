"""Storylines: stories about one ongoing matter, weeks or months apart, linked together.

Two stories are linked when their key terms (the heaviest terms of their
centroids: names, rare words, numbers) overlap enough and they lie within
``storyline_window_days`` of each other. Linked stories form connected
components; a storyline is named after its earliest story, so adding stories
never renames an existing storyline unless an earlier story joins it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Sequence

from copydesk.grouping import UnionFind

#: Share of the smaller key-term set two stories must have in common to be linked.
STORYLINE_OVERLAP = 0.3
#: Posting-list cap for key terms (very common key terms are not evidence).
MAX_KEY_POSTINGS = 400


def link(items: Sequence[tuple[str, Sequence[str], int | None, int | None]], window_days: int,
         overlap: float = STORYLINE_OVERLAP) -> dict[str, str]:
    """Storyline id per story id, for stories linked to at least one other.

    ``items`` are (story id, key terms, first day ordinal, last day ordinal), in
    creation order; the storyline id is the id of the earliest story in it.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    uf: UnionFind[str] = UnionFind()
    linked: set[str] = set()
    for i, (sid, key, first, last) in enumerate(items):
        keys = set(key)
        if not keys:
            continue
        shared: dict[int, int] = defaultdict(int)
        for t in keys:
            for j in postings.get(t, ()):
                shared[j] += 1
        for j, n in shared.items():
            osid, okey, ofirst, olast = items[j]
            if n < overlap * min(len(keys), len(set(okey))):
                continue
            if not _near(first, last, ofirst, olast, window_days):
                continue
            uf.union(sid, osid)
            linked.update((sid, osid))
        for t in keys:
            lst = postings[t]
            if len(lst) < MAX_KEY_POSTINGS:
                lst.append(i)
    order = {sid: (first if first is not None else 10**9, i)
             for i, (sid, _, first, _) in enumerate(items)}
    groups: dict[str, list[str]] = defaultdict(list)
    for sid in linked:
        groups[uf.find(sid)].append(sid)
    out: dict[str, str] = {}
    for members in groups.values():
        root = min(members, key=lambda s: order[s])
        out.update({m: root for m in members})
    return out


def _near(f1: int | None, l1: int | None, f2: int | None, l2: int | None, window: int) -> bool:
    if None in (f1, l1, f2, l2):
        return True
    assert f1 is not None and l1 is not None and f2 is not None and l2 is not None
    gap = max(f1, f2) - min(l1, l2)
    return gap <= window


def link_states(states: Iterable[object], window_days: int) -> dict[str, str]:
    """``link`` over stream StoryStates (live ones use their centroid, frozen ones their key)."""
    from copydesk.stories.stream import KEY_TERMS

    items = []
    for st in states:
        c = getattr(st, "centroid", None)
        key = (tuple(sorted(c, key=lambda t: (-c[t], t))[:KEY_TERMS]) if c
               else tuple(getattr(st, "key", ())))
        items.append((st.id, key, st.first, st.last))  # type: ignore[attr-defined]
    return link(items, window_days)
