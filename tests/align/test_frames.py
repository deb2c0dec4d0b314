"""Claim frames read off the parse (our own news-shaped sentences)."""

from __future__ import annotations

import pytest

from copydesk.align.frames import Frame, frame_at, frame_of, same_predicate, to_json
from copydesk.models import Mention, Quantity, Quote, Span, Time
from copydesk.text import parse


def _frame(sentence: str, phrase: str, kind: str = "quantity", value: object = None) -> Frame:
    i = sentence.index(phrase)
    if value is None:
        value = Quantity(amount=1.0) if kind == "quantity" else Time("2024-01-01")
    return frame_of(Mention(kind, i, i + len(phrase), value), parse(sentence))  # type: ignore[arg-type]


@pytest.mark.parametrize("sentence, phrase, kind, predicate", [
    ("Some 11,000 troops were sent to the border region, officials said.", "11,000", "quantity", "send"),
    ("The army did not send troops, but 40 civilians were killed in Aleppo on Monday.", "40", "quantity", "kill"),
    ("The attack on Monday killed 12 people near the market.", "Monday", "time", "attack"),
    ("Washington authorized the transfer on February 17, 2024.", "February 17, 2024", "time", "authorize"),
    ("The company is expected to cut 500 jobs next year.", "500", "quantity", "cut"),
    ("Some 500 jobs are expected to be cut, according to the union.", "500", "quantity", "cut"),
    ("The minister refused to approve the deal on Friday.", "Friday", "time", "approve"),
    ("Officials reported 40 deaths after the storm.", "40", "quantity", "death"),
])
def test_predicate_is_the_governing_verb_or_event_noun(sentence: str, phrase: str, kind: str,
                                                        predicate: str) -> None:
    f = _frame(sentence, phrase, kind)
    assert f.predicate == predicate
    assert f.predicate_span is not None and sentence[f.predicate_span.start:f.predicate_span.end].lower().startswith(
        predicate[:3])


@pytest.mark.parametrize("sentence, phrase, polarity", [
    # a negation in a neighbouring clause must not flip the figure
    ("The army did not send troops, but 40 civilians were killed in Aleppo on Monday.", "40", "positive"),
    ("Police have not named the suspect, who fired 12 shots at the crowd.", "12", "positive"),
    ("Although the bank never confirmed it, 300 jobs were cut in March.", "300", "positive"),
    # the clause's own negation does
    ("The ministry said 40 soldiers were not killed in the raid.", "40", "negative"),
    ("The government has never paid the $2 million it promised.", "$2 million", "negative"),
    ("No soldiers were killed in the attack on Monday, the ministry said.", "Monday", "negative"),
    ("The company did not plan to cut 500 jobs.", "500", "negative"),
])
def test_polarity_is_the_clause_own(sentence: str, phrase: str, polarity: str) -> None:
    kind = "time" if phrase == "Monday" else "quantity"
    assert _frame(sentence, phrase, kind).polarity == polarity


@pytest.mark.parametrize("sentence, phrase, modality", [
    ("The company is expected to cut 500 jobs next year.", "500", "expected"),
    ("Officials plan to hire 200 teachers by autumn.", "200", "expected"),
    ("The union will strike for 3 days.", "3 days", "expected"),
    ("The minister refused to approve the 12 permits.", "12", "refused"),
    ("The storm could destroy 4,000 homes.", "4,000", "possible"),
    ("Rebels reportedly seized 30 trucks.", "30", "reported"),
    ("Officials said 11,000 troops were sent to the border.", "11,000", "reported"),
    ("Some 11,000 troops were sent to the border.", "11,000", "asserted"),
])
def test_modality(sentence: str, phrase: str, modality: str) -> None:
    value = Quantity(amount=3.0, unit="day", normalized_unit="s") if "days" in phrase else None
    assert _frame(sentence, phrase, "quantity", value).modality == modality


@pytest.mark.parametrize("sentence, phrase, agent, patient, location", [
    ("Armed men killed 12 villagers in Kaduna on Sunday.", "12", "man", None, "kaduna"),
    ("Some 12 villagers were killed by armed men in Kaduna.", "12", "man", None, "kaduna"),  # passive agent
    ("Russia's attack on the convoy on Monday killed 12 people.", "Monday", "russia", "convoy", None),
    ("Washington authorized the transfer on February 17, 2024.", "February 17, 2024", "washington", "transfer",
     None),
    ("The navy fired 3 missiles at the port.", "3", "navy", "port", None),
])
def test_arguments_by_role(sentence: str, phrase: str, agent: str | None, patient: str | None,
                           location: str | None) -> None:
    kind = "time" if phrase in ("Monday", "February 17, 2024") else "quantity"
    f = _frame(sentence, phrase, kind)
    assert (f.agent, f.patient, f.location) == (agent, patient, location)
    assert {k for k in (agent, patient, location) if k} <= f.arguments


def test_the_counted_noun_is_the_value_not_an_argument() -> None:
    f = _frame("Some 11,000 troops were sent to the border.", "11,000 troops")
    assert f.value_type == "count:troops" and "troops" not in f.arguments


@pytest.mark.parametrize("sentence, phrase, kind, value, value_type", [
    ("Some 11,000 soldiers were deployed.", "11,000", "quantity", None, "count:soldier"),
    ("The ship is 300 metres long.", "300 metres", "quantity",
     Quantity(amount=300.0, unit="m", normalized_amount=300.0, normalized_unit="m"), "length"),
    ("The fund paid $2 million.", "$2 million", "quantity",
     Quantity(amount=2e6, unit="USD", normalized_amount=2e6, normalized_unit="USD"), "money"),
    ("The council approved the plan on May 2.", "May 2", "time", None, "date:approve"),
    ("Congress authorized the sale on May 2.", "May 2", "time", None, "date:approve"),
])
def test_value_type(sentence: str, phrase: str, kind: str, value: object, value_type: str) -> None:
    assert _frame(sentence, phrase, kind, value).value_type == value_type


