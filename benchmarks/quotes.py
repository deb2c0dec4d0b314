"""Attribution extraction on PolNeAR dev: P/R/F1 for source, cue and content spans, and whole attributions.

Spans are scored exact (same extent, outer punctuation and quote marks ignored) and by token
overlap (a predicted span matches a gold span when they share a word). An attribution matches
when its source, cue and content all overlap the gold ones. Speaker accuracy: of the gold
attributions whose source names someone (a capitalized word other than the first) and that a
predicted attribution finds (cue or content overlap), the share whose resolved speaker contains
that name's last word ("Kellyanne Conway" for "Trump campaign manager Kellyanne Conway").
One annotation per text (the first annotator file in name order). Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

from copydesk.extract import entities, quotes
from copydesk.extract.quote_cues import polnear_documents
from copydesk.models import Quote
from copydesk.text import parse, sentence_spans

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data"
Frag = tuple[tuple[int, int], ...]
_STRIP = " \t\n.,;:!?\"'“”‘’()—-"
_ROLES = ("source", "cue", "content")


def read_ann(path: Path) -> list[dict[str, Frag]]:
    """Gold attributions of one BRAT file: role -> fragments."""
    spans: dict[str, tuple[str, Frag]] = {}
    rels: list[dict[str, Frag]] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines:
        if line.startswith("T"):
            tid, info, *_ = line.split("\t")
            kind, _, locs = info.partition(" ")
            frags = tuple(tuple(int(x) for x in loc.split()) for loc in locs.split(";"))
            spans[tid] = (kind, frags)  # type: ignore[assignment]
    for line in lines:
        if line.startswith("E"):
            rel: dict[str, Frag] = {}
            for part in line.split("\t")[1].split():
                role, _, tid = part.partition(":")
                if role in ("Source", "Cue", "Content") and tid in spans:
                    rel[role.lower()] = spans[tid][1]
            if rel:
                rels.append(rel)
    return rels


def _norm(text: str, frags: Frag) -> tuple[int, int]:
    s, e = min(f[0] for f in frags), max(f[1] for f in frags)
    while s < e and text[s] in _STRIP:
        s += 1
    while e > s and text[e - 1] in _STRIP:
        e -= 1
    return s, e


def _words(text: str, frags: Frag) -> set[int]:
    out: set[int] = set()
    for s, e in frags:
        out.update(m.start() + s for m in re.finditer(r"\w+", text[s:e]))
    return out


def _prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> dict[str, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3)}


def score(pairs: list[tuple[str, list[dict[str, Frag]], list[dict[str, Frag]]]]) -> dict[str, object]:
    """Scores over (text, gold, predicted) triples."""
    out: dict[str, object] = {}
    for role in _ROLES:
        c = {"ep": 0, "eg": 0, "op": 0, "og": 0, "np": 0, "ng": 0}
        for text, gold, pred in pairs:
            g = [r[role] for r in gold if role in r]
            p = [r[role] for r in pred if role in r]
            gn = {_norm(text, x) for x in g}
            pn = [_norm(text, x) for x in p]
            gw = [_words(text, x) for x in g]
            pw = [_words(text, x) for x in p]
            c["np"] += len(p)
            c["ng"] += len(g)
            c["ep"] += sum(x in gn for x in pn)
            c["eg"] += sum(x in set(pn) for x in gn) * len(g) // max(1, len(gn))
            c["op"] += sum(any(a & b for b in gw) for a in pw)
            c["og"] += sum(any(a & b for b in pw) for a in gw)
        out[role] = {"exact": _prf(c["ep"], c["np"], c["eg"], c["ng"]),
                     "overlap": _prf(c["op"], c["np"], c["og"], c["ng"])}
    tp_p = tp_g = n_p = n_g = 0
    for text, gold, pred in pairs:
        gr = [{k: _words(text, v) for k, v in r.items() if k in _ROLES} for r in gold]
        pr = [{k: _words(text, v) for k, v in r.items() if k in _ROLES} for r in pred]

        def hit(a: dict[str, set[int]], b: dict[str, set[int]]) -> bool:
            return all(k in a and k in b and a[k] & b[k] for k in ("source", "cue", "content"))
        n_p += len(pr)
        n_g += len(gr)
        tp_p += sum(any(hit(a, b) for b in gr) for a in pr)
        tp_g += sum(any(hit(b, a) for b in pr) for a in gr)
    out["attribution"] = {"overlap": _prf(tp_p, n_p, tp_g, n_g)}
    out["speaker"] = speaker_accuracy(pairs)
    return out


_NOT_NAME = frozenset("the a an mr. mrs. ms. dr. he she it they we i".split())


def gold_name(words: str) -> str | None:
    """The last word of the name in a gold source phrase, or None when it names no one."""
    toks = re.findall(r"[\w.’'\-]+", words)
    caps = [w for k, w in enumerate(toks) if w[0].isupper() and w.lower() not in _NOT_NAME
            and (k > 0 or len(toks) == 1 or toks[1][0].isupper())]
    return caps[-1].rstrip(".’'s").rstrip("’'") if caps else None


def speaker_accuracy(pairs: list[tuple[str, list[dict[str, Frag]], list[dict[str, Frag]]]]) -> dict[str, object]:
    """Share of found named-source gold attributions whose resolved speaker names the gold source."""
    right = found = named = 0
    for text, gold, pred in pairs:
        for g in gold:
            name = gold_name(" ".join(text[s:e] for s, e in g.get("source", ())))
            if not name:
                continue
            named += 1
            gw = {k: _words(text, v) for k, v in g.items() if k in ("cue", "content")}
            match = next((p for p in pred if any(gw.get(k, set()) & _words(text, p[k])
                                                 for k in ("cue", "content") if k in p)), None)
            if match is None:
                continue
            found += 1
            right += name.lower() in str(match.get("speaker", "")).lower()
    return {"accuracy": round(right / found, 3) if found else 0.0, "named_gold": named, "found": found}


def predict(text: str) -> list[dict[str, Any]]:
    """copydesk's attributions of one text, as role -> fragments (the resolved speaker under "speaker")."""
    doc = parse(text)
    sents = sentence_spans(doc)
    ents = entities.find(text, doc=doc, sentences=sents)
    out: list[dict[str, Any]] = []
    for m in quotes.find(text, doc=doc, sentences=sents, entities=ents):
        q = m.value
        assert isinstance(q, Quote)
        rel: dict[str, Any] = {"speaker": q.speaker or ""}
        for role, sp in (("source", q.speaker_span), ("cue", q.cue_span), ("content", q.content_span)):
            if sp is not None:
                rel[role] = ((sp.start, sp.end),)
        out.append(rel)
    return out


def load(root: Path, split: str, limit: int | None = None) -> list[tuple[str, list[dict[str, Frag]]]]:
    """(text, gold) per text of one PolNeAR split, first annotator file per text."""
    docs = []
    for txt, ann in polnear_documents(root / "polnear" / split):
        docs.append((txt.read_text(encoding="utf-8"), read_ann(ann)))
        if limit and len(docs) >= limit:
            break
    return docs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    docs = load(args.data, args.split, args.limit)
    if not docs:
        print(json.dumps({"error": f"no PolNeAR texts under {args.data / 'polnear' / args.split}"}))
        return 1
    t0 = time.perf_counter()
    pairs = [(text, gold, predict(text)) for text, gold in docs]
    res = score(pairs)
    res.update({"benchmark": "quotes", "split": args.split, "texts": len(docs),
                "gold": sum(len(g) for _, g, _ in pairs), "predicted": sum(len(p) for _, _, p in pairs),
                "seconds": round(time.perf_counter() - t0, 2)})
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
