"""Groups of mutually dependent articles (one origin), from the story's dependence edges."""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence

from copydesk.report.resources import DEPENDENT_SCORE


def dependence_groups(article_ids: Sequence[str], dependencies: Iterable[Mapping[str, Any]],
                      threshold: float = DEPENDENT_SCORE) -> list[list[str]]:
    """Connected components of articles linked by a dependence score >= ``threshold``.

    Groups keep the order of ``article_ids``; every article is in exactly one group.
    """
    parent = {a: a for a in article_ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for d in dependencies:
        a, b = d["articles"]
        if a in parent and b in parent and float(d["score"]) >= threshold:
            parent[find(a)] = find(b)
    groups: dict[str, list[str]] = {}
    for a in article_ids:
        groups.setdefault(find(a), []).append(a)
    return list(groups.values())


def group_of(groups: Sequence[Sequence[str]]) -> dict[str, int]:
    """Article id -> index of its group."""
    return {a: i for i, g in enumerate(groups) for a in g}
