#!/usr/bin/env python3
"""Fit the "same event" scorer (``align/scorer.py``) on ECB+ train topics and ship it as JSON.

1. Read the ECB+ topics 1-35 (``copydesk.align.ecbplus``), parse every document with
   copydesk's pipeline and read the frame of each gold event mention (arguments keyed by
   copydesk's entity clusters of the topic when ``entity_keys`` is set, as at run time).
2. Count, per pair of predicate lemmas, how often two mentions of one sub-topic corefer
   (train topics only), and the IDF of sentence lemmas over the train documents.
3. Features of every mention pair within a train topic (``scorer.pair_features``; the
   lemma-pair counts of a pair's own topic left out), a logistic regression on them. Pairs
   across a topic's two sub-topics (different events told with the same words) weigh
   ``other_subtopic_weight``: they teach the model that a shared verb is not enough.
4. The threshold: the lowest score whose pairwise precision on cross-document pairs of
   the dev sub-topics reaches the target (high precision: below it mentions stay apart). The clustering cut:
   the average-linkage cut with the best CoNLL F1 on the train topics, scored out of
   fold (grouped by topic), never on dev.
5. Write ``src/copydesk/align/scorer_model.json``: coefficients, feature names, tables,
   thresholds, the precision/recall points on dev and a meta naming the data and its licence.

Every setting is in ``training/alignment.json``. Prints one JSON line of dev scores.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np

from copydesk.align import ecbplus, scorer
from copydesk.text import model_name, sentence_spans, span_lemmas

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ecbplus"
CONFIG = ROOT / "training" / "alignment.json"
SHIPPED = ROOT / "src" / "copydesk" / "align" / scorer.MODEL_FILE


@dataclass
class Block:
    """The mentions of one sub-topic, with their frames."""

    topic: int
    ids: list[str]
    chains: list[str]
    frames: list[Any]
    sentence: list[tuple[int, int]]  # (document index, sentence start): mentions of one sentence share it
    subs: list[str]  # the sub-topic (seminal event) of each mention's document


@dataclass
class Topics:
    """The documents of some topics, their parses and the frame of each gold mention."""

    docs: list[ecbplus.GoldDocument]
    parsed: list[Any]
    frames: list[list[Any]]

    @classmethod
    def load(cls, data: Path, topics: Sequence[int], entities: bool) -> "Topics":
        """Read, parse and frame; arguments keyed by copydesk's entity clusters when ``entities``."""
        docs = ecbplus.read(data, topics)
        parsed = ecbplus.parse_documents(docs)
        keys: Sequence[Any] = ecbplus.entity_keys(docs, parsed) if entities else [None] * len(docs)
        return cls(docs, parsed, [ecbplus.mention_frames(d, p, k) for d, p, k in zip(docs, parsed, keys)])

    def blocks(self, by_topic: bool = False) -> list[Block]:
        """The sub-topic blocks (whole topics when ``by_topic``)."""
        out: list[Block] = []
        for (topic, _), idx in sorted(ecbplus.by_block(self.docs, by_topic).items()):
            b = Block(topic, [], [], [], [], [])
            for i in idx:
                for m, f in zip(self.docs[i].mentions, self.frames[i]):
                    b.ids.append(m.id)
                    b.chains.append(m.chain)
                    b.frames.append(f)
                    b.sentence.append((i, f.sentence.start))
                    b.subs.append(self.docs[i].sub)
            if b.ids:
                out.append(b)
        return out


def idf_table(parsed: Sequence[Any], min_df: int) -> tuple[dict[str, float], float]:
    """IDF of content lemmas over the sentences of the given documents (lemmas in fewer than min_df dropped)."""
    df: Counter[str] = Counter()
    n = 0
    for doc in parsed:
        for s in sentence_spans(doc):
            df.update(set(span_lemmas(doc, s.start, s.end)))
            n += 1
    idf = {w: round(math.log(n / (1 + c)) + 1, 3) for w, c in sorted(df.items()) if c >= min_df}
    return idf, round(math.log(n / min_df) + 1, 3)


def pair_counts(blocks: Sequence[Block]) -> dict[int, Counter[str]]:
    """Per topic: for each predicate-lemma pair key, coreferent pairs ('+key') and all pairs ('key')."""
    out: dict[int, Counter[str]] = defaultdict(Counter)
    for b in blocks:
        c = out[b.topic]
        preds = [f.predicate.lower() for f in b.frames]
        for i in range(len(preds)):
            for j in range(i + 1, len(preds)):
                k = scorer.pair_key(preds[i], preds[j])
                c[k] += 1
                if b.chains[i] == b.chains[j]:
                    c["+" + k] += 1
    return out


