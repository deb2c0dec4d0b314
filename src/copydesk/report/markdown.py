"""Markdown rendering of a report document."""

from __future__ import annotations

from typing import Any, Mapping


def to_markdown(report: Mapping[str, Any]) -> str:
    arts = {a["id"]: a for a in report["articles"]}
    out = ["# copydesk report", ""]
    for st in report["stories"]:
        out += [f"## {st['title']}", "", f"{len(st['articles'])} article(s)", ""]
        for aid in st["articles"]:
            a = arts[aid]
            out.append(f"- **{a['source']}** ({a['published'] or 'undated'}): {a['title'] or aid}")
        out.append("")
        for c in st["claims"]:
            out.append(f"- [{c['status']}] {c['summary']} ({c['independent_sources']} independent)")
        out.append("")
    if report["rejected"]:
        out += ["## Rejected inputs", ""]
        out += [f"- `{r['input']}`: {r['code']} {r['message']}" for r in report["rejected"]]
    return "\n".join(out) + "\n"
