"""End to end on the bundled example story: every planted item comes out with its type.

The expectations are read from ``copydesk.api.planted()`` (harbor.planted.json), so the
test follows the example if it is rewritten.
"""

from __future__ import annotations

from typing import Any

import pytest

from copydesk import api

PLANTED: dict[str, Any] = api.planted()


@pytest.fixture(scope="module")
def story() -> dict[str, Any]:
    """The fire story's report (the story holding the wire report), analysed once."""
    doc = api.analyze([str(p) for p in api.demo_paths()], store=False)
    src = {a["id"]: a["source"] for a in doc["articles"]}
    st = max(doc["stories"], key=lambda s: len(s["articles"]))
    st = dict(st, _source=src, _text={a["id"]: a["text"] for a in doc["articles"]})
    return st


def _match(planted: str, mention: str) -> bool:
    """A planted phrase and a mention's text match when either holds the other ("11" in "11 crew members")."""
    p, m = planted.lower(), mention.lower()
    return p in m or (len(m) >= 2 and m in p)


def _claims_with(st: dict[str, Any], source: str, text: str) -> list[dict[str, Any]]:
    return [c for c in st["claims"] for m in c["mentions"]
            if st["_source"][m["article"]] == source and _match(text, m["text"])]


def _index(c: dict[str, Any], st: dict[str, Any], source: str, text: str) -> int:
    return next(i for i, m in enumerate(c["mentions"])
                if st["_source"][m["article"]] == source and _match(text, m["text"]))


def _type(c: dict[str, Any], i: int, j: int) -> str:
    return next(d["type"] for d in c["differences"] if sorted(d["mentions"]) == sorted([i, j]))


def test_one_story_of_six_sources(story: dict[str, Any]) -> None:
    sources = {story["_source"][a] for a in story["articles"]}
    assert sources == set(PLANTED["stories"][0]["sources"])


@pytest.mark.parametrize("item", PLANTED["quantities"] + PLANTED["dates"], ids=lambda it: it["claim"])
def test_planted_figure_and_date(story: dict[str, Any], item: dict[str, Any]) -> None:
    """Both planted mentions sit in one claim, and their difference has the planted type."""
    (a, ta), (b, tb) = [(m["source"], m["text"]) for m in item["mentions"]]
    shared = [c for c in _claims_with(story, a, ta) if c in _claims_with(story, b, tb)]
    assert shared, f"{ta!r} ({a}) and {tb!r} ({b}) are not in one claim"
    c = shared[0]
    t = _type(c, _index(c, story, a, ta), _index(c, story, b, tb))
    want = {"same": {"same", "bound"}}.get(item["type"], {item["type"]})
    assert t in want, f"{item['claim']}: {t} not in {want}"
    if item["type"] == "conflict":
        assert c["status"] == "disputed"


@pytest.mark.parametrize("item", PLANTED["dates"], ids=lambda it: it["claim"])
def test_dates_keyed_to_their_event(story: dict[str, Any], item: dict[str, Any]) -> None:
    """The claim a planted date lands in is named after its event, not after a nearby noun."""
    a, ta = item["mentions"][0]["source"], item["mentions"][0]["text"]
    c = _claims_with(story, a, ta)[0]
    event = item["claim"].split()[-1] if item["claim"].startswith("ship") else item["claim"].split()[0]
    assert event[:4] in c["summary"].lower() or event[:4] in c.get("key", "").lower(), c["summary"]
    assert "deliver" not in c["summary"].lower()


def test_fire_date_is_not_delivery(story: dict[str, Any]) -> None:
    for c in story["claims"]:
        if c["kind"] == "date" and "deliver" in c["summary"].lower():
            assert all(m["text"] != "Sunday" for m in c["mentions"])


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
        assert all("same origin" in d["note"] for d in c["differences"])


def test_quote_variants_typed(story: dict[str, Any]) -> None:
    q = PLANTED["quotes"][0]
    orig = q["original"]
    cs = [c for c in _claims_with(story, orig["source"], orig["text"][:40]) if c["kind"] == "quote"]
    assert cs, "the original quote is not a quote claim"
    c = cs[0]
    assert q["speaker"] in (c.get("speaker") or c["summary"])
    i = _index(c, story, orig["source"], orig["text"][:40])
    for v in q["variants"]:
        vs = [k for k, m in enumerate(c["mentions"]) if story["_source"][m["article"]] == v["source"]]
        assert vs, f"{v['source']}'s version is not aligned with the original"
        assert _type(c, i, vs[0]) == v["type"], v["source"]
    assert all(d["type"] != "speaker" for d in c["differences"])


def test_outlet_credit_is_not_a_quote(story: dict[str, Any]) -> None:
    """"..., Coastline Wire reported" credits a report; it is no quote by the wire."""
    outlets = set(PLANTED["articles"])
    for c in story["claims"]:
        if c["kind"] == "quote":
            assert (c.get("speaker") or "") not in outlets, c["summary"]
            assert all(d["type"] != "speaker" for d in c["differences"]
                       if any(o in d["note"] for o in outlets))


@pytest.mark.parametrize("item", PLANTED["single_source"], ids=lambda it: it["source"])
def test_single_source(story: dict[str, Any], item: dict[str, Any]) -> None:
    cs = [c for c in story["claims"]
          if any(item["text"] in m["text"] for m in c["mentions"])
          or any(item["text"] in story["_text"][m["article"]][m["start"]:m["end"] + 200] for m in c["mentions"])]
    assert cs
    for c in cs:
        if all(story["_source"][m["article"]] == item["source"] for m in c["mentions"]):
            assert c["status"] == "single-source" and c["independent_sources"] == 1
            return
    pytest.fail(f"no claim of {item['source']} alone carries {item['text']!r}")


@pytest.mark.parametrize("item", PLANTED["dependence"], ids=lambda it: "+".join(it["articles"]))
def test_planted_dependence(story: dict[str, Any], item: dict[str, Any]) -> None:
    a, b = item["articles"]
    scores = {frozenset(story["_source"][x] for x in d["articles"]): d["score"] for d in story["dependencies"]}
    assert scores.get(frozenset((a, b)), 0.0) >= 0.5
