"""The ranked brief: overview first, disputes between independent outlets, one origin, established; capped."""

from __future__ import annotations

import copy
import dataclasses
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from copydesk import report
from copydesk.models import CopyLink, Dependence
from copydesk.pipeline import Analysis
from copydesk.report.brief import build_brief, build_overview, label
from copydesk.report.deps import copy_chain
from copydesk.report.graph import graph_svg
from copydesk.settings import Settings


def _arts(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in doc["articles"]}


def _with_copy(analysis: Analysis) -> dict[str, Any]:
    """The fixture's analysis where the daily rewrites the wire (earlier published)."""
    doc = report.build(dataclasses.replace(analysis, copies=(CopyLink("wire", "daily", 0.8, "rewrite"),)))
    report.validate(doc)
    return doc


def _established(story: dict[str, Any], claim: dict[str, Any], cid: str, n: int) -> dict[str, Any]:
    return dict(claim, id=cid, status="agreed", independent_sources=n, differences=[])


def test_tiers_in_reading_order(doc: dict[str, Any]) -> None:
    story = copy.deepcopy(doc["stories"][0])
    evac = next(c for c in story["claims"] if c["id"] == "c-evac")
    story["claims"].append(_established(story, evac, "c-agreed", 2))
    items = build_brief(story, _arts(doc))
    assert [b["tier"] for b in items] == ["dispute", "dispute", "one-origin", "established"]
    assert [b["rank"] for b in items] == [1, 2, 3, 4]
    assert items[-1]["claim"] == "c-agreed"


def test_brief_is_capped_by_the_setting(doc: dict[str, Any], analysis: Analysis) -> None:
    assert len(doc["stories"][0]["brief"]) == 3
    capped = report.build(analysis, Settings.load(brief_items=2))
    assert [b["claim"] for b in capped["stories"][0]["brief"]] == [b["claim"] for b in doc["stories"][0]["brief"][:2]]
    assert capped["stories"][0]["overview"]["omitted"] == 1


def test_a_dispute_within_one_origin_stays_in_the_matrix(doc: dict[str, Any]) -> None:
    story = copy.deepcopy(doc["stories"][0])
    evac = next(c for c in story["claims"] if c["id"] == "c-evac")
    evac["mentions"] = [m for m in evac["mentions"] if m["article"] in ("wire", "daily")]
    evac["differences"] = [{"mentions": [0, 1], "type": "conflict", "note": ""}]
    assert "c-evac" not in {b["claim"] for b in build_brief(story, _arts(doc))}


def test_a_single_outlet_fact_outside_its_lead_stays_out(doc: dict[str, Any]) -> None:
    story = copy.deepcopy(doc["stories"][0])
    quote = next(c for c in story["claims"] if c["id"] == "c-quote")
    quote["mentions"] = [m for m in quote["mentions"] if m["article"] == "daily"]  # the daily's second sentence
    assert "c-quote" not in {b["claim"] for b in build_brief(story, _arts(doc))}


@pytest.mark.parametrize("claim,level", [("c-evac", "high"), ("c-when", "medium"), ("c-quote", "medium")])
def test_each_item_says_how_sure(doc: dict[str, Any], claim: str, level: str) -> None:
    item = next(b for b in doc["stories"][0]["brief"] if b["claim"] == claim)
    assert item["certainty"] == level and item["certainty_reason"]
    assert item["text"].endswith(f"How sure: {level}, {item['certainty_reason']}.")


def test_one_origin_names_who_rewrites_whom(analysis: Analysis) -> None:
    doc = _with_copy(analysis)
    dep = next(d for d in doc["stories"][0]["dependencies"] if set(d["articles"]) == {"wire", "daily"})
    assert dep["origin"] == "wire" and dep["copy"] == "rewrite"
    item = next(b for b in doc["stories"][0]["brief"] if b["claim"] == "c-quote")
    assert "Morning Daily rewrites Wire Agency" in item["text"]
    assert "Morning Daily rewrites Wire Agency" in doc["stories"][0]["overview"]["chains"]


def test_undated_copies_have_no_direction(analysis: Analysis) -> None:
    arts = tuple(dataclasses.replace(a, published=None) for a in analysis.articles)
    doc = _with_copy(dataclasses.replace(analysis, articles=arts))
    dep = next(d for d in doc["stories"][0]["dependencies"] if set(d["articles"]) == {"wire", "daily"})
    assert "origin" not in dep and dep["copy"] == "rewrite"
    assert doc["stories"][0]["overview"]["chains"] == []


def test_copy_chain_needs_one_root() -> None:
    deps = [{"articles": ["a", "b"], "score": 0.9, "origin": "a"}, {"articles": ["a", "c"], "score": 0.9, "origin": "a"}]
    assert copy_chain(["a", "b", "c"], deps) == ("a", ["b", "c"], {"rewrite"})
    assert copy_chain(["a", "b", "c"], deps[:1]) is None  # c is linked to nobody
    assert copy_chain(["b", "c"], deps) is None  # two copies, their origin outside


