"""benchmarks/claims.py: the hand-judged label file parses, and claims are judged from its labels."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from copydesk.errors import Code, CopydeskError

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "claims.py"


@pytest.fixture(scope="module")
def bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_claims", BENCH)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["bench_claims"] = mod  # dataclasses look their module up while the class is built
    spec.loader.exec_module(mod)
    return mod


def _m(doc: str, start: int, end: int, text: str = "x") -> dict[str, Any]:
    return {"article": doc, "start": start, "end": end, "text": text}


def _claim(status: str, *mentions: dict[str, Any], conflicts: tuple[tuple[int, int], ...] = ()) -> dict[str, Any]:
    return {"status": status, "kind": "quantity", "summary": "s", "mentions": list(mentions),
            "differences": [{"mentions": list(p), "type": "conflict", "note": ""} for p in conflicts]}


A, B, C = _m("1_1ecb", 10, 14, "four"), _m("1_2ecb", 20, 25, "three"), _m("1_3ecb", 5, 9, "four")


def _labels(bench: Any, *records: dict[str, Any]) -> Any:
    return bench.parse_labels(json.dumps(r) for r in records)


def _ok(*ms: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"type": "mention", "mention": [m["article"], m["start"], m["end"]], "label": "ok"} for m in ms]


def _pair(a: dict[str, Any], b: dict[str, Any], label: str) -> dict[str, Any]:
    return {"type": "pair", "a": [a["article"], a["start"], a["end"]], "b": [b["article"], b["start"], b["end"]],
            "label": label}


def test_shipped_labels_parse_and_stay_within_the_dev_topics(bench: Any) -> None:
    lines = bench.DEFAULT_LABELS.read_text("utf-8").splitlines()
    header = json.loads(lines[0])
    assert header["type"] == "header" and "CC BY 3.0" in header["licence"]
    labels = bench.parse_labels(lines)
    assert len(labels.mentions) >= 300 and len(labels.pairs) >= 300
    dev = {str(t) for t in bench.DEV_TOPICS}
    for doc, start, end in labels.mentions:
        assert doc.split("_")[0] in dev and 0 <= start < end
    for ex in labels.excerpts.values():
        assert len(ex.split()) <= bench.EXCERPT_WORDS
    for pair in labels.pairs:  # a pair is judged only with both mentions judged
        assert all(k in labels.mentions for k in pair)
    assert set(labels.mentions.values()) == {"ok", "extraction_error"}
    assert set(labels.pairs.values()) <= bench.PAIR_LABELS
    assert True in labels.elsewhere.values() and False in labels.elsewhere.values()


def test_a_dispute_is_real_only_on_a_conflict_between_two_sound_mentions(bench: Any) -> None:
    claim = _claim("disputed", A, B, conflicts=((0, 1),))
    real = _labels(bench, *_ok(A, B), _pair(A, B, "same_fact_conflict"))
    assert bench.judge(claim, real) == bench.Verdict(True)
    grouped = _labels(bench, *_ok(A, B), _pair(A, B, "different_facts"))
    assert bench.judge(claim, grouped) == bench.Verdict(False, "wrong_grouping")
    wording = _labels(bench, *_ok(A, B), _pair(A, B, "same_fact_agree"))
    assert bench.judge(claim, wording) == bench.Verdict(False, "no_real_difference")
    misread = _labels(bench, *_ok(A), {"type": "mention", "mention": ["1_2ecb", 20, 25],
                                       "label": "extraction_error"}, _pair(A, B, "same_fact_conflict"))
    assert bench.judge(claim, misread) == bench.Verdict(False, "extraction_error")
    assert bench.judge(claim, _labels(bench, *_ok(A, B))).right is None  # the pair is not labeled


def test_a_false_dispute_is_judged_only_with_every_pair_and_grouping_counts_first(bench: Any) -> None:
    claim = _claim("disputed", A, B, C, conflicts=((0, 1),))
    misread_c = {"type": "mention", "mention": ["1_3ecb", 5, 9], "label": "extraction_error"}
    two = _labels(bench, *_ok(A, B), misread_c, _pair(A, B, "different_facts"), _pair(A, C, "different_facts"))
    assert bench.judge(claim, two).right is None  # B and C are not paired yet
    three = _labels(bench, *_ok(A, B), misread_c, _pair(A, B, "different_facts"), _pair(A, C, "different_facts"),
                    _pair(B, C, "different_facts"))
    assert bench.judge(claim, three) == bench.Verdict(False, "wrong_grouping")


def test_agreed_needs_every_mention_joined_by_agreeing_pairs(bench: Any) -> None:
    claim = _claim("agreed", A, C, B)
    partial = _labels(bench, *_ok(A, B, C), _pair(A, C, "same_fact_agree"))
    assert bench.judge(claim, partial).right is None  # B is joined to nothing yet
    joined = _labels(bench, *_ok(A, B, C), _pair(A, C, "same_fact_agree"), _pair(C, B, "same_fact_agree"))
    assert bench.judge(claim, joined) == bench.Verdict(True)
    hidden = _labels(bench, *_ok(A, B, C), _pair(A, C, "same_fact_agree"), _pair(C, B, "same_fact_conflict"))
    assert bench.judge(claim, hidden) == bench.Verdict(False, "missed_conflict")


def test_single_source_is_wrong_when_another_article_states_it(bench: Any) -> None:
    claim = _claim("single-source", A)
    unknown = _labels(bench, *_ok(A))
    assert bench.judge(claim, unknown).right is None
    rec = {**_ok(A)[0], "stated_elsewhere": True}
    assert bench.judge(claim, _labels(bench, rec)) == bench.Verdict(False, "stated_elsewhere")
    rec["stated_elsewhere"] = False
    assert bench.judge(claim, _labels(bench, rec)) == bench.Verdict(True)


def test_score_gives_precision_per_status_and_coverage(bench: Any) -> None:
    claims = [_claim("disputed", A, B, conflicts=((0, 1),)), _claim("single-source", C),
              _claim("agreed", A, C)]
    labels = _labels(bench, *_ok(A, B), {**_ok(C)[0], "stated_elsewhere": False},
                     _pair(A, B, "different_facts"))
    every = {s: 1.0 for s in bench.STATUSES}
    out = bench.score(claims, labels, every)
    assert out["disputed"] == {"n": 1, "sampled": 1, "judged": 1, "right": 0, "precision": 0.0,
                               "errors": {"wrong_grouping": 1}, "right_judged_by_kind": {"quantity": [0, 1]}}
    assert out["single-source"]["precision"] == 1.0
    assert out["agreed"]["judged"] == 0 and out["agreed"]["precision"] is None
    assert out["coverage"] == pytest.approx(2 / 3, abs=1e-4)


def test_sample_is_stable_and_keeps_every_dispute(bench: Any) -> None:
    claim = _claim("disputed", B, A)
    assert bench.in_sample(claim)
    assert bench.sample_fraction(claim) == bench.sample_fraction(_claim("agreed", A, B))  # first mention in order


def test_todo_names_what_a_claim_still_needs(bench: Any) -> None:
    need = bench.todo(_claim("single-source", A), _labels(bench))
    assert need == [{"type": "mention", "mention": ["1_1ecb", 10, 14], "label": None, "excerpt": "four",
                     "stated_elsewhere": None}]


@pytest.mark.parametrize("line, code", [
    ("{not json", Code.E101),
    ('{"label": "ok"}', Code.E109),
    ('{"type": "mention", "mention": ["1_1ecb", 1, 2], "label": "fine"}', Code.E113),
    ('{"type": "pair", "a": ["1_1ecb", 1, 2], "b": ["1_2ecb", "3", 4], "label": "different_facts"}', Code.E113),
    ('{"type": "mention", "mention": ["1_1ecb", 1, 2], "label": "ok", "stated_elsewhere": "no"}', Code.E113),
])
def test_bad_label_lines_get_a_coded_error(bench: Any, line: str, code: Code) -> None:
    with pytest.raises(CopydeskError) as err:
        bench.parse_labels([line], "labels.jsonl")
    assert err.value.code is code and "labels.jsonl:1" in str(err.value)


def test_excerpt_drift_is_reported(bench: Any) -> None:
    labels = _labels(bench, {**_ok(A)[0], "excerpt": "four"})
    assert bench.check_excerpts(labels, {"1_1ecb": "0123456789four more"}) == []
    assert bench.check_excerpts(labels, {"1_1ecb": "0123456789five more"}) == [("1_1ecb", 10, 14)]
