"""Cross-document event coreference on ECB+ with gold event mentions.

Standard setup: ACTION_* / NEG_ACTION_* mentions in the validated sentences
(ECBplus_coreference_sentences.csv), clustered within each topic with the
sub-topic (ecb vs ecbplus documents) as a blocking signal, singletons included.
Scored with MUC, B-cubed and CEAF-e and their mean (CoNLL F1). The same-lemma
baseline is computed in the same run. "copydesk": head lemma + event synonyms +
TF-IDF sentence context, with two lexicons learned on the train topics (lemma
pairs that usually corefer; lemmas whose same-lemma mentions rarely corefer);
defaults chosen by two-fold cross-validation on the train topics, never on dev.
``--supervised`` adds a gradient-boosted pairwise classifier (slower, not better).
Prints one JSON line.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

from copydesk.align.claims import event as _event
from copydesk.text import lemma


def event(word: str) -> str | None:
    """The canonical event of a word, looked up by its lemma."""
    return _event(lemma(word))

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ecbplus"
DEV_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
_STOP = frozenset("the a an of to in on at and or for with by from is was were be been it its this that "
                  "he she they his her their said says , . `` '' 's".split())


class EventMention:
    __slots__ = ("id", "doc", "topic", "sub", "sentence", "tokens", "words", "chain", "context", "args")

    def __init__(self, id: str, doc: str, topic: int, sub: str, sentence: int, tokens: list[str],
                 chain: str, context: list[str]) -> None:
        self.id, self.doc, self.topic, self.sub, self.sentence = id, doc, topic, sub, sentence
        self.tokens, self.chain, self.context = tokens, chain, context
        self.words = tokens
        self.args: list[str] = []


def parse_topics(spec: str | None) -> list[int]:
    if not spec:
        return list(DEV_TOPICS)
    out: list[int] = []
    for part in spec.split(","):
        if "-" in part:
            a, b = part.split("-")
            out.extend(range(int(a), int(b) + 1))
        elif part.strip():
            out.append(int(part))
    return out


def load(data: Path, topics: Iterable[int]) -> list[EventMention]:
    """Gold event mentions of the validated sentences of the given topics."""
    valid: set[tuple[str, int]] = set()
    with open(data / "ECBplus_coreference_sentences.csv", newline="") as f:
        for row in csv.DictReader(f):
            valid.add((row["File"].strip(), int(row["Sentence Number"])))
    out: list[EventMention] = []
    for t in topics:
        folder = data / "ECB+" / str(t)
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.xml")):
            doc = path.stem
            short = doc.split("_", 1)[1]
            root = ET.parse(path).getroot()
            tok = {x.get("t_id"): (x.text or "", int(x.get("sentence", "0"))) for x in root.iter("token")}
            sent_words: dict[int, list[str]] = defaultdict(list)
            for w, s in tok.values():
                sent_words[s].append(w)
            chain_of: dict[str, str] = {}
            for rel in list(root.find("Relations") or []):
                note = rel.get("note") or rel.get("r_id") or ""
                for src in rel.findall("source"):
                    chain_of[src.get("m_id", "")] = note
            args: dict[int, list[str]] = defaultdict(list)
            for mk in list(root.find("Markables") or []):
                if mk.tag.startswith(("HUMAN", "NON_HUMAN", "LOC", "TIME")):
                    for a in mk.findall("token_anchor"):
                        if a.get("t_id") in tok:
                            w, s_ = tok[a.get("t_id")]
                            args[s_].append(w)
            start = len(out)
            for mk in list(root.find("Markables") or []):
                if not (mk.tag.startswith("ACTION") or mk.tag.startswith("NEG_ACTION")):
                    continue
                anchors = [a.get("t_id") for a in mk.findall("token_anchor")]
                if not anchors:
                    continue
                words = [tok[a][0] for a in anchors if a in tok]
                sent = tok[anchors[0]][1] if anchors[0] in tok else -1
                if (short, sent) not in valid:
                    continue
                mid = mk.get("m_id", "")
                chain = chain_of.get(mid, f"single:{doc}:{mid}")
                out.append(EventMention(f"{doc}:{mid}", doc, t, "plus" if short.endswith("plus") else "ecb",
                                        sent, words, chain, sent_words[sent]))
            for m in out[start:]:
                m.args = args.get(m.sentence, [])
    return out


def head_lemma(m: EventMention) -> str:
    words = [w for w in m.tokens if w.lower() not in _STOP] or m.tokens
    return lemma(words[-1] if len(words) > 1 and words[0].lower() in ("has", "have", "had", "will") else words[0])


# ---- scoring -------------------------------------------------------------------------------------

def _clusters(assign: dict[str, str]) -> list[set[str]]:
    c: dict[str, set[str]] = defaultdict(set)
    for m, k in assign.items():
        c[k].add(m)
    return list(c.values())


def muc(key: list[set[str]], resp: list[set[str]]) -> tuple[float, float, float]:
    def score(a: list[set[str]], b: list[set[str]]) -> float:
        where = {m: i for i, c in enumerate(b) for m in c}
        num = den = 0
        for c in a:
            parts = {where.get(m, ("x", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num / den if den else 0.0
    r, p = score(key, resp), score(resp, key)
    return r, p, (2 * p * r / (p + r) if p + r else 0.0)


def b_cubed(key: list[set[str]], resp: list[set[str]]) -> tuple[float, float, float]:
    kw = {m: c for c in key for m in c}
    rw = {m: c for c in resp for m in c}
    ms = list(kw)
    r = sum(len(kw[m] & rw[m]) / len(kw[m]) for m in ms) / len(ms)
    p = sum(len(kw[m] & rw[m]) / len(rw[m]) for m in ms) / len(ms)
    return r, p, (2 * p * r / (p + r) if p + r else 0.0)


def ceaf_e(key: list[set[str]], resp: list[set[str]]) -> tuple[float, float, float]:
    idx = {m: i for i, c in enumerate(resp) for m in c}
    sim = np.zeros((len(key), len(resp)))
    for i, c in enumerate(key):
        for m in c:
            j = idx[m]
            sim[i, j] += 1
    for i, c in enumerate(key):
        for j in np.nonzero(sim[i])[0]:
            sim[i, j] = 2 * sim[i, j] / (len(c) + len(resp[j]))
    rows, cols = linear_sum_assignment(-sim)
    total = sim[rows, cols].sum()
    r, p = total / len(key), total / len(resp)
    return r, p, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(mentions: Sequence[EventMention], pred: dict[str, str]) -> dict[str, float]:
    gold = {m.id: f"{m.topic}:{m.chain}" for m in mentions}
    key, resp = _clusters(gold), _clusters(pred)
    out = {}
    for name, fn in (("muc", muc), ("b3", b_cubed), ("ceafe", ceaf_e)):
        out[name] = round(100 * fn(key, resp)[2], 1)
    out["conll"] = round((out["muc"] + out["b3"] + out["ceafe"]) / 3, 1)
    return out


# ---- systems -------------------------------------------------------------------------------------

def same_lemma(mentions: Sequence[EventMention]) -> dict[str, str]:
    """Baseline: one cluster per (topic, sub-topic, head lemma)."""
    return {m.id: f"{m.topic}:{m.sub}:{head_lemma(m)}" for m in mentions}


def _bag(words: Sequence[str]) -> Counter:
    return Counter(lemma(w) for w in words if w.lower() not in _STOP and re.match(r"\w", w))


def _cos(a: Counter, b: Counter, idf: dict[str, float]) -> float:
    num = sum(a[k] * b[k] * idf.get(k, 1.0) ** 2 for k in a if k in b)
    if not num:
        return 0.0
    na = math.sqrt(sum((v * idf.get(k, 1.0)) ** 2 for k, v in a.items()))
    nb = math.sqrt(sum((v * idf.get(k, 1.0)) ** 2 for k, v in b.items()))
    return num / (na * nb)


def _lemma_pair_counts(train: Sequence[EventMention], same: bool) -> tuple[Counter, Counter]:
    """Per head lemma (``same``) or lemma pair (not ``same``) within a sub-topic: (coreferent pairs, all pairs)."""
    pos: Counter = Counter()
    tot: Counter = Counter()
    blocks: dict[tuple[int, str], list[EventMention]] = defaultdict(list)
    for m in train:
        blocks[(m.topic, m.sub)].append(m)
    for ms in blocks.values():
        hs = [head_lemma(m) for m in ms]
        for i in range(len(ms)):
            for j in range(i + 1, len(ms)):
                if (hs[i] == hs[j]) != same:
                    continue
                k = hs[i] if same else ((hs[i], hs[j]) if hs[i] < hs[j] else (hs[j], hs[i]))
                tot[k] += 1
                pos[k] += ms[i].chain == ms[j].chain
    return pos, tot


def weak_lemmas(train: Sequence[EventMention], max_rate: float = 0.5, min_pairs: int = 10) -> set[str]:
    """Head lemmas whose same-lemma mentions rarely corefer in the training topics ("affect", "report")."""
    pos, tot = _lemma_pair_counts(train, same=True)
    return {k for k in tot if tot[k] >= min_pairs and pos[k] / tot[k] < max_rate}


def related_lemmas(train: Sequence[EventMention], min_rate: float = 0.5, min_pos: int = 3) -> set[tuple[str, str]]:
    """Head-lemma pairs that corefer often in the training topics ("kill"/"murder", "blaze"/"fire")."""
    pos, tot = _lemma_pair_counts(train, same=False)
    return {k for k in tot if pos[k] >= min_pos and pos[k] / tot[k] >= min_rate}


def copydesk_events(mentions: Sequence[EventMention], link: float = 0.2, merge_other: float = 0.5,
                    related: set[tuple[str, str]] | None = None, related_link: float = 0.1,
                    weak: set[str] | None = None, weak_link: float = 0.5) -> dict[str, str]:
    """Head lemma (with the event synonym table and learned related lemmas) plus sentence-context
    similarity, single-link per block, best pairs first."""
    related = related or set()
    weak = weak or set()
    df: Counter = Counter()
    sents = {}
    for m in mentions:
        key = (m.doc, m.sentence)
        if key not in sents:
            sents[key] = _bag(m.context)
            df.update(set(sents[key]))
    n = max(1, len(sents))
    idf = {k: math.log(n / (1 + v)) + 1 for k, v in df.items()}
    blocks: dict[tuple[int, str], list[EventMention]] = defaultdict(list)
    for m in mentions:
        blocks[(m.topic, m.sub)].append(m)
    out: dict[str, str] = {}
    for (t, sub), ms in blocks.items():
        heads = [event(h) or h for h in (head_lemma(m) for m in ms)]
        ctx = [sents[(m.doc, m.sentence)] for m in ms]
        parent = list(range(len(ms)))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x
        pairs = []
        for i in range(len(ms)):
            for j in range(i + 1, len(ms)):
                same = heads[i] == heads[j]
                s = _cos(ctx[i], ctx[j], idf)
                pair = (heads[i], heads[j]) if heads[i] < heads[j] else (heads[j], heads[i])
                if not same and pair in related and s >= related_link:
                    pairs.append((s, i, j))
                    continue
                if same and heads[i] in weak and s < weak_link:
                    continue
                if (same and (s >= link or ms[i].doc != ms[j].doc)) or (not same and s >= merge_other and ms[i].doc != ms[j].doc
                                                                         and heads[i][:4] == heads[j][:4]):
                    pairs.append((s, i, j))
        for _, i, j in sorted(pairs, reverse=True):
            ri, rj = find(i), find(j)
            if ri != rj:
                parent[rj] = ri
        for i, m in enumerate(ms):
            out[m.id] = f"{t}:{sub}:{find(i)}"
    return out


def _pair_features(a: EventMention, b: EventMention, ha: str, hb: str, ca: Counter, cb: Counter,
                   aa: Counter, ab: Counter, idf: dict[str, float], prior: dict[tuple[str, str], float]) -> list[float]:
    ea, eb = event(ha) or ha, event(hb) or hb
    ta = {lemma(w) for w in a.tokens}
    tb = {lemma(w) for w in b.tokens}
    key = (ha, hb) if ha <= hb else (hb, ha)
    return [float(ha == hb), float(ea == eb), float(ha[:4] == hb[:4]), _cos(ca, cb, idf), _cos(aa, ab, idf),
            float(a.doc == b.doc), float(a.doc == b.doc and a.sentence == b.sentence),
            len(ta & tb) / len(ta | tb), prior.get(key, -1.0), float(len(a.tokens) > 1) + float(len(b.tokens) > 1)]


class PairwiseEvents:
    """A pairwise coreference classifier (gradient boosting) plus average-linkage clustering per block."""

    def __init__(self, threshold: float = 0.5) -> None:
        self.threshold = threshold

    def _prep(self, mentions: Sequence[EventMention]) -> None:
        self._ctx = {m.id: _bag(m.context) for m in mentions}
        self._args = {m.id: _bag(m.args) for m in mentions}
        self._head = {m.id: head_lemma(m) for m in mentions}

    def _blocks(self, mentions: Sequence[EventMention]) -> dict[tuple[int, str], list[EventMention]]:
        blocks: dict[tuple[int, str], list[EventMention]] = defaultdict(list)
        for m in mentions:
            blocks[(m.topic, m.sub)].append(m)
        return blocks

    def _features(self, ms: Sequence[EventMention]) -> tuple[np.ndarray, list[tuple[int, int]]]:
        X, idx = [], []
        for i in range(len(ms)):
            for j in range(i + 1, len(ms)):
                a, b = ms[i], ms[j]
                X.append(_pair_features(a, b, self._head[a.id], self._head[b.id], self._ctx[a.id],
                                        self._ctx[b.id], self._args[a.id], self._args[b.id], self.idf_, self.prior_))
                idx.append((i, j))
        return np.array(X, dtype=float).reshape(-1, 10), idx

    def fit(self, mentions: Sequence[EventMention]) -> "PairwiseEvents":
        from sklearn.ensemble import HistGradientBoostingClassifier
        df: Counter = Counter()
        seen = set()
        for m in mentions:
            if (m.doc, m.sentence) not in seen:
                seen.add((m.doc, m.sentence))
                df.update(set(_bag(m.context)))
        self.idf_ = {k: math.log(max(1, len(seen)) / (1 + v)) + 1 for k, v in df.items()}
        self._prep(mentions)
        pos: Counter = Counter()
        tot: Counter = Counter()
        pos_t: Counter = Counter()
        tot_t: Counter = Counter()
        for (t, _), ms in self._blocks(mentions).items():
            for i in range(len(ms)):
                for j in range(i + 1, len(ms)):
                    ha, hb = self._head[ms[i].id], self._head[ms[j].id]
                    k = (ha, hb) if ha <= hb else (hb, ha)
                    y = ms[i].chain == ms[j].chain
                    tot[k] += 1
                    pos[k] += y
                    tot_t[(t, k)] += 1
                    pos_t[(t, k)] += y
        Xs, ys = [], []
        for (t, _), ms in self._blocks(mentions).items():
            # lemma-pair coreference rate from the other training topics only (no leakage)
            self.prior_ = {k: (pos[k] - pos_t[(t, k)] + 0.1) / (tot[k] - tot_t[(t, k)] + 1)
                           for k in tot if tot[k] - tot_t[(t, k)] >= 2}
            X, idx = self._features(ms)
            Xs.append(X)
            ys.append(np.array([ms[i].chain == ms[j].chain for i, j in idx]))
        self.prior_ = {k: (pos[k] + 0.1) / (tot[k] + 1) for k in tot if tot[k] >= 2}
        X = np.vstack(Xs)
        self.model_ = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.1, random_state=0)
        self.model_.fit(X, np.concatenate(ys))
        return self

    def predict(self, mentions: Sequence[EventMention]) -> dict[str, str]:
        from scipy.cluster.hierarchy import fcluster, linkage
        self._prep(mentions)
        out: dict[str, str] = {}
        for (t, sub), ms in self._blocks(mentions).items():
            if len(ms) == 1:
                out[ms[0].id] = f"{t}:{sub}:0"
                continue
            X, idx = self._features(ms)
            p = self.model_.predict_proba(X)[:, 1]
            dist = 1.0 - p  # condensed order matches (i, j) for i < j
            labels = fcluster(linkage(dist, method="average"), t=1.0 - self.threshold, criterion="distance")
            for m, lab in zip(ms, labels):
                out[m.id] = f"{t}:{sub}:{lab}"
        return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--topics", default=None, help='e.g. "36-45" or "2,5,12" (default: dev topics)')
    ap.add_argument("--supervised", action="store_true", help="also fit the pairwise classifier on train topics")
    ap.add_argument("--threshold", type=float, default=0.4, help="pairwise probability to link (supervised)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    ms = load(args.data, parse_topics(args.topics))
    base = evaluate(ms, same_lemma(ms))
    eval_topics = set(parse_topics(args.topics))
    train = load(args.data, [t for t in range(1, 46) if t not in eval_topics and t not in DEV_TOPICS])
    related = related_lemmas(train)
    weak = weak_lemmas(train)
    out: dict[str, object] = {"topics": args.topics or "dev", "mentions": len(ms),
                              "chains": len({(m.topic, m.chain) for m in ms}),
                              "copydesk": evaluate(ms, copydesk_events(ms, related=related, weak=weak)),
                              "copydesk_no_training": evaluate(ms, copydesk_events(ms)), "same_lemma": base}
    if args.supervised:
        model = PairwiseEvents(threshold=args.threshold).fit(train)
        out["copydesk_supervised"] = evaluate(ms, model.predict(ms))
        out["train_mentions"] = len(train)
    print(json.dumps({**out, "seconds": round(time.perf_counter() - t0, 1)}))


if __name__ == "__main__":
    main()
