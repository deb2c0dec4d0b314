"""verify(): status, independent sources, single origin, believed values."""

from __future__ import annotations

from claim_builders import art, at, claim, date, qty
from dataclasses import replace

from copydesk.models import CopyLink, Story
from copydesk.verify import verify

STORY = Story("s1", "Bridge", ("a", "b", "c"))


def _bridge(b_amount: float, c_amount: float) -> tuple[dict, dict, list]:
    arts = {"a": art("a", "The new toll bridge is 4 km long, the transport office said on Monday."),
            "b": art("b", f"Drivers will cross a span of {b_amount:g} km when the bridge opens."),
            "c": art("c", f"Officials put the bridge's length at {c_amount:g} km in their final survey.")}
    ms = [at(arts["a"], "4 km", "quantity", qty(4, "km", counted="length")),
          at(arts["b"], f"{b_amount:g} km", "quantity", qty(b_amount, "km", counted="length")),
          at(arts["c"], f"{c_amount:g} km", "quantity", qty(c_amount, "km", counted="length"))]
    mentions = {m.article_id: [m] for m in ms}
    return arts, mentions, [claim("quantity", "bridge length", *ms)]


def test_agreed_claim_counts_independent_sources() -> None:
    arts, mentions, claims = _bridge(4, 4)
    v = verify(STORY, arts, mentions, claims)
    c = v.claims[0]
    assert c.status == "agreed" and c.independent_sources == 3
    assert {d.type for d in c.differences} == {"same"}


def test_conflict_is_disputed_and_minority_value_kept() -> None:
    arts, mentions, claims = _bridge(4, 7)
    c = verify(STORY, arts, mentions, claims).claims[0]
    assert c.status == "disputed"
    assert c.value == "4 km" and c.confidence is not None and c.confidence > 0.5
    assert len(c.mentions) == 3  # the 7 km mention stays
    assert any(d.type == "conflict" for d in c.differences)


def test_single_origin_when_every_outlet_copies_one() -> None:
    arts, mentions, claims = _bridge(4, 4)
    copies = [CopyLink("a", "b", 1.0, "exact"), CopyLink("a", "c", 0.96, "syndicated")]
    v = verify(STORY, arts, mentions, claims, copies)
    c = v.claims[0]
    assert c.status == "single-source" and c.independent_sources == 1
    assert c.id in v.single_origin
    assert all("same origin" in d.note for d in c.differences)
    assert ("a", "b", "c") in v.groups


def test_one_article_is_single_source() -> None:
    arts, mentions, claims = _bridge(4, 4)
    one = claims[0].__class__(**{**claims[0].__dict__, "mentions": claims[0].mentions[:1]})
    assert verify(STORY, arts, mentions, [one]).claims[0].status == "single-source"


def test_one_article_with_a_near_miss_elsewhere_is_undetermined() -> None:
    """Another outlet's mention came close to matching: the claim may not rest on one source."""
    arts, mentions, claims = _bridge(4, 4)
    one = replace(claims[0], mentions=claims[0].mentions[:1], near_miss=0.42)
    c = verify(STORY, arts, mentions, [one]).claims[0]
    assert c.status == "undetermined" and c.near_miss == 0.42
    assert verify(STORY, arts, mentions, [replace(one, near_miss=None)]).claims[0].status == "single-source"


def test_align_then_verify_end_to_end() -> None:
    """Two outlets echo one Reuters report with a wrong toll; a third has the right one."""
    from copydesk.align import align

    arts = {"a": art("a", "Drivers will pay a toll of $12 per car, according to Reuters. The bridge opens in May."),
            "b": art("b", "Drivers will pay a toll of $12 per car, Reuters reported on Monday. Trucks pay more."),
            "c": art("c", "Drivers will pay a toll of $9 per car, the council decided after a long debate.")}
    ms = {k: [at(a, "$12" if k != "c" else "$9", "quantity", qty(12 if k != "c" else 9, "USD", counted="toll"))]
          for k, a in arts.items()}
    story = Story("s2", "Toll", ("a", "b", "c"))
    claims = align(story, arts, ms)
    assert len(claims) == 1 and len(claims[0].mentions) == 3
    v = verify(story, arts, ms, claims)
    c = v.claims[0]
    assert c.status == "disputed"
    assert c.independent_sources == 2  # a and b trace to one Reuters report
    assert ("a", "b") in v.groups
    assert any("reuters" in e for d in v.dependences for e in d.evidence)