def test_siblings_of_one_origin_get_no_direction(analysis: Analysis) -> None:
    links = (CopyLink("wire", "radio", 0.9, "syndicated"), CopyLink("wire", "daily", 0.9, "syndicated"),
             CopyLink("radio", "daily", 0.9, "syndicated"))
    sa = dataclasses.replace(analysis.stories[0], dependences=(
        Dependence("daily", "wire", 0.95), Dependence("radio", "wire", 0.95), Dependence("daily", "radio", 0.95)))
    doc = report.build(dataclasses.replace(analysis, copies=links, stories=(sa,)))
    origin = {frozenset(d["articles"]): d.get("origin") for d in doc["stories"][0]["dependencies"]}
    assert origin == {frozenset({"wire", "radio"}): "wire", frozenset({"wire", "daily"}): "wire",
                      frozenset({"radio", "daily"}): None}
    assert doc["stories"][0]["overview"]["chains"] == ["City Radio and Morning Daily reprint Wire Agency"]


def test_overview_counts_outlets_origins_and_disputes(doc: dict[str, Any]) -> None:
    ov = doc["stories"][0]["overview"]
    assert (ov["articles"], ov["outlets"], ov["independent_origins"]) == (3, 3, 2)
    assert ov["disputed"] == ["c-evac", "c-when"]
    assert ov["text"].startswith("3 articles from 3 outlets, 2 independent origins.")
    assert "Disputed between independent outlets: residents evacuated (figure); river burst its banks (date)." \
        in ov["text"]


def test_overview_without_disputes_says_so(doc: dict[str, Any]) -> None:
    story = copy.deepcopy(doc["stories"][0])
    story["claims"] = [c for c in story["claims"] if c["status"] != "disputed"]
    ov = build_overview(story, _arts(doc), build_brief(story, _arts(doc)))
    assert ov["disputed"] == [] and "No dispute between independent outlets was found." in ov["text"]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_renderings_lead_with_the_overview_and_keep_the_ranking(analysis: Analysis, fmt: str) -> None:
    doc = _with_copy(analysis)
    text = report.to_markdown(doc) if fmt == "md" else report.to_html(doc)
    brief = doc["stories"][0]["brief"]
    assert text.index("3 articles from 3 outlets") < text.index("Disputed: residents evacuated")
    places = [text.index(b["text"][:40].replace("“", "“")) for b in brief]
    assert places == sorted(places)


def test_graph_arrow_points_from_origin_to_copy(analysis: Analysis) -> None:
    doc = _with_copy(analysis)
    st, arts = doc["stories"][0], _arts(doc)
    svg = graph_svg(st, arts)
    ns = "{http://www.w3.org/2000/svg}"
    lines = ET.fromstring(svg).findall(f".//{ns}line")
    arrows = [ln for ln in lines if ln.get("marker-end")]
    assert len(arrows) == 1 and arrows[0].find(f"{ns}title").text.startswith("Morning Daily copies Wire Agency")
    plain = graph_svg(dict(st, dependencies=[{k: v for k, v in d.items() if k != "origin"}
                                             for d in st["dependencies"]]), arts)
    assert "marker-end" not in plain


@pytest.mark.parametrize("summary,words,expected", [
    ("Helena Marsh: “the fire is contained, but…”", "Helena Marsh said: “The fire is contained, but we…", "Helena Marsh"),
    ("residents evacuated", "2,300 residents", "residents evacuated"),
    ("the mayor: “we will rebuild”", "“Taxes will rise,” the mayor said", "the mayor: “we will rebuild”"),
])
def test_label_drops_a_quote_the_item_repeats(summary: str, words: str, expected: str) -> None:
    assert label(summary, words) == expected


def test_surer_disputes_come_first(doc: dict[str, Any]) -> None:
    story = copy.deepcopy(doc["stories"][0])
    evac = next(c for c in story["claims"] if c["id"] == "c-evac")
    for m in evac["mentions"]:
        m["value"] = None  # the figures read as words only: a dispute copydesk is least sure of
    disputes = [b for b in build_brief(story, _arts(doc)) if b["tier"] == "dispute"]
    assert [(b["claim"], b["certainty"]) for b in disputes] == [("c-when", "medium"), ("c-evac", "low")]


def test_a_bare_figure_dispute_is_the_least_sure(doc: dict[str, Any]) -> None:
    story = copy.deepcopy(doc["stories"][0])
    evac = next(c for c in story["claims"] if c["id"] == "c-evac")
    assert evac["mentions"][2]["value"]["counted"] == "residents"
    evac["mentions"][2]["value"]["counted"] = None  # "4,000" alone: no unit, nothing counted
    item = next(b for b in build_brief(story, _arts(doc)) if b["claim"] == "c-evac")
    assert item["certainty"] == "low" and "neither what it counts nor its unit" in item["certainty_reason"]
