"""Article text as HTML: every sentence an anchor, every mention a highlight.

A citation {article, start, end} always starts at a sentence start, so
``anchor_id(article, start)`` is where a citation link lands.
"""

from __future__ import annotations

from html import escape
from typing import Any, Mapping, Sequence

from markupsafe import Markup

from copydesk.report.spans import sentence_starts


def anchor_id(article: str, start: int) -> str:
    """The HTML id of the sentence of ``article`` starting at ``start``."""
    return f"a-{article}-{start}"


def _marks(mentions: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Mentions sorted by start, overlaps dropped (the longer one kept first), entities last."""
    ranked = sorted(mentions, key=lambda m: (m["kind"] == "entity", -(m["end"] - m["start"]), m["start"]))
    kept: list[Mapping[str, Any]] = []
    for m in ranked:
        if m["end"] <= m["start"]:
            continue
        if all(m["end"] <= k["start"] or m["start"] >= k["end"] for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m["start"])


def highlight(text: str, article: str, mentions: Sequence[Mapping[str, Any]] = (),
              links: Mapping[tuple[int, int], str] | None = None,
              cited: set[int] | None = None) -> Markup:
    """``text`` as HTML with sentence anchors and <mark>ed mentions.

    ``links`` maps a mention's (start, end) to a URL (e.g. the claim it supports);
    ``cited`` holds the starts of sentences that some citation points at.
    """
    links = links or {}
    cited = cited or set()
    sents = list(sentence_starts(text)) or [(0, len(text))]
    marks = _marks(mentions)
    out: list[str] = []
    pos = 0
    mi = 0
    for s, e in sents:
        out.append(escape(text[pos:s]))
        cls = "sent cited" if s in cited else "sent"
        out.append(f'<span class="{cls}" id="{anchor_id(article, s)}">')
        cur = s
        while mi < len(marks) and marks[mi]["start"] < e:
            m = marks[mi]
            ms, me = max(m["start"], cur), min(m["end"], e)
            if ms < me:
                out.append(escape(text[cur:ms]))
                words = escape(text[ms:me])
                tip = escape(m.get("title") or m["kind"])
                tag = f'<mark class="m m-{escape(m["kind"])}" title="{tip}">{words}</mark>'
                href = links.get((m["start"], m["end"]))
                if href:
                    tag = f'<a class="m-link" href="{escape(href)}">{tag}</a>'
                out.append(tag)
                cur = me
            if m["end"] <= e:
                mi += 1
            else:
                break
        out.append(escape(text[cur:e]))
        out.append("</span>")
        pos = e
    out.append(escape(text[pos:]))
    return Markup("".join(out))
