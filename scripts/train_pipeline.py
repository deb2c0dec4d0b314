#!/usr/bin/env python3
"""Rebuild copydesk's English pipeline from the UD English treebanks in ../shared/data.

Steps (each can be run alone with ``--step``):

1. ``convert``: CoNLL-U (EWT + GUM, train and dev) → spaCy DocBins under ``build/pipeline/``.
   Words, spaces (``SpaceAfter=No``), UPOS, morphology, lemmas, heads and relations come
   from the treebanks; named entities come from GUM's ``Entity=`` MISC annotations (a
   mention whose syntactic head is a proper noun, cut to the run of proper nouns around
   that head). EWT has no entity layer, so its documents leave entities *missing*
   rather than "outside", and the recognizer learns only from GUM.
2. ``train``: ``spacy train training/pipeline.cfg`` with the seed in that config.
3. ``package``: copy ``model-best`` into ``src/copydesk/text/pipeline/`` with a meta file
   naming the data, its licences and the dev scores.

The config (``training/pipeline.cfg``) is the single place for every hyper-parameter.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

from copydesk.text.conllu import read_conllu, to_docs

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ud-english"
BUILD = ROOT / "build" / "pipeline"
CONFIG = ROOT / "training" / "pipeline.cfg"
SHIPPED = ROOT / "src" / "copydesk" / "text" / "pipeline"

def convert(data: Path) -> None:
    """Write train.spacy, dev.spacy and one dev file per treebank under build/pipeline/."""
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    BUILD.mkdir(parents=True, exist_ok=True)
    counts = {}
    for split in ("train", "dev"):
        both = DocBin(store_user_data=False)
        for bank in ("ewt", "gum"):
            docs = to_docs(nlp, read_conllu(data / f"en_{bank}-ud-{split}.conllu"), with_entities=bank == "gum")
            one = DocBin(docs=docs)
            one.to_disk(BUILD / f"{split}_{bank}.spacy")
            for d in docs:
                both.add(d)
            counts[f"{split}_{bank}"] = {"docs": len(docs), "words": sum(len(d) for d in docs),
                                         "entities": sum(len(d.ents) for d in docs)}
        both.to_disk(BUILD / f"{split}.spacy")
    (BUILD / "counts.json").write_text(json.dumps(counts, indent=1))
    print(json.dumps(counts))


def train(extra: list[str]) -> None:
    """Run spaCy's trainer on the config kept in the repo."""
    cmd = [sys.executable, "-m", "spacy", "train", str(CONFIG), "--output", str(BUILD / "output"),
           "--paths.train", str(BUILD / "train.spacy"), "--paths.dev", str(BUILD / "dev.spacy"), *extra]
    subprocess.run(cmd, check=True)


def package(source: Path) -> None:
    """Ship the trained pipeline inside the package with a meta file naming data and licences."""
    import spacy

    nlp = spacy.load(source)
    meta = dict(nlp.meta)
    meta.update({
        "name": "copydesk_en", "version": "1.0.0", "lang": "en",
        "description": "copydesk's English pipeline: morphologizer (UPOS + morphology), dependency parser, "
                       "edit-tree lemmatizer and named-entity recognizer, trained by scripts/train_pipeline.py.",
        "sources": [
            {"name": "UD English EWT", "url": "https://github.com/UniversalDependencies/UD_English-EWT",
             "license": "CC BY-SA 4.0", "use": "tags, morphology, lemmas, dependencies (train; dev for model selection)"},
            {"name": "UD English GUM", "url": "https://github.com/UniversalDependencies/UD_English-GUM",
             "license": "CC BY 4.0 annotations; texts under the licences in en_gum-LICENSE.txt",
             "use": "tags, morphology, lemmas, dependencies and Entity= named entities (train; dev for model selection)"},
        ],
        "license": "CC BY-SA 4.0 (trained on UD English EWT)",
        "author": "copydesk",
    })
    nlp.meta = meta
    if SHIPPED.exists():
        shutil.rmtree(SHIPPED)
    nlp.to_disk(SHIPPED)
    print(f"packaged {source} -> {SHIPPED}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with the UD English CoNLL-U files")
    ap.add_argument("--step", choices=("convert", "train", "package", "all"), default="all")
    ap.add_argument("--source", type=Path, default=BUILD / "output" / "model-best",
                    help="trained pipeline to package")
    args, extra = ap.parse_known_args()
    if args.step in ("convert", "all"):
        convert(args.data)
    if args.step in ("train", "all"):
        train(extra)
    if args.step in ("package", "all"):
        package(args.source)


if __name__ == "__main__":
    main()
