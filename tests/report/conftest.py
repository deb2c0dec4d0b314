"""Hand-made analyses for report tests: three outlets, one wire copy, a disputed figure, a quote."""

from __future__ import annotations

from typing import Any

import pytest

from copydesk.models import Article, Claim, Dependence, Difference, Mention, Quantity, Quote, Span, Story, Time
from copydesk.pipeline import Analysis, StoryAnalysis

WIRE = ("Flooding forced 2,300 residents from their homes in Ostrava on 14 May 2025, the regional office said. "
        "Mayor Jana Holub said: \u201cWe will rebuild every bridge that the river took from us.\u201d "
        "The river peaked in May 2025.")
RADIO = ("About 2,300 people left their homes in Ostrava after the river burst its banks on 14 May 2025. "
         "\u201cWe will rebuild every bridge the river took,\u201d Mayor Jana Holub said.")
DAILY = ("Some 4,000 residents were evacuated in Ostrava, officials said on 15 May 2025. "
         "Mayor Jana Holub said: \u201cWe will rebuild every bridge that the river took from us.\u201d")


def _at(text: str, words: str, after: int = 0) -> tuple[int, int]:
    i = text.index(words, after)
    return i, i + len(words)


def _qty(aid: str, text: str, words: str, amount: float) -> Mention:
    s, e = _at(text, words)
    return Mention("quantity", s, e, Quantity(amount, unit=None, counted="residents"), aid)


def _time(aid: str, text: str, words: str, timex: str, gran: str) -> Mention:
    s, e = _at(text, words)
    return Mention("time", s, e, Time(timex, granularity=gran), aid)


def _quote(aid: str, text: str, content: str) -> Mention:
    s, e = _at(text, content)
    return Mention("quote", s, e, Quote("Jana Holub", None, None, Span(s, e), True), aid)


@pytest.fixture()
def analysis() -> Analysis:
    wire = Article(id="wire", source="Wire Agency", text=WIRE, title="Floods in Ostrava", published="2025-05-14T18:00:00")
    radio = Article(id="radio", source="City Radio", text=RADIO, title="Ostrava evacuates", published="2025-05-14T20:00:00")
    daily = Article(id="daily", source="Morning Daily", text=DAILY, title="4,000 evacuated", published="2025-05-15")
    q_wire = _qty("wire", WIRE, "2,300 residents", 2300)
    q_radio = _qty("radio", RADIO, "About 2,300 people", 2300)
    q_daily = _qty("daily", DAILY, "Some 4,000 residents", 4000)
    t_wire = _time("wire", WIRE, "14 May 2025", "2025-05-14", "day")
    t_radio = _time("radio", RADIO, "14 May 2025", "2025-05-14", "day")
    t_daily = _time("daily", DAILY, "15 May 2025", "2025-05-15", "day")
    t_month = _time("wire", WIRE, "May 2025", "2025-05", "month")
    quote_wire = _quote("wire", WIRE, "We will rebuild every bridge that the river took from us.")
    quote_radio = _quote("radio", RADIO, "We will rebuild every bridge the river took,")
    quote_daily = _quote("daily", DAILY, "We will rebuild every bridge that the river took from us.")
    story = Story(id="st1", title="Floods in Ostrava", article_ids=("wire", "radio", "daily"))
    evac = Claim(id="c-evac", story_id="st1", kind="quantity", key="residents evacuated",
                 mentions=(q_wire, q_radio, q_daily),
                 differences=(Difference(0, 1, "same"), Difference(0, 2, "conflict", "2,300 vs 4,000")),
                 status="disputed", independent_sources=2)
    when = Claim(id="c-when", story_id="st1", kind="date", key="river burst its banks",
                 mentions=(t_wire, t_radio, t_daily), differences=(Difference(0, 2, "time"),),
                 status="disputed", independent_sources=2)
    rebuild = Claim(id="c-quote", story_id="st1", kind="quote", key="mayor promises to rebuild bridges",
                    mentions=(quote_wire, quote_daily), status="single-source", independent_sources=1,
                    speaker="Jana Holub")
    sa = StoryAnalysis(story, (evac, when, rebuild),
                       (Dependence("wire", "daily", 0.8, ("shared passages",)),
                        Dependence("wire", "radio", 0.1, ())))
    mentions = {"wire": (q_wire, t_wire, t_month, quote_wire), "radio": (q_radio, t_radio, quote_radio),
                "daily": (q_daily, t_daily, quote_daily)}
    return Analysis((wire, radio, daily), mentions, (sa,))


@pytest.fixture()
def doc(analysis: Analysis) -> dict[str, Any]:
    from copydesk import report

    d = report.build(analysis)
    report.validate(d)
    return d
