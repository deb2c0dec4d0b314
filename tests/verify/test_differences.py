"""Difference typing between two mentions of one claim, one row per type."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings as hsettings, strategies as st

from claim_builders import art, at, date, qty, quote
from copydesk.models import Entity, Mention
from copydesk.verify.differences import (
    DISAGREEING, UNSETTLED, date_difference, parse_frame, precision, quantity_difference, quote_difference,
    speaker_words, statement_difference, value_frame,
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
    ("2023-11", "2024-03", "conflict"),
    ("2023", "2024-03", "undetermined"),  # a bare year is too coarse to tell one happening from another
    ("2023", "2024", "undetermined"),
])
def test_date_difference(timex_a: str, timex_b: str, expected: str) -> None:
    """Calendar dates written out in full: their values alone decide."""
    a = art("a", "The shipment left the depot on DATE.", published="2024-03-20")
    b = art("b", "The shipment left the depot on DATE.", published="2024-03-20")
    t, _ = date_difference(date(a, "DATE", timex_a), a.text, date(b, "DATE", timex_b), b.text,
                           published=(a.published, b.published))
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


def test_a_category_the_other_article_also_names_is_two_things() -> None:
    """"A cargo ship" against "a naval ship" conflicts, unless one article names both: then two ships are meant."""
    a = art("a", "Pirates seized a cargo ship off the coast.")
    b = art("b", "Pirates seized a naval ship off the coast.")
    c = art("c", "Pirates seized a cargo ship off the coast before a naval ship gave chase.")
    mb = at(b, "naval", "entity", Entity("CATEGORY", "ship:naval"))
    assert statement_difference(at(a, "cargo", "entity", Entity("CATEGORY", "ship:cargo")), a.text, mb, b.text)[0] \
        == "conflict"
    assert statement_difference(at(c, "cargo", "entity", Entity("CATEGORY", "ship:cargo")), c.text, mb, b.text)[0] \
        == "frame"


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


# --- A dispute is asserted only when it survives (issue 10, item 4) ---------------------------------------

EARLY, LATE = "2026-03-08T21:40:00+00:00", "2026-03-10T08:15:00+00:00"

SURVIVAL_QUANTITY_ROWS = [
    # (sentence a, phrase a, quantity a, published a, sentence b, phrase b, quantity b, published b, expected)
    # real conflicts stay disputes
    ("Police said 12 people were killed in the attack on the market.", "12", qty(12, counted="person"), EARLY,
     "Forty people were killed in the attack on the market, police said.", "Forty", qty(40, counted="person"),
     EARLY, "conflict"),
    ("The blast killed 12 people near the station.", "12", qty(12, counted="person"), None,
     "The blast killed 40 people near the station.", "40", qty(40, counted="person"), None, "conflict"),
    # a toll that falls between two reports is still a conflict
    ("Forty people died in the flooding, officials said.", "Forty", qty(40, counted="person"), EARLY,
     "Twelve people died in the flooding, officials said.", "Twelve", qty(12, counted="person"), LATE, "conflict"),
    # a count that does not only grow stays a conflict when a later report differs
    ("The ferry carried 420 passengers on its last crossing.", "420", qty(420, counted="passenger"), EARLY,
     "The ferry carried 510 passengers on its last crossing.", "510", qty(510, counted="passenger"), LATE,
     "conflict"),
    # modality: a capability or a plan against a done thing is not one statement
    ("The missile could reach 300 km, the ministry said.", "300 km", qty(300, "km"), None,
     "In the test the missile reached 210 km.", "210 km", qty(210, "km"), None, "frame"),
    ("The carmaker will cut 300 jobs at the plant.", "300", qty(300, counted="job"), None,
     "The carmaker cut 210 jobs at the plant last year.", "210", qty(210, counted="job"), None, "frame"),
    ("The carmaker is expected to cut 300 jobs at the plant.", "300", qty(300, counted="job"), None,
     "The carmaker cut 210 jobs at the plant last year.", "210", qty(210, counted="job"), None, "frame"),
    # the same modality on both sides is one statement: the conflict stands
    ("The missile could reach 300 km, the ministry said.", "300 km", qty(300, "km"), None,
     "The missile could reach 210 km, experts said.", "210 km", qty(210, "km"), None, "conflict"),
    # two different happenings counted in one noun
    ("Twelve people were killed in the blast.", "Twelve", qty(12, counted="person"), None,
     "Forty people were injured in the blast.", "Forty", qty(40, counted="person"), None, "frame"),
    ("Police arrested 25 people after the march.", "25", qty(25, counted="person"), None,
     "Medics treated 60 people after the march.", "60", qty(60, counted="person"), None, "frame"),
    # qualifier intervals that overlap
    ("About 300 residents were evacuated from the valley.", "About 300", qty(300, qualifier="approx",
                                                                            counted="resident"), None,
     "More than 250 residents were evacuated from the valley.", "More than 250", qty(250, qualifier="gt",
                                                                                     counted="resident"), None,
     "bound"),
    ("At least 40 boats joined the search.", "At least 40", qty(40, qualifier="ge", counted="boat"), None,
     "Some 41 boats joined the search.", "41", qty(41, counted="boat"), None, "bound"),
    ("The strike may last up to 12 hours, the union said.", "up to 12", qty(12, qualifier="le", counted="hour"), None,
     "The strike lasted 10 hours, the union said.", "10", qty(10, counted="hour"), None, "bound"),
    # ... and that do not
    ("At least 40 boats joined the search.", "At least 40", qty(40, qualifier="ge", counted="boat"), None,
     "Fewer than 30 boats joined the search.", "Fewer than 30", qty(30, qualifier="lt", counted="boat"), None,
     "conflict"),
    # rounded figures and units
    ("The city has 1.2 million residents, the census found.", "1.2 million", qty(1.2e6, counted="resident"), None,
     "The census counted 1,187,000 residents in the city.", "1,187,000", qty(1187000, counted="resident"), None,
     "rounding"),
    ("The new tunnel is 5 miles long.", "5 miles", qty(5, "mile"), None,
     "The new tunnel runs for 8 km under the bay.", "8 km", qty(8, "km"), None, "rounding"),
    # a cumulative count a later report puts higher is an update
    ("A fire injured 11 crew members on Sunday, port officials said.", "11", qty(11, counted="crew member"), EARLY,
     "At least 17 crew members were injured in Sunday's fire, a hospital said.", "At least 17",
     qty(17, qualifier="ge", counted="crew member"), LATE, "update"),
    ("The death toll rose to 40 on Tuesday, the ministry said.", "40", qty(40, counted="death"), LATE,
     "Twelve people were killed when the bridge collapsed, officials said.", "Twelve", qty(12, counted="person"),
     EARLY, "update"),
    ("Police arrested 25 protesters outside the embassy.", "25", qty(25, counted="protester"), EARLY,
     "Police have now arrested 60 protesters outside the embassy.", "60", qty(60, counted="protester"), LATE,
     "update"),
    # the same words are the same value, however each was read
    ("The Sixers lost 88-72 in Cleveland.", "88-72", qty(None, low=72, high=88, qualifier="range"), None,
     "Cleveland beat the Sixers 88-72.", "88-72", qty(None, low=88, high=88, qualifier="range"), None, "same"),
    # a figure of a person is compared whatever noun names the person
    ("Police arrested a 38-year-old resident of the town.", "38-year", qty(38, "year"), None,
     "Police arrested a 39-year-old man from the town.", "39-year", qty(39, "year"), None, "conflict"),
    # a figure that says neither what it counts nor its unit is not read with confidence
    ("The final tally was 12, the board said.", "12", qty(12), None,
     "The final tally was 40, the board said.", "40", qty(40), None, "undetermined"),
    # a count that describes another noun ("a three-game streak") is not a count of that noun
    ("The Sixers came into the match on a three-game losing streak.", "three", qty(3, counted="game"), None,
     "The Sixers have lost eight of their last 10 games.", "10", qty(10, counted="game"), None, "frame"),
    ("The Sixers came into the match on a three-game losing streak.", "three", qty(3, counted="game"), None,
     "The Sixers came into the match on a five-game losing streak.", "five", qty(5, counted="game"), None,
     "conflict"),
    # a measure written as a modifier ("the 300-metre ship") is still the ship's length
    ("The 300-metre ship docked at dawn.", "300-metre", qty(300, "m"), None,
     "The ship, 410 metres long, docked at dawn.", "410 metres", qty(410, "m"), None, "conflict"),
    # a count of a part is not the whole count
    ("Seven AK-47s and three other rifles were found in the boats.", "three", qty(3, counted="rifle"), None,
     "Nine rifles were seized from the pirates, the navy said.", "Nine", qty(9, counted="rifle"), None, "frame"),
    ("Rescuers found 12 more survivors on Tuesday.", "12", qty(12, counted="survivor"), None,
     "Rescuers found 40 survivors in the rubble.", "40", qty(40, counted="survivor"), None, "frame"),
    ("Drivers pay a toll of $12 on the bridge.", "$12", qty(12, "USD", counted="toll"), None,
     "Drivers pay a toll of $9 on the bridge.", "$9", qty(9, "USD", counted="toll"), None, "conflict"),
    ("The Sixers have lost eight of their last 10 games.", "10", qty(10, counted="game"), None,
     "The Sixers have lost 22 games this season.", "22", qty(22, counted="game"), None, "frame"),
    ("The Sixers came into the match on a three-game losing streak.", "three-game", qty(3, counted="game"), None,
     "The Sixers have lost 14 games this season.", "14", qty(14, counted="game"), None, "frame"),
    # a piece of a longer number, as tokenized text splits "2, 000 m"
    ("The ridge rises 2, 000 m above the valley.", "000 m", qty(0, "m"), None,
     "The ridge rises about 2000 m above the valley.", "about 2000 m", qty(2000, "m", "approx"), None,
     "undetermined"),
    # a number in a name ("AK-47", "Flight 370") is no figure
    ("The pirates carried three rifles, the navy said.", "three", qty(3, counted="rifle"), None,
     "The pirates carried AK-47 rifles, the navy said.", "47", qty(47, counted="rifle"), None, "undetermined"),
    ("The pirates carried three rifles, the navy said.", "three", qty(3, counted="rifle"), None,
     "The pirates carried AK - 47 rifles, the navy said.", "47", qty(47, counted="rifle"), None, "undetermined"),
    ("The pirates carried three rifles, the navy said.", "three", qty(3, counted="rifle"), None,
     "Six AK 47 rifles were seized, the navy said.", "47", qty(47, counted="rifle"), None, "undetermined"),
    ("Flight 370 carried 239 people.", "370", qty(370, counted="flight"), None,
     "Flight 17 carried 298 people.", "17", qty(17, counted="flight"), None, "undetermined"),
    # a negated figure against another figure: neither denies the other
    ("The port did not handle 3 million tonnes of grain.", "3 million", qty(3e6, "kg"), None,
     "The port handled 4 million tonnes of grain.", "4 million", qty(4e6, "kg"), None, "frame"),
]


@pytest.mark.parametrize("ta,pa,qa,da,tb,pb,qb,db,expected", SURVIVAL_QUANTITY_ROWS,
                         ids=[f"{r[8]}:{r[1]}/{r[5]}" for r in SURVIVAL_QUANTITY_ROWS])
def test_a_figure_dispute_survives_only_on_one_frame_and_value(ta: str, pa: str, qa: object, da: str | None,
                                                               tb: str, pb: str, qb: object, db: str | None,
                                                               expected: str) -> None:
    a, b = art("a", ta, published=da), art("b", tb, published=db)
    t, note = quantity_difference(at(a, pa, "quantity", qa), a.text, at(b, pb, "quantity", qb), b.text,
                                  published=(da, db))
    assert t == expected, note
    assert (t in DISAGREEING) == (expected == "conflict")
    if expected in UNSETTLED:
        assert note, "an unsettled difference says why"


DATELINE = "NORTH HAVEN, March 11 - "
PUB_A, PUB_B = "2026-03-11T18:00:00+00:00", "2026-03-12T07:00:00+00:00"
FILLER = "The pier has been closed since the storm. Engineers are still at work. Ferries use the south dock. "

SURVIVAL_DATE_ROWS = [
    # (text a, phrase a, timex a, mod a, published a, text b, phrase b, timex b, mod b, published b, expected)
    # a real conflict: one vote dated Tuesday and Wednesday, both near their datelines
    (DATELINE + "The council voted on Tuesday to close the pier.", "Tuesday", "2026-03-10", None, PUB_A,
     "The council voted on Wednesday to close the pier, officials said.", "Wednesday", "2026-03-11", None, PUB_B,
     "conflict"),
    ("The council voted on March 3, 2026, to close the pier.", "March 3, 2026", "2026-03-03", None, None,
     "The council voted on March 5, 2026, to close the pier.", "March 5, 2026", "2026-03-05", None, None,
     "conflict"),
    # the same weekday far from the dateline, or without a publication date, is uncertain
    (DATELINE + FILLER + "The council voted on Tuesday to close the pier.", "Tuesday", "2026-03-10", None, PUB_A,
     "The council voted on Wednesday to close the pier, officials said.", "Wednesday", "2026-03-11", None, PUB_B,
     "undetermined"),
    ("The council voted on Tuesday to close the pier.", "Tuesday", "2026-03-10", None, None,
     "The council voted on Wednesday to close the pier.", "Wednesday", "2026-03-11", None, PUB_B, "undetermined"),
    ("The council met in March and voted the same day to close the pier.", "the same day", "2026-03-10", None, PUB_A,
     "The council voted on Wednesday to close the pier.", "Wednesday", "2026-03-11", None, PUB_B, "undetermined"),
    (DATELINE + "The council voted last week to close the pier.", "last week", "2026-W10", None, PUB_A,
     "The council voted on March 11 to close the pier.", "March 11", "2026-03-11", None, PUB_B, "undetermined"),
    # a month without its year: only the year it was given differs
    ("The council voted in May to close the pier.", "May", "2026-05", None, PUB_A,
     "The council voted in May 2025 to close the pier.", "May 2025", "2025-05", None, PUB_B, "undetermined"),
    # ... but May is not June, whichever year
    ("The council voted in May to close the pier.", "May", "2026-05", None, PUB_A,
     "The council voted in June to close the pier.", "June", "2026-06", None, PUB_B, "conflict"),
    # granularity: a month and a day inside it
    ("The council voted in March to close the pier.", "March", "2026-03", None, PUB_A,
     "The council voted on March 10 to close the pier.", "March 10", "2026-03-10", None, PUB_B, "bound"),
    # a time of day whose day was inferred is not set against a day; a day with its time is
    ("The climber died at 11am, the rescue team said.", "11am", "2013-09-15T11:00", None, None,
     "The climber died on September 16, 2013, the rescue team said.", "September 16, 2013", "2013-09-16", None,
     None, "undetermined"),
    (DATELINE + "The fire broke out on Saturday night at the depot.", "Saturday night", "2026-03-07TNI", None, PUB_A,
     "The fire broke out on Sunday at the depot, officials said.", "Sunday", "2026-03-08", None, PUB_A, "conflict"),
    # a qualified date ("early April") is not set against a day
    ("The council voted in early April to close the pier.", "early April", "2026-04", "START", PUB_A,
     "The council voted on March 20 to close the pier.", "March 20", "2026-03-20", None, PUB_B, "undetermined"),
    # the dates of two happenings are not one date
    ("The ministry announced on Monday that jets had struck the depot.", "Monday", "2026-03-09", None, PUB_A,
     "Jets struck the depot on Tuesday, witnesses said.", "Tuesday", "2026-03-10", None, PUB_A, "frame"),
    # one happening stated and one expected
    ("The council will vote on Friday on closing the pier.", "Friday", "2026-03-13", None, PUB_A,
     "The council voted on Thursday to close the pier.", "Thursday", "2026-03-12", None, PUB_B, "frame"),
]


@pytest.mark.parametrize("ta,pa,xa,ma,da,tb,pb,xb,mb,db,expected", SURVIVAL_DATE_ROWS,
                         ids=[f"{r[10]}:{r[1]}/{r[6]}" for r in SURVIVAL_DATE_ROWS])
def test_a_date_dispute_survives_only_when_both_resolutions_are_sure(
        ta: str, pa: str, xa: str, ma: str | None, da: str | None, tb: str, pb: str, xb: str, mb: str | None,
        db: str | None, expected: str) -> None:
    a, b = art("a", ta, published=da), art("b", tb, published=db)
    t, note = date_difference(date(a, pa, xa, ma), a.text, date(b, pb, xb, mb), b.text, published=(da, db))
    assert t == expected, note
    assert (t in DISAGREEING) == (expected == "conflict")


SPEAKER_ROWS = [
    # (speaker a, speaker b, polarity b, expected): case, punctuation, titles never make a speaker dispute
    ("Mr. Hale", "Omar Hale", "affirmed", "verbatim"),
    ("President Ana Ruiz", "Ruiz", "affirmed", "verbatim"),
    ("OMAR HALE", "Omar Hale", "affirmed", "verbatim"),
    ("Hale.", "Omar Hale", "affirmed", "verbatim"),
    ("Port director Helena Marsh", "Ms Marsh", "affirmed", "verbatim"),
    ("the spokesman", "Omar Hale", "affirmed", "verbatim"),
    # two named people are a real speaker dispute
    ("Ines Vale", "Rolf Ames", "affirmed", "speaker"),
    ("Mayor Ines Vale", "Deputy Mayor Rolf Ames", "affirmed", "speaker"),
    # a speaker who declined to comment did not say it: not a rival attribution
    ("Ines Vale", "Rolf Ames", "refused", "frame"),
]


@pytest.mark.parametrize("sa,sb,pol_b,expected", SPEAKER_ROWS)
def test_speakers_compare_by_name_not_by_string(sa: str, sb: str, pol_b: str, expected: str) -> None:
    a = art("a", f"{sa} said: “The depot will reopen on Monday.”")
    b = art("b", f"“The depot will reopen on Monday,” {sb} said.")
    t, note = quote_difference(quote(a, "The depot will reopen on Monday.", sa),
                               a.text, quote(b, "The depot will reopen on Monday", sb, polarity=pol_b), b.text)
    assert t == expected, note


@pytest.mark.parametrize("person_b,expected", [(True, "speaker"), (None, "speaker"), (False, "verbatim")])
def test_only_people_are_rival_speakers(person_b: bool | None, expected: str) -> None:
    """A police force or a car the extractor read as the speaker is no rival attribution."""
    a = art("a", "Ines Vale said: “The depot will reopen on Monday.”")
    b = art("b", "“The depot will reopen on Monday,” Bloomington Police said.")
    people = {("a", "Ines Vale"): True, ("b", "Bloomington Police"): person_b}
    t, _ = quote_difference(quote(a, "The depot will reopen on Monday.", "Ines Vale"), a.text,
                            quote(b, "The depot will reopen on Monday", "Bloomington Police"), b.text,
                            persons=lambda aid, name: people.get((aid, name or "")))
    assert t == expected


@pytest.mark.parametrize("cluster_b,expected", [("c-hale", "verbatim"), ("c-ames", "speaker"), (None, "speaker")])
def test_aliases_compare_by_entity(cluster_b: str | None, expected: str) -> None:
    """Two names of one entity (as the story's entity index resolves them) are one speaker."""
    a = art("a", "Omar Hale said: “The depot will reopen on Monday.”")
    b = art("b", "“The depot will reopen on Monday,” Abu Karim said.")
    clusters = {("a", "Omar Hale"): "c-hale", ("b", "Abu Karim"): cluster_b}
    t, _ = quote_difference(quote(a, "The depot will reopen on Monday.", "Omar Hale"), a.text,
                            quote(b, "The depot will reopen on Monday", "Abu Karim"), b.text,
                            resolve=lambda aid, name: clusters.get((aid, name or "")))
    assert t == expected


@pytest.mark.parametrize("name,words", [("Mr. Omar Hale", ["omar", "hale"]), ("President Ruiz", ["ruiz"]),
                                        ("HALE,", ["hale"]), ("the spokesman", [])])
def test_speaker_words_drop_case_punctuation_and_titles(name: str, words: list[str]) -> None:
    assert speaker_words(name) == words


@pytest.mark.parametrize("ta,tb,expected", [
    ("The army did not strike the depot on Monday.", "The army struck the depot on Monday.", "polarity"),
    ("Officials would not say why, but the army struck the depot on Monday.",
     "The army struck the depot on Monday.", "wording"),
    ("The ministry denied that the army struck the depot.", "The ministry confirmed that the army struck the depot.",
     "polarity"),
    # tokenized text splits a contraction ("didn ’ t"): the same words all the same
    ("Smith didn ’ t return a call seeking comment.", "Smith didn't return a call seeking comment.", "same"),
    # a negation raised to the main verb says the same thing
    ("“I didn't feel we were playing our game,” the coach said.",
     "“I felt we weren't playing our game,” the coach said.", "wording"),
])
def test_statement_polarity_is_the_predicate_own(ta: str, tb: str, expected: str) -> None:
    a, b = art("a", ta), art("b", tb)
    ma = Mention("entity", 0, len(a.text), Entity("STATEMENT", "strike"), article_id="a")
    mb = Mention("entity", 0, len(b.text), Entity("STATEMENT", "strike"), article_id="b")
    assert statement_difference(ma, a.text, mb, b.text)[0] == expected


@pytest.mark.parametrize("text,phrase,predicate,polarity,modality", [
    ("The missile could reach 300 km.", "300 km", "reach", "positive", "possible"),
    ("The plant will cut 300 jobs.", "300", "cut", "positive", "expected"),
    ("The carmaker is expected to cut 300 jobs.", "300", "cut", "positive", "expected"),
    ("Police reportedly detained 40 protesters.", "40", "detain", "positive", "reported"),
    ("The port did not handle 11 ships last year.", "11", "handle", "negative", "asserted"),
    ("Officials did not say why, but 11 people died.", "11", "die", "positive", "asserted"),
])
def test_frames_read_predicate_polarity_and_modality(text: str, phrase: str, predicate: str, polarity: str,
                                                     modality: str) -> None:
    """The shared frame reader and the parse fallback agree on what a dispute compares."""
    a = art("a", text)
    m = at(a, phrase, "quantity", qty(1))
    for f in (value_frame(m, a.text), parse_frame(m, a.text)):
        assert (f.predicate, f.polarity, f.modality) == (predicate, polarity, modality), f
