"""Alignment by frames on real-news-shaped articles we wrote: different facts stay apart, one fact joins.

Each case is two short articles of one story, extracted by copydesk's own extractors;
the pair of phrases either lands in one claim or must not.
"""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from copydesk.align import align
from copydesk.extract import extract
from copydesk.models import Article, Claim, Story
from copydesk.report.json import claim_dict, schema

SEPARATE = [
    # two dates of different events in sentences that both contain "announce"
    ("Officials announced on Monday that the port had closed on Sunday.",
     "The port closed on Saturday, the mayor announced late on Tuesday.", "Monday", "Saturday"),
    # troops withdrawn from one country, troops killed in another
    ("The United States will withdraw 2,000 troops from Syria by the end of the year.",
     "Some 2,000 troops were killed in Iraq during the offensive.", "2,000", "2,000"),
    # the same count of the same noun killed in two different countries
    ("Floods killed 12 people in Kenya on Monday.",
     "A landslide killed 30 people in Uganda on Monday.", "12", "30"),
    # different things counted
    ("The army sent 400 tanks to the front.", "The army sent 400 soldiers to the front.", "400", "400"),
    # a sum approved and a sum spent are different facts
    ("Parliament approved $2 billion for the dam in March.",
     "The ministry has spent $1.2 billion on the dam so far.", "$2 billion", "$1.2 billion"),
]

TOGETHER = [
    ("Floods killed 12 people in Kenya on Monday, the Red Cross said.",
     "At least 15 people were killed by floods in Kenya on Monday.", "12", "15"),
    ("The port closed on Sunday after the storm.",
     "The port closed on Saturday, the mayor said.", "Sunday", "Saturday"),
    ("The council approved the budget on May 2.", "The budget was approved by the council on May 3.",
     "May 2", "May 3"),
]


def _claims(a: str, b: str) -> tuple[list[Claim], dict[str, Article]]:
    arts = {"x": Article(id="x", source="Outlet X", text=a, published="2026-03-10"),
            "y": Article(id="y", source="Outlet Y", text=b, published="2026-03-10")}
    ms = {k: extract(v.text, v.published, k) for k, v in arts.items()}
    return align(Story("s", "t", ("x", "y")), arts, ms), arts


def _holding(claims: list[Claim], arts: dict[str, Article], aid: str, phrase: str) -> list[Claim]:
    return [c for c in claims if c.kind in ("quantity", "date")
            and any(m.article_id == aid and phrase in arts[aid].text[m.start:m.end] for m in c.mentions)]


@pytest.mark.parametrize("a, b, pa, pb", SEPARATE)
def test_different_facts_stay_apart(a: str, b: str, pa: str, pb: str) -> None:
    claims, arts = _claims(a, b)
    ca = _holding(claims, arts, "x", pa)
    assert ca, f"{pa!r} was not extracted as a claim"
    assert not any(c in _holding(claims, arts, "y", pb) for c in ca)


@pytest.mark.parametrize("a, b, pa, pb", TOGETHER)
def test_one_fact_joins(a: str, b: str, pa: str, pb: str) -> None:
    claims, arts = _claims(a, b)
    assert any(c in _holding(claims, arts, "y", pb) for c in _holding(claims, arts, "x", pa))


def test_claim_mentions_carry_frames_in_the_report() -> None:
    claims, arts = _claims(*TOGETHER[0][:2])
    c = next(c for c in claims if len(c.mentions) == 2 and c.kind == "quantity")
    assert len(c.frames) == len(c.mentions)
    d: dict[str, Any] = claim_dict(c, arts)
    frame_schema = {"$defs": schema()["$defs"], "$ref": "#/$defs/mention"}
    for m in d["mentions"]:
        jsonschema.validate(m, frame_schema)
        f = m["frame"]
        assert f["predicate"] == "kill" and f["value_type"] == "count:person" and f["location"]
        assert f["predicate_span"]["text"] == arts[m["article"]].text[f["predicate_span"]["start"]:
                                                                      f["predicate_span"]["end"]]


@pytest.mark.parametrize("learned, joined", [(0.0, False), (1.0, True)])
def test_learned_score_decides_when_switched_on(monkeypatch: pytest.MonkeyPatch, learned: float,
                                                joined: bool) -> None:
    """With ``LEARNED_SCORE`` the scorer's probability against its own threshold decides frames of happenings."""
    from copydesk.align import claims, scorer

    monkeypatch.setattr(claims, "LEARNED_SCORE", True)
    monkeypatch.setattr(scorer, "same_claim_score", lambda a, b, similarity=None: learned)
    a, b, pa, pb = TOGETHER[0]
    got, arts = _claims(a, b)
    assert any(c in _holding(got, arts, "y", pb) for c in _holding(got, arts, "x", pa)) is joined


@pytest.mark.parametrize("b, joined", [
    ("“We will rebuild the bridge by June,” Mayor Ana Ruiz told reporters on Tuesday.", True),
    ("“We will rebuild the bridge,” Ruiz said.", True),  # a truncation
    ("“The budget was never the problem here,” Mayor Ana Ruiz said on Tuesday.", False),  # same speaker, other words
])
def test_quotes_join_by_speaker_and_words(b: str, joined: bool) -> None:
    a = "“We will rebuild the bridge by June,” Mayor Ana Ruiz said on Tuesday."
    claims, arts = _claims(a, b)
    quotes = [c for c in claims if c.kind == "quote"]
    assert quotes, "no quote was extracted"
    assert any({m.article_id for m in c.mentions} == {"x", "y"} for c in quotes) is joined


def test_a_lone_date_is_kept_only_for_a_known_happening() -> None:
    claims, arts = _claims("The council approved the budget on May 2.", "In 2007, she put the show back on track.")
    dates = {arts[m.article_id].text[m.start:m.end] for c in claims if c.kind == "date" for m in c.mentions}
    assert "May 2" in dates and "2007" not in dates
