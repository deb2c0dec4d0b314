"""Markdown rendering of a report document: brief, disputes, timeline, quotes, matrix, mentions."""

from __future__ import annotations

from typing import Any, Mapping

from copydesk.report.spans import sentence_span

_CELL = {"asserts": "●", "silent": "·"}


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell or list item."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _cite(c: Mapping[str, Any], arts: Mapping[str, Mapping[str, Any]]) -> str:
    return f"[{arts[c['article']]['source']} {c['start']}–{c['end']}, {c['article'][:8]}]"


def to_markdown(report: Mapping[str, Any]) -> str:
    """The report as Markdown; citations read [Outlet start–end, article id prefix] (character offsets)."""
    arts = {a["id"]: a for a in report["articles"]}
    out = ["# copydesk report", ""]
    for st in report["stories"]:
        out += [f"## {_md(st['title'])}", "", f"{len(st['articles'])} article(s)", ""]
        for aid in st["articles"]:
            a = arts[aid]
            out.append(f"- **{_md(a['source'])}** ({a['published'] or 'undated'}): {_md(a['title'] or aid)}")
        out.append("")
        out += ["### Brief", ""]
        if st.get("brief"):
            for b in st["brief"]:
                cites = " ".join(_cite(c, arts) for c in b["citations"])
                out.append(f"- **{b['status']}** {_md(b['text'])} {cites}")
        else:
            out.append("No claims were extracted for this story.")
        out.append("")
        disputed = [c for c in st["claims"] if c["status"] == "disputed"]
        if disputed:
            out += ["### Disputed claims", ""]
            for c in disputed:
                out.append(f"- **{_md(c['summary'])}**")
                for m in c["mentions"]:
                    out.append(f"  - {_md(arts[m['article']]['source'])}: “{_md(m['text'])}” "
                               f"[{m['start']}–{m['end']}]")
                types = [d["type"] + (f" ({d['note']})" if d["note"] else "")
                         for d in c["differences"] if d["type"] != "same"]
                if types:
                    out.append(f"  - differences: {_md('; '.join(types))}")
            out.append("")
        if st.get("timeline"):
            out += ["### Timeline", "", "| Date | Event | Dated by | Conflict |", "|---|---|---|---|"]
            for ev in st["timeline"]:
                who = ", ".join(dict.fromkeys(arts[a]["source"] for a in ev["articles"]))
                conf = "; ".join(f"{o['date']} per " + ", ".join(arts[a]["source"] for a in o["articles"])
                                 for o in ev.get("conflicts", ()))
                out.append(f"| {ev['date']} | {_md(ev['summary'])} | {_md(who)} | {_md(conf)} |")
            out.append("")
        if st.get("quotes"):
            out += ["### Quotes", ""]
            for q in st["quotes"]:
                first = arts[q["articles"][0]]["source"]
                out.append(f"- **{_md(q['speaker'] or 'Unnamed speaker')}**: “{_md(q['text'])}” (first: {_md(first)})")
                for v in q.get("variants", ()):
                    diff = " ".join(w if op == "equal" else (f"~~{w}~~" if op == "delete" else f"**{w}**")
                                    for op, w in v["diff"])
                    out.append(f"  - {_md(v['source'])} ({v['type']}): {_md(diff)}")
            out.append("")
        mx = st.get("matrix")
        if mx and mx["rows"]:
            out += ["### Claims × sources", "",
                    "| Claim | Status | " + " | ".join(_md(c["source"]) + f" (g{c['group'] + 1})" for c in mx["columns"]) + " |",
                    "|---|---|" + "---|" * len(mx["columns"])]
            for r in mx["rows"]:
                cells = [_CELL.get(c["state"], f"≠ {c.get('how') or ''}".strip()) for c in r["cells"]]
                out.append(f"| {_md(r['summary'])} | {r['status']} | " + " | ".join(cells) + " |")
            out += ["", "● asserts · ≠ differs (how) · silent; g = group of outlets with one origin", ""]
        elif st["claims"]:
            for c in st["claims"]:
                out.append(f"- [{c['status']}] {_md(c['summary'])} ({c['independent_sources']} independent)")
            out.append("")
    if report["rejected"]:
        out += ["## Rejected inputs", ""]
        out += [f"- `{r['input']}`: {r['code']} {_md(r['message'])}" for r in report["rejected"]]
        out.append("")
    listed = [a for a in report["articles"] if a.get("mentions")]
    if listed:
        out += ["## Mentions by article", ""]
        for a in listed:
            out += [f"### {_md(a['source'])}: {_md(a['title'] or a['id'])}", ""]
            for m in a["mentions"]:
                s, e = sentence_span(a["text"], m["start"], m["end"])
                out.append(f"- {m['kind']} “{_md(m['text'])}” [{m['start']}–{m['end']}, sentence {s}–{e}]")
            out.append("")
    return "\n".join(out) + "\n"
