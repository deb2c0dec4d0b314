"""The claim x source matrix: rows claims, columns outlets grouped by dependence."""

from __future__ import annotations

from typing import Any, Mapping

from copydesk.report.brief import sides
from copydesk.report.deps import dependence_groups
from copydesk.report.resources import RESTATING


def build_matrix(story: Mapping[str, Any], articles: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """{"columns": [{article, source, group}], "rows": [{claim, summary, status, cells}]}.

    A cell is {"state": "asserts" | "differs" | "silent", "how": difference type or None};
    "differs" means the outlet contradicts the claim's largest side; a restating difference
    (rounding, unit, wording...) still asserts, with ``how`` saying how it restates.
    """
    ids = [a for a in story["articles"] if a in articles]
    groups = dependence_groups(ids, story.get("dependencies", ()))
    groups.sort(key=lambda g: (-len(g), articles[g[0]]["source"]))
    columns = [{"article": a, "source": articles[a]["source"], "group": gi}
               for gi, g in enumerate(groups) for a in sorted(g, key=lambda x: articles[x].get("published") or "")]
    rows = []
    for c in story["claims"]:
        sd = sides(c) if c["mentions"] else []
        main = set(sd[0]) if sd else set()
        diff_type: dict[tuple[int, int], str] = {}
        for d in c["differences"]:
            i, j = d["mentions"]
            diff_type[(i, j)] = diff_type[(j, i)] = d["type"]
        cells = []
        for col in columns:
            mine = [i for i, m in enumerate(c["mentions"]) if m["article"] == col["article"]]
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
        rows.append({"claim": c["id"], "summary": c["summary"], "status": c["status"], "cells": cells})
    return {"columns": columns, "rows": rows}
