"""Truth discovery on the BookAuthor and population data sets (Dong et al.; Pasternack & Roth).

BookAuthor: accuracy on the 100 gold books, authors compared as sets of
normalized last names. Population: error rate and mean absolute error on the
307 gold city-year values. Majority vote is scored in the same run. The method
is copydesk's own ``copydesk.verify.truth.TruthDiscovery``.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

from copydesk.verify.truth import TruthDiscovery, majority

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "truth"
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_JUNK = re.compile(r"\b(by|author|authors|editor|editors|edited|ed|eds|illustrator|translator|foreword|"
                   r"introduction|jr|sr|ii|iii|iv|phd|md|dr|prof|professor|not available|n/a|unknown)\b\.?", re.I)
_AFFIL = re.compile(r"\b(university|college|institute|school|inc|llc|press|department)\b", re.I)


def _last(name: str) -> str:
    words = [w for w in re.findall(r"[a-z][a-z'\-]*", name.lower()) if len(w) > 1]
    return words[-1] if words else ""


def last_names(raw: str) -> frozenset[str]:
    """The set of authors' last names in one listing, whatever its format."""
    s = re.sub(r"(?<=[a-z.])BR(?=[A-Z])", ";", raw)
    s = _PAREN.sub(" ", s)
    s = _JUNK.sub(" ", s)
    s = re.sub(r"\s+(and|&)\s+", ";", s, flags=re.I).replace("/", ";")
    out: list[str] = []
    if ";" in s:
        for part in s.split(";"):
            if _AFFIL.search(part):
                continue
            part = part.strip(" ,.")
            if not part:
                continue
            out.append(_last(part.split(",")[0]) if "," in part else _last(part))
    else:
        chunks = [c.strip(" .") for c in s.split(",") if c.strip(" .") and not _AFFIL.search(c)]
        if len(chunks) >= 2 and len(chunks) % 2 == 0 and all(len(chunks[i].split()) == 1 for i in range(0, len(chunks), 2)) \
                and (len(chunks) == 2 or any(len(chunks[i].split()) > 1 or len(chunks[i].rstrip(".")) <= 2 for i in range(1, len(chunks), 2))):
            out = [_last(chunks[i]) for i in range(0, len(chunks), 2)]  # "Knuth, Donald E."
        else:
            out = [_last(c) for c in chunks]
    return frozenset(x for x in out if x)


def books(data: Path) -> dict[str, object]:
    rows = []
    for line in (data / "BookAuthor" / "book.txt").read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split("\t")
        if len(parts) < 4:
            continue
        names = last_names(parts[3])
        if names:
            rows.append((parts[1].strip(), parts[0].strip(), names))
    gold: dict[str, frozenset[str]] = {}
    for line in (data / "BookAuthor" / "book_truth.txt").read_text(encoding="utf-8", errors="replace").splitlines():
        if "\t" in line:
            isbn, authors = line.split("\t", 1)
            gold[isbn.strip()] = last_names(authors.replace(";", ";"))
    vote = majority(rows)

    def subset_support(a: frozenset[str], b: frozenset[str]) -> float:
        return 1.0 if b < a else 0.0  # a fuller list is supported by its partial lists

    t0 = time.perf_counter()
    td = TruthDiscovery(detect_copying=True, similarity_weight=0.3).fit(rows, similarity=subset_support)
    secs = time.perf_counter() - t0
    keys = [k for k in gold if k in vote]

    def acc(pred: dict) -> float:
        return round(100.0 * sum(pred[k] == gold[k] for k in keys) / max(1, len(keys)), 1)

    return {"books": len(keys), "sources": len({r[1] for r in rows}), "majority_acc": acc(vote),
            "copydesk_acc": acc(td.truth_), "seconds": round(secs, 1)}


def population(data: Path, file: str) -> dict[str, object]:
    rows = []
    for line in (data / "population" / file).read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split("\t")
        if len(parts) < 3:
            continue
        try:
            rows.append((parts[0].strip().lower(), parts[1].strip(), int(float(parts[2]))))
        except ValueError:
            continue
    gold: dict[str, int] = {}
    for line in (data / "population" / "population-gd.txt").read_text().splitlines():
        p = [x.strip() for x in line.rsplit(",", 2)]
        if len(p) == 3:
            gold[f"{p[0].lower()}_{p[1]}"] = int(float(p[2]))
    vote = majority(rows)

    def near(a: int, b: int) -> float:
        return 1.0 if a != b and abs(a - b) <= 0.01 * max(abs(a), abs(b)) else 0.0

    t0 = time.perf_counter()
    td = TruthDiscovery(detect_copying=False, similarity_weight=0.3).fit(rows, similarity=near)
    secs = time.perf_counter() - t0
    keys = [k for k in gold if k in vote]

    def scores(pred: dict) -> tuple[float, float]:
        err = sum(pred[k] != gold[k] for k in keys) / max(1, len(keys))
        mae = sum(abs(pred[k] - gold[k]) for k in keys) / max(1, len(keys))
        return round(100.0 * err, 1), round(mae, 1)

    me, mm = scores(vote)
    ce, cm = scores(td.truth_)
    return {"values": len(keys), "majority_error": me, "majority_mae": mm, "copydesk_error": ce,
            "copydesk_mae": cm, "seconds": round(secs, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--population-file", default="population-new.txt")
    args = ap.parse_args()
    out = {"bookauthor": books(args.data), "population": population(args.data, args.population_file)}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
