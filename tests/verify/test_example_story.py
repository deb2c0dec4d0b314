"""End to end on the bundled example story: every planted item comes out with its type.

The expectations are read from ``copydesk.api.planted()`` (harbor.planted.json), so the
test follows the example if it is rewritten. Every test first finds the claim, mention or
link it checks and fails when it is missing: none passes on an absent finding.
"""

from __future__ import annotations

from typing import Any

import pytest

from copydesk import api

PLANTED: dict[str, Any] = api.planted()
#: Difference types a planted type may come out as ("same" allows a compatible bound).
ACCEPTED = {"same": {"same", "bound"}}


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    """The example's whole report, analysed once."""
    return api.analyze([str(p) for p in api.demo_paths()], store=False)


@pytest.fixture(scope="module")
def story(report: dict[str, Any]) -> dict[str, Any]:
    """The fire story's report (the story holding the wire report)."""
    src = {a["id"]: a["source"] for a in report["articles"]}
    st = max(report["stories"], key=lambda s: len(s["articles"]))
    return dict(st, _source=src, _text={a["id"]: a["text"] for a in report["articles"]},
                _title={a["id"]: a.get("title") or "" for a in report["articles"]})


def _match(planted: str, mention: str) -> bool:
    """A planted phrase and a text match when either holds the other ("11" in "11 crew members")."""
    p, m = planted.lower(), mention.lower()
    return p in m or (len(m) >= 2 and m in p)


def _is(st: dict[str, Any], m: dict[str, Any], source: str, text: str) -> bool:
    """Whether mention ``m`` is the planted phrase: in the outlet's article, overlapping where the phrase is written.

    "Tuesday" elsewhere in the article is not the planted "last Tuesday"; "11" inside "11 crew members" is.
    """
    if st["_source"][m["article"]] != source:
        return False
    body, p = st["_text"][m["article"]].lower(), text.lower()
    at = body.find(p)
    while at >= 0:
        if m["start"] < at + len(p) and at < m["end"]:
            return True
        at = body.find(p, at + 1)
    return False


def _claims_with(st: dict[str, Any], source: str, text: str) -> list[dict[str, Any]]:
    return [c for c in st["claims"] if any(_is(st, m, source, text) for m in c["mentions"])]


def _the_claim_with(st: dict[str, Any], source: str, text: str, kind: str | None = None) -> dict[str, Any]:
    found = [c for c in _claims_with(st, source, text) if kind is None or c["kind"] == kind]
    assert found, f"no {kind or ''} claim holds {text!r} from {source}"
    return found[0]


def _index(c: dict[str, Any], st: dict[str, Any], source: str, text: str) -> int:
    found = [i for i, m in enumerate(c["mentions"]) if _is(st, m, source, text)]
    assert found, f"{text!r} ({source}) is not a mention of {c['summary']!r}"
    return found[0]


def _type(c: dict[str, Any], i: int, j: int) -> str:
    found = [d["type"] for d in c["differences"] if sorted(d["mentions"]) == sorted([i, j])]
    assert found, f"no difference typed between mentions {i} and {j} of {c['summary']!r}"
    return found[0]


def test_one_story_of_six_sources(story: dict[str, Any]) -> None:
    sources = {story["_source"][a] for a in story["articles"]}
    assert sources == set(PLANTED["stories"][0]["sources"])


def test_the_unrelated_article_is_its_own_story(report: dict[str, Any], story: dict[str, Any]) -> None:
    """The tram piece shares a town and an outlet with the fire, not the story."""
    (planted,) = PLANTED["unrelated"]
    ids = [a["id"] for a in report["articles"]
           if a["source"] == planted["source"] and a.get("title") == planted["title"]]
    assert len(ids) == 1, f"the unrelated article {planted['title']!r} is not in the report"
    assert ids[0] not in story["articles"]
    assert any(ids[0] in s["articles"] for s in report["stories"])


