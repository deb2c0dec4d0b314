"""Quantity extraction: spans, values, units, qualifiers, normalization, counted nouns."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.errors import Code, CopydeskError
from copydesk.extract.quantities import find

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "quantities-en" / "quantities.json"

# (sentence, surface, amount, low, high, unit, qualifier, normalized_amount, normalized_unit, counted)
CASES = [
    ("The missile can strike targets 300 km inside the country.", "300 km", 300, None, None, "km", None, 300_000, "m", None),
    ("Officials said the drones flew some 190 miles before crashing.", "some 190 miles", 190, None, None, "mile", "approx", 305_775.36, "m", None),
    ("Kyiv asked for a 200-mile range weapon last spring.", "200-mile", 200, None, None, "mile", None, 321_868.8, "m", "range"),
    ("The older rockets hit targets up to 165 km away.", "up to 165 km", 165, None, None, "km", "le", 165_000, "m", None),
    ("Each launcher costs between $1 million and $1.5 million, the ministry said.", "between $1 million and $1.5 million", None, 1e6, 1.5e6, "USD", "range", None, "USD", None),
    ("Congress approved a $7.1 billion package on Tuesday.", "$7.1 billion", 7.1e9, None, None, "USD", None, 7.1e9, "USD", None),
    ("Moscow has massed nearly 50,000 troops near the border.", "nearly 50,000", 50_000, None, None, None, "nearly", 50_000, None, "troop"),
    ("Analysts believe over 50,000 soldiers took part.", "over 50,000", 50_000, None, None, None, "gt", 50_000, None, "soldier"),
    ("Around 10,000 recently-arrived North Korean soldiers were deployed.", "Around 10,000", 10_000, None, None, None, "approx", 10_000, None, "soldier"),
    ("Engineers grounded 90% of these aircraft after the crash.", "90%", 90, None, None, "%", None, 90, "%", "aircraft"),
    ("The strike killed at least 11 civilians, local officials said.", "at least 11", 11, None, None, None, "ge", 11, None, "civilian"),
    ("The war has now lasted two years.", "two years", 2, None, None, "year", None, 2 * 365.25 * 86400, "s", None),
    ("A dozen villages lost power overnight.", "A dozen", 12, None, None, None, None, 12, None, "village"),
    ("Three-quarters of respondents backed the plan.", "Three-quarters", 0.75, None, None, None, None, 0.75, None, "respondent"),
    ("Police counted twenty-five vehicles in the convoy.", "twenty-five", 25, None, None, None, None, 25, None, "vehicle"),
    ("About three hundred people gathered outside the court.", "About three hundred", 300, None, None, None, "approx", 300, None, "people"),
    ("The region is home to 1.5 million residents.", "1.5 million", 1.5e6, None, None, None, None, 1.5e6, None, "resident"),
    ("The company said a billion users log in every month.", "a billion", 1e9, None, None, None, None, 1e9, None, "user"),
    ("Fans paid £2,000 for the tickets.", "£2,000", 2000, None, None, "GBP", None, 2000, "GBP", None),
    ("The club spent €40m on the striker.", "€40m", 40e6, None, None, "EUR", None, 40e6, "EUR", None),
    ("The fund raised USD 5 bn from investors.", "USD 5 bn", 5e9, None, None, "USD", None, 5e9, "USD", None),
    ("The two paintings sold for $1.5 million each.", "$1.5 million", 1.5e6, None, None, "USD", None, 1.5e6, "USD", None),
    ("Prices rose 5-10% in the capital.", "5-10%", None, 5, 10, "%", "range", None, "%", None),
    ("The front line moved 3 to 4 km overnight.", "3 to 4 km", None, 3, 4, "km", "range", None, "m", None),
    ("The jet was cruising at 30,000 feet when it lost contact.", "30,000 feet", 30_000, None, None, "ft", None, 9144.0, "m", None),
    ("Overnight temperatures fell to -5°C in the north.", "-5°C", -5, None, None, "degC", None, -5, "degC", None),
    ("The tanker carried roughly 2 million barrels of crude.", "roughly 2 million barrels", 2e6, None, None, "barrel", "approx", None, "L", None),
    ("The plant will add 500 MW to the grid.", "500 MW", 500, None, None, "MW", None, 5e8, "W", None),
    ("Fewer than 300 refugees crossed on Monday.", "Fewer than 300", 300, None, None, None, "lt", 300, None, "refugee"),
    ("The storm's winds reached 90 mph.", "90 mph", 90, None, None, "mph", None, 40.2336, "m/s", None),
    ("A quarter of the budget went to defence.", "A quarter", 0.25, None, None, None, None, 0.25, None, "budget"),
    ("Almost 4,000 hectares burned this week.", "Almost 4,000 hectares", 4000, None, None, "hectare", "nearly", 4e7, "m^2", None),
    ("The central bank cut rates by 0.5 percentage points.", "0.5 percentage points", 0.5, None, None, "pp", None, 0.5, "pp", None),
    ("The loan is worth ₴20 billion.", "₴20 billion", 2e10, None, None, "UAH", None, 2e10, "UAH", None),
]


@pytest.mark.parametrize("row", CASES, ids=[c[1] for c in CASES])
def test_table(row: tuple) -> None:
    text, surface, amount, low, high, unit, qual, norm, norm_unit, counted = row
    found = {text[m.start:m.end]: m.value for m in find(text)}
    assert surface in found, f"{surface!r} not in {list(found)}"
    q = found[surface]
    approx = (lambda a, b: (a is None and b is None) or (a is not None and b is not None and math.isclose(a, b, rel_tol=1e-6)))
    assert approx(q.amount, amount) and approx(q.low, low) and approx(q.high, high)
    assert (q.unit, q.qualifier, q.normalized_unit, q.counted) == (unit, qual, norm_unit, counted)
    if norm is not None:
        assert approx(q.normalized_amount, norm)
    if q.counted_span is not None:
        assert q.counted_span.of(text).lower().startswith(q.counted[:3])  # the word whose lemma is counted


def test_each_is_a_rate() -> None:
    text = "The two paintings sold for $1.5 million each."
    found = {text[m.start:m.end]: m.value for m in find(text)}
    assert found["$1.5 million"].per == "each"
    assert found["two"].counted == "painting" and found["two"].per is None


@pytest.mark.parametrize("text", [
    "He finished second in the race.",
    "She came 3rd in the 2024 election.",
    "The talks resume on March 12 at 5 p.m. in Geneva.",
    "Call the hotline on 555-867-5309 for details.",
    "He spoke outside No. 10 on Friday.",
    "The vote was held in 2024.",
    "The meeting starts at 2pm sharp.",
])
def test_not_quantities(text: str) -> None:
    assert [text[m.start:m.end] for m in find(text)] == []


def test_non_text_is_a_coded_error() -> None:
    with pytest.raises(CopydeskError) as err:
        find(b"300 km")  # type: ignore[arg-type]
    assert err.value.code is Code.E230 and "bytes" in str(err.value)


@pytest.mark.parametrize("text, surface, unit, low, high", [
    ("Shares fell 3.2 per cent to £4.5bn.", "3.2 per cent", "%", None, None),
    ("Output rose from £3bn to £4bn last year.", "from £3bn to £4bn", "GBP", 3e9, 4e9),
    ("Readings of 9.8 ± 0.3 m were logged.", "9.8 ± 0.3 m", "m", None, None),
])
def test_ranges_need_matching_units(text: str, surface: str, unit: str, low: float | None,
                                    high: float | None) -> None:
    found = {text[m.start:m.end]: m.value for m in find(text)}
    assert surface in found, list(found)
    assert (found[surface].unit, found[surface].low, found[surface].high) == (unit, low, high)


def test_rates() -> None:
    text = "Copper rose from $350 per tonne to $680 per tonne; ferries sail four times a week."
    found = {text[m.start:m.end]: m.value for m in find(text)}
    rng = found["from $350 per tonne to $680 per tonne"]
    assert (rng.low, rng.high, rng.unit, rng.per, rng.qualifier) == (350, 680, "USD", "tonne", "range")
    assert found["four times a week"].per == "week"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.-$£€%kmbnMT/abcdefghijklmnopqrstuvwxyz()½°C")), max_size=60))
def test_never_raises_and_spans_in_bounds(text: str) -> None:
    for m in find(text):
        assert 0 <= m.start < m.end <= len(text)
        assert m.kind == "quantity"


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80))
def test_any_unicode_text(text: str) -> None:
    for m in find(text):
        assert 0 <= m.start < m.end <= len(text)


@pytest.mark.skipif(not DATA.exists(), reason="../shared/data/quantities-en not present")
def test_floor_on_quantities_en() -> None:
    cases = json.loads(DATA.read_text(encoding="utf-8"))[:60]
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "bench_q", Path(__file__).resolve().parents[2] / "benchmarks" / "quantities.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    scores = bench.score_values(cases, bench.copydesk_items)
    assert scores["f1"] >= 0.78, scores  # measured 0.82 on these 60 cases


def test_decades_normalize_to_seconds() -> None:
    """Logarithmic pint units (pint's 'decade') must never be used for time spans."""
    (m,) = find("The dispute has run for two decades.")
    assert m.value.unit == "decade" and m.value.normalized_unit == "s"
    assert m.value.normalized_amount == pytest.approx(2 * 10 * 365.25 * 86400)


@pytest.mark.parametrize("text, surface, counted", [
    ("Rescuers pulled 12 out of the rubble before dawn.", "12", None),
    ("Some 2,000 of the protesters stayed overnight.", "Some 2,000", "protester"),
    ("The ferry carried 340 passengers and 12 crew members.", "340", "passenger"),
    ("Officials said 40% of voters backed the measure.", "40%", "voter"),
    ("Of the 17 hostages, nine were released on Sunday.", "17", "hostage"),
])
def test_counted_noun_is_read_off_the_parse(text: str, surface: str, counted: str | None) -> None:
    """What a number counts is the noun it modifies (as a lemma), never a neighbouring word."""
    found = {text[m.start:m.end]: m.value for m in find(text)}
    assert surface in found, list(found)
    assert found[surface].counted == counted


# -- numbers that are no quantity -------------------------------------------------------------

def _surfaces(text: str) -> list[str]:
    return [text[m.start:m.end] for m in find(text)]


@pytest.mark.parametrize("text, not_read, still_read", [
    # times of day, also as tokenized text spaces them
    ("Pirates attacked the tanker at about 1100 hrs IST, 150 miles west of Aden.", ["1100", "about 1100 hrs"], ["150 miles"]),
    ("The ship sent a distress call at 1100 hours that two boats were closing in.", ["1100 hours"], []),
    ("At about 9: 25 on Thursday, sailors spotted five boats.", ["9", "25", "about 9"], ["five"]),
    ("Police said the crash happened around 7 p. m. and injured 4 people.", ["around 7", "7"], ["4"]),
    ("The gunman walked in at 10:30 a.m. and shot 3 workers.", ["10", "30"], ["3"]),
    ("Last updated at 03. 31 BST, 12 climbers were still missing.", ["03", "31"], ["12"]),
    ("Posted 6: 07: 15 PM, the report counted 26 pirates.", ["6", "07", "15"], ["26"]),
    ("Doctors ordered 3 CT scans after the crash.", [], ["3"]),
    # dates written in figures, months in capitals, short years
    ("Updated 4 / 11 / 2007 1: 26 PM: the man shot 3 colleagues.", ["4", "11", "1"], ["3"]),
    ("SEPTEMBER 19, 2013: a driver hit 2 pedestrians.", ["19"], ["2"]),
    ("He was fired 52 games into the 2003 - 04 season.", ["04"], ["52"]),
    ("The four-time All-Star (1983, '86, '87) scored 20 points.", ["86", "87"], ["20"]),
    # web addresses, whole or spaced by a tokenizer
    ("Read it at http://www.example.com/2013/08/02/story-598760 with 5 photos.", ["2013", "08", "02", "598760"], ["5"]),
    ("http: / / www. example. com / 2007 / 04 / 10 / us / 26 - pirates - held. html 26 pirates were held.",
     ["04", "10"], ["26"]),
    # designations and street addresses
    ("Sailors seized six AK-47 rifles and 12 magazines.", ["47", "AK-47"], ["six", "12"]),
    ("Troops found 14 AK 47 rifles on the boat.", ["47"], ["14"]),
    ("The shooting happened at 40 East 5th Ave. where 2 men worked.", ["40"], ["2"]),
    ("She was struck outside the store at 200 W. American Blvd. on Wednesday.", ["200", "200 W"], []),
    ("Police chased him for 30 miles on Interstate 75.", ["75"], ["30 miles"]),
])
def test_numbers_that_are_no_quantity(text: str, not_read: list[str], still_read: list[str]) -> None:
    got = _surfaces(text)
    for s in not_read:
        assert s not in got, (s, got)
    for s in still_read:
        assert any(s == g or g.endswith(s) for g in got), (s, got)


@pytest.mark.parametrize("text, gone", [
    ("The Sixers have opened 9-14 with eight losses in their last 10 games.", "9-14"),
    ("Friday's 88-72 setback at Cleveland was their third loss in a row.", "88-72"),
    ("He led the team to a 162 - 139 record in Portland.", "162 - 139"),
    ("The Chargers reached the playoffs with an 8 - 8 record.", "8 - 8"),
    ("The Sixers ( 9-14) are last in the division.", "9-14"),
    ("The team has a record of 18-30 after the break.", "18-30"),
])
def test_a_won_lost_record_or_score_is_no_range(text: str, gone: str) -> None:
    assert all(gone not in s for s in _surfaces(text))


@pytest.mark.parametrize("text, surface, low, high", [
    ("Between 5-10 people were hurt in the blast.", "Between 5-10", 5, 10),
    ("Rebels killed 10-15 soldiers near the town.", "10-15", 10, 15),
    ("Ratings rose among women 25-54, the network said.", "25-54", 25, 54),
])
def test_a_real_range_still_reads(text: str, surface: str, low: float, high: float) -> None:
    m = next(m for m in find(text) if text[m.start:m.end] == surface)
    assert (m.value.low, m.value.high) == (low, high)


@pytest.mark.parametrize("text, surface, amount, unit", [
    ("A British climber fell about 2, 000 feet to his death.", "about 2, 000 feet", 2000, "ft"),
    ("She was the only doctor for 2, 500 people in the town.", "2, 500", 2500, None),
    ("It received a $500, 000 grant last year.", "$500, 000", 500_000, "USD"),
    ("A supertanker loaded with $ 100 million of crude oil was seized.", "$ 100 million", 1e8, "USD"),
])
def test_tokenized_thousands_and_currency_read_whole(text: str, surface: str, amount: float, unit: str | None) -> None:
    m = next(m for m in find(text) if text[m.start:m.end] == surface)
    assert m.value.amount == amount and m.value.unit == unit


@pytest.mark.parametrize("text, surface", [
    ("A 61-year-old man was charged with murder.", "61-year"),
    ("Officers found a 12 - gauge shotgun in the car.", "12"),
    ("Prices rose 3, 4 and 5 percent in three years.", "3"),
])
def test_bare_numbers_near_capitals_and_commas_still_read(text: str, surface: str) -> None:
    assert surface in _surfaces(text)


@pytest.mark.parametrize("text, surface, qualifier", [
    ("Cheeks went 122-147 in three-plus seasons as head coach.", "three-plus", "gt"),
    ("He arrives after three - plus seasons in Portland.", "three - plus", "gt"),
    ("The firm has 20+ years of experience in the region.", "20+", "gt"),
    ("Rebels held three towns, plus the airport.", "three", None),
])
def test_a_plus_suffix_means_more_than(text: str, surface: str, qualifier: str | None) -> None:
    m = next(m for m in find(text) if text[m.start:m.end] == surface)
    assert m.value.qualifier == qualifier
