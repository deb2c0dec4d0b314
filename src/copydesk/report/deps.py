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