def test_relative_dates_from_publications_months_apart_are_undetermined_not_disputed() -> None:
    """'Today' in a November piece and 'Wednesday' in an April piece date two occurrences, not one disputed day."""
    from copydesk.models import Article, Claim, Mention, Story, Time
    from copydesk.verify import verify as run_verify

    t1 = "The two leaders met today in the capital."
    t2 = "The two leaders met on Wednesday in the capital."
    a = Article(id="a1", source="North Desk", text=t1, published="2024-11-19")
    b = Article(id="b1", source="South Desk", text=t2, published="2024-04-25")
    ma = Mention("time", t1.index("today"), t1.index("today") + 5, Time("2024-11-19", granularity="day"), "a1")
    mb = Mention("time", t2.index("Wednesday"), t2.index("Wednesday") + 9, Time("2024-04-24", granularity="day"), "b1")
    claim = Claim("c1", "s1", "date", "meet", (ma, mb))
    story = Story("s1", "Leaders meet", ("a1", "b1"))
    out = run_verify(story, {"a1": a, "b1": b}, {"a1": [ma], "b1": [mb]}, [claim]).claims[0]
    assert [d.type for d in out.differences] == ["time"]
    assert "208 days apart" in out.differences[0].note
    assert out.status == "undetermined"
    near = replace(b, published="2024-11-20")
    out = run_verify(story, {"a1": a, "b1": near}, {"a1": [ma], "b1": [mb]}, [claim]).claims[0]
    assert [d.type for d in out.differences] == ["conflict"] and out.status == "disputed"


def _toll(published: tuple[str | None, str | None, str | None], figures: tuple[str, str, str]) -> tuple:
    """Three outlets' casualty figures for one blast, each published when given."""
    texts = (f"{figures[0]} people were killed in the blast at the depot, police said.",
             f"The blast at the depot killed {figures[1]} people, officials said.",
             f"{figures[2]} people were killed in the blast at the depot, the ministry said.")
    arts = {k: art(k, t, published=p) for k, t, p in zip("abc", texts, published)}
    words = {"12": 12, "Twelve": 12, "40": 40, "Forty": 40, "At least 40": 40}
    ms = [at(arts[k], f, "quantity",
             qty(words[f], qualifier="ge" if f.startswith("At least") else None, counted="person"))
          for k, f in zip("abc", figures)]
    return arts, {m.article_id: [m] for m in ms}, [claim("quantity", "people killed", *ms)]


def test_a_toll_that_rose_is_an_update_not_a_dispute() -> None:
    """12 dead in the first two reports, at least 40 a day later: an update; the believed value is the latest."""
    arts, mentions, claims = _toll(("2026-03-02T09:00:00", "2026-03-02T11:00:00", "2026-03-03T08:00:00"),
                                   ("12", "Twelve", "At least 40"))
    c = verify(STORY, arts, mentions, claims).claims[0]
    assert {d.type for d in c.differences} == {"same", "update"}
    assert c.status == "undetermined"
    assert c.value == "At least 40"


def test_the_same_toll_change_at_one_time_is_a_dispute() -> None:
    """12 vs 40 killed in one blast, reported at the same time: a real conflict stays disputed."""
    arts, mentions, claims = _toll(("2026-03-02T09:00:00",) * 3, ("12", "Twelve", "40"))
    c = verify(STORY, arts, mentions, claims).claims[0]
    assert "conflict" in {d.type for d in c.differences}
    assert c.status == "disputed"


def test_a_mention_of_another_frame_leaves_the_claim_undetermined() -> None:
    """Two outlets agree on 12 killed; a third's 40 injured is another fact grouped in: neither agreed nor disputed."""
    arts = {"a": art("a", "Twelve people were killed in the blast at the depot."),
            "b": art("b", "The blast at the depot killed 12 people."),
            "c": art("c", "Forty people were injured in the blast at the depot.")}
    ms = [at(arts["a"], "Twelve", "quantity", qty(12, counted="person")),
          at(arts["b"], "12", "quantity", qty(12, counted="person")),
          at(arts["c"], "Forty", "quantity", qty(40, counted="person"))]
    c = verify(STORY, arts, {m.article_id: [m] for m in ms}, [claim("quantity", "people", *ms)]).claims[0]
    assert sorted(d.type for d in c.differences) == ["frame", "frame", "same"]
    assert c.status == "undetermined" and c.independent_sources == 3