def kept(tot: int, pos: int, topics: int, cfg: Mapping[str, Any]) -> bool:
    """Whether a lemma pair's counts are kept: seen in enough topics (not one story's wording), and either
    often enough or coreferent at least once."""
    return topics >= cfg["min_topics"] and tot > 0 and (tot >= cfg["min_pairs"] or pos > 0)


class LeaveOut(Mapping[str, list[int]]):
    """Lemma-pair counts of all train topics less one topic's: what a pair of that topic may see."""

    def __init__(self, total: Counter[str], own: Counter[str], topics: Counter[str], cfg: Mapping[str, Any]) -> None:
        self.total, self.own, self.topics, self.cfg = total, own, topics, cfg

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        tot = self.total[key] - self.own[key]
        pos = self.total["+" + key] - self.own["+" + key]
        topics = self.topics[key] - (1 if self.own[key] else 0)
        return [pos, tot] if kept(tot, pos, topics, self.cfg) else default

    def __getitem__(self, key: str) -> list[int]:
        v = self.get(key)
        if v is None:
            raise KeyError(key)
        return v

    def __iter__(self):  # pragma: no cover - only .get is used
        return iter(k for k in self.total if not k.startswith("+"))

    def __len__(self) -> int:  # pragma: no cover
        return sum(1 for _ in self)


def block_features(b: Block, table: Mapping[str, list[int]] | None) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and labels of every pair of a block, in condensed (i < j) order."""
    sims: dict[tuple[tuple[int, int], tuple[int, int]], float] = {}
    rows, ys = [], []
    n = len(b.ids)
    for i in range(n):
        for j in range(i + 1, n):
            key = (b.sentence[i], b.sentence[j])
            sim = sims.get(key)
            if sim is None:
                sim = sims[key] = scorer.lexical_similarity(b.frames[i].lemmas, b.frames[j].lemmas)
            f = scorer.pair_features(b.frames[i], b.frames[j], sim, lemma_pairs=table)
            rows.append([f[name] for name in scorer.FEATURES])
            ys.append(b.chains[i] == b.chains[j])
    return np.array(rows, dtype=float).reshape(-1, len(scorer.FEATURES)), np.array(ys, dtype=bool)


def fit(X: np.ndarray, y: np.ndarray, w: np.ndarray, cfg: dict[str, Any], seed: int) -> Any:
    from sklearn.linear_model import LogisticRegression

    m = cfg["model"]
    keep = w > 0
    return LogisticRegression(C=m["C"], max_iter=m["max_iter"], random_state=seed).fit(
        X[keep], y[keep], sample_weight=w[keep])


def probabilities(model: Any, X: np.ndarray) -> np.ndarray:
    """What ``scorer.score_features`` gives each row: the model's probability, 0 where a veto is set."""
    if not len(X):
        return np.zeros(0)
    p = model.predict_proba(X)[:, 1]
    for name in scorer.VETOES:
        p = np.where(X[:, scorer.FEATURES.index(name)] > 0, 0.0, p)
    return p


def cluster_blocks(blocks: Sequence[Block], probs: Sequence[np.ndarray], cut: float) -> dict[str, str]:
    out: dict[str, str] = {}
    for bi, (b, p) in enumerate(zip(blocks, probs)):
        for mid, lab in zip(b.ids, ecbplus.average_linkage(p, len(b.ids), cut)):
            out[mid] = f"{bi}:{lab}"
    return out


def gold_of(blocks: Sequence[Block]) -> dict[str, str]:
    return {mid: ch for b in blocks for mid, ch in zip(b.ids, b.chains)}


def pr_points(p: np.ndarray, y: np.ndarray, step: float) -> list[dict[str, float]]:
    """Pairwise precision and recall at each threshold of a grid."""
    out = []
    pos = int(y.sum())
    for t in np.arange(0.05, 1.0, step):
        sel = p >= t
        tp = int((sel & y).sum())
        out.append({"threshold": round(float(t), 2), "precision": round(tp / max(1, int(sel.sum())), 3),
                    "recall": round(tp / max(1, pos), 3), "links": int(sel.sum())})
    return out


