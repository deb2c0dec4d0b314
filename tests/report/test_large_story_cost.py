"""What keeps a large story cheap: one entity index per story, a capped quote board, a compact report file."""

from __future__ import annotations

import json
from typing import Any

import pytest

from copydesk import api, pipeline, report
from copydesk.align.entities import EntityIndex
from copydesk.models import Article, Mention, Quote, Span
from copydesk.report import quotes as quote_board

TEXTS = [
    "Tomasz Wren, the council leader, said the Brenmouth ferry terminal would close for 14 months. "
    "Engineers found cracks in 212 piles during an inspection.",
    "The Brenmouth ferry terminal will close for 14 months, council leader Tomasz Wren said on Tuesday. "
    "Cracks were found in 212 piles.",
    "Wren said repairs to the Brenmouth terminal would cost $48.5 million and take 16 months.",
]


def _articles() -> list[Article]:
    return [Article(id=f"s{i}", source=f"Outlet {i}", text=t, title="Ferry terminal to close",
                    published=f"2025-03-0{i + 1}") for i, t in enumerate(TEXTS)]


def test_the_story_entity_index_is_built_once_and_shared(monkeypatch: pytest.MonkeyPatch) -> None:
    """Alignment, verification and the report read one index per story (each used to build its own)."""
    built: list[str | None] = []
    build = EntityIndex.build

    def counting(articles: Any, mentions: Any, story_id: str | None = None) -> EntityIndex:
        built.append(story_id)
        return build(articles, mentions, story_id)

    monkeypatch.setattr(EntityIndex, "build", counting)
    analysis = pipeline.run(_articles(), one_story_only=True)
    doc = report.build(analysis)
    assert len(built) == 1 and analysis.stories[0].entities is not None
    st = analysis.stories[0]
    fresh = build({a.id: a for a in analysis.articles}, analysis.mentions, st.story.id)
    assert doc["stories"][0]["entities"] == fresh.to_json()


def _quoted(n: int) -> tuple[list[str], dict[str, Article], dict[str, list[Mention]]]:
    """``n`` outlets carrying one quote: the first in full, every other one with a word of its own."""
    words = "We are not taking any chances with a structure that thousands of people use every day"
    arts: dict[str, Article] = {}
    ments: dict[str, list[Mention]] = {}
    for i in range(n):
        said = words if i == 0 else words.replace("thousands of", f"{9000 + i}")
        text = f"“{said},” council leader Tomasz Wren said."
        aid = f"q{i:03d}"
        arts[aid] = Article(id=aid, source=f"Outlet {i}", text=text, published=f"2025-03-{1 + i // 10:02d}")
        q = Quote("Tomasz Wren", Span(text.index("Tomasz"), text.index(" said")), None, Span(1, 1 + len(said)), True)
        ments[aid] = [Mention("quote", 0, len(text), q, article_id=aid)]
    return list(arts), arts, ments


def test_a_widely_carried_quote_lists_its_first_wordings_and_counts_them_all() -> None:
    n = quote_board.MAX_VARIANTS + 7
    board = quote_board.build_quotes(*_quoted(n))
    assert len(board) == 1
    q = board[0]
    assert len(q["mentions"]) == n and len(q["articles"]) == n, "every outlet carrying it stays listed"
    assert len(q["variants"]) == quote_board.MAX_VARIANTS and q["variants_total"] == n - 1
    assert [v["article"] for v in q["variants"]] == [m["article"] for m in q["mentions"][1:quote_board.MAX_VARIANTS + 1]]
    assert all(v["type"] == "drift" and any(op == "insert" for op, _ in v["diff"]) for v in q["variants"])


def test_a_quote_within_the_cap_lists_every_wording_and_no_total() -> None:
    q = quote_board.build_quotes(*_quoted(5))[0]
    assert len(q["variants"]) == 4 and "variants_total" not in q


def test_json_written_to_a_file_is_compact_and_the_same_document() -> None:
    doc = report.build(pipeline.run(_articles(), one_story_only=True))
    pretty, compact = api.render(doc, "json"), api.render(doc, "json", compact=True)
    assert "\n" in pretty and "\n" not in compact and len(compact) < 0.8 * len(pretty)
    assert json.loads(compact) == json.loads(pretty) == json.loads(json.dumps(doc))
