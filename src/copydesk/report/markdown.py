"""Markdown rendering of a report document: brief, disputes, timeline, quotes, matrix, mentions."""

from __future__ import annotations

import re
from typing import Any, Mapping

from copydesk.report.spans import sentence_span

_CELL = {"asserts": "●", "silent": "·"}


#: Characters that open Markdown syntax inside a line (emphasis, links, images, code, tables, math).
_SYNTAX = re.compile(r"([\\`*_\[\]#!|~$])")
#: The ":" of "https://" and the "." of "www.": GitHub would link a bare URL without these escapes.
_AUTOLINK = re.compile(r":(?=//)|(?i:(?<=www))\.")
#: A list marker or numbered-list marker where the text starts a line: "- ", "+ ", "1. ", "2) ".
_LEADING = re.compile(r"^(\d{0,9})([-+=]|(?<=\d)[.)](?=\s|$))")
#: HTML-significant characters, written as entities so no renderer reads a tag or a comment.
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
#: "user@host.tld": GitHub links e-mail addresses even with escapes; an invisible joiner stops it.
_EMAIL_AT = re.compile(r"@")
_WORD_JOINER = "\u2060"


def _md(text: str) -> str:
    """Text from an article or an input as inert Markdown: no markup, link, code or HTML comes of it.

    Whitespace collapses to single spaces, so a list item or table cell stays one line.
    """
    flat = "".join(_ENTITIES.get(ch, ch) for ch in " ".join(str(text).split()))
    flat = _AUTOLINK.sub(lambda m: "\\" + m.group(), _SYNTAX.sub(r"\\\1", flat))
    flat = _LEADING.sub(lambda m: m.group(1) + "\\" + m.group(2), flat)
    return _EMAIL_AT.sub("@" + _WORD_JOINER, flat)


def _names(a: Mapping[str, Any]) -> str:
    """What names an article to ``copydesk show``: its id prefix, the caller's id, and which version it is."""
    parts = [f"id {a['id'][:8]}"] + ([f"given id {_md(a['given_id'])}"] if a.get("given_id") else [])
    if len(a.get("versions") or ()) > 1:
        parts.append(f"version {a['version']} of {len(a['versions'])}")
    return ", ".join(parts)


def _cite(c: Mapping[str, Any], arts: Mapping[str, Mapping[str, Any]]) -> str:
    return f"[{_md(arts[c['article']]['source'])} {c['start']}–{c['end']}, {c['article'][:8]}]"


def to_markdown(report: Mapping[str, Any]) -> str:
    """The report as Markdown; citations read [Outlet start–end, article id prefix] (character offsets)."""
    arts = {a["id"]: a for a in report["articles"]}
    out = ["# copydesk report", ""]
    for st in report["stories"]:
        out += [f"## {_md(st['title'])}", "", f"{len(st['articles'])} article(s)", ""]
        for aid in st["articles"]:
            a = arts[aid]
            out.append(f"- **{_md(a['source'])}** ({_md(a['published'] or 'undated')}): {_md(a['title'] or aid)}"
                       f" ({_names(a)})")
        out.append("")
        out += ["### Brief", ""]
        if st.get("overview"):
            out += [_md(st["overview"]["text"]), ""]
        if st.get("brief"):
            for b in st["brief"]:
                cites = " ".join(_cite(c, arts) for c in b["citations"])
                sure = f" ({b['certainty']})" if b.get("certainty") else ""
                out.append(f"{b.get('rank', 1)}. **{b['status']}**{sure} {_md(b['text'])} {cites}")
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
                conf = "; ".join(f"{o['date']} per " + ", ".join(_md(arts[a]["source"]) for a in o["articles"])
                                 for o in ev.get("conflicts", ()))
                out.append(f"| {ev['date']} | {_md(ev['summary'])} | {_md(who)} | {conf} |")
            out.append("")
        if st.get("quotes"):
            out += ["### Quotes", ""]
            for q in st["quotes"]:
                first = arts[q["articles"][0]]["source"]
                out.append(f"- **{_md(q['speaker'] or 'Unnamed speaker')}**: “{_md(q['text'])}” (first: {_md(first)})")
                for v in q.get("variants", ()):
                    diff = " ".join(_md(w) if op == "equal" else (f"~~{_md(w)}~~" if op == "delete" else f"**{_md(w)}**")
                                    for op, w in v["diff"])
                    out.append(f"  - {_md(v['source'])} ({v['type']}): {diff}")
            out.append("")
        if st.get("dependencies"):
            out += ["### Who depends on whom", ""]
            for d in st["dependencies"]:
                x, y = (arts[a]["source"] for a in d["articles"])
                if d.get("origin"):
                    x, y = (arts[a]["source"] for a in sorted(d["articles"], key=lambda a: a == d["origin"]))
                    link = f"{_md(x)} copies {_md(y)}"
                else:
                    link = f"{_md(x)} ↔ {_md(y)}"
                out.append(f"- {link} ({d['score']:.2f}): {_md('; '.join(d.get('evidence', ())))}")
            out.append("")
        mx = st.get("matrix")
        if mx and mx["rows"]:
            out += ["### Claims × sources", "",
                    "| Claim | Status | " + " | ".join(_md(c["source"]) + f" (g{c['group'] + 1})"
                                                       for c in mx["columns"]) + " |",
                    "|---|---|" + "---|" * len(mx["columns"])]
            for r in mx["rows"]:
                cells = [_CELL.get(c["state"], _md(f"≠ {c.get('how') or ''}".strip())) for c in r["cells"]]
                out.append(f"| {_md(r['summary'])} | {r['status']} | " + " | ".join(cells) + " |")
            out += ["", "● asserts · ≠ differs (how) · silent; g = group of outlets with one origin", ""]
        elif st["claims"]:
            for c in st["claims"]:
                out.append(f"- [{c['status']}] {_md(c['summary'])} ({c['independent_sources']} independent)")
            out.append("")
    if report["rejected"]:
        out += ["## Rejected inputs", ""]
        out += [f"- {_md(r['input'])}: {r['code']} {_md(r['message'])}" for r in report["rejected"]]
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
