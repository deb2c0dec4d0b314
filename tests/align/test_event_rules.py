"""The event a date dates, what it acts on, and outlet credits, as alignment reads them (our own sentences)."""

from __future__ import annotations

import pytest

from copydesk.align.claims import Profile, _date_profile, _outlet_attribution, _quantity_profile
from copydesk.models import Mention, Quantity, Quote, Span, Time
from copydesk.text import parse


def _date(sentence: str, date: str) -> Profile:
    i = sentence.index(date)
    m = Mention("time", i, i + len(date), Time("2024-01-01"), article_id="x")
    return _date_profile(m, sentence, Span(0, len(sentence)), frozenset(), lambda s, e: None)


@pytest.mark.parametrize("sentence,date,expected", [
    ("A fire broke out on Friday aboard the cargo ship Lumen.", "Friday", "fire"),
    ("The tanker that caught fire near the pier on Monday night was towed away.", "Monday night", "fire"),
    ("The freighter arrived in port on June 4 after a long voyage.", "June 4", "arrive"),
    ("Ministers approved the sale in May for use by the coast guard.", "May", "approve"),
    ("Congress authorized the sale in May.", "May", "approve"),
    ("LISBON, June 2 (Harbour Wire) - A blaze damaged two warehouses.", "June 2", ""),
    ("Inspectors said on Tuesday that the crews had all been evacuated before the fire.", "Tuesday", ""),
])
def test_date_event(sentence: str, date: str, expected: str) -> None:
    """A date dates the predicate it hangs from in the parse, never a word elsewhere in the sentence."""
    assert _date(sentence, date).head == expected


@pytest.mark.parametrize("sentence,date,patient", [
    ("The cabinet secretly approved the transfer of the rockets in January.", "January", "transfer"),
    ("The aid package approved by the minister on May 9 included shells.", "May 9", "package"),
    ("On May 9 the council approved the use of the drones.", "May 9", "use"),
])
def test_what_an_approval_acts_on(sentence: str, date: str, patient: str) -> None:
    p = _date(sentence, date)
    assert p.head == "approve" and p.frame is not None and p.frame.patient == patient


@pytest.mark.parametrize("phrase,counted", [("300 vessels", "vessel"), ("11,000 soldiers", "soldier"),
                                            ("40 containers", "container")])
def test_counted_noun_is_its_lemma(phrase: str, counted: str) -> None:
    s = f"Officials said {phrase} were moved."
    i = s.index(phrase)
    m = Mention("quantity", i, i + len(phrase), Quantity(amount=1.0), article_id="x")
    parse(s)
    assert _quantity_profile(m, s, Span(0, len(s)), frozenset(), lambda a, b: None).head == counted


@pytest.mark.parametrize("speaker,outlets,expected", [
    ("Harbour Wire", {"wire"}, True),
    ("a Harbour Wire report", set(), True),
    ("Mayor Ana Ruiz", {"wire"}, False),
    (None, {"wire"}, False),
])
def test_outlet_credit(speaker: str | None, outlets: set[str], expected: bool) -> None:
    q = Quote(speaker=speaker, speaker_span=None, cue_span=None, content_span=None, direct=False)
    assert _outlet_attribution(q, outlets) is expected


def test_the_date_of_a_statement_dates_no_event() -> None:
    assert _date("Two of them remain in serious condition, the hospital said on Monday.", "Monday").head == ""
    assert _date("The ministry announced the ceasefire on Monday.", "Monday").head == "announce"


@pytest.mark.parametrize("sentence,date", [
    ("Coach fired Updated: May 24, 2005, 3:23 PM ET The team fired its coach.", "May 24, 2005"),
    ("Posted: June 2, 2024 The council approved the budget.", "June 2, 2024"),
])
def test_a_page_time_stamp_dates_no_event(sentence: str, date: str) -> None:
    assert _date(sentence, date).head == ""