def test_only_unsettled_differences_leave_a_claim_undetermined() -> None:
    """A capability against a test result: not one statement, so neither agreed nor disputed."""
    arts = {"a": art("a", "The missile could reach 300 km, the ministry said."),
            "b": art("b", "In the test the missile reached 210 km.")}
    ms = [at(arts["a"], "300 km", "quantity", qty(300, "km")), at(arts["b"], "210 km", "quantity", qty(210, "km"))]
    story = Story("s3", "Missile", ("a", "b"))
    c = verify(story, arts, {m.article_id: [m] for m in ms}, [claim("quantity", "missile range", *ms)]).claims[0]
    assert [d.type for d in c.differences] == ["frame"]
    assert c.status == "undetermined"


def test_a_value_the_other_article_also_states_for_something_else_is_no_dispute() -> None:
    """b dates the academy's first gala 2007 and its second 2008: a's 2008 gala is b's second, no rival date."""
    arts = {"a": art("a", "The academy hosted the gala on May 3, 2008, its director said."),
            "b": art("b", "The academy first hosted the gala on May 5, 2007. "
                          "The academy hosted the gala again on May 3, 2008.")}
    ms = {"a": [date(arts["a"], "May 3, 2008", "2008-05-03")],
          "b": [date(arts["b"], "May 5, 2007", "2007-05-05"), date(arts["b"], "May 3, 2008", "2008-05-03")]}
    c = claim("date", "host", ms["a"][0], ms["b"][0])
    out = verify(Story("s4", "Gala", ("a", "b")), arts, ms, [c]).claims[0]
    assert [d.type for d in out.differences] == ["frame"] and "also states" in out.differences[0].note
    assert out.status != "disputed"
    alone = {"a": ms["a"], "b": ms["b"][:1]}
    out = verify(Story("s4", "Gala", ("a", "b")), arts, alone, [c]).claims[0]
    assert [d.type for d in out.differences] == ["conflict"] and out.status == "disputed"


def test_speakers_typed_as_organizations_are_no_rival_attribution() -> None:
    """The extractor types "Bloomington Police" an organization: its quote is not attributed against a person's."""
    from copydesk.models import Entity, Mention, Quote, Span

    ta = "Ines Vale said: “The depot will reopen on Monday.”"
    tb = "“The depot will reopen on Monday,” Bloomington Police said."
    arts = {"a": art("a", ta), "b": art("b", tb)}

    def q(aid: str, text: str, words: str, speaker: str) -> Mention:
        i = text.index(words)
        return Mention("quote", i, i + len(words), Quote(speaker, None, None, Span(i, i + len(words)), True), aid)

    ma, mb = q("a", ta, "The depot will reopen on Monday.", "Ines Vale"), q("b", tb, "The depot will reopen on Monday",
                                                                            "Bloomington Police")
    ents = {"a": [Mention("entity", 0, 9, Entity("PERSON", "Ines Vale"), "a")],
            "b": [Mention("entity", tb.index("Bloomington"), tb.index(" said"), Entity("ORG", "Bloomington Police"),
                          "b")]}
    story = Story("s5", "Depot", ("a", "b"))
    out = verify(story, arts, {k: ents[k] + [m] for k, m in (("a", ma), ("b", mb))},
                 [claim("quote", "depot", ma, mb)]).claims[0]
    assert [d.type for d in out.differences] == ["verbatim"]
    ents["b"] = [Mention("entity", tb.index("Bloomington"), tb.index(" said"), Entity("PERSON", "Bloomington Police"),
                         "b")]
    out = verify(story, arts, {k: ents[k] + [m] for k, m in (("a", ma), ("b", mb))},
                 [claim("quote", "depot", ma, mb)]).claims[0]
    assert [d.type for d in out.differences] == ["speaker"] and out.status == "disputed"
