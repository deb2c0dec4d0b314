"""Cross-document entity clusters on ECB+ dev topics, against gold entity chains.

ECB+ annotates participant and location mentions (HUMAN_PART_*, NON_HUMAN_PART*, LOC_*) in
its validated sentences (ECBplus_coreference_sentences.csv) with cross-document chains. Each
topic's documents are one story: copydesk extracts their entities and builds its
``EntityIndex``. Scored are the gold mentions whose head word (the last word of the first
phrase, after a leading preposition or article) lies in an extracted named entity mention,
each taking the cluster of that mention; gold mentions in no chain are singletons. Baselines in
the same run, over the same mentions: the mention's exact words (same string), and the
extractor's within-article canonical name compared as a string across articles.
Pairwise and B-cubed F1, micro over the topics. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path
from typing import Hashable, Iterable, Sequence

from copydesk.align.entities import EntityIndex, is_description
from copydesk.extract import extract_many
from copydesk.models import Article, Entity, Mention, Quote

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ecbplus"
DEV_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
ENTITY_TAGS = ("HUMAN_PART", "NON_HUMAN_PART", "LOC_")
_NO_SPACE_BEFORE = tuple(",.;:!?')")


#: Words before a gold mention's head ("in Queens", "the Pentagon's") and words that end the head's phrase
#: ("the Kodak Theatre at Hollywood and Highland Center": the head is "Theatre").
_LEADING = frozenset("the a an in on at of to from near by for with into across outside inside".split())
_CUT = frozenset("of in at on near from for with between outside above below off , ( who which that".split())


class GoldMention:
    __slots__ = ("doc", "start", "end", "chain", "head")

    def __init__(self, doc: str, start: int, end: int, chain: str, head: tuple[int, int] | None) -> None:
        self.doc, self.start, self.end, self.chain, self.head = doc, start, end, chain, head


def head_of(words: Sequence[tuple[int, int, str]]) -> tuple[int, int] | None:
    """The character span of a gold mention's head word: the last word of its first phrase."""
    k = 0
    while k < len(words) and words[k][2].lower() in _LEADING:
        k += 1
    phrase: list[tuple[int, int, str]] = []
    for w in words[k:]:
        if phrase and w[2].lower() in _CUT:
            break
        phrase.append(w)
    while phrase and phrase[-1][2].lower() in ("'s", "'", "’s", ".", ","):
        phrase.pop()
    return (phrase[-1][0], phrase[-1][1]) if phrase else None


def read_document(path: Path, valid: set[tuple[str, int]]) -> tuple[Article, list[GoldMention], list[tuple[int, int]]]:
    """The document's text (tokens joined as ECB+ spells them, one line per sentence), its gold entity
    mentions in validated sentences and the character spans of those sentences."""
    root = ET.parse(path).getroot()
    short = path.stem.split("_", 1)[1]
    text = ""
    offsets: dict[str, tuple[int, int, int]] = {}
    sentence = None
    bounds: dict[int, list[int]] = {}
    for tok in root.iter("token"):
        word = tok.text or ""
        s = int(tok.get("sentence", "0"))
        if sentence is not None and s != sentence:
            text += "\n"
        elif text and not word.startswith(_NO_SPACE_BEFORE):
            text += " "
        sentence = s
        offsets[tok.get("t_id", "")] = (len(text), len(text) + len(word), s)
        bounds.setdefault(s, [len(text), len(text)])[1] = len(text) + len(word)
        text += word
    chain_of: dict[str, str] = {}
    for rel in list(root.find("Relations") or []):
        note = rel.get("note") or rel.get("r_id") or ""
        for src in rel.findall("source"):
            chain_of[src.get("m_id", "")] = note
    gold = []
    for mk in list(root.find("Markables") or []):
        if not mk.tag.startswith(ENTITY_TAGS):
            continue
        anchors = [offsets[a.get("t_id", "")] for a in mk.findall("token_anchor") if a.get("t_id") in offsets]
        if not anchors or (short, anchors[0][2]) not in valid:
            continue
        mid = mk.get("m_id", "")
        anchors.sort()
        head = head_of([(s, e, text[s:e]) for s, e, _ in anchors])
        gold.append(GoldMention(path.stem, anchors[0][0], max(a[1] for a in anchors),
                                chain_of.get(mid, f"single:{path.stem}:{mid}"), head))
    sents = [tuple(bounds[s]) for s in sorted(bounds) if (short, s) in valid]
    return Article(id=path.stem, source="ecb", text=text), gold, sents  # type: ignore[return-value]


def _prf(prec: float, rec: float) -> dict[str, float]:
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"p": round(prec, 4), "r": round(rec, 4), "f1": round(f1, 4)}


