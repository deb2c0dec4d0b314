"""Compare two groupings of the same articles (batch vs stream) and say where they differ."""

from __future__ import annotations

from typing import Sequence

from copydesk.models import Story


def compare(batch: Sequence[Story], stream: Sequence[Story]) -> list[str]:
    """One line per difference; empty when both group the articles identically (ids included)."""
    out: list[str] = []
    b_sets = {frozenset(s.article_ids): s for s in batch}
    s_sets = {frozenset(s.article_ids): s for s in stream}
    for members, st in s_sets.items():
        other = b_sets.get(members)
        if other is None:
            holders = sorted({b.id for b in batch for a in members if a in b.article_ids})
            out.append(f"stream story {st.id} ({len(members)} articles) is split or joined "
                       f"differently in batch: batch stories {', '.join(holders) or 'none'}")
        elif other.id != st.id:
            out.append(f"same articles, different ids: batch {other.id} vs stream {st.id}")
    for members, bt in b_sets.items():
        if members not in s_sets:
            out.append(f"batch story {bt.id} ({len(members)} articles) has no identical stream story")
    b_arts = {a for s in batch for a in s.article_ids}
    s_arts = {a for s in stream for a in s.article_ids}
    for a in sorted(b_arts ^ s_arts):
        out.append(f"article {a} is in only one of the two groupings")
    return out
