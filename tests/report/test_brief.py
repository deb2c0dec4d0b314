"""The brief: template sentences per claim status, with citations checked against the articles."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from copydesk.errors import CopydeskError
from copydesk.report.brief import build_brief, excerpt, join_names, sides
from copydesk.report.spans import check_citations, sentence_span


def _arts(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in doc["articles"]}


def test_disputed_claim_names_each_side_and_the_difference(doc: dict[str, Any]) -> None:
    item = next(b for b in doc["stories"][0]["brief"] if b.get("claim") == "c-evac")
    assert item["status"] == "disputed"
    assert "Wire Agency and City Radio say “2,300 residents”" in item["text"]
    assert "Morning Daily says “Some 4,000 residents”" in item["text"]
    assert "conflict" in item["text"]
    assert {c["article"] for c in item["citations"]} == {"wire", "radio", "daily"}


def test_one_origin_is_not_counted_as_two_sources(doc: dict[str, Any]) -> None:
    item = next(b for b in doc["stories"][0]["brief"] if b.get("claim") == "c-quote")
    assert item["text"].startswith("Rests on one origin")
    assert "Wire Agency and Morning Daily" in item["text"]


@pytest.mark.parametrize("status,start", [
    ("agreed", "Established:"), ("undetermined", "Undetermined:"),
])
def test_status_templates(doc: dict[str, Any], status: str, start: str) -> None:
    story = copy.deepcopy(doc["stories"][0])
    for c in story["claims"]:
        c["status"] = status
    items = build_brief(story, _arts(doc))
    assert items and all(b["text"].startswith(start) for b in items)


def test_agreed_counts_independent_sources(doc: dict[str, Any]) -> None:
    story = copy.deepcopy(doc["stories"][0])
    story["claims"] = [dict(story["claims"][0], status="agreed", independent_sources=2)]
    (item,) = build_brief(story, _arts(doc))
    assert "(2 independent sources)" in item["text"]


def test_single_outlet_rests_on_one_source(doc: dict[str, Any]) -> None:
    story = copy.deepcopy(doc["stories"][0])
    claim = story["claims"][0]
    story["claims"] = [dict(claim, status="single-source", mentions=claim["mentions"][2:], differences=[])]
    (item,) = build_brief(story, _arts(doc))
    assert item["text"].startswith("Rests on one source") and "reported only by Morning Daily" in item["text"]


def test_every_citation_is_a_sentence_holding_the_claim_words(doc: dict[str, Any]) -> None:
    arts = _arts(doc)
    story = doc["stories"][0]
    claims = {c["id"]: c for c in story["claims"]}
    for b in story["brief"]:
        for cit in b["citations"]:
            cited = arts[cit["article"]]["text"][cit["start"]:cit["end"]]
            words = [m["text"] for m in claims[b["claim"]]["mentions"] if m["article"] == cit["article"]]
            assert any(w in cited for w in words)
            assert cited.rstrip().endswith((".", "”", '"'))


def test_a_shifted_mention_is_refused_with_e501(doc: dict[str, Any]) -> None:
    story = copy.deepcopy(doc["stories"][0])
    m = story["claims"][0]["mentions"][2]
    m["start"], m["end"] = m["start"] + 200, m["end"] + 200  # beyond the daily's first sentence
    with pytest.raises(CopydeskError) as e:
        build_brief(story, _arts(doc))
    assert e.value.code.name == "E501"


@pytest.mark.parametrize("cit,needle", [
    ({"article": "x", "start": 0, "end": 5}, "Storm"),
    ({"article": "x", "start": 3, "end": 2}, ""),
    ({"article": "x", "start": 0, "end": 999}, ""),
    ({"article": "nope", "start": 0, "end": 3}, ""),
])
def test_check_citations_refuses(cit: dict[str, Any], needle: str) -> None:
    with pytest.raises(CopydeskError) as e:
        check_citations([(cit, needle)], {"x": "A storm hit the coast."})
    assert e.value.code.name == "E501"


def test_check_citations_accepts_a_matching_span() -> None:
    check_citations([({"article": "x", "start": 0, "end": 22}, "storm")], {"x": "A storm hit the coast."})


def test_sentence_span_covers_a_mention_across_sentences() -> None:
    text = "First one here. Second one there. Third."
    assert sentence_span(text, 6, 9) == (0, 15)
    assert sentence_span(text, 10, 20) == (0, 33)


def test_helpers() -> None:
    assert join_names(["A", "B", "A", "C"]) == "A, B and C"
    assert excerpt("word " * 100).endswith("…”")
    claim = {"mentions": [{"text": "x", "value": {"date": "2025"}}, {"text": "y", "value": {"date": "2024"}},
                          {"text": "z", "value": {"date": "2025"}}]}
    assert sides(claim) == [[0, 2], [1]]
