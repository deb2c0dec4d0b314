"""Grouping into connected components: the one union-find every stage uses.

The root of a component is always its smallest member, so the components (and any id
read off a root) do not depend on the order in which links were added.
"""

from __future__ import annotations

from typing import Generic, Hashable, Iterable, TypeVar

K = TypeVar("K", bound=Hashable)


class UnionFind(Generic[K]):
    """Disjoint sets over hashable, ordered items, with path halving; unseen items are their own set."""

    def __init__(self, items: Iterable[K] = ()) -> None:
        self.parent: dict[K, K] = {x: x for x in items}

    def find(self, x: K) -> K:
        """The root (smallest member) of the set holding ``x``."""
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: K, b: K) -> bool:
        """Join the sets of ``a`` and ``b``; whether they were apart."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if rb < ra:  # type: ignore[operator]
            ra, rb = rb, ra
        self.parent[rb] = ra
        return True

    def groups(self) -> dict[K, list[K]]:
        """Root -> members, each list in the order the items were first seen."""
        out: dict[K, list[K]] = {}
        for x in list(self.parent):
            out.setdefault(self.find(x), []).append(x)
        return out


def components(items: Iterable[K], pairs: Iterable[tuple[K, K]]) -> list[list[K]]:
    """Connected components of ``items`` linked by ``pairs`` (singletons included), in first-seen order."""
    uf: UnionFind[K] = UnionFind(items)
    for a, b in pairs:
        uf.union(a, b)
    return list(uf.groups().values())
