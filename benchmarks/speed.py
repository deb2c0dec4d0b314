"""Extraction speed on one core: words per second over ECB+ and PolNeAR texts.

Times ``copydesk.extract.extract`` (all four extractors and sentence splitting) and each
extractor's ``find`` alone. One warm-up pass, then the median of 3 timed runs.
Prints one JSON line.
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


def _median_time(fn: Callable[[str], object], texts: list[str], runs: int = 3) -> float:
    for t in texts:
        fn(t)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for t in texts:
            fn(t)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=None, help="use only the first N texts")
    args = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    import importlib

    from copydesk.text import sentences

    texts = load(args.data)[: args.limit]
    if not texts:
        print(json.dumps({"error": f"no ECB+ or PolNeAR texts under {args.data}"}))
        return 1
    from copydesk.extract import entities

    words = sum(len(t.split()) for t in texts)
    sents = {id(t): sentences(t) for t in texts}
    ents = {id(t): entities.find(t, sentences=sents[id(t)]) for t in texts}
    res: dict[str, object] = {"benchmark": "speed", "texts": len(texts), "words": words}
    errors: dict[str, str] = {}
    try:
        from copydesk.extract import extract
        failed: set[int] = set()
        total = _median_time(_tolerant(lambda t: extract(t, "2016-01-01"), failed), texts)
        if failed:
            errors["extract"] = f"raised on {len(failed)} texts (timed anyway)"
        res["words_per_s"] = round(words / total)
    except Exception as exc:  # another extractor may be broken; time the rest anyway
        res["words_per_s"] = None
        errors["extract"] = repr(exc)[:200]
    per: dict[str, int | None] = {"sentences": round(words / _median_time(sentences, texts))}
    for name in ("entities", "quantities", "times", "quotes"):
        try:
            mod = importlib.import_module(f"copydesk.extract.{name}")

            def run(t: str, mod=mod) -> object:
                return mod.find(t, sentences=sents[id(t)], published=None, entities=ents[id(t)])
            failed_mod: set[int] = set()
            per[name] = round(words / _median_time(_tolerant(run, failed_mod), texts))
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
