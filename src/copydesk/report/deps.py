"""Groups of mutually dependent articles (one origin), from the story's dependence edges."""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence

from copydesk.models import Dependence
from copydesk.report.resources import DEPENDENT_SCORE
from copydesk.verify.dependence import groups


def dependence_groups(article_ids: Sequence[str], dependencies: Iterable[Mapping[str, Any]],
                      threshold: float = DEPENDENT_SCORE) -> list[list[str]]:
    """Connected components of articles linked by a dependence score >= ``threshold``.

    The same components verification counts independent sources with; groups keep
    the order of ``article_ids`` and every article is in exactly one group.
    """
    deps = [Dependence(d["articles"][0], d["articles"][1], float(d["score"])) for d in dependencies]
    order = {a: i for i, a in enumerate(article_ids)}
    comps = [sorted(g, key=order.__getitem__) for g in groups(article_ids, deps, threshold)]
    return sorted(comps, key=lambda g: order[g[0]])


def group_of(groups: Sequence[Sequence[str]]) -> dict[str, int]:
    """Article id -> index of its group."""
    return {a: i for i, g in enumerate(groups) for a in g}


def copy_edges(dependencies: Iterable[Mapping[str, Any]],
               threshold: float = DEPENDENT_SCORE) -> list[tuple[str, str, str]]:
    """(origin, copier, copy kind) of every dependence whose direction is known."""
    out = []
    for d in dependencies:
        origin = d.get("origin")
        if origin and float(d["score"]) >= threshold and origin in d["articles"]:
            copier = next(a for a in d["articles"] if a != origin)
            out.append((origin, copier, str(d.get("copy") or "rewrite")))
    return out


def copy_chain(article_ids: Sequence[str],
               dependencies: Iterable[Mapping[str, Any]]) -> tuple[str, list[str], set[str]] | None:
    """(origin, the articles copying it, copy kinds) when all others of ``article_ids`` descend from one."""
    ids = list(dict.fromkeys(article_ids))
    inside = [e for e in copy_edges(dependencies) if e[0] in ids and e[1] in ids]
    copiers = {c for _, c, _ in inside}
    roots = [a for a in ids if a not in copiers]
    if len(ids) < 2 or len(roots) != 1:
        return None
    reached, frontier = {roots[0]}, [roots[0]]
    while frontier:
        at = frontier.pop()
        for o, c, _ in inside:
            if o == at and c not in reached:
                reached.add(c)
                frontier.append(c)
    if reached != set(ids):
        return None
    return roots[0], [a for a in ids if a != roots[0]], {k for _, _, k in inside}


def sample_groups(groups: Sequence[Sequence[str]], cap: int) -> list[list[str]]:
    """At most ``cap`` articles of ``groups``, each group keeping its order: round after round the
    next article of every group, so that every group (up to ``cap`` of them) keeps one at least."""
    chosen: list[list[str]] = [[] for _ in groups]
    left, depth = cap, 0
    while left > 0 and any(depth < len(g) for g in groups):
        for gi, g in enumerate(groups):
            if depth < len(g) and left > 0:
                chosen[gi].append(g[depth])
                left -= 1
        depth += 1
    return chosen


def story_groups(story: Mapping[str, Any], article_ids: Sequence[str]) -> list[list[str]]:
    """The dependence groups of a story's ``article_ids``, as ``dependence_groups`` orders them.

    A paged story lists only some of its edges, so its groups are the ones it names
    (``dependence_groups``); a whole story's edges give the same groups.
    """
    if "page" not in story or "dependence_groups" not in story:
        return dependence_groups(article_ids, story.get("dependencies", ()))
    order = {a: i for i, a in enumerate(article_ids)}
    named = [sorted((a for a in g if a in order), key=order.__getitem__) for g in story["dependence_groups"]]
    grouped = {a for g in named for a in g}
    comps = [g for g in named if g] + [[a] for a in article_ids if a not in grouped]
    return sorted(comps, key=lambda g: order[g[0]])
