"""Extraction speed on one core: words per second over ECB+ and PolNeAR texts.

Times ``copydesk.extract.extract`` end to end (the parse with copydesk's pipeline and
all four extractors, the document cache cleared so every text is parsed), the same
through ``extract_many`` (texts parsed in batches, as analyze does), then the
parse alone and each extractor's ``find`` alone on the parsed documents. CPU seconds,
one warm-up pass over a few texts, then ``--runs`` timed runs (median). Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data"
_TOKEN = re.compile(r"<token\b[^>]*\bsentence=\"(\d+)\"[^>]*>([^<]*)</token>")
_UNESCAPE = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'"}


def ecb_text(path: Path) -> str:
    """An ECB+ document's tokens joined by spaces, one line per sentence."""
    lines: dict[str, list[str]] = {}
    for sent, tok in _TOKEN.findall(path.read_text(encoding="utf-8")):
        for k, v in _UNESCAPE.items():
            tok = tok.replace(k, v)
        lines.setdefault(sent, []).append(tok)
    return "\n".join(" ".join(ws) for ws in lines.values())


def load(root: Path) -> list[str]:
    """ECB+ and PolNeAR (all splits) texts under ``root``."""
    texts = [ecb_text(p) for p in sorted((root / "ecbplus" / "ECB+").glob("*/*.xml"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((root / "polnear").glob("*/text/*.txt"))]
    return [t for t in texts if t.strip()]


def _tolerant(fn: Callable[[str], object], failed: set[int]) -> Callable[[str], object]:
    """``fn`` that records (instead of raising) the texts it fails on, so one bad extractor
    does not stop the timing of the rest."""
    def run(t: str) -> object:
        try:
            return fn(t)
        except Exception:
            failed.add(id(t))
            return None
    return run


def _median_time(fn: Callable[[str], object], texts: list[str], runs: int = 1, before: Callable[[], None] = lambda: None) -> float:
    """Median CPU seconds of ``runs`` passes of ``fn`` over ``texts`` (after a short warm-up)."""
    for t in texts[:20]:
        fn(t)
    times = []
    for _ in range(runs):
        before()
        t0 = time.process_time()
        for t in texts:
            fn(t)
        times.append(time.process_time() - t0)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=None, help="use only the first N texts")
    ap.add_argument("--runs", type=int, default=1, help="timed passes (median)")
    args = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    import importlib

    from copydesk import text as T

    texts = load(args.data)[: args.limit]
    if not texts:
        print(json.dumps({"error": f"no ECB+ or PolNeAR texts under {args.data}"}))
        return 1
    from copydesk.extract import entities, extract

    words = sum(len(t.split()) for t in texts)
    res: dict[str, object] = {"benchmark": "speed", "texts": len(texts), "words": words, "model": T.model_name()}
    errors: dict[str, str] = {}
    failed: set[int] = set()
    total = _median_time(_tolerant(lambda t: extract(t, "2016-01-01"), failed), texts, args.runs, T.clear_cache)
    if failed:
        errors["extract"] = f"raised on {len(failed)} texts (timed anyway)"
    res["words_per_s"] = round(words / total)
    from copydesk.extract import extract_many

    T.clear_cache()
    t0 = time.process_time()
    for _ in extract_many((t, "2016-01-01", "") for t in texts):
        pass
    batched = time.process_time() - t0
    res["words_per_s_batched"] = round(words / batched)
    nlp = T.load()
    docs: dict[int, object] = {}

    def parse_one(t: str) -> object:
        docs[id(t)] = d = nlp(t)
        return d
    per: dict[str, int | None] = {"parse": round(words / _median_time(parse_one, texts, args.runs))}
    sents = {id(t): T.sentence_spans(docs[id(t)]) for t in texts}
    ents = {id(t): entities.find(t, doc=docs[id(t)], sentences=sents[id(t)]) for t in texts}
    for name in ("entities", "quantities", "times", "quotes"):
        try:
            mod = importlib.import_module(f"copydesk.extract.{name}")

            def run(t: str, mod=mod) -> object:
                return mod.find(t, doc=docs[id(t)], sentences=sents[id(t)], published=None, entities=ents[id(t)])
            failed_mod: set[int] = set()
            per[name] = round(words / _median_time(_tolerant(run, failed_mod), texts, args.runs))
            if failed_mod:
                errors[name] = f"raised on {len(failed_mod)} texts (timed anyway)"
        except Exception as exc:
            per[name] = None
            errors[name] = repr(exc)[:200]
    if errors:
        res["errors"] = errors
    res["per_extractor_words_per_s"] = per
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
