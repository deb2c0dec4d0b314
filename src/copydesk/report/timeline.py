"""The story timeline: every dated event on one axis at its own granularity.

Events come from date claims (one event per claim and date, with conflicts
between outlets named) and from the remaining time mentions with a year, month
or day value. Summaries are claim summaries or the articles' own sentences.
"""

from __future__ import annotations

import re
from typing import Any, Mapping, Sequence

from copydesk.models import Article, Claim, Mention, Time
from copydesk.report.brief import excerpt
from copydesk.report.spans import sentence_span

_CAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$")
_GRAN = {1: "year", 2: "month", 3: "day"}


def calendar_date(t: Time) -> tuple[str, str] | None:
    """(YYYY[-MM[-DD]], granularity) of a dated Time, or None for weeks, seasons, durations..."""
    if t.type not in ("DATE", "TIME"):
        return None
    m = _CAL.match(t.timex or "")
    if not m:
        return None
    parts = [p for p in m.groups() if p]
    return "-".join(parts), _GRAN[len(parts)]


def _mention(m: Mention, article: Article) -> dict[str, Any]:
    from copydesk.report.json import mention_dict

    return mention_dict(m, article)


def build_timeline(claims: Sequence[Claim], articles: Mapping[str, Article],
                   mentions: Mapping[str, Sequence[Mention]]) -> list[dict[str, Any]]:
    """Timeline entries {date, granularity, summary, articles, mentions, conflicts} sorted by date."""
    events: list[dict[str, Any]] = []
    used: set[tuple[str, int, int]] = set()
    for c in claims:
        dated: list[tuple[Mention, tuple[str, str]]] = []
        for m in c.mentions:
            cd = calendar_date(m.value) if isinstance(m.value, Time) else None
            if cd and m.article_id in articles:
                dated.append((m, cd))
        if not dated:
            continue
        by_date: dict[str, list[Mention]] = {}
        gran: dict[str, str] = {}
        for m, (d, g) in dated:
            by_date.setdefault(d, []).append(m)
            gran[d] = g
            used.add((m.article_id, m.start, m.end))
        for d, dms in by_date.items():
            others = [{"date": o, "articles": list(dict.fromkeys(x.article_id for x in oms))}
                      for o, oms in by_date.items() if o != d and not _nested(o, d)]
            events.append({"date": d, "granularity": gran[d], "summary": c.key,
                           "articles": list(dict.fromkeys(m.article_id for m in dms)),
                           "mentions": [_mention(m, articles[m.article_id]) for m in dms],
                           "conflicts": others, "claim": c.id})
    loose: dict[tuple[str, str], list[Mention]] = {}
    gran2: dict[str, str] = {}
    for aid, ams in mentions.items():
        if aid not in articles:
            continue
        for m in ams:
            if m.kind != "time" or not isinstance(m.value, Time) or (aid, m.start, m.end) in used:
                continue
            cd = calendar_date(m.value)
            if not cd:
                continue
            text = articles[aid].text
            s, e = sentence_span(text, m.start, m.end)
            loose.setdefault((cd[0], " ".join(text[s:e].lower().split())[:60]), []).append(m)
            gran2[cd[0]] = cd[1]
    for (d, _), ms in loose.items():
        first = ms[0]
        text = articles[first.article_id].text
        s, e = sentence_span(text, first.start, first.end)
        events.append({"date": d, "granularity": gran2[d], "summary": excerpt(text[s:e]).strip("“”"),
                       "articles": list(dict.fromkeys(m.article_id for m in ms)),
                       "mentions": [_mention(m, articles[m.article_id]) for m in ms],
                       "conflicts": [], "claim": None})
    events.sort(key=lambda e: (e["date"], e["summary"]))
    return events


def _nested(a: str, b: str) -> bool:
    """True when one date contains the other (2026-03 and 2026-03-08 do not conflict)."""
    return a.startswith(b) or b.startswith(a)


def _ordinal(d: str) -> tuple[float, float]:
    """(start, end) of a YYYY[-MM[-DD]] date in days since year 0, for drawing."""
    from datetime import date, timedelta

    parts = [int(p) for p in d.split("-")]
    if len(parts) == 3:
        x = date(*parts).toordinal()
        return x, x
    if len(parts) == 2:
        y, m = parts
        start = date(y, m, 1)
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        return start.toordinal(), (nxt - timedelta(days=1)).toordinal()
    return date(parts[0], 1, 1).toordinal(), date(parts[0], 12, 31).toordinal()


def timeline_svg(events: Sequence[Mapping[str, Any]], sources: Mapping[str, str], width: int = 760) -> str:
    """The timeline as SVG: a day is a point, a month or year a band; conflicts in red."""
    from html import escape

    if not events:
        return ('<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 400 40" width="400" '
                'height="40"><text x="8" y="24" font-size="13" fill="#64748b">No dated events</text></svg>')
    spans = [_ordinal(e["date"]) for e in events]
    lo = min(s for s, _ in spans) - 1
    hi = max(e for _, e in spans) + 1
    left, right, row = 150, 20, 26
    height = 40 + row * len(events)

    def x(v: float) -> float:
        return left + (v - lo) / max(hi - lo, 1) * (width - left - right)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img" aria-label="Timeline">', "<title>Timeline</title>",
           f'<line x1="{left}" y1="{height - 24}" x2="{width - right}" y2="{height - 24}" stroke="#94a3b8"/>',
           f'<text x="{left}" y="{height - 6}" font-size="11" fill="#64748b">{escape(_label(lo + 1))}</text>',
           f'<text x="{width - right}" y="{height - 6}" font-size="11" fill="#64748b" text-anchor="end">'
           f'{escape(_label(hi - 1))}</text>']
    for i, (ev, (s, e)) in enumerate(zip(events, spans)):
        y = 20 + i * row
        color = "#dc2626" if ev.get("conflicts") else "#2563eb"
        who = ", ".join(dict.fromkeys(sources.get(a, a) for a in ev["articles"]))
        tip = escape(f"{ev['date']}: {ev['summary']} ({who})")
        label = escape(ev["date"])
        out.append(f'<g class="event"><title>{tip}</title>'
                   f'<text x="{left - 8}" y="{y + 4}" font-size="12" text-anchor="end" fill="#1e293b">{label}</text>')
        if s == e:
            out.append(f'<circle cx="{x(s):.1f}" cy="{y}" r="6" fill="{color}"/>')
        else:
            out.append(f'<rect x="{x(s):.1f}" y="{y - 6}" width="{max(x(e) - x(s), 4):.1f}" height="12" rx="3" '
                       f'fill="{color}" fill-opacity="0.25" stroke="{color}"/>')
        right_side = x(e) + 10 < width - 230
        if right_side:
            tx, anchor = x(e) + 10, "start"
        elif x(s) - 10 > left + 160:
            tx, anchor = x(s) - 10, "end"
        else:  # a wide band: the words go inside it
            tx, anchor = x(s) + 8, "start"
        out.append(f'<text x="{tx:.1f}" y="{y + 4}" font-size="11" fill="#475569" '
                   f'text-anchor="{anchor}">{escape(_short(ev["summary"]))}</text></g>')
    out.append("</svg>")
    return "".join(out)


def _label(ordinal: float) -> str:
    from datetime import date

    return date.fromordinal(int(ordinal)).isoformat()


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"
