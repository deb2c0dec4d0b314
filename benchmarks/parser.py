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
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ud-english"


def score(nlp, path: Path, with_entities: bool, limit: int = 0) -> dict[str, float]:
    """Scores of ``nlp`` on one CoNLL-U file, predicting from the raw text."""
    from spacy.training import Example

    from copydesk.text.conllu import read_conllu, to_docs

    gold = to_docs(nlp, read_conllu(path), with_entities=with_entities)
    if limit:
        gold = gold[:limit]
    t0 = time.process_time()
    preds = list(nlp.pipe([g.text for g in gold], batch_size=64))
    cpu = time.process_time() - t0
    examples = [Example(p, g) for p, g in zip(preds, gold)]
    from spacy.scorer import Scorer

    scorer = Scorer(nlp)
    s = scorer.score(examples)
    words = sum(len(g) for g in gold)
    out = {
        "upos": round(s.get("pos_acc") or 0.0, 4),
        "uas": round(s.get("dep_uas") or 0.0, 4),
        "las": round(s.get("dep_las") or 0.0, 4),
        "lemma": round(s.get("lemma_acc") or 0.0, 4),
        "morph": round(s.get("morph_acc") or 0.0, 4),
        "sents_f": round(s.get("sents_f") or 0.0, 4),
        "words": words,
        "words_per_s": round(words / cpu) if cpu else 0,
    }
    if with_entities:
        out["ents_f"] = round(s.get("ents_f") or 0.0, 4)
        out["ents_p"] = round(s.get("ents_p") or 0.0, 4)
        out["ents_r"] = round(s.get("ents_r") or 0.0, 4)
    return out


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
        "ewt": score(nlp, args.data / "en_ewt-ud-dev.conllu", with_entities=False, limit=args.limit),
        "gum": score(nlp, args.data / "en_gum-ud-dev.conllu", with_entities=True, limit=args.limit),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
