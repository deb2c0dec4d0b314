"""Rules that key a date to its event and fold near-synonym counted nouns (our own sentences)."""

from __future__ import annotations

import pytest

from copydesk.align.claims import _event_near, _head, _outlet_attribution
from copydesk.models import Quote, Span


def _ev(sentence: str, date: str) -> tuple[str, frozenset[str]]:
    i = sentence.index(date)
    ev, _, objects, _ = _event_near(sentence, Span(0, len(sentence)), i, i + len(date))
    return ev, objects


@pytest.mark.parametrize("sentence,date,expected", [
    ("A fire broke out on Friday aboard the cargo ship Lumen.", "Friday", "fire"),
    ("The tanker that caught fire near the pier on Monday night was towed away.", "Monday night", "fire"),
    ("The freighter arrived in port on June 4 after a long voyage.", "June 4", "arrive"),
    ("Ministers approved the sale in May for use by the coast guard.", "May", "approve"),
    ("The firm was fined last year for breaching fire-safety rules.", "last year", ""),
    ("LISBON, June 2 (Harbour Wire) - A blaze damaged two warehouses.", "June 2", ""),
    ("Inspectors said on Tuesday that the crane operators, the pilots and three other crews "
     "who had been working near the stern had all been evacuated before the fire.", "Tuesday", ""),
])
def test_date_event(sentence: str, date: str, expected: str) -> None:
    assert _ev(sentence, date)[0] == expected


@pytest.mark.parametrize("sentence,date,objects", [
    ("The cabinet secretly approved the transfer of the rockets in January.", "January", {"deliver"}),
    ("The aid package approved by the minister on May 9 included shells.", "May 9", {"deliver"}),
])
def test_what_an_approval_acts_on(sentence: str, date: str, objects: set[str]) -> None:
    ev, obj = _ev(sentence, date)
    assert ev == "approve" and obj == objects


@pytest.mark.parametrize("word,head", [("vessel", "ship"), ("vessels", "ship"), ("ship", "ship"),
                                       ("soldiers", "troop"), ("containers", "container")])
def test_counted_synonyms(word: str, head: str) -> None:
    assert _head(word) == head


@pytest.mark.parametrize("speaker,outlets,expected", [
    ("Harbour Wire", {"wire"}, True),
    ("a Harbour Wire report", set(), True),
    ("Mayor Ana Ruiz", {"wire"}, False),
    (None, {"wire"}, False),
])
def test_outlet_credit(speaker: str | None, outlets: set[str], expected: bool) -> None:
    q = Quote(speaker=speaker, speaker_span=None, cue_span=None, content_span=None, direct=False)
    assert _outlet_attribution(q, outlets) is expected
