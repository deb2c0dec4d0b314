"""Claim alignment across the articles of one story."""

from __future__ import annotations

import pytest

from align_texts import ARTICLES, TEXTS, mentions
from copydesk.align import align
from copydesk.align.claims import event
from copydesk.text import parse
from copydesk.models import Entity, Story

STORY = Story("s1", "ATACMS", ("a", "b", "c"))


def _claims() -> list:
    return align(STORY, ARTICLES, mentions())


def _texts(c) -> set[str]:
    return {TEXTS[x.article_id][x.start:x.end] for x in c.mentions}


def test_range_figures_align_across_units() -> None:
    rng = [c for c in _claims() if c.kind == "quantity" and "300 km" in _texts(c)]
    assert len(rng) == 1
    assert _texts(rng[0]) == {"300 km", "190 miles", "up to 300 km"}
    assert "range" in rng[0].key


def test_counts_do_not_merge_with_lengths_or_money() -> None:
    claims = [c for c in _claims() if c.kind == "quantity"]
    troops = [c for c in claims if "11,000 troops" in _texts(c)]
    assert len(troops) == 1 and _texts(troops[0]) == {"11,000 troops", "About 11,000 soldiers"} or \
        _texts(troops[0]) == {"11,000 troops"}
    money = [c for c in claims if "$1.5 million" in _texts(c)]
    assert len(money) == 1 and len(money[0].mentions) == 1


def test_dates_align_by_event_not_by_value() -> None:
    dates = [c for c in _claims() if c.kind == "date"]
    approval = [c for c in dates if "February 17, 2024" in _texts(c)]
    assert len(approval) == 1
    assert {x.article_id for x in approval[0].mentions} == {"a", "b", "c"}
    assert "March 2024" not in _texts(approval[0])  # the delivery date is another event
    assert approval[0].key == "approval"


def test_quotes_align_by_speaker_and_words() -> None:
    quotes = [c for c in _claims() if c.kind == "quote"]
    assert len(quotes) == 1 and len(quotes[0].mentions) == 2 and quotes[0].speaker == "Lena Korr"


def test_claim_ids_are_stable_and_one_mention_per_article() -> None:
    first, second = _claims(), _claims()
    assert [c.id for c in first] == [c.id for c in second]
    for c in first:
        arts = [x.article_id for x in c.mentions]
        assert len(arts) == len(set(arts))


def test_category_slot_becomes_a_statement() -> None:
    texts = {"x": "Kyiv fired cruise missiles at the bridge overnight.",
             "y": "Overnight, ballistic missiles hit the bridge, the army said."}
    arts = {k: ARTICLES["a"].__class__(id=k, source=k, text=v) for k, v in texts.items()}
    claims = align(Story("s2", "t", ("x", "y")), arts, {"x": [], "y": []})
    cat = [c for c in claims if c.key == "missile type"]
    assert len(cat) == 1
    assert {x.value.canonical for x in cat[0].mentions if isinstance(x.value, Entity)} == \
        {"missile:cruise", "missile:ballistic"}


@pytest.mark.parametrize("sentence, word, canonical", [
    ("The council approved the plan.", "approved", "approve"),
    ("Congress authorized the sale in May.", "authorized", "approve"),
    ("The first deliveries arrived in March.", "deliveries", "deliver"),
    ("The ministry said it had shipped the parts.", "shipped", "deliver"),
    ("Allies sent more aid last week.", "sent", "deliver"),
    ("Two strikes hit the port overnight.", "strikes", "strike"),
    ("Gunmen attacked the convoy on Sunday.", "attacked", "strike"),
    ("She put the book on the table.", "table", None),
])
def test_event_synonyms_by_lemma(sentence: str, word: str, canonical: str | None) -> None:
    """Events are looked up by the lemma the parse gives the word in its sentence."""
    tok = next(t for t in parse(sentence) if t.text == word)
    assert event(tok.lemma_) == canonical
