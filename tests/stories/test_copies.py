"""Copies, syndicated copies and rewrites with their shared passages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from copydesk.models import Article
from copydesk.settings import Settings
from copydesk.stories import find_copies
from copydesk.stories.copies import compare_pair
from story_texts import BUDGET, QUAKE_1, QUAKE_1B, REWRITE_A, WIRE, art

S = Settings.load()


@pytest.mark.parametrize("a, b, kind", [
    (art("x", WIRE, "2024-05-02", source="Norland Wire"), art("y", WIRE, "2024-05-02", source="Norland Wire"),
     "exact"),
    (art("x", WIRE, "2024-05-02", source="Norland Wire"), art("y", WIRE, "2024-05-03", source="Harbour Times"),
     "syndicated"),
    (art("x", WIRE, "2024-05-02", source="Norland Wire"),
     art("y", "Copyright Harbour Times. " + WIRE + " Reporting by staff.", "2024-05-03", source="Harbour Times"),
     "syndicated"),
    (art("x", WIRE, "2024-05-02", source="Norland Wire"), art("y", REWRITE_A, "2024-05-02", source="Capital Daily"),
     "rewrite"),
])
def test_copy_kinds(a: Article, b: Article, kind: str) -> None:
    links = find_copies([a, b, art("z", BUDGET, "2024-05-02")], S)
    assert [(link.a, link.b, link.kind) for link in links] == [("x", "y", kind)]
    for pa, pb in links[0].passages:
        assert pa.end <= len(a.text) and pb.end <= len(b.text)
        assert pa.of(a.text).split()[0].lower() == pb.of(b.text).split()[0].lower()


def test_rewrite_passages_are_the_shared_sentences() -> None:
    link = compare_pair(art("x", WIRE, "2024-05-02"), art("y", REWRITE_A, "2024-05-02", source="Other"))
    assert link is not None and link.kind == "rewrite"
    texts = [pa.of(WIRE) for pa, _ in link.passages]
    assert any("further rises could not be ruled out" in t for t in texts)
    assert any("mortgage lenders said they would pass" in t for t in texts)
    assert not any("Shop owners" in pb.of(REWRITE_A) for _, pb in link.passages)


def test_same_event_different_writing_is_not_a_copy() -> None:
    assert find_copies([art("a", QUAKE_1, "2024-03-05"), art("b", QUAKE_1B, "2024-03-05", source="B")], S) == []


def test_earlier_article_is_a() -> None:
    link = compare_pair(art("late", WIRE, "2024-05-03", source="B"), art("early", WIRE, "2024-05-01"))
    assert link is not None and (link.a, link.b) == ("early", "late")


words = st.lists(st.sampled_from("rain wind city council bank rate fire road 12 1,500 Mayor Ana".split()),
                 min_size=12, max_size=60)


@hsettings(max_examples=40, deadline=None)
@given(words, words)
def test_passages_land_on_both_texts(w1: list[str], w2: list[str]) -> None:
    ta, tb = " ".join(w1), " ".join(w2 + w1[:20])
    link = compare_pair(art("a", ta, "2024-01-01"), art("b", tb, "2024-01-02", source="B"))
    if link is None:
        return
    assert 0.0 <= link.similarity <= 1.0
    for pa, pb in link.passages:
        assert 0 <= pa.start < pa.end <= len(ta) and 0 <= pb.start < pb.end <= len(tb)


def test_light_rewrites_of_one_wire_report_are_found_with_each_passage() -> None:
    from story_texts import RETELL_A, RETELL_B

    a = art("ra", RETELL_A, "2024-10-06", source="Valley Voice")
    b = art("rb", RETELL_B, "2024-10-07", source="County Herald")
    links = find_copies([a, b, art("z", BUDGET, "2024-10-06")], S)
    assert [(x.a, x.b, x.kind) for x in links] == [("ra", "rb", "rewrite")]
    shared_a = " ".join(pa.of(RETELL_A) for pa, _ in links[0].passages)
    for phrase in ("forced", "two metres overnight", "care home near Brill bridge", "red warning"):
        assert phrase in shared_a
    assert "sandbags" not in shared_a and "café" not in " ".join(pb.of(RETELL_B) for _, pb in links[0].passages)


def test_shared_quotes_alone_do_not_make_a_rewrite() -> None:
    q1 = "“We will rebuild every home that the water took from these families, whatever it costs,”"
    q2 = "“Nobody in this valley will be left to face the winter without a roof over their heads,”"
    a = art("qa", f"The minister toured the Arden valley on Monday. {q1} she told volunteers. "
                  f"She later met farmers near Brill. {q2} she added.", "2024-10-07", source="Valley Voice")
    b = art("qb", f"Speaking at a shelter in a school gym, the minister made two promises. {q1} she said. "
                  f"Officials gave no figures for the cost. {q2} she said.", "2024-10-07", source="County Herald")
    assert find_copies([a, b], S) == []


def test_republished_with_a_fix_is_exact() -> None:
    fixed = WIRE.replace("Thursday", "Thursday morning")
    (link,) = find_copies([art("x", WIRE, "2024-05-02", source="Norland Wire"),
                           art("y", fixed, "2024-05-02", source="norland wire")], S)
    assert link.kind == "exact" and link.similarity > 0.95


def _wire_copies(n: int) -> list[Article]:
    return [art(f"c{i:02d}", WIRE + f" Reporting by desk {i}.", f"2024-05-{2 + i // 10:02d}", source=f"Outlet {i}")
            for i in range(n)]


def test_copies_of_one_text_form_a_chain_not_a_clique() -> None:
    arts = [art("w", WIRE, "2024-05-02", source="Norland Wire")] + [
        art(f"x{i}", WIRE, "2024-05-03", source="Norland Wire") for i in range(5)]
    links = find_copies(arts, S)
    assert sorted((x.a, x.b) for x in links) == [("w", f"x{i}") for i in range(5)]
    assert {x.kind for x in links} == {"exact"}


def test_near_copies_are_compared_with_few_earlier_articles_and_all_join() -> None:
    from copydesk.stories.copies import MAX_CANDIDATES
    from copydesk.verify.dependence import groups

    arts = _wire_copies(40)
    links = find_copies(arts, S)
    per_article: dict[str, int] = {}
    for x in links:
        per_article[x.b] = per_article.get(x.b, 0) + 1
    assert max(per_article.values()) <= MAX_CANDIDATES
    assert len(links) < 40 * 39 / 2 / 4  # far from every pair
    assert {x.kind for x in links} == {"syndicated"}
    assert len(groups([a.id for a in arts], [_as_dep(x) for x in links])) == 1


def _as_dep(link: object) -> object:
    from copydesk.models import Dependence

    return Dependence(link.a, link.b, 1.0, ())  # type: ignore[attr-defined]


@pytest.mark.parametrize("moved", [False, True])
def test_passages_found_in_linear_time_also_when_paragraphs_move(moved: bool) -> None:
    paras = REWRITE_A.split(". ")
    if moved:
        paras = paras[len(paras) // 2:] + paras[:len(paras) // 2]
    link = compare_pair(art("x", WIRE, "2024-05-02"), art("y", ". ".join(paras), "2024-05-02", source="Other"))
    assert link is not None and link.kind == "rewrite"
    texts = " ".join(pa.of(WIRE) for pa, _ in link.passages)
    assert "further rises could not be ruled out" in texts and "mortgage lenders said they would pass" in texts
