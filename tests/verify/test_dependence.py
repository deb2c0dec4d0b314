"""Dependence between articles: shared passages, shared upstream, families, copy links."""

from __future__ import annotations

import pytest

from claim_builders import art
from copydesk.models import CopyLink
from copydesk.verify.dependence import THRESHOLD, dependences, groups, independent_count, upstreams

SHARED = ("Flood barriers along the northern canal failed shortly after midnight, sending water into "
          "three low-lying districts where crews had spent the week stacking sandbags around clinics.")


def _score(deps: list, a: str, b: str) -> float:
    return next((d.score for d in deps if {d.a, d.b} == {a, b}), 0.0)


def test_shared_passage_makes_articles_dependent() -> None:
    arts = {"a": art("a", "Residents woke to sirens. " + SHARED + " The mayor asked for patience."),
            "b": art("b", SHARED + " Schools will stay shut on Monday, officials added."),
            "c": art("c", "A separate report on grain exports said shipments fell by a fifth in May.")}
    deps = dependences(arts)
    assert _score(deps, "a", "b") >= THRESHOLD
    assert _score(deps, "a", "c") == 0.0
    assert any("8-grams" in e for d in deps for e in d.evidence)
    g = groups(arts, deps)
    assert ("a", "b") in g and ("c",) in g
    assert independent_count(["a", "b", "c"], g) == 2


@pytest.mark.parametrize("text,expected", [
    ("The pact was signed in secret, according to a Reuters report on Tuesday.", "reuters"),
    ("The Wall Street Journal reported that the talks had stalled.", "wall street journal"),
    ("A U.S. official told the paper that the shipment had arrived.", "anonymous:u.s. official"),
    ("The minister, speaking to the Associated Press, denied any deal.", "associated press"),
])
def test_upstream_lexicon(text: str, expected: str) -> None:
    assert expected in upstreams(text)


def test_same_upstream_is_evidence_but_different_upstreams_are_not() -> None:
    arts = {"a": art("a", "The deal closed on Friday, according to Reuters. Markets rose."),
            "b": art("b", "Reuters reported the deal had closed. Shares jumped in early trade."),
            "c": art("c", "The deal closed, Bloomberg reported, citing two bankers.")}
    deps = dependences(arts)
    assert _score(deps, "a", "b") >= THRESHOLD
    assert _score(deps, "a", "c") == 0.0
    assert any("reuters" in e for d in deps for e in d.evidence)


def test_family_from_mapping_and_meta() -> None:
    arts = {"a": art("a", "City council votes on the budget tonight.", source="north-herald"),
            "b": art("b", "Budget vote expected at the council tonight.", source="south-herald"),
            "c": art("c", "Council to decide on spending plan.", source="east-gazette", family="gazette-group"),
            "d": art("d", "Tonight the council settles the budget.", source="west-gazette", family="gazette-group")}
    deps = dependences(arts, families={"north-herald": "herald-media", "south-herald": "herald-media"})
    assert _score(deps, "a", "b") >= THRESHOLD
    assert _score(deps, "c", "d") >= THRESHOLD
    assert _score(deps, "a", "c") == 0.0


def test_copy_links_and_shared_errors() -> None:
    arts = {k: art(k, f"Text {k} about different matters entirely, number {i}.") for i, k in enumerate("abc")}
    deps = dependences(arts, copies=[CopyLink("a", "b", 0.97, "syndicated")])
    assert _score(deps, "a", "b") >= 0.9
    deps = dependences(arts, shared_errors={("b", "c"): ["bridge length", "toll price"]})
    assert _score(deps, "b", "c") >= THRESHOLD
    assert any("minority value" in e for d in deps for e in d.evidence)


def test_rare_shared_details_are_evidence() -> None:
    """Claims only two articles of a larger story state count as evidence, reported by name."""
    arts = {k: art(k, f"Article {k} about the harbour closure.") for k in "abcd"}
    deps = dependences(arts, shared_details={("a", "b"): ["berth closure date", "crane count", "crane count"]})
    d = next(x for x in deps if {x.a, x.b} == {"a", "b"})
    assert 0.2 < d.score < 0.5
    assert any("2 rare details" in e and "crane count" in e for e in d.evidence)


def test_an_anonymous_source_cited_everywhere_weighs_less() -> None:
    line = "A U.S. official said the talks would resume."
    two = {k: art(k, f"{line} Story {k}.") for k in "ab"}
    four = {k: art(k, f"{line} Story {k}.") for k in "abcd"}
    s2 = _score(dependences(two), "a", "b")
    s4 = _score(dependences(four), "a", "b")
    assert s2 > s4 > 0


@pytest.mark.parametrize("n, cite", [(40, "according to Reuters"), (40, "a U.S. official said")])
def test_many_articles_citing_one_upstream_give_records_linear_in_articles(n: int, cite: str) -> None:
    from copydesk.verify.dependence import MAX_CLIQUE

    texts = [f"Officials in district {i} counted {i * 7 + 3} damaged homes on day {i}, {cite}. "
             f"Volunteer group number {i * 13} handed out blankets." for i in range(n)]
    arts = {f"a{i:02d}": art(f"a{i:02d}", t) for i, t in enumerate(texts)}
    deps = dependences(arts)
    assert upstreams(texts[0]) and n > MAX_CLIQUE
    assert len(deps) == n - 1  # each linked to the first, not every pair
    assert len(groups(arts, deps)) == (1 if "Reuters" in cite else n)


def test_few_articles_citing_one_upstream_keep_every_pair() -> None:
    arts = {f"a{i}": art(f"a{i}", f"District {i} counted {i + 3} homes, according to Reuters.") for i in range(4)}
    assert len(dependences(arts)) == 6


def test_text_evidence_follows_the_texts_not_the_ids() -> None:
    """The text evidence is kept between calls for one set of articles; new texts are read anew."""
    copied = {"a": art("a", "Residents woke to sirens. " + SHARED), "b": art("b", SHARED + " Schools stay shut.")}
    apart = {"a": art("a", "Residents woke to sirens at dawn in the river town."),
             "b": art("b", "A separate report on grain exports said shipments fell by a fifth in May.")}
    assert _score(dependences(copied), "a", "b") >= THRESHOLD
    assert _score(dependences(apart), "a", "b") == 0.0
    again = dependences(copied, shared_errors={("a", "b"): ["flood toll"]})
    assert _score(again, "a", "b") > _score(dependences(copied), "a", "b"), "the shared error adds to the passage"
