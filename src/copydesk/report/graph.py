"""The dependence graph as a hand-laid SVG: outlets on a circle, edge width by score, arrows origin → copy."""

from __future__ import annotations

import math
from html import escape
from typing import Any, Mapping

from copydesk.report.deps import group_of, sample_groups, story_groups

NODE_RADIUS = 9
#: Articles drawn at most; a larger story is drawn by each group's earliest articles.
MAX_NODES = 60
PALETTE = ("#2563eb", "#d97706", "#059669", "#db2777", "#7c3aed", "#0891b2", "#65a30d", "#dc2626")


def graph_svg(story: Mapping[str, Any], articles: Mapping[str, Mapping[str, Any]], size: int = 420,
              max_nodes: int = MAX_NODES) -> str:
    """An SVG drawing of the story's articles and the dependence edges between them.

    A story of more than ``max_nodes`` articles draws that many, every group in turn keeping
    its earliest ones, and says how many it left out.
    """
    ids = [a for a in story["articles"] if a in articles]
    groups = story_groups(story, ids)
    gid = group_of(groups)
    if len(ids) > max_nodes:
        groups = sample_groups([sorted(g, key=lambda x: articles[x].get("published") or "") for g in groups],
                               max_nodes)
    ordered = [a for g in groups for a in g]
    left_out = len(ids) - len(ordered)
    width = size + 240  # room for outlet names left and right of the circle
    cx, cy = width / 2, size / 2
    r = size / 2 - 50 if len(ordered) > 1 else 0
    pos = {}
    for i, a in enumerate(ordered):
        t = -math.pi / 2 + 2 * math.pi * i / max(len(ordered), 1)
        pos[a] = (cx + r * math.cos(t), cy + r * math.sin(t))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="graph" viewBox="0 0 {width} {size}" '
             f'width="{width}" height="{size}" role="img" aria-label="Dependence between the articles">',
             "<title>Dependence between the articles</title>",
             '<defs><marker id="copies" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="4" markerHeight="4" '
             'orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#475569"/></marker></defs>']
    for d in story.get("dependencies", ()):
        a, b = d["articles"]
        if a not in pos or b not in pos:
            continue
        origin = d.get("origin")
        if origin == b:
            a, b = b, a
        (x1, y1), (x2, y2) = pos[a], pos[b]
        w = 1 + 7 * float(d["score"])
        how = (f"{articles[b]['source']} copies {articles[a]['source']}" if origin in (a, b)
               else f"{articles[a]['source']} – {articles[b]['source']}")
        tip = escape(f"{how}: {float(d['score']):.2f}; " + "; ".join(d.get("evidence", ())))
        arrow = ""
        if origin in (a, b):
            gap = (NODE_RADIUS + 3) / max(math.hypot(x2 - x1, y2 - y1), 1e-9)  # the tip stops at the node's rim
            x2, y2 = x2 - (x2 - x1) * gap, y2 - (y2 - y1) * gap
            arrow = ' marker-end="url(#copies)"'
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#64748b" '
                     f'stroke-opacity="{0.35 + 0.6 * float(d["score"]):.2f}" stroke-width="{w:.1f}" '
                     f'stroke-linecap="round"{arrow}><title>{tip}</title></line>')
    for a in ordered:
        x, y = pos[a]
        color = PALETTE[gid[a] % len(PALETTE)]
        name = escape(articles[a]["source"])
        anchor = "middle" if abs(x - cx) < 20 else ("start" if x > cx else "end")
        dx = 0 if anchor == "middle" else (14 if anchor == "start" else -14)
        dy = -16 if (anchor == "middle" and y < cy) else (24 if anchor == "middle" else 4)
        parts.append(f'<g class="node"><circle cx="{x:.1f}" cy="{y:.1f}" r="{NODE_RADIUS}" fill="{color}" '
                     f'stroke="#fff" stroke-width="2"><title>{name}</title></circle>'
                     f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}" '
                     f'font-size="12" fill="#1e293b">{name}</text></g>')
    if left_out:
        parts.append(f'<text x="{cx}" y="{size - 14}" text-anchor="middle" font-size="12" fill="#64748b">'
                     f"{len(ordered)} of {len(ids)} articles drawn: the earliest of each group</text>")
    elif not story.get("dependencies"):
        parts.append(f'<text x="{cx}" y="{size - 14}" text-anchor="middle" font-size="12" fill="#64748b">'
                     "No dependence found between these articles</text>")
    parts.append("</svg>")
    return "".join(parts)