def _same_sub(b: Block) -> np.ndarray:
    """Which pairs of a block (condensed order) join mentions of one sub-topic."""
    n = len(b.subs)
    return np.array([b.subs[i] == b.subs[j] for i in range(n) for j in range(i + 1, n)], dtype=bool)


def _cross(b: Block) -> np.ndarray:
    """Which pairs of a block (condensed order) join mentions of two documents: what claims align."""
    docs = [s[0] for s in b.sentence]
    n = len(docs)
    return np.array([docs[i] != docs[j] for i in range(n) for j in range(i + 1, n)], dtype=bool)


def dump(data: dict[str, Any], order: Sequence[str]) -> str:
    """The model as JSON: one top-level key a line, the meta indented, the big tables compact."""
    def value(k: str) -> str:
        return json.dumps(data[k], indent=1 if k == "meta" else None, ensure_ascii=False,
                          separators=None if k == "meta" else (",", ":"))
    return "{\n" + ",\n".join(f"{json.dumps(k)}: {value(k)}" for k in order) + "\n}\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--config", type=Path, default=CONFIG)
    ap.add_argument("--out", type=Path, default=SHIPPED)
    args = ap.parse_args()
    cfg = json.loads(args.config.read_text())
    seed = int(cfg["seed"])
    t0 = time.perf_counter()
    dev_topics = tuple(cfg["dev_topics"])
    train_topics = [t for t in range(1, 36) if t not in dev_topics]
    # pairs of whole topics: both seminal events of a topic, so same words of different events are negatives
    entities = bool(cfg["entity_keys"])
    train_set = Topics.load(args.data, train_topics, entities)
    dev_set = Topics.load(args.data, dev_topics, entities)
    train, train_sub, train_parsed = train_set.blocks(by_topic=True), train_set.blocks(), train_set.parsed
    dev, dev_topic = dev_set.blocks(), dev_set.blocks(by_topic=True)
    print(f"read and parsed: {time.perf_counter() - t0:.0f}s", file=sys.stderr)

    idf, idf_default = idf_table(train_parsed, cfg["idf_min_df"])
    counts = pair_counts(train)
    total: Counter[str] = sum(counts.values(), Counter())
    topics_of: Counter[str] = Counter(k for c in counts.values() for k in c if not k.startswith("+"))
    lp = cfg["lemma_pairs"]

    def same(k: str) -> bool:
        a, b = k.lstrip("+").split("|", 1)
        return a == b
    same_tot = sum(v for k, v in total.items() if not k.startswith("+") and same(k))
    same_pos = sum(v for k, v in total.items() if k.startswith("+") and same(k))
    all_tot = sum(v for k, v in total.items() if not k.startswith("+"))
    all_pos = sum(v for k, v in total.items() if k.startswith("+"))
    table = {k: [total["+" + k], v] for k, v in sorted(total.items())
             if not k.startswith("+") and kept(v, total["+" + k], topics_of[k], lp)}
    data: dict[str, Any] = {
        "format": scorer.MODEL_FORMAT, "features": list(scorer.FEATURES), "coef": [0.0] * len(scorer.FEATURES),
        "intercept": 0.0, "threshold": 0.5, "cluster_threshold": 0.5, "idf": idf, "idf_default": idf_default,
        "lemma_pairs": table,
        "pair_prior": {"same": round(same_pos / max(1, same_tot), 4),
                       "other": round((all_pos - same_pos) / max(1, all_tot - same_tot), 4)},
        "pair_smoothing": lp["smoothing"], "pair_seen_scale": lp["seen_scale"],
    }
    scorer.use_model(data)

    def leave_out(b: Block) -> LeaveOut:
        return LeaveOut(total, counts[b.topic], topics_of, lp)
    feats = [block_features(b, leave_out(b)) for b in train]
    other = cfg["other_subtopic_weight"]
    weights = [np.where(_same_sub(b), 1.0, other) for b in train]
    X = np.vstack([f[0] for f in feats])
    y = np.concatenate([f[1] for f in feats])
    w = np.concatenate(weights)
    print(f"train pairs: {len(y)} ({int(y.sum())} coreferent), {time.perf_counter() - t0:.0f}s", file=sys.stderr)

    # the clustering cut: out of fold on the train sub-topics (folds of whole topics), never on dev
    topics = sorted({b.topic for b in train})
    folds = cfg["cluster_threshold"]["folds"]
    sub_feats = [block_features(b, leave_out(b)) for b in train_sub]
    oof: list[np.ndarray] = [np.zeros(0)] * len(train_sub)
    for k in range(folds):
        held = {t for i, t in enumerate(topics) if i % folds == k}
        tr = [i for i, b in enumerate(train) if b.topic not in held]
        model_k = fit(np.vstack([feats[i][0] for i in tr]), np.concatenate([feats[i][1] for i in tr]),
                      np.concatenate([weights[i] for i in tr]), cfg, seed)
        for i, b in enumerate(train_sub):
            if b.topic in held and len(sub_feats[i][1]):
                oof[i] = probabilities(model_k, sub_feats[i][0])
    gold_train = gold_of(train_sub)
    cuts = {c: ecbplus.conll(gold_train, cluster_blocks(train_sub, oof, c))["conll"]
            for c in cfg["cluster_threshold"]["grid"]}
    cut = max(cuts, key=lambda c: (cuts[c], -c))

    model = fit(X, y, w, cfg, seed)
    data["coef"] = [round(float(c), 5) for c in model.coef_[0]]
    data["intercept"] = round(float(model.intercept_[0]), 5)
    data["cluster_threshold"] = cut

    def predict(blocks: Sequence[Block]) -> tuple[list[np.ndarray], np.ndarray, np.ndarray, np.ndarray]:
        fs = [block_features(b, table) for b in blocks]
        probs = [probabilities(model, f[0]) for f in fs]
        return (probs, np.concatenate(probs), np.concatenate([f[1] for f in fs]),
                np.concatenate([_cross(b) for b in blocks]))
    step = cfg["threshold"]["grid_step"]
    dev_probs, p_dev, y_dev, cross = predict(dev)
    curve = pr_points(p_dev[cross], y_dev[cross], step)
    target = cfg["threshold"]["target_precision"]
    threshold = next((pt["threshold"] for pt in curve if pt["precision"] >= target), curve[-1]["threshold"])
    data["threshold"] = threshold
    topic_probs, p_topic, y_topic, cross_topic = predict(dev_topic)
    gold_dev = gold_of(dev)

    def every5(points: list[dict[str, float]]) -> list[dict[str, float]]:
        return [pt for pt in points if round(pt["threshold"] * 100) % 5 == 0]
    dev_scores = {
        "cross_document_pairs": int(cross.sum()), "coreferent_cross_document_pairs": int(y_dev[cross].sum()),
        "conll_at_cluster_threshold": ecbplus.conll(gold_dev, cluster_blocks(dev, dev_probs, cut)),
        "conll_at_threshold": ecbplus.conll(gold_dev, cluster_blocks(dev, dev_probs, threshold)),
        "conll_whole_topics_at_cluster_threshold": ecbplus.conll(gold_of(dev_topic),
                                                                 cluster_blocks(dev_topic, topic_probs, cut)),
        "precision_recall": every5(curve),
        "precision_recall_whole_topics": every5(pr_points(p_topic[cross_topic], y_topic[cross_topic], step)),
    }
    data["meta"] = {
        "name": "copydesk same-event scorer", "data": cfg["data"], "licence": "CC BY 3.0 (ECB+)",
        "train_topics": train_topics, "dev_topics": list(dev_topics), "seed": seed,
        "config": "training/alignment.json", "script": "scripts/train_alignment.py",
        "pipeline": model_name(),
        "train_pairs": int(len(y)), "train_coreferent_pairs": int(y.sum()),
        "other_subtopic_weight": other, "entity_keys": entities,
        "train_cluster_cuts_conll": {str(k): v for k, v in cuts.items()},
        "threshold_rule": f"lowest score whose pairwise precision on dev cross-document pairs "
                          f"of one sub-topic is >= {target}",
        "dev": dev_scores,
    }
    order = ["format", "features", "coef", "intercept", "threshold", "cluster_threshold", "meta",
             "pair_prior", "pair_smoothing", "pair_seen_scale", "idf_default", "lemma_pairs", "idf"]
    args.out.write_text(dump(data, order))
    scorer.use_model(None)
    print(json.dumps({"threshold": threshold, "cluster_threshold": cut,
                      "coef": dict(zip(scorer.FEATURES, data["coef"])),
                      "dev": {k: v for k, v in dev_scores.items() if not k.startswith("precision_recall")},
                      "seconds": round(time.perf_counter() - t0, 1)}))


if __name__ == "__main__":
    main()
