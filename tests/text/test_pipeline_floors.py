"""Score floors of the shipped pipeline on small samples of UD English EWT dev and GUM dev.

The full figures come from ``benchmarks/parser.py``; these floors fail CI when a
retrained or swapped pipeline parses news-like text clearly worse.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from copydesk.text import load
from copydesk.text.conllu import evaluate

UD = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ud-english"

#: (treebank, documents scored, floors) — set a little under the shipped pipeline's scores on these samples.
FLOORS = {
    "ewt": (40, {"upos": 0.945, "uas": 0.835, "las": 0.795, "lemma": 0.955}),  # shipped: 0.953 0.847 0.809 0.966
    "gum": (15, {"upos": 0.955, "uas": 0.79, "las": 0.76, "lemma": 0.965, "ents_f": 0.60}),  # 0.964 0.805 0.773 0.976 0.621
}


@pytest.mark.skipif(not UD.is_dir(), reason=f"UD English treebanks not found at {UD}")
@pytest.mark.parametrize("bank", sorted(FLOORS))
def test_pipeline_floor(bank: str) -> None:
    limit, floors = FLOORS[bank]
    got = evaluate(load(), UD / f"en_{bank}-ud-dev.conllu", with_entities=bank == "gum", limit=limit)
    low = {k: (got[k], v) for k, v in floors.items() if got[k] < v}
    assert not low, f"below floor on {bank} dev sample: {low}"