@pytest.mark.parametrize("item", PLANTED["quantities"] + PLANTED["dates"], ids=lambda it: it["claim"])
def test_planted_figure_and_date(story: dict[str, Any], item: dict[str, Any]) -> None:
    """Both planted mentions sit in one claim, their difference has the planted type, and the status follows."""
    (a, ta), (b, tb) = [(m["source"], m["text"]) for m in item["mentions"]]
    shared = [c for c in _claims_with(story, a, ta) if c in _claims_with(story, b, tb)]
    assert shared, f"{ta!r} ({a}) and {tb!r} ({b}) are not in one claim"
    c = shared[0]
    t = _type(c, _index(c, story, a, ta), _index(c, story, b, tb))
    want = ACCEPTED.get(item["type"], {item["type"]})
    assert t in want, f"{item['claim']}: {t} not in {want}"
    if item["type"] == "conflict":
        assert c["status"] == "disputed"
    else:
        assert c["status"] != "disputed", f"{item['claim']} is {item['type']}, yet disputed"


@pytest.mark.parametrize("item", [q for q in PLANTED["quantities"] if q["type"] == "update"],
                         ids=lambda it: it["claim"])
def test_an_update_believes_the_later_report(story: dict[str, Any], item: dict[str, Any]) -> None:
    """A count a later report raises: the claim's believed value is the later report's figure."""
    later = max(item["mentions"], key=lambda m: PLANTED["articles"][m["source"]]["published"])
    c = _the_claim_with(story, later["source"], later["text"], "quantity")
    assert c["believed"] and _match(later["text"], c["believed"]), c["believed"]


@pytest.mark.parametrize("item", PLANTED["dates"], ids=lambda it: it["claim"])
def test_dates_keyed_to_their_event(story: dict[str, Any], item: dict[str, Any]) -> None:
    """The claim a planted date lands in is named after its event, not after a nearby noun."""
    a, ta = item["mentions"][0]["source"], item["mentions"][0]["text"]
    c = _the_claim_with(story, a, ta, "date")
    event = item["claim"].split()[-1] if item["claim"].startswith("ship") else item["claim"].split()[0]
    assert event[:4] in c["summary"].lower() or event[:4] in c.get("key", "").lower(), c["summary"]
    assert "deliver" not in c["summary"].lower()


@pytest.mark.parametrize("item", PLANTED["dates"], ids=lambda it: it["claim"])
def test_planted_dates_resolve_to_their_day(story: dict[str, Any], item: dict[str, Any]) -> None:
    for m in item["mentions"]:
        c = _the_claim_with(story, m["source"], m["text"], "date")
        got = c["mentions"][_index(c, story, m["source"], m["text"])]["value"]
        assert got["date"] == m["date"], (m, got)


def test_fire_date_is_not_delivery(story: dict[str, Any]) -> None:
    """The wire's "Sunday" dates the fire: its claim exists, and no delivery claim takes it."""
    fire = next(d for d in PLANTED["dates"] if d["claim"].startswith("fire"))
    sunday = next(m for m in fire["mentions"] if m["text"] == "Sunday")
    c = _the_claim_with(story, sunday["source"], "Sunday", "date")
    assert "fire" in (c["summary"] + c.get("key", "")).lower()
    delivery = [c for c in story["claims"] if c["kind"] == "date" and "deliver" in c["summary"].lower()]
    assert all(m["text"] != "Sunday" for c in delivery for m in c["mentions"])


def _dated(st: dict[str, Any]) -> list[dict[str, Any]]:
    """Every dated mention the report shows, in claims and on the timeline."""
    ms = [m for c in st["claims"] if c["kind"] == "date" for m in c["mentions"]]
    return ms + [m for row in st["timeline"] for m in row["mentions"]]


@pytest.mark.parametrize("item", PLANTED["relative_dates"], ids=lambda it: f"{it['source']}: {it['text']}")
def test_relative_dates_resolve_against_the_publication(story: dict[str, Any], item: dict[str, Any]) -> None:
    found = {(m.get("value") or {}).get("date") for m in _dated(story) if _is(story, m, item["source"], item["text"])}
    assert found, f"{item['text']!r} ({item['source']}) is not a dated mention"
    assert item["timex"] in found, found


