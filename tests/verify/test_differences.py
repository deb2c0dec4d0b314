"""Difference typing between two mentions of one claim, one row per type."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings as hsettings, strategies as st

from claim_builders import art, at, date, qty, quote
from copydesk.models import Entity, Mention
from copydesk.verify.differences import (
    DISAGREEING, date_difference, precision, quantity_difference, quote_difference, statement_difference,
)

QUANTITY_ROWS = [
    # (sentence a, phrase a, quantity a, sentence b, phrase b, quantity b, expected type)
    ("The ferry carries 420 passengers on each crossing.", "420 passengers", qty(420, counted="passengers"),
     "Each crossing takes 420 passengers across the strait.", "420 passengers", qty(420, counted="passengers"),
     "same"),
    ("The new bridge spans 2 km over the estuary.", "2 km", qty(2, "km"),
     "Engineers say the bridge spans 2,000 m end to end.", "2,000 m", qty(2000, "m"), "unit"),
    ("The rocket can hit targets 190 miles away.", "190 miles", qty(190, "mile"),
     "The rocket's reach is 300 km, the ministry said.", "300 km", qty(300, "km"), "rounding"),
    ("The drone flies up to 300 km on one battery.", "up to 300 km", qty(300, "km", "le"),
     "The drone was tested over 280 km last week.", "280 km", qty(280, "km"), "bound"),
    ("The drone flies up to 300 km on one battery.", "up to 300 km", qty(300, "km", "le"),
     "The drone covered 410 km in the trial.", "410 km", qty(410, "km"), "conflict"),
    ("Nearly 50,000 fans filled the stadium on Sunday.", "Nearly 50,000", qty(50000, "USD", "nearly"),
     "Over 50,000 fans filled the stadium on Sunday.", "Over 50,000", qty(50000, "USD", "gt"), "conflict"),
    ("The mid-range version flies 165 km before it drops.", "165 km", qty(165, "km"),
     "The long-range version flies 300 km before it drops.", "300 km", qty(300, "km"), "scope"),
    ("The port handled 3 million tonnes of grain.", "3 million", qty(3e6, "kg"),
     "The port did not handle 3 million tonnes of grain.", "3 million", qty(3e6, "kg"), "polarity"),
]


@pytest.mark.parametrize("ta,pa,qa,tb,pb,qb,expected", QUANTITY_ROWS)
def test_quantity_difference_types(ta: str, pa: str, qa: object, tb: str, pb: str, qb: object,
                                   expected: str) -> None:
    a, b = art("a", ta), art("b", tb)
    t, note = quantity_difference(at(a, pa, "quantity", qa), a.text, at(b, pb, "quantity", qb), b.text)
    assert t == expected, note


def test_time_difference_needs_dates() -> None:
    a = art("a", "In 2022 the city had 81,000 residents.")
    b = art("b", "By 2024 the city had 87,000 residents.")
    ma = at(a, "81,000 residents", "quantity", qty(81000, counted="residents"))
    mb = at(b, "87,000 residents", "quantity", qty(87000, counted="residents"))
    t, _ = quantity_difference(ma, a.text, mb, b.text, {ma.id: "2022", mb.id: "2024"})
    assert t == "time"
    t, _ = quantity_difference(ma, a.text, mb, b.text)
    assert t == "conflict"


@pytest.mark.parametrize("x,step", [(300, 100), (310, 10), (1.5, 0.1), (50000, 10000), (7, 1)])
def test_precision(x: float, step: float) -> None:
    assert precision(x) == pytest.approx(step)


@pytest.mark.parametrize("timex_a,timex_b,expected", [
    ("2024-03-12", "2024-03-12", "same"),
    ("2024-03", "2024-03-12", "bound"),
    ("2024-02", "2024-03-12", "conflict"),
    ("2023", "2024-03", "conflict"),
])
def test_date_difference(timex_a: str, timex_b: str, expected: str) -> None:
    a = art("a", "The shipment left the depot on that day.")
    b = art("b", "The shipment left the depot on that day.")
    t, _ = date_difference(date(a, "that day", timex_a), a.text, date(b, "that day", timex_b), b.text)
    assert t == expected


QUOTE_ROWS = [
    ("Mayor Ines Vale said: “The tunnel will open in spring.”", "The tunnel will open in spring.", "Ines Vale", True,
     "“The tunnel will open in spring,” Ines Vale told the council.", "The tunnel will open in spring", "Ines Vale",
     True, "verbatim", ""),
    ("Vale said: “The tunnel will open in spring, and the fares will stay low.”",
     "The tunnel will open in spring, and the fares will stay low.", "Ines Vale", True,
     "Vale said: “The tunnel will open in spring.”", "The tunnel will open in spring.", "Ines Vale", True,
     "truncated", ""),
    ("Vale said: “The tunnel will open in early spring.”", "The tunnel will open in early spring.", "Ines Vale",
     True, "Vale said: “The tunnel will open in late spring.”", "The tunnel will open in late spring.", "Ines Vale",
     True, "drift", "-early +late"),
    ("Vale said: “The tunnel will open in spring.”", "The tunnel will open in spring.", "Ines Vale", True,
     "Deputy Rolf Ames said: “The tunnel will open in spring.”", "The tunnel will open in spring.", "Rolf Ames",
     True, "speaker", ""),
    ("Vale said: “The tunnel will open in spring.”", "The tunnel will open in spring.", "Ines Vale", True,
     "Vale said the tunnel would open in spring.", "the tunnel would open in spring", "Ines Vale", False,
     "paraphrase", ""),
    # a description is not a rival speaker: case, articles and roles never make a speaker dispute
    ("The letter said: “The plant will close in May.”", "The plant will close in May.", "The letter", True,
     "“The plant will close in May,” the letter said.", "The plant will close in May", "the letter", True,
     "verbatim", ""),
    ("A spokesman said: “No decision has been made.”", "No decision has been made.", "the spokesman", True,
     "“No decision has been made,” Omar Hale said.", "No decision has been made", "Omar Hale", True,
     "verbatim", ""),
]


@pytest.mark.parametrize("ta,ca,sa,da,tb,cb,sb,db,expected,note_part", QUOTE_ROWS)
def test_quote_difference(ta: str, ca: str, sa: str, da: bool, tb: str, cb: str, sb: str, db: bool,
                          expected: str, note_part: str) -> None:
    a, b = art("a", ta), art("b", tb)
    t, note = quote_difference(quote(a, ca, sa, da), a.text, quote(b, cb, sb, db), b.text)
    assert t == expected
    assert note_part in note


@pytest.mark.parametrize("cat_a,cat_b,expected", [
    ("cruise", "ballistic", "conflict"), ("cruise", "cruise", "same"), ("guided", "cruise", "category"),
])
def test_category_difference(cat_a: str, cat_b: str, expected: str) -> None:
    a = art("a", f"The navy fired {cat_a} missiles at the pier.")
    b = art("b", f"The navy fired {cat_b} missiles at the pier.")
    ma = at(a, cat_a, "entity", Entity("CATEGORY", f"missile:{cat_a}"))
    mb = at(b, cat_b, "entity", Entity("CATEGORY", f"missile:{cat_b}"))
    assert statement_difference(ma, a.text, mb, b.text)[0] == expected


def test_statement_polarity() -> None:
    a = art("a", "The ministry confirmed the strike on the depot.")
    b = art("b", "The ministry denied the strike on the depot.")
    ma = Mention("entity", 0, len(a.text), Entity("STATEMENT", "strike"), article_id="a")
    mb = Mention("entity", 0, len(b.text), Entity("STATEMENT", "strike"), article_id="b")
    assert statement_difference(ma, a.text, mb, b.text)[0] == "polarity"


UNITS = {"km": 1.0, "m": 1000.0, "mile": 1 / 1.609344}


@hsettings(max_examples=150, deadline=None)
@example(x=310, y_off=-10, unit="mile", qual=None)
@example(x=300, y_off=-110, unit="mile", qual="le")
@given(x=st.integers(min_value=1, max_value=5000), y_off=st.integers(min_value=-3000, max_value=3000),
       unit=st.sampled_from(["m", "mile"]), qual=st.sampled_from([None, "approx", "le", "ge", "nearly"]))
def test_converting_unit_never_turns_agreement_into_conflict(x: int, y_off: int, unit: str,
                                                             qual: str | None) -> None:
    """Restating figure b in another unit (exactly converted) keeps any agreement with a."""
    y = max(1, x + y_off)
    a = art("a", "The line runs FIG_A from the coast.")
    b = art("b", "The line runs FIG_B from the coast.")
    ma = at(a, "FIG_A", "quantity", qty(x, "km", qual))
    mb = at(b, "FIG_B", "quantity", qty(y, "km"))
    before, _ = quantity_difference(ma, a.text, mb, b.text)
    mb2 = at(b, "FIG_B", "quantity", qty(y * UNITS[unit], unit))
    after, _ = quantity_difference(ma, a.text, mb2, b.text)
    if before not in DISAGREEING:
        assert after not in DISAGREEING, (before, after)


@pytest.mark.parametrize("ta, tb, expected", [
    ("Officials did not say why, but 11 people died in the fire.", "Eleven people died in the fire, officials said.",
     "same"),
    ("The port did not handle 11 ships last year.", "The port handled 11 ships last year.", "polarity"),
])
def test_negation_is_read_off_the_parse(ta: str, tb: str, expected: str) -> None:
    """A negation counts only on the verb the figure attaches to, not in a neighbouring clause."""
    a, b = art("a", ta), art("b", tb)
    pa = "11"
    pb = "Eleven" if "Eleven" in tb else "11"
    t, _ = quantity_difference(at(a, pa, "quantity", qty(11, counted="people" if "people" in ta else "ships")), a.text,
                               at(b, pb, "quantity", qty(11, counted="people" if "people" in tb else "ships")), b.text)
    assert t == expected


def test_negation_in_a_longer_different_sentence_is_not_polarity() -> None:
    a = art("a", "The ferry, run by a family firm, carried about 300 cars across the bay.")
    b = art("b", "The ferry carried about 300 cars across the bay, though no passengers were aboard and the crew was not paid.")
    ma = Mention("entity", 0, len(a.text), Entity("STATEMENT", "deliver"), article_id="a")
    mb = Mention("entity", 0, len(b.text), Entity("STATEMENT", "deliver"), article_id="b")
    assert statement_difference(ma, a.text, mb, b.text)[0] == "wording"


@pytest.mark.parametrize("ta,ca,tb,cb,expected", [
    ("Mayor Ruiz said: “The bridge will stay shut until every cable on the span has been tested.”",
     "The bridge will stay shut until every cable on the span has been tested.",
     "Mayor Ruiz said the bridge would stay shut until “every cable has been tested”.",
     "the bridge would stay shut until “every cable has been tested",
     "truncated"),
    ("Mayor Ruiz said: “The bridge will stay shut until every cable on the span has been tested.”",
     "The bridge will stay shut until every cable on the span has been tested.",
     "Mayor Ruiz said: “The bridge will stay shut until every cable has been tested.”",
     "The bridge will stay shut until every cable has been tested.",
     "drift"),
])
def test_partial_quotes_are_cuts_not_paraphrases(ta: str, ca: str, tb: str, cb: str, expected: str) -> None:
    a, b = art("a", ta), art("b", tb)
    t, _ = quote_difference(quote(a, ca, "Ana Ruiz", True), a.text, quote(b, cb, "Ana Ruiz", False), b.text)
    assert t == expected
