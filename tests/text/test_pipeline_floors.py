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
    "ewt": (40, {"upos": 0.93, "uas": 0.80, "las": 0.76, "lemma": 0.95}),
    "gum": (15, {"upos": 0.93, "uas": 0.83, "las": 0.79, "lemma": 0.95, "ents_f": 0.55}),
}


@pytest.mark.skipif(not UD.is_dir(), reason=f"UD English treebanks not found at {UD}")
@pytest.mark.parametrize("bank", sorted(FLOORS))
def test_pipeline_floor(bank: str) -> None:
    limit, floors = FLOORS[bank]
    got = evaluate(load(), UD / f"en_{bank}-ud-dev.conllu", with_entities=bank == "gum", limit=limit)
    low = {k: (got[k], v) for k, v in floors.items() if got[k] < v}
    assert not low, f"below floor on {bank} dev sample: {low}"
