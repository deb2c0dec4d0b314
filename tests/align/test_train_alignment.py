"""The scorer's training script: counts a pair never sees its own topic in, the precision/recall points."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "train_alignment.py"
CFG = {"min_pairs": 3, "min_topics": 2}


@pytest.fixture(scope="module")
def train() -> ModuleType:
    spec = importlib.util.spec_from_file_location("train_alignment", SCRIPT)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["train_alignment"] = mod
    spec.loader.exec_module(mod)
    return mod


def test_leave_out_hides_the_pairs_own_topic(train: ModuleType) -> None:
    own = Counter({"kill|murder": 4, "+kill|murder": 4})
    other = Counter({"kill|murder": 6, "+kill|murder": 3, "blaze|fire": 5, "+blaze|fire": 5})
    total = own + other
    topics = Counter({"kill|murder": 2, "blaze|fire": 1})
    seen_from_own = train.LeaveOut(total, own, topics, CFG)
    # the other topic's counts only; and blaze|fire is one topic's wording, never kept
    assert seen_from_own.get("kill|murder") is None  # one topic left once its own is taken out
    assert seen_from_own.get("blaze|fire") is None
    three = Counter({"kill|murder": 3})
    seen = train.LeaveOut(total, Counter(), topics + three, CFG)
    assert seen.get("kill|murder") == [7, 10]


def test_kept_needs_topics_and_evidence(train: ModuleType) -> None:
    assert train.kept(10, 0, 2, CFG)  # often seen, never coreferent: informative
    assert train.kept(1, 1, 2, CFG)  # rare but coreferent
    assert not train.kept(2, 0, 2, CFG)  # rare and never coreferent
    assert not train.kept(50, 50, 1, CFG)  # one story's wording


def test_precision_recall_points(train: ModuleType) -> None:
    p = np.array([0.9, 0.8, 0.4, 0.2])
    y = np.array([True, False, True, False])
    pts = {pt["threshold"]: pt for pt in train.pr_points(p, y, 0.05)}
    assert pts[0.5] == {"threshold": 0.5, "precision": 0.5, "recall": 0.5, "links": 2}
    assert pts[0.85]["precision"] == 1.0 and pts[0.85]["recall"] == 0.5
    assert pts[0.1]["recall"] == 1.0
