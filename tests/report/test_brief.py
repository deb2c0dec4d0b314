"""The brief: template sentences per claim status, with citations checked against the articles."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from copydesk.errors import CopydeskError
from copydesk.report.brief import build_brief, excerpt, join_names, sides
from copydesk.report.spans import check_citations, sentence_span, value_stated


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


def test_agreed_template(doc: dict[str, Any]) -> None:
    story = copy.deepcopy(doc["stories"][0])
    for c in story["claims"]:
        c["status"], c["independent_sources"] = "agreed", 2
    items = build_brief(story, _arts(doc))
    assert len(items) == 3 and all(b["text"].startswith("Established:") for b in items)


def test_undetermined_claims_stay_out_of_the_brief(doc: dict[str, Any]) -> None:
    story = copy.deepcopy(doc["stories"][0])
    for c in story["claims"]:
        c["status"] = "undetermined"
    assert build_brief(story, _arts(doc)) == []


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


TWO = "A storm hit the coast on 3 May 2024. It forced 2,300 residents from their homes."
FIGURE = {"article": "x", "start": 47, "end": 52, "text": "2,300",
          "value": {"amount": 2300.0, "low": None, "high": None, "unit": None, "qualifier": None, "normalized": None}}
DATE = {"article": "x", "start": 25, "end": 35, "text": "3 May 2024", "value": {"date": "2024-05-03", "qualifier": None}}


def _with(m: dict[str, Any], **kw: Any) -> dict[str, Any]:
    return {**m, **kw}


def _amount(n: float) -> dict[str, Any]:
    return {**FIGURE["value"], "amount": n}


@pytest.mark.parametrize("cit,mention,why", [
    ({"article": "x", "start": 0, "end": 36}, FIGURE, "the neighbour sentence"),
    ({"article": "x", "start": 37, "end": 60}, FIGURE, "a fragment of the sentence"),
    ({"article": "x", "start": 0, "end": len(TWO)}, FIGURE, "both sentences"),
    ({"article": "x", "start": 37, "end": len(TWO)}, _with(FIGURE, text="4,000"), "words the article does not read"),
    ({"article": "x", "start": 37, "end": len(TWO)}, _with(FIGURE, value=_amount(4000)), "a value the words do not state"),
    ({"article": "x", "start": 0, "end": 36}, _with(DATE, value={"date": "2025-05-03", "qualifier": None}),
     "a date in another year"),
    ({"article": "x", "start": 37, "end": len(TWO)}, _with(FIGURE, article="y"), "another article's mention"),
    ({"article": "x", "start": 3, "end": 2}, FIGURE, "an empty span"),
    ({"article": "x", "start": 0, "end": 999}, FIGURE, "beyond the article"),
    ({"article": "nope", "start": 0, "end": 3}, FIGURE, "an article not in the report"),
])
def test_a_wrong_citation_is_caught(cit: dict[str, Any], mention: dict[str, Any], why: str) -> None:
    with pytest.raises(CopydeskError) as e:
        check_citations([(cit, mention)], {"x": TWO})
    assert e.value.code.name == "E501", why


@pytest.mark.parametrize("cit,mention", [
    ({"article": "x", "start": 37, "end": len(TWO)}, FIGURE),
    ({"article": "x", "start": 0, "end": 36}, DATE),
    ({"article": "x", "start": 37, "end": len(TWO)}, _with(FIGURE, value=_amount(2_300_000))),  # "2,300 thousand"
    ({"article": "x", "start": 37, "end": len(TWO)}, _with(FIGURE, value=None)),
])
def test_the_sentence_stating_the_mention_is_accepted(cit: dict[str, Any], mention: dict[str, Any]) -> None:
    check_citations([(cit, mention)], {"x": TWO})


@pytest.mark.parametrize("words,value,stated", [
    ("Eleven crew members", {"amount": 11.0}, True),
    ("2.3 million people", {"amount": 2_300_000.0}, True),
    ("between 10 and 20", {"amount": None, "low": 10.0, "high": 20.0}, True),
    ("3/4 of the town", {"amount": 0.75}, True),
    ("-3 degrees", {"amount": -3.0}, True),
    ("17 crew members", {"amount": 11.0}, False),
    ("Sunday", {"date": "2026-03-08"}, True),
    ("the 2024-25 season", {"date": "2025"}, True),
    ("March 3, 2026", {"date": "2025-03-03"}, False),
])
def test_value_stated(words: str, value: dict[str, Any], stated: bool) -> None:
    assert value_stated(words, value) is stated


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
