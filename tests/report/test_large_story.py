"""A large story's report stays small: dependence per group, capped edges, capped matrix and graph."""

from __future__ import annotations

import random
from typing import Any

import pytest

from copydesk import report
from copydesk.models import Article, CopyLink, Dependence, Story
from copydesk.pipeline import Analysis, StoryAnalysis
from copydesk.report.deps import dependence_groups
from copydesk.report.graph import graph_svg
from copydesk.report.json import copy_origins, dependence_summary, listed_dependences
from copydesk.report.matrix import build_matrix
from copydesk.verify.dependence import groups as verify_groups

OUTLETS = ["Larkfield Gazette", "Valley Courier", "Northern Ledger", "Kestrel Post", "Selwyn Herald"]


def _article(i: int, day: int) -> Article:
    return Article(id=f"a{i:04d}", source=OUTLETS[i % len(OUTLETS)], title=f"Ferry terminal to close ({i})",
                   text=f"The Brenmouth ferry terminal will close for 14 months, report {i} said.",
                   published=f"2025-03-{day:02d}")


def _random_deps(n: int, edges: int, seed: int) -> list[Dependence]:
    rng = random.Random(seed)
    out = {}
    for _ in range(edges):
        a, b = sorted(rng.sample(range(n), 2))
        out[(a, b)] = Dependence(f"a{a:04d}", f"a{b:04d}", round(rng.random(), 4), ("shares 5 word 8-grams",))
    return [out[k] for k in sorted(out)]


def _components(ids: list[str], deps: list[Dependence]) -> list[tuple[str, ...]]:
    return verify_groups(ids, deps)


@pytest.mark.parametrize("n, edges, cap, seed", [(60, 400, 50, 1), (200, 3000, 100, 2), (300, 900, 40, 3)])
def test_listed_edges_keep_every_group_and_stay_within_the_cap(n: int, edges: int, cap: int, seed: int) -> None:
    ids = [f"a{i:04d}" for i in range(n)]
    deps = _random_deps(n, edges, seed)
    listed = listed_dependences(deps, {}, cap=cap)
    assert _components(ids, listed) == _components(ids, deps), "groups read off the listed edges are the story's"
    joining = n - len(_components(ids, deps))
    assert len(listed) <= max(cap, joining) and len(listed) < len(deps)
    strong = sorted((d for d in deps if d not in listed), key=lambda d: -d.score)
    assert not strong or len(listed) == max(cap, joining), "the cap is filled before any edge is left out"


def test_a_small_story_lists_every_edge() -> None:
    deps = _random_deps(20, 40, 4)
    assert listed_dependences(deps, {}, cap=1000) == deps


def test_edges_that_tell_who_copies_whom_join_groups_first() -> None:
    # a1 -> a2 copied (directed), a1 - a2 also joined by a stronger undirected edge elsewhere in the group
    deps = [Dependence("a0001", "a0002", 0.95, ("syndicated copy",)), Dependence("a0001", "a0003", 0.99, ("x",)),
            Dependence("a0002", "a0003", 0.99, ("y",))] + _random_deps(50, 200, 5)[:60]
    origins = {frozenset(("a0001", "a0002")): "a0001"}
    listed = listed_dependences(deps, origins, cap=3)
    assert deps[0] in listed


def test_two_copies_of_one_origin_get_no_direction() -> None:
    arts = {a.id: a for a in (_article(1, 3), _article(2, 4), _article(3, 5))}
    links = {frozenset((x, y)): CopyLink(x, y, "syndicated", 0.95)
             for x, y in (("a0001", "a0002"), ("a0001", "a0003"), ("a0002", "a0003"))}
    origins = copy_origins(links, arts)
    assert origins == {frozenset(("a0001", "a0002")): "a0001", frozenset(("a0001", "a0003")): "a0001"}


def test_summary_names_each_groups_first_article_and_origins() -> None:
    arts = {a.id: a for a in (_article(i, 3 + i) for i in range(1, 7))}
    links = {frozenset(("a0001", "a0002")): CopyLink("a0001", "a0002", "rewrite", 0.8),
             frozenset(("a0001", "a0003")): CopyLink("a0001", "a0003", "syndicated", 0.95)}
    deps = (Dependence("a0001", "a0002", 0.8), Dependence("a0001", "a0003", 0.95),
            Dependence("a0004", "a0005", 0.6, ("both rely on the same upstream report (reuters)",)),
            Dependence("a0005", "a0006", 0.1))
    grps = tuple(verify_groups(list(arts), list(deps)))
    sa = StoryAnalysis(Story("s", "Ferry", tuple(arts)), (), deps, grps)
    summary = dependence_summary(sa, 3, copy_origins(links, arts), arts)
    assert summary["pairs"] == 4 and summary["listed"] == 3
    assert summary["groups"] == [
        {"articles": ["a0001", "a0002", "a0003"], "first": "a0001", "origins": ["a0001"]},
        {"articles": ["a0004", "a0005"], "first": "a0004", "origins": []},
    ]