def pairwise_f1(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> dict[str, float]:
    """Precision, recall and F1 over the pairs of mentions put in one cluster."""
    def pairs(labels: Sequence[Hashable]) -> set[tuple[int, int]]:
        groups: dict[Hashable, list[int]] = defaultdict(list)
        for i, g in enumerate(labels):
            groups[g].append(i)
        return {p for members in groups.values() for p in combinations(members, 2)}
    g, p = pairs(gold), pairs(pred)
    prec = len(g & p) / len(p) if p else 1.0
    rec = len(g & p) / len(g) if g else 1.0
    return _prf(prec, rec)


def bcubed(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> dict[str, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin), per mention, averaged."""
    gm: dict[Hashable, set[int]] = defaultdict(set)
    pm: dict[Hashable, set[int]] = defaultdict(set)
    for i, (g, p) in enumerate(zip(gold, pred)):
        gm[g].add(i)
        pm[p].add(i)
    n = len(gold) or 1
    prec = sum(len(gm[g] & pm[p]) / len(pm[p]) for g, p in zip(gold, pred)) / n
    rec = sum(len(gm[g] & pm[p]) / len(gm[g]) for g, p in zip(gold, pred)) / n
    return _prf(prec, rec)


def _best(m: GoldMention, ents: Sequence[Mention]) -> Mention | None:
    """The extracted entity mention that holds the gold mention's head word ("in Queens" -> "Queens"; not
    "Vancouver" for "a Vancouver office")."""
    if m.head is None:
        return None
    return next((e for e in ents if e.start <= m.head[0] and m.head[1] <= e.end), None)


def score_topic(docs: Sequence[tuple[Article, list[GoldMention], list[tuple[int, int]]]],
                found: Sequence[list[Mention]]) -> dict[str, list[Hashable]]:
    """Gold chain and each system's label for every scored gold mention of one topic."""
    arts = {a.id: a for a, _, _ in docs}
    ments = {a.id: ms for (a, _, _), ms in zip(docs, found)}
    index = EntityIndex.build(arts, ments, story_id="ecb")
    out: dict[str, list[Hashable]] = defaultdict(list)
    for (art, gold, _), ms in zip(docs, found):
        ents = [m for m in ms if m.kind == "entity" and isinstance(m.value, Entity)]
        for g in gold:
            e = _best(g, ents)
            if e is None:
                continue
            assert isinstance(e.value, Entity)
            out["gold"].append(g.chain)
            out["copydesk"].append(index.at(art.id, e.start, e.end))
            out["same_string"].append(art.text[e.start:e.end])
            out["same_canonical"].append(e.value.canonical)
        for m in ms:
            if isinstance(m.value, Quote) and m.value.speaker:
                cid = index.resolve(art.id, m.value.speaker)
                out["speakers"].append("resolved" if cid else "description" if is_description(m.value.speaker)
                                       else "unresolved name")
        out["described"].extend(g.chain for g in gold if _best(g, ents) is None and g.head is not None
                                and index.at(art.id, *g.head) is not None)
    return out


def main(argv: Iterable[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--topics", default=",".join(map(str, DEV_TOPICS)), help="comma-separated topic numbers")
    args = ap.parse_args(list(argv) if argv is not None else None)
    valid: set[tuple[str, int]] = set()
    with open(args.data / "ECBplus_coreference_sentences.csv", newline="") as f:
        for row in csv.DictReader(f):
            valid.add((row["File"].strip(), int(row["Sentence Number"])))
    topics = [int(t) for t in args.topics.split(",") if t.strip()]
    labels: dict[str, list[Hashable]] = defaultdict(list)
    n_docs = 0
    t0 = time.process_time()
    for t in topics:
        docs = [read_document(p, valid) for p in sorted((args.data / "ECB+" / str(t)).glob("*.xml"))]
        n_docs += len(docs)
        found = list(extract_many((a.text, None, a.id) for a, _, _ in docs))
        # every topic's labels are its own: prefix them so no label crosses topics
        for key, values in score_topic(docs, found).items():
            labels[key].extend((t, v) for v in values)
    gold = labels["gold"]
    n_gold = sum(1 for _ in gold)
    result = {
        "benchmark": "entity_clusters", "split": "dev", "topics": topics, "documents": n_docs,
        "scored_mentions": n_gold, "gold_chains": len(set(gold)),
        "copydesk": {"pairwise": pairwise_f1(gold, labels["copydesk"]), "b3": bcubed(gold, labels["copydesk"])},
        "same_string": {"pairwise": pairwise_f1(gold, labels["same_string"]),
                        "b3": bcubed(gold, labels["same_string"])},
        "same_canonical": {"pairwise": pairwise_f1(gold, labels["same_canonical"]),
                           "b3": bcubed(gold, labels["same_canonical"])},
        "descriptions_resolved": len(labels["described"]),
        "quote_speakers": dict(sorted(Counter(v for _, v in labels["speakers"]).items())),
        "cpu_s": round(time.process_time() - t0, 1), "load": round(os.getloadavg()[0], 2),
    }
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
