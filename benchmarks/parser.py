"""The English pipeline on UD English EWT dev and GUM dev: UPOS, UAS, LAS, lemmas, entities.

Each treebank is scored apart from raw text (the pipeline tokenizes, spaCy's scorer
aligns its tokens to the treebank's words), with the pipeline copydesk uses
(``nlp_model`` setting, default the shipped one) or ``--model``. Also times the
whole pipeline in words per second on one core. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from copydesk.text.conllu import evaluate

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ud-english"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--model", default=None, help="a spaCy pipeline name or path (default: copydesk's)")
    ap.add_argument("--limit", type=int, default=0, help="score only the first N documents of each file")
    args = ap.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from copydesk.text import nlp as nlp_mod

    nlp = nlp_mod.load(args.model)
    result = {
        "benchmark": "parser", "model": args.model or nlp_mod.model_name(),
        "split": "dev",
        "ewt": evaluate(nlp, args.data / "en_ewt-ud-dev.conllu", with_entities=False, limit=args.limit),
        "gum": evaluate(nlp, args.data / "en_gum-ud-dev.conllu", with_entities=True, limit=args.limit),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