def _big_analysis(n: int) -> Analysis:
    arts = tuple(_article(i, 1 + i % 27) for i in range(n))
    deps = tuple(Dependence(arts[i].id, arts[j].id, 0.9, ("shares 9 word 8-grams",))
                 for i in range(n) for j in range(i + 1, min(n, i + 30)) if i // 40 == j // 40)
    grps = tuple(verify_groups([a.id for a in arts], list(deps)))
    return Analysis(arts, {a.id: () for a in arts}, (StoryAnalysis(Story("s", "Ferry", tuple(a.id for a in arts)),
                                                                   (), deps, grps),))


def test_a_large_story_report_lists_capped_edges_and_stays_valid() -> None:
    analysis = _big_analysis(400)
    doc = report.build(analysis)
    report.validate(doc)
    st = doc["stories"][0]
    total = len(analysis.stories[0].dependences)
    assert total > 1000 and len(st["dependencies"]) <= 1000
    assert st["dependence_summary"]["pairs"] == total
    assert st["dependence_summary"]["listed"] == len(st["dependencies"])
    assert dependence_groups(st["articles"], st["dependencies"]) == [list(g) for g in analysis.stories[0].groups]
    assert [g["articles"] for g in st["dependence_summary"]["groups"]] == st["dependence_groups"]


def _claim(i: int, article_ids: list[str]) -> dict[str, Any]:
    return {"id": f"c{i}", "summary": f"claim {i}", "status": "agreed", "differences": [],
            "mentions": [{"article": a, "start": 0, "end": 3, "text": "The", "value": None} for a in article_ids]}


def test_the_matrix_is_capped_and_keeps_a_column_per_group() -> None:
    ids = [f"a{i:04d}" for i in range(300)]
    arts = {a: {"id": a, "source": OUTLETS[i % 5], "published": f"2025-03-{1 + i % 27:02d}"}
            for i, a in enumerate(ids)}
    deps = [{"articles": [ids[i], ids[i + 1]], "score": 0.9} for i in range(0, 299) if i // 100 == (i + 1) // 100]
    claims = [_claim(k, ids[k:k + 1 + k % 50]) for k in range(120)]
    story = {"articles": ids, "claims": claims, "dependencies": deps, "brief": [{"claim": "c119"}]}
    mx = build_matrix(story, arts, max_rows=20, max_columns=30)
    assert len(mx["rows"]) == 20 and len(mx["columns"]) == 30
    assert mx["omitted"] == {"rows": 100, "columns": 270}
    assert {c["group"] for c in mx["columns"]} == {0, 1, 2}, "every group keeps columns"
    assert "c119" in [r["claim"] for r in mx["rows"]], "a claim the brief cites keeps its row"
    assert all(len(r["cells"]) == 30 for r in mx["rows"])
    widest = max(claims, key=lambda c: len(c["mentions"]))
    assert widest["id"] in [r["claim"] for r in mx["rows"]]


def test_the_graph_draws_at_most_its_node_cap() -> None:
    ids = [f"a{i:04d}" for i in range(200)]
    arts = {a: {"id": a, "source": OUTLETS[i % 5], "published": "2025-03-01"} for i, a in enumerate(ids)}
    story = {"articles": ids, "dependencies": [{"articles": [ids[0], ids[1]], "score": 0.9}]}
    svg = graph_svg(story, arts, max_nodes=25)
    assert svg.count('<g class="node">') == 25 and "25 of 200 articles drawn" in svg


def test_the_html_report_draws_a_few_mentions_per_disputed_claim(doc: dict[str, Any]) -> None:
    from copydesk.report.html import SHOWN_ITEMS, to_html

    st = doc["stories"][0]
    evac = next(c for c in st["claims"] if c["id"] == "c-evac")
    assert evac["status"] == "disputed"
    evac["mentions"] = evac["mentions"] * 10
    html = to_html(doc)
    assert f"and {len(evac['mentions']) - SHOWN_ITEMS} more mentions" in html
    section = html.split("<h3>Disputed claims</h3>", 1)[1].split("</section>", 1)[0]
    block = next(b for b in section.split('<div class="disputed-claim">') if f"<strong>{evac['summary']}<" in b)
    assert block.count('class="claim-cite"') == SHOWN_ITEMS
