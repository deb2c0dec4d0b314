"""End to end on the motivating seed articles (third-party text, read from ../shared at test time).

Articles are referred to by their seed ids and figures by short values only; no seed
sentence is copied here. Skipped when ../shared/seeds is absent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from copydesk import api

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "articles.jsonl"
DISAGREE = {"conflict", "polarity", "speaker"}

pytestmark = pytest.mark.skipif(not SEEDS.exists(), reason=f"seed articles not found at {SEEDS}")


@pytest.fixture(scope="module")
def story() -> dict[str, Any]:
    """The seeds analysed as one story, with article ids mapped to seed ids."""
    seeds = [json.loads(line) for line in SEEDS.read_text(encoding="utf-8").splitlines() if line.strip()]
    doc = api.analyze([str(SEEDS)], one_story=True, store=False)
    def words(t: str) -> str:
        return " ".join(t.split())[:120]

    seed_of = {a["id"]: s["id"] for a in doc["articles"] for s in seeds
               if words(s["text"]) == words(a["text"])}
    if len(seed_of) < len(seeds):  # text cleaned on ingest: articles keep the file's order
        seed_of = {a["id"]: s["id"] for a, s in zip(doc["articles"], seeds)}
    assert len(set(seed_of.values())) == len(seeds), "could not match report articles to seeds"
    return dict(doc["stories"][0], _seed=seed_of)


def _mentions(st: dict[str, Any], c: dict[str, Any]) -> list[tuple[str, str]]:
    return [(st["_seed"][m["article"]], m["text"]) for m in c["mentions"]]


def _claim_of(st: dict[str, Any], kind: str, seed: str, value: str) -> dict[str, Any]:
    for c in st["claims"]:
        if c["kind"] == kind and any(s == seed and value.lower() in t.lower() for s, t in _mentions(st, c)):
            return c
    raise AssertionError(f"no {kind} claim holds {value!r} from {seed}")


def _types_between(st: dict[str, Any], c: dict[str, Any], a: tuple[str, str], b: tuple[str, str]) -> set[str]:
    ms = _mentions(st, c)
    ia = [i for i, (s, t) in enumerate(ms) if s == a[0] and a[1].lower() in t.lower()]
    ib = [i for i, (s, t) in enumerate(ms) if s == b[0] and b[1].lower() in t.lower()]
    return {d["type"] for d in c["differences"] for i in ia for j in ib if sorted(d["mentions"]) == sorted([i, j])}


def test_range_figures_in_one_claim_without_conflict(story: dict[str, Any]) -> None:
    """300 km (seed-000, -002, -004) and 190 miles (seed-003) are one figure: rounding, unit or bound."""
    c = _claim_of(story, "quantity", "seed-000", "300 km")
    seeds = {s for s, _ in _mentions(story, c)}
    assert {"seed-000", "seed-002", "seed-003", "seed-004"} <= seeds
    t = _types_between(story, c, ("seed-000", "300 km"), ("seed-003", "190 miles"))
    assert t and t <= {"rounding", "unit", "bound", "same"}
    assert not any(d["type"] == "conflict" for d in c["differences"])


@pytest.mark.parametrize("seed,value", [("seed-000", "310 km"), ("seed-001", "200-mile")])
def test_other_range_figures_never_conflict(story: dict[str, Any], seed: str, value: str) -> None:
    c = _claim_of(story, "quantity", seed, value)
    assert not any(d["type"] == "conflict" for d in c["differences"])


def test_mid_range_version_is_kept_apart(story: dict[str, Any]) -> None:
    """The 165 km variant is another scope: never a conflict with the 300 km figure."""
    c = _claim_of(story, "quantity", "seed-000", "165 km")
    if any(t == "300 km" for _, t in _mentions(story, c)):
        assert _types_between(story, c, ("seed-000", "165"), ("seed-002", "300")) <= {"scope"}
    else:
        assert all(s == "seed-000" for s, _ in _mentions(story, c))


def test_approval_date_conflict(story: dict[str, Any]) -> None:
    """February (seed-001, seed-004) vs March 12th (seed-000): one approval, dated differently."""
    c = _claim_of(story, "date", "seed-000", "March 12")
    ms = _mentions(story, c)
    assert ("seed-001", "February") in ms and ("seed-004", "February") in ms
    assert all(t.lower() != "yesterday" for _, t in ms), "a later authorization joined the approval"
    assert "conflict" in _types_between(story, c, ("seed-000", "March 12"), ("seed-004", "February"))
    assert _types_between(story, c, ("seed-001", "February"), ("seed-004", "February")) == {"same"}
    assert c["status"] == "disputed"


def test_missile_type_conflict(story: dict[str, Any]) -> None:
    c = _claim_of(story, "statement", "seed-000", "cruise")
    assert _types_between(story, c, ("seed-000", "cruise"), ("seed-004", "ballistic")) == {"conflict"}


@pytest.mark.xfail(strict=True, reason=(
    "claim frames keep the two 50,000 figures apart: seed-001's is the count of 'deployed' with agent 'Moscow', "
    "seed-004's of the event noun 'movement' with agent 'Russia' (nmod:poss); 'deploy' and 'movement' are neither "
    "one lemma, event-lexicon synonyms nor a learned ECB+ pair, and Moscow/Russia are two entity clusters "
    "(capital-for-state metonymy is not resolved), so the alignment abstains"))
def test_troop_count_conflict(story: dict[str, Any]) -> None:
    c = _claim_of(story, "quantity", "seed-001", "50,000")
    assert _types_between(story, c, ("seed-001", "50,000"), ("seed-004", "50,000")) == {"conflict"}


def test_retellings_are_the_most_dependent_pair(story: dict[str, Any]) -> None:
    """seed-001 and seed-004 retell one upstream report: the top pair, with rare shared details as evidence."""
    deps = sorted(story["dependencies"], key=lambda d: -d["score"])
    assert deps, "no dependence found"
    top = deps[0]
    assert {story["_seed"][a] for a in top["articles"]} == {"seed-001", "seed-004"}
    assert any("rare details" in e for e in top["evidence"])
    runner_up = deps[1]["score"] if len(deps) > 1 else 0.0
    assert top["score"] > runner_up
