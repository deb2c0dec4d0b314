"""Timeline, quote board, matrix, dependence graph and renderings of a hand-made analysis."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from copydesk import report
from copydesk.models import Time
from copydesk.report.deps import dependence_groups
from copydesk.report.graph import graph_svg
from copydesk.report.quotes import variant_type, word_diff
from copydesk.report.timeline import calendar_date, timeline_svg


@pytest.mark.parametrize("timex,typ,expected", [
    ("2025-05-14", "DATE", ("2025-05-14", "day")),
    ("2025-05", "DATE", ("2025-05", "month")),
    ("2025", "DATE", ("2025", "year")),
    ("2025-05-14T09:30", "TIME", ("2025-05-14", "day")),
    ("2025-W20", "DATE", None),
    ("2025-SU", "DATE", None),
    ("P2Y", "DURATION", None),
    ("PAST_REF", "DATE", None),
])
def test_calendar_date(timex: str, typ: str, expected: tuple[str, str] | None) -> None:
    assert calendar_date(Time(timex, typ)) == expected  # type: ignore[arg-type]


def test_timeline_orders_events_and_names_conflicts(doc: dict[str, Any]) -> None:
    tl = doc["stories"][0]["timeline"]
    assert [e["date"] for e in tl] == ["2025-05", "2025-05-14", "2025-05-15"]
    day14 = tl[1]
    assert day14["articles"] == ["wire", "radio"] and day14["granularity"] == "day"
    assert day14["conflicts"] == [{"date": "2025-05-15", "articles": ["daily"]}]
    assert tl[0]["conflicts"] == [], "a month containing the day is no conflict"


def test_timeline_svg_draws_days_as_points_and_months_as_bands(doc: dict[str, Any]) -> None:
    svg = timeline_svg(doc["stories"][0]["timeline"], {"wire": "Wire Agency"})
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert len(root.findall(f".//{ns}circle")) == 2 and len(root.findall(f".//{ns}rect")) == 1
    assert 'fill="#dc2626"' in svg  # conflicting dates drawn in red


def test_quote_board_groups_variants_earliest_first(doc: dict[str, Any]) -> None:
    (q,) = doc["stories"][0]["quotes"]
    assert q["speaker"] == "Jana Holub" and q["articles"] == ["wire", "radio", "daily"]
    types = {v["source"]: v["type"] for v in q["variants"]}
    assert types == {"City Radio": "drift", "Morning Daily": "verbatim"}
    radio = next(v for v in q["variants"] if v["source"] == "City Radio")
    assert ["delete", "that"] in radio["diff"]


@pytest.mark.parametrize("a,b,expected", [
    ("We will not reopen the terminal until it is safe.", "We will not reopen the terminal until it is safe.", "verbatim"),
    ("We will not reopen the terminal until it is safe.", "until it is safe", "truncated"),
    ("We will not reopen the terminal until it is safe.", "We won't reopen the terminal before it is safe.", "drift"),
])
def test_variant_type(a: str, b: str, expected: str) -> None:
    assert variant_type(a, b) == expected


def test_word_diff_round_trips() -> None:
    a, b = "the ship was carrying 4,000 containers", "the vessel was carrying about 4,000 containers"
    ops = word_diff(a, b)
    assert " ".join(w for op, w in ops if op != "insert") == a
    assert " ".join(w for op, w in ops if op != "delete") == b


def test_matrix_groups_dependent_outlets_and_types_cells(doc: dict[str, Any]) -> None:
    mx = doc["stories"][0]["matrix"]
    assert [c["source"] for c in mx["columns"]] == ["Wire Agency", "Morning Daily", "City Radio"]
    assert [c["group"] for c in mx["columns"]] == [0, 0, 1]
    evac = next(r for r in mx["rows"] if r["claim"] == "c-evac")
    assert [c["state"] for c in evac["cells"]] == ["asserts", "differs", "asserts"]
    assert evac["cells"][1]["how"] == "conflict"
    quote = next(r for r in mx["rows"] if r["claim"] == "c-quote")
    assert quote["cells"][2]["state"] == "silent"


def test_dependence_groups_threshold() -> None:
    deps = [{"articles": ["a", "b"], "score": 0.9}, {"articles": ["b", "c"], "score": 0.2}]
    assert dependence_groups(["a", "b", "c"], deps) == [["a", "b"], ["c"]]
    assert dependence_groups(["a", "b", "c"], deps, threshold=0.1) == [["a", "b", "c"]]


def test_graph_svg_is_wellformed_with_edge_width_by_score(doc: dict[str, Any]) -> None:
    arts = {a["id"]: a for a in doc["articles"]}
    svg = graph_svg(doc["stories"][0], arts)
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    lines = root.findall(f".//{ns}line")
    assert len(lines) == 2 and len(root.findall(f".//{ns}circle")) == 3
    widths = sorted(float(x.get("stroke-width", 0)) for x in lines)
    assert widths[0] < widths[1]
    assert "Wire Agency" in svg and "<script" not in svg


def test_markdown_has_every_section(doc: dict[str, Any]) -> None:
    md = report.to_markdown(doc)
    for head in ("### Brief", "### Disputed claims", "### Timeline", "### Quotes", "### Claims × sources",
                 "## Mentions by article"):
        assert head in md
    assert "[Wire Agency 0–101, wire]" in md
    assert "| 2025-05-14 | river burst its banks | Wire Agency, City Radio | 2025-05-15 per Morning Daily |" in md


def test_html_is_self_contained_and_anchors_every_citation(doc: dict[str, Any]) -> None:
    html = report.to_html(doc)
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html), "no external assets"
    assert "<link" not in html
    for b in doc["stories"][0]["brief"]:
        for c in b["citations"]:
            anchor = f"a-{c['article']}-{c['start']}"
            assert f'href="#{anchor}"' in html and f'id="{anchor}"' in html
    assert '<mark class="m m-quantity"' in html and "<svg" in html


def test_report_with_rejections_and_no_stories_renders() -> None:
    doc = {"schema": "copydesk.report/1", "articles": [], "stories": [],
           "rejected": [{"input": "bad.html", "code": "E112", "message": "no article text found"}]}
    report.validate(doc)
    assert "bad.html" in report.to_markdown(doc) and "bad.html" in report.to_html(doc)


def test_restating_differences_side_together_and_still_assert(doc: dict[str, Any]) -> None:
    import copy

    from copydesk.report.brief import sides
    from copydesk.report.matrix import build_matrix

    story = copy.deepcopy(doc["stories"][0])
    evac = story["claims"][0]
    evac["mentions"][1]["value"]["amount"] = 2250.0  # "about 2,300" read as a rounded figure
    evac["differences"][0]["type"] = "rounding"
    assert sides(evac) == [[0, 1], [2]]
    arts = {a["id"]: a for a in doc["articles"]}
    row = build_matrix(story, arts)["rows"][0]
    radio = [c["source"] for c in build_matrix(story, arts)["columns"]].index("City Radio")
    assert row["cells"][radio] == {"state": "asserts", "how": "rounding"}


@pytest.mark.parametrize("path,bad", [
    (("matrix", "rows", 0, "cells", 0, "state"), "maybe"),
    (("timeline", 0, "granularity"), "week"),
    (("quotes", 0, "variants", 0, "type"), "invented"),
])
def test_schema_guards_the_extended_parts(doc: dict[str, Any], path: tuple[Any, ...], bad: str) -> None:
    import copy

    from copydesk.errors import CopydeskError

    d = copy.deepcopy(doc)
    node: Any = d["stories"][0]
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = bad
    with pytest.raises(CopydeskError) as e:
        report.validate(d)
    assert e.value.code.name == "E502"
