"""The claim x source matrix: rows claims, columns outlets grouped by dependence.

A large story would make it claims x articles cells (hundreds of thousands), so the
matrix is capped: at most ``MATRIX_ROWS`` claims (the brief's first, then disputed,
then the most widely stated) and ``MATRIX_COLUMNS`` articles (each dependence group's
earliest articles in turn, so every group up to the cap has a column); ``omitted``
says how many of each were left out.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from copydesk.report.brief import sides
from copydesk.report.deps import sample_groups, story_groups
from copydesk.report.resources import RESTATING

#: Claims (rows) and articles (columns) a matrix shows at most.
MATRIX_ROWS = 60
MATRIX_COLUMNS = 60


def _columns(groups: list[list[str]], articles: Mapping[str, Mapping[str, Any]],
             cap: int) -> list[dict[str, Any]]:
    """Up to ``cap`` columns: groups largest first, each group's articles earliest first."""
    groups = sorted(groups, key=lambda g: (-len(g), articles[g[0]]["source"]))
    by_date = [sorted(g, key=lambda x: articles[x].get("published") or "") for g in groups]
    return [{"article": a, "source": articles[a]["source"], "group": gi}
            for gi, g in enumerate(sample_groups(by_date, cap)) for a in g]


def _rows(story: Mapping[str, Any], cap: int) -> list[Mapping[str, Any]]:
    """Up to ``cap`` claims in story order: those the brief cites, then disputed, then the most stated."""
    claims = list(story["claims"])
    if len(claims) <= cap:
        return claims
    briefed = {b.get("claim") for b in story.get("brief", ())}
    rank = sorted(range(len(claims)), key=lambda i: (claims[i]["id"] not in briefed,
                                                     claims[i]["status"] != "disputed",
                                                     -len(claims[i]["mentions"]), i))
    keep = set(rank[:cap])
    return [c for i, c in enumerate(claims) if i in keep]


def _cells(c: Mapping[str, Any], columns: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One claim's cell per column (see ``build_matrix``)."""
    sd = sides(c) if c["mentions"] else []
    main = set(sd[0]) if sd else set()
    diff_type: dict[tuple[int, int], str] = {}
    for d in c["differences"]:
        i, j = d["mentions"]
        diff_type[(i, j)] = diff_type[(j, i)] = d["type"]
    by_article: dict[str, list[int]] = {}
    for i, m in enumerate(c["mentions"]):
        by_article.setdefault(m["article"], []).append(i)
    cells: list[dict[str, Any]] = []
    for col in columns:
        mine = by_article.get(col["article"], [])
        if not mine:
            cells.append({"state": "silent", "how": None})
        elif any(i in main for i in mine):
            how = next((diff_type[(i, j)] for i in mine for j in main
                        if (i, j) in diff_type and diff_type[(i, j)] != "same"), None)
            cells.append({"state": "asserts", "how": how})
        else:
            how = next((diff_type[(i, j)] for i in mine for j in main if (i, j) in diff_type), None)
            if how in RESTATING or (how is None and c["status"] != "disputed"):
                cells.append({"state": "asserts", "how": how})
            else:
                cells.append({"state": "differs", "how": how or "value", "text": c["mentions"][mine[0]]["text"]})
    return cells


def build_matrix(story: Mapping[str, Any], articles: Mapping[str, Mapping[str, Any]],
                 max_rows: int = MATRIX_ROWS, max_columns: int = MATRIX_COLUMNS) -> dict[str, Any]:
    """{"columns": [{article, source, group}], "rows": [{claim, summary, status, cells}], "omitted"}.

    A cell is {"state": "asserts" | "differs" | "silent", "how": difference type or None};
    "differs" means the outlet contradicts the claim's largest side; a restating difference
    (rounding, unit, wording...) still asserts, with ``how`` saying how it restates.
    """
    ids = [a for a in story["articles"] if a in articles]
    columns = _columns(story_groups(story, ids), articles, max_columns)
    shown = _rows(story, max_rows)
    rows = [{"claim": c["id"], "summary": c["summary"], "status": c["status"], "cells": _cells(c, columns)}
            for c in shown]
    return {"columns": columns, "rows": rows,
            "omitted": {"rows": len(story["claims"]) - len(rows), "columns": len(ids) - len(columns)}}