@pytest.mark.parametrize("item", PLANTED["independent_sources"], ids=lambda it: it["claim"])
def test_one_origin_counts_once(story: dict[str, Any], item: dict[str, Any]) -> None:
    text = item["claim"].removeprefix("more than ").split()[0]
    cs = [c for c in story["claims"] if c["kind"] == "quantity"
          and {story["_source"][m["article"]] for m in c["mentions"]} == set(item["sources"])
          and all(text in m["text"] or "120" in m["text"] for m in c["mentions"])]
    assert cs, "the planted figure's claim is missing"
    for c in cs:
        assert c["independent_sources"] == item["independent"]
        assert c["status"] == "single-source"
        assert c["differences"], "three outlets' mentions of one figure compare pairwise"
        assert all("same origin" in d["note"] for d in c["differences"])


def test_quote_variants_typed(story: dict[str, Any]) -> None:
    q = PLANTED["quotes"][0]
    orig = q["original"]
    c = _the_claim_with(story, orig["source"], orig["text"][:40], "quote")
    assert q["speaker"] in (c.get("speaker") or c["summary"])
    i = _index(c, story, orig["source"], orig["text"][:40])
    for v in q["variants"]:
        vs = [k for k, m in enumerate(c["mentions"]) if story["_source"][m["article"]] == v["source"]]
        assert vs, f"{v['source']}'s version is not aligned with the original"
        assert _type(c, i, vs[0]) == v["type"], v["source"]
    assert len(c["differences"]) >= len(q["variants"])
    assert all(d["type"] != "speaker" for d in c["differences"])


def test_outlet_credit_is_not_a_quote(story: dict[str, Any]) -> None:
    """"..., Coastline Wire reported" credits a report; it is no quote by the wire."""
    outlets = set(PLANTED["articles"])
    quotes = [c for c in story["claims"] if c["kind"] == "quote"]
    assert quotes, "the story has no quote claim to check"
    for c in quotes:
        assert (c.get("speaker") or "") not in outlets, c["summary"]
        assert all(d["type"] != "speaker" for d in c["differences"]
                   if any(o in d["note"] for o in outlets))


@pytest.mark.parametrize("item", PLANTED["single_source"], ids=lambda it: it["source"])
def test_single_source(story: dict[str, Any], item: dict[str, Any]) -> None:
    cs = [c for c in story["claims"]
          if any(item["text"] in m["text"] for m in c["mentions"])
          or any(item["text"] in story["_text"][m["article"]][m["start"]:m["end"] + 200] for m in c["mentions"])]
    assert cs, f"no claim carries {item['text']!r}"
    alone = [c for c in cs if all(story["_source"][m["article"]] == item["source"] for m in c["mentions"])]
    assert alone, f"no claim of {item['source']} alone carries {item['text']!r}"
    assert any(c["status"] == "single-source" and c["independent_sources"] == 1 for c in alone), \
        [(c["summary"], c["status"]) for c in alone]


@pytest.mark.parametrize("item", PLANTED["dependence"], ids=lambda it: "+".join(it["articles"]))
def test_planted_dependence(story: dict[str, Any], item: dict[str, Any]) -> None:
    """Each planted pair depends, with evidence given; pairs sharing copied text say so."""
    a, b = item["articles"]
    deps = [d for d in story["dependencies"]
            if {story["_source"][x] for x in d["articles"]} == {a, b}]
    assert deps, f"no dependence between {a} and {b}"
    assert deps[0]["score"] >= 0.5
    assert deps[0]["evidence"], "a dependence names its evidence"
    if "shared passages" in item["evidence"]:
        assert any("shar" in e for e in deps[0]["evidence"]), deps[0]["evidence"]


def test_a_fact_worded_apart_is_not_single_source(story: dict[str, Any]) -> None:
    """Marsh "said the terminal would stay shut" in one outlet; another quotes her "we won't reopen the
    eastern terminal": alignment keeps them apart, so the first must not be asserted as one source's."""
    cs = [c for c in story["claims"] if c["kind"] == "quote"
          and any("the terminal would stay shut" in m["text"] for m in c["mentions"])]
    assert cs, "no quote claim carries Marsh's paraphrase"
    for c in cs:
        if len({m["article"] for m in c["mentions"]}) == 1:
            assert c["near_miss"] is not None and c["status"] == "undetermined", (c["summary"], c["status"])
        else:
            assert c["status"] != "single-source"
