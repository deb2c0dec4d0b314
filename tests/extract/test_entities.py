"""Entity extraction: types, span boundaries and merging within an article."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.extract import entities
from copydesk.models import Entity


def _found(text: str) -> dict[str, tuple[str, str]]:
    return {text[m.start:m.end]: (m.value.type, m.value.canonical) for m in entities.find(text)}


@pytest.mark.parametrize("text, surface, etype", [
    ("The Pentagon declined to comment on the shipment.", "Pentagon", "ORG"),
    ("Officials in Kyiv welcomed the decision on Friday.", "Kyiv", "GPE"),
    ("Ukraine asked its allies for more air defence.", "Ukraine", "GPE"),
    ("North Korean soldiers were seen near the border.", "North Korean", "NORP"),
    ("Several Ukrainian drones struck a refinery overnight.", "Ukrainian", "NORP"),
    ("The first batch of Trident missiles arrived last month.", "Trident", "PRODUCT"),
    ("Pilots began training on the F-16 in Denmark.", "F-16", "PRODUCT"),
    ("Britain supplied Storm Shadow cruise missiles.", "Storm Shadow", "PRODUCT"),
    pytest.param("The army fielded Kestrel drones along the river.", "Kestrel", "PRODUCT", marks=pytest.mark.xfail(
        reason="copydesk_en 1.0.0 parses 'fielded' as a modifier and 'drones' as the verb", strict=False)),
    ("HIMARS launchers changed the front line.", "HIMARS", "PRODUCT"),
    ("A spokesman for the Ministry of Defence gave no details.", "Ministry of Defence", "ORG"),
    ("Shares of Lockheed Martin Corp rose 2 percent.", "Lockheed Martin Corp", "ORG"),
    ("Gen. Mark Alder inspected the troops.", "Mark Alder", "PERSON"),
    ("Sen. Laura Quint opposed the bill.", "Laura Quint", "PERSON"),
    ("Leaders met ahead of the NATO Summit in Vilnius.", "NATO Summit", "EVENT"),
    ("The U.S. Department of the Treasury issued new sanctions.", "U.S. Department of the Treasury", "ORG"),
    ("The NATO alliance held talks.", "NATO", "ORG"),
    ("Flooding closed roads across Nassau County on Monday.", "Nassau County", "GPE"),
    ("Voters in South Carolina head to the polls.", "South Carolina", "GPE"),
    ("The Commission on Presidential Debates set the rules.", "Commission on Presidential Debates", "ORG"),
])
def test_entity_types(text: str, surface: str, etype: str) -> None:
    found = _found(text)
    assert surface in found, found
    assert found[surface][0] == etype


@pytest.mark.parametrize("text, absent", [
    ("The talks ended early. However, nothing was signed.", "However"),
    ("But the convoy never arrived.", "But"),
    ("On Tuesday the ministry said little.", "Tuesday"),
])
def test_sentence_initial_capitals_are_not_entities(text: str, absent: str) -> None:
    assert absent not in _found(text)


def test_merging_full_name_surname_and_role() -> None:
    text = ("President Joe Biden approved the request on Monday. Biden had resisted for months. "
            "Aides said the president changed his mind after the attack.")
    ms = entities.find(text)
    people = [(text[m.start:m.end], m.value.canonical) for m in ms if m.value.type == "PERSON"]
    assert ("Joe Biden", "Joe Biden") in people
    assert ("Biden", "Joe Biden") in people
    assert ("the president", "Joe Biden") in people


def test_role_not_merged_when_two_presidents() -> None:
    text = "President Joe Biden met President Volodymyr Zelensky. The president spoke first."
    canon = [m.value.canonical for m in entities.find(text) if text[m.start:m.end].lower() == "the president"]
    assert canon == []


def test_possessive_is_cut() -> None:
    text = "Ukraine’s forces advanced while Russia's army retreated."
    found = _found(text)
    assert "Ukraine" in found and "Russia" in found


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_never_raises_and_spans_in_bounds(text: str) -> None:
    for m in entities.find(text):
        assert 0 <= m.start < m.end <= len(text)
        assert isinstance(m.value, Entity)