@pytest.mark.parametrize("sentence, phrase, source", [
    ("Officials said 11,000 troops were sent to the border.", "11,000", "official"),
    ("Some 11,000 troops were sent to the border, Defence Minister Ana Ruiz said.", "11,000", "ruiz"),
    ("Some 500 jobs are expected to be cut, according to the union.", "500", "union"),
    ("Some 11,000 troops were sent to the border.", "11,000", None),
])
def test_attribution_is_the_governing_reporter(sentence: str, phrase: str, source: str | None) -> None:
    assert _frame(sentence, phrase).attribution == source


def test_entity_key_replaces_the_fallback_names() -> None:
    s = "President Ana Ruiz said 40 soldiers were killed in Kaduna."
    i = s.index("40")
    calls: list[tuple[int, int]] = []

    def key(start: int, end: int) -> str | None:
        calls.append((start, end))
        return {"Ruiz": "E1", "Kaduna": "E2"}.get(s[start:end].split()[-1])

    f = frame_of(Mention("quantity", i, i + 2, Quantity(amount=40.0)), parse(s), key)
    assert f.attribution == "E1" and f.location == "E2" and {"E1", "E2"} <= f.named
    assert calls


def test_quote_frame_has_the_speaker_as_agent_and_source() -> None:
    s = "“We will keep the corridor open,” said Harbour Minister Lena Korr."
    c0, c1 = s.index("We"), s.index(",”")
    cue = s.index("said")
    sp = s.index("Lena Korr")
    q = Quote("Lena Korr", Span(sp, sp + 9), Span(cue, cue + 4), Span(c0, c1), True)
    f = frame_of(Mention("quote", c0, c1, q), parse(s))
    assert f.value_type == "quote" and f.predicate == "say" and f.agent == f.attribution == "korr"


def test_frame_at_reads_a_predicate_token() -> None:
    doc = parse("Armed men attacked the convoy near Kaduna.")
    f = frame_at(doc, 2)
    assert f.predicate == "attack" and f.agent == "man" and f.patient == "convoy" and f.location == "kaduna"
    assert f.value_type == "" and f.sentence == Span(0, len(doc.text))


def test_same_predicate_by_lemma_or_synonym() -> None:
    assert same_predicate("authorize", "approve") and same_predicate("send", "send")
    assert not same_predicate("withdraw", "kill") and not same_predicate("", "")


def test_to_json_names_the_predicate_words() -> None:
    s = "Washington authorized the transfer on February 17, 2024."
    f = _frame(s, "February 17, 2024", "time")
    d = to_json(f, s)
    assert d["predicate"] == "authorize" and d["predicate_span"]["text"] == "authorized"
    assert d["polarity"] == "positive" and d["value_type"] == "date:approve" and "washington" in d["arguments"]


@pytest.mark.parametrize("sentence, phrase, predicate", [
    ("The secret approval came on February 17, 2024, an official said.", "February 17, 2024", "approval"),
    ("The first deliveries began in March.", "March", "delivery"),
    ("The ferry began sailing again on June 4.", "June 4", "sail"),
])
def test_support_verbs_give_way_to_the_happening(sentence: str, phrase: str, predicate: str) -> None:
    assert _frame(sentence, phrase, "time").predicate == predicate


def test_a_relative_pronoun_stands_for_its_noun() -> None:
    f = _frame("Police questioned the driver who hit 3 cyclists on Monday.", "3")
    assert f.predicate == "hit" and f.agent == "driver"


@pytest.mark.parametrize("sentence, phrase, predicate", [
    ("The Sixers came into the match on a three-game losing streak.", "three", "streak"),
    ("He was only as good as his last 10-game stretch.", "10", "stretch"),
    ("The Sixers have lost 14 games this season.", "14", "lose"),
])
def test_a_count_that_describes_another_noun(sentence: str, phrase: str, predicate: str) -> None:
    """"a three-game streak" is a property of the streak, not a count of games lost."""
    assert _frame(sentence, phrase).predicate == predicate


def test_a_mention_outside_the_text_is_a_coded_error() -> None:
    from copydesk.errors import CopydeskError

    doc = parse("The port closed on Sunday.")
    with pytest.raises(CopydeskError) as e:
        frame_of(Mention("time", 40, 46, Time("2024-01-01")), doc)
    assert e.value.code.name == "E403"


@pytest.mark.parametrize("text, phrase, predicate, co", [
    ("The council changed its mind in March, quietly signing the contract.", "March", "change", {"sign"}),
    ("The ministry backed down in June, formally withdrawing the bill.", "June", "back", {"withdraw"}),
    ("The second shipment coming in May will carry fuel.", "May", "shipment", set()),
])
def test_a_participle_shares_the_date_and_a_support_verb_gives_way_to_its_noun(
        text: str, phrase: str, predicate: str, co: set[str]) -> None:
    from copydesk.align.frames import frame_of
    from copydesk.extract import extract
    from copydesk.text import parse

    times = [m for m in extract(text) if m.kind == "time" and phrase in text[m.start:m.end]]
    assert times, text
    f = frame_of(times[0], parse(text))
    assert f.predicate == predicate and set(f.co_predicates) == co
