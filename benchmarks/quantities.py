"""Quantity extraction benchmark: copydesk vs quantulum3 on quantities-en and MeasEval.

Usage: python benchmarks/quantities.py [--data DIR] [--verbose] [--no-peer]
Prints one JSON line of scores; --verbose lists copydesk's failures on stderr.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

from copydesk.extract.quantities import find
from copydesk.extract.quantity_patterns import UNIT_LOOKUP

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"

# copydesk canonical unit -> quantities-en unit name
GOLD_NAMES: dict[str | None, str] = {
    None: "dimensionless", "km": "kilometre", "m": "metre", "cm": "centimetre", "mm": "millimetre",
    "nm": "nanometre", "pm": "picometre", "am": "attometre", "mile": "mile", "ft": "foot",
    "inch": "inch", "km^2": "square kilometre", "mile^2": "square mile", "km^3": "cubic kilometre",
    "L": "litre", "ml": "cubic centimetre", "cl": "centilitre", "gallon": "gallon", "cup": "cup",
    "tablespoon": "tablespoon", "kg": "kilogram", "mg": "milligram", "tonne": "tonne",
    "lb": "pound-mass", "year": "year", "month": "month", "week": "week", "day": "day",
    "hour": "hour", "megayear": "megayear", "gigayear": "gigayear", "km/h": "kilometre per hour",
    "degC": "degree Celsius", "degF": "degree fahrenheit", "K": "kelvin", "Wh": "watt hour",
    "MWh": "megawatt hour", "eV": "electronvolt", "TeV": "teraelectronvolt", "GHz": "gigahertz",
    "MB": "megabyte", "EB": "exabyte", "bit": "bit", "B": "byte", "KiB": "kibibyte",
    "mGy": "milligray", "%": "percentage", "USD": "dollar", "EUR": "euro", "GBP": "pound sterling",
    "W": "watt", "J": "joule",
}
PER_NAMES = {"hour": "hour", "kg": "kilogram", "min": "minute", "minute": "minute", "day": "day",
             "week": "week", "year": "year", "s": "second", "month": "month"}


def copydesk_items(text: str) -> list[tuple[float, str, str]]:
    """(value, gold-style unit name, surface) for each copydesk mention."""
    out = []
    for m in find(text):
        q = m.value
        v = q.amount if q.amount is not None else ((q.low or 0) + (q.high or 0)) / 2
        name = GOLD_NAMES.get(q.unit, q.unit or "dimensionless")
        if q.unit is None and q.per:
            name = "count"
        if q.per and q.per in PER_NAMES:
            name = f"{name} per {PER_NAMES[q.per]}"
        out.append((float(v), name, text[m.start:m.end]))
    return out


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1e-12)


def score_values(cases: list[dict[str, Any]], items: Callable[[str], list[tuple[float, str, str]]],
                 verbose: bool = False, label: str = "") -> dict[str, float]:
    """Value+unit precision, recall and F1 over all gold items."""
    tp = npred = ngold = 0
    for case in cases:
        text = case["req"]
        try:
            pred = items(text)
        except Exception as exc:  # noqa: BLE001 - a peer crash counts as no output
            if verbose:
                print(f"[{label}] CRASH {text!r}: {exc}", file=sys.stderr)
            pred = []
        gold = [(float(g["value"]), g["unit"], g["surface"]) for g in case["res"]]
        used = [False] * len(pred)
        hit = 0
        for gv, gu, _ in gold:
            for j, (pv, pu, _) in enumerate(pred):
                if not used[j] and pu == gu and _close(pv, gv):
                    used[j] = True
                    hit += 1
                    break
        tp, npred, ngold = tp + hit, npred + len(pred), ngold + len(gold)
        if verbose and (hit < len(gold) or hit < len(pred)):
            print(f"[{label}] {text!r}\n   gold={gold}\n   pred={pred}", file=sys.stderr)
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


def _is_year(g: dict[str, Any]) -> bool:
    """A bare calendar year in the gold ("1979"): copydesk does not count years as quantities."""
    s = str(g["surface"]).strip()
    return g["unit"] == "dimensionless" and len(s) == 4 and s.isdigit() and 1500 <= int(s) <= 2100


def load_measeval(root: Path) -> list[tuple[str, list[tuple[int, int, str | None]]]]:
    """(text, [(start, end, unit)]) per MeasEval paragraph of train and trial."""
    docs = []
    for split, txtdir in (("train", "text"), ("trial", "txt")):
        tsvdir = root / split / "tsv"
        if not tsvdir.is_dir():
            continue
        for tsv in sorted(tsvdir.glob("*.tsv")):
            txt = root / split / txtdir / (tsv.stem + ".txt")
            if not txt.exists():
                continue
            text = txt.read_text(encoding="utf-8")
            spans: dict[tuple[int, int], str | None] = {}
            with tsv.open(encoding="utf-8") as fh:
                for row in csv.DictReader(fh, delimiter="\t"):
                    if row["annotType"] != "Quantity":
                        continue
                    other = json.loads(row["other"] or "{}")
                    spans[(int(row["startOffset"]), int(row["endOffset"]))] = other.get("unit")
            docs.append((text, [(s, e, u) for (s, e), u in spans.items()]))
    return docs


def score_measeval(docs: list[tuple[str, list[tuple[int, int, str | None]]]]) -> dict[str, float]:
    """Quantity span F1 (exact and overlap) and unit accuracy on overlapping matches."""
    exact = overlap = npred = ngold = unit_ok = unit_n = 0
    for text, gold in docs:
        pred = find(text)
        npred += len(pred)
        ngold += len(gold)
        gset = {(s, e) for s, e, _ in gold}
        exact += sum((m.start, m.end) in gset for m in pred)
        for s, e, gu in gold:
            m = next((m for m in pred if m.start < e and s < m.end), None)
            if m is None:
                continue
            overlap += 1
            unit_n += 1
            want = UNIT_LOOKUP.get(gu.strip()) or UNIT_LOOKUP.get(gu.strip().lower()) if gu else None
            if want == m.value.unit or (gu is None and m.value.unit is None):
                unit_ok += 1

    def f1(tp: int) -> float:
        p, r = tp / max(npred, 1), tp / max(ngold, 1)
        return round(2 * p * r / (p + r), 4) if p + r else 0.0

    return {"exact_f1": f1(exact), "overlap_f1": f1(overlap),
            "unit_acc": round(unit_ok / max(unit_n, 1), 4), "paragraphs": len(docs), "gold": ngold}


def quantulum_items_factory() -> tuple[Callable[[str], list[tuple[float, str, str]]] | None, str]:
    """quantulum3's parse with a classifier retrained offline, else without one."""
    try:
        from quantulum3 import classifier, parser
    except ImportError:
        return None, "not installed"
    mode = "no-classifier"
    path = None
    try:
        out = Path(tempfile.mkdtemp()) / "clf.joblib"
        classifier.train_classifier(store=True, output_path=str(out), n_jobs=1)
        if out.exists():
            path, mode = str(out), "retrained-classifier"
    except Exception as exc:  # noqa: BLE001
        mode = f"no-classifier (training failed: {type(exc).__name__})"

    def items(text: str) -> list[tuple[float, str, str]]:
        kw = {"classifier_path": path} if path else {}
        return [(float(q.value), q.unit.name, q.surface) for q in parser.parse(text, **kw)]

    if path is None:
        classifier.USE_CLF = False
    return items, mode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--no-peer", action="store_true")
    args = ap.parse_args()
    result: dict[str, Any] = {}
    qfile = args.data / "quantities-en" / "quantities.json"
    cases = json.loads(qfile.read_text(encoding="utf-8")) if qfile.exists() else []
    meas = load_measeval(args.data / "measeval")
    no_years = [{"req": c["req"], "res": [g for g in c["res"] if not _is_year(g)]} for c in cases]
    result["copydesk"] = {"quantities_en": score_values(cases, copydesk_items, args.verbose, "copydesk"),
                          "quantities_en_no_years": score_values(no_years, copydesk_items),
                          "measeval": score_measeval(meas)}
    words = sum(len(t.split()) for t, _ in meas) or 1
    best = float("inf")
    for _ in range(3):  # best of three: the machine is shared
        t0 = time.perf_counter()
        for t, _ in meas:
            find(t)
        best = min(best, time.perf_counter() - t0)
    result["copydesk"]["words_per_s"] = round(words / best)
    if not args.no_peer:
        items, mode = quantulum_items_factory()
        if items is not None:
            result["quantulum3"] = {"mode": mode,
                                    "quantities_en": score_values(cases, items, False, "quantulum3"),
                                    "quantities_en_no_years": score_values(no_years, items)}
        else:
            result["quantulum3"] = {"mode": mode}
    result["cases"] = len(cases)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
