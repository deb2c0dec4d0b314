"""Cross-document event coreference on ECB+ with gold event mentions: the alignment scorer against baselines.

Standard setup: ACTION_* / NEG_ACTION_* mentions of the validated sentences
(``ECBplus_coreference_sentences.csv``), resolved within each sub-topic (the ecb and
ecbplus documents of a topic: the two seminal events, what copydesk's story grouping
separates), singletons included. Every document is parsed by copydesk's own pipeline
(``copydesk.align.ecbplus``) and each trigger read through the frame of its head token,
so every lemma is the lemmatizer's in context. Scored with MUC, B-cubed and CEAF-e and
their mean (CoNLL F1), in one run:

- ``same_lemma``: one cluster per lemma of the trigger's head token (the published baseline);
- ``copydesk_before``: the method copydesk had before the scorer (event synonyms, lemma
  pairs and weak lemmas counted on the train topics, TF-IDF sentence context, single link);
- ``scorer``: the shipped ``align.scorer`` model, average linkage cut at its clustering
  threshold, and at its high-precision ``THRESHOLD``.

``pairs_precision_recall``: the scorer's pairwise precision and recall on pairs of mentions
of two documents of one sub-topic, at a few thresholds and at ``THRESHOLD``.
``whole_topics`` scores the same systems with both sub-topics of a topic in one block
(no gold sub-topic: different events told with the same words meet), and
``copydesk_stories`` within the stories copydesk's batch grouping makes of all the
documents (no gold topic either: what an analysis of these articles would compare).

Prints one JSON line. Target on the withheld test topics (36-45): CoNLL F1 >= 78.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from copydesk.align import ecbplus, scorer
from copydesk.align.resources import EVENT_SYNONYMS

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ecbplus"
DEV_TOPICS = ecbplus.DEV_TOPICS


class Mentions:
    """The gold mentions of some topics with their frames, by sub-topic block (whole topics when ``by_topic``)."""

    def __init__(self, data: Path, topics: Sequence[int], entities: bool = False) -> None:
        self.docs = ecbplus.read(data, topics)
        parsed = ecbplus.parse_documents(self.docs)
        keys: Sequence[Any] = ecbplus.entity_keys(self.docs, parsed) if entities else [None] * len(self.docs)
        self.frames = [ecbplus.mention_frames(d, p, k) for d, p, k in zip(self.docs, parsed, keys)]
        # the lemma of each trigger's head token in its parsed sentence
        self.lemma = {m.id: p[ecbplus.head_token(p, m.start, m.end)].lemma_.lower()
                      for d, p in zip(self.docs, parsed) for m in d.mentions}
        self.group("subtopic")

    def group(self, by: str) -> "Mentions":
        """Block the mentions by gold sub-topic, by whole topic, or by the story copydesk groups each document in."""
        if by == "story":
            blocks: dict[tuple[int, str], list[int]] = defaultdict(list)
            for i, label in enumerate(story_labels(self.docs)):
                blocks[(0, f"story{label}")].append(i)
        else:
            blocks = ecbplus.by_block(self.docs, by_topic=by == "topic")
        self.blocks: list[tuple[str, list[str], list[str], list[Any], list[tuple[int, int]]]] = []
        for (topic, sub), idx in sorted(blocks.items()):
            ids, chains, frames, sents = [], [], [], []
            for i in idx:
                for m, f in zip(self.docs[i].mentions, self.frames[i]):
                    ids.append(m.id)
                    chains.append(m.chain)
                    frames.append(f)
                    sents.append((i, f.sentence.start))
            if ids:
                self.blocks.append((f"{topic}:{sub}", ids, chains, frames, sents))
        self.gold = {mid: ch for _, ids, chains, _, _ in self.blocks for mid, ch in zip(ids, chains)}
        return self


def story_labels(docs: Sequence[ecbplus.GoldDocument]) -> list[int]:
    """The story copydesk's batch grouping puts each document in (all documents together, undated)."""
    from copydesk.models import Article
    from copydesk.stories import batch

    articles = [Article(id=d.name, source=d.name, text=d.text) for d in docs]
    return batch.group_labels(articles, None, dated=False)[0]


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


# ---- systems -------------------------------------------------------------------------------------

def same_lemma(ms: Mentions) -> dict[str, str]:
    """Baseline: one cluster per (sub-topic, lemma of the trigger's head token)."""
    return {mid: f"{name}:{ms.lemma[mid]}" for name, ids, _, _, _ in ms.blocks for mid in ids}


def _canon(lem: str) -> str:
    return EVENT_SYNONYMS.get(lem, lem)


def learned_lexicons(train: Mentions, weak_rate: float = 0.5, min_pairs: int = 10, related_rate: float = 0.5,
                     related_pos: int = 3) -> tuple[set[str], set[tuple[str, str]]]:
    """The method before the scorer: lemmas whose same-lemma mentions rarely corefer, lemma pairs that usually do."""
    pos: Counter = Counter()
    tot: Counter = Counter()
    for _, ids, chains, _, _ in train.blocks:
        hs = [train.lemma[mid] for mid in ids]
        for i in range(len(hs)):
            for j in range(i + 1, len(hs)):
                k: Any = hs[i] if hs[i] == hs[j] else tuple(sorted((hs[i], hs[j])))
                tot[k] += 1
                pos[k] += chains[i] == chains[j]
    weak = {k for k in tot if isinstance(k, str) and tot[k] >= min_pairs and pos[k] / tot[k] < weak_rate}
    related = {k for k in tot if isinstance(k, tuple) and pos[k] >= related_pos and pos[k] / tot[k] >= related_rate}
    return weak, related


def copydesk_before(ms: Mentions, weak: set[str], related: set[tuple[str, str]], link: float = 0.2,
                    merge_other: float = 0.5, related_link: float = 0.1, weak_link: float = 0.5) -> dict[str, str]:
    """Head lemma (event synonyms, learned related lemmas) plus TF-IDF sentence context, single link per block,
    best pairs first: the method copydesk had before the scorer, its defaults as they were."""
    df: Counter = Counter()
    seen: set[tuple[int, int]] = set()
    for _, _, _, frames, sents in ms.blocks:
        for f, s in zip(frames, sents):
            if s not in seen:
                seen.add(s)
                df.update(f.lemmas)
    n = max(1, len(seen))
    idf = {k: math.log(n / (1 + v)) + 1 for k, v in df.items()}

    def cos(a: frozenset[str], b: frozenset[str]) -> float:
        num = sum(idf.get(k, 1.0) ** 2 for k in a & b)
        if not num:
            return 0.0
        return num / (math.sqrt(sum(idf.get(k, 1.0) ** 2 for k in a)) * math.sqrt(sum(idf.get(k, 1.0) ** 2 for k in b)))

    out: dict[str, str] = {}
    for name, ids, _, frames, sents in ms.blocks:
        heads = [_canon(ms.lemma[mid]) for mid in ids]
        parent = list(range(len(ids)))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x
        pairs = []
        for i in range(len(ids)):
            for j in range(i + 1, len(ids)):
                same = heads[i] == heads[j]
                s = cos(frames[i].lemmas, frames[j].lemmas)
                other_doc = sents[i][0] != sents[j][0]
                if not same and tuple(sorted((heads[i], heads[j]))) in related and s >= related_link:
                    pairs.append((s, i, j))
                elif same and heads[i] in weak and s < weak_link:
                    continue
                elif (same and (s >= link or other_doc)) or (not same and s >= merge_other and other_doc
                                                             and heads[i][:4] == heads[j][:4]):
                    pairs.append((s, i, j))
        for _, i, j in sorted(pairs, reverse=True):
            ri, rj = find(i), find(j)
            if ri != rj:
                parent[rj] = ri
        for i, mid in enumerate(ids):
            out[mid] = f"{name}:{find(i)}"
    return out


def scorer_probs(ms: Mentions) -> list[np.ndarray]:
    """The shipped scorer's probability for every pair of each block, condensed (i < j) order."""
    out = []
    for _, ids, _, frames, sents in ms.blocks:
        sims: dict[tuple[tuple[int, int], tuple[int, int]], float] = {}
        p = []
        for i in range(len(ids)):
            for j in range(i + 1, len(ids)):
                key = (sents[i], sents[j])
                if key not in sims:
                    sims[key] = scorer.sentence_similarity(frames[i].lemmas, frames[j].lemmas)
                p.append(scorer.same_claim_score(frames[i], frames[j], sims[key]))
        out.append(np.array(p, dtype=float))
    return out


def precision_recall(ms: Mentions, probs: Sequence[np.ndarray], thresholds: Sequence[float]) -> list[dict[str, float]]:
    """Pairwise precision and recall of the scorer on pairs of mentions of two documents (what claims align)."""
    p, y = [], []
    for (_, _, chains, _, sents), pr in zip(ms.blocks, probs):
        k = 0
        for i in range(len(chains)):
            for j in range(i + 1, len(chains)):
                if sents[i][0] != sents[j][0]:
                    p.append(pr[k])
                    y.append(chains[i] == chains[j])
                k += 1
    pa, ya = np.array(p), np.array(y, dtype=bool)
    out = []
    for t in thresholds:
        sel = pa >= t
        out.append({"threshold": round(t, 2), "precision": round(float(ya[sel].mean()) if sel.any() else 1.0, 3),
                    "recall": round(float(ya[sel].sum() / max(1, ya.sum())), 3)})
    return out


def clustered(ms: Mentions, probs: Sequence[np.ndarray], cut: float) -> dict[str, str]:
    out: dict[str, str] = {}
    for (name, ids, _, _, _), p in zip(ms.blocks, probs):
        for mid, lab in zip(ids, ecbplus.average_linkage(p, len(ids), cut)):
            out[mid] = f"{name}:{lab}"
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the folder holding ECB+/")
    ap.add_argument("--topics", default=None, help='e.g. "36-45" or "2,5,12" (default: the dev topics)')
    ap.add_argument("--model", type=Path, default=None, help="score with this model file instead of the shipped one")
    args = ap.parse_args()
    if args.model:
        scorer.use_model(json.loads(args.model.read_text()))
    t0 = time.perf_counter()
    topics = parse_topics(args.topics)
    model = scorer.model()
    ms = Mentions(args.data, topics, entities=bool(model["meta"].get("entity_keys")))
    if not ms.gold:
        raise SystemExit(f"no ECB+ event mentions of topics {args.topics or 'dev'} under {args.data}")
    train = Mentions(args.data, [t for t in ecbplus.TRAIN_TOPICS if t not in topics])
    weak, related = learned_lexicons(train)
    probs = scorer_probs(ms)
    out: dict[str, Any] = {
        "topics": args.topics or "dev", "mentions": len(ms.gold), "chains": len(set(ms.gold.values())),
        "same_lemma": ecbplus.conll(ms.gold, same_lemma(ms)),
        "copydesk_before": ecbplus.conll(ms.gold, copydesk_before(ms, weak, related)),
        "scorer": ecbplus.conll(ms.gold, clustered(ms, probs, model["cluster_threshold"])),
        "scorer_at_threshold": ecbplus.conll(ms.gold, clustered(ms, probs, scorer.THRESHOLD)),
        "cluster_threshold": model["cluster_threshold"], "threshold": scorer.THRESHOLD,
        "pairs_precision_recall": precision_recall(ms, probs, sorted({0.3, 0.5, 0.7, 0.9, scorer.THRESHOLD})),
    }
    # without the gold sub-topics: both seminal events of a topic in one block, or copydesk's own stories
    for by, name in (("topic", "whole_topics"), ("story", "copydesk_stories")):
        g = ms.group(by)
        out[name] = {"same_lemma": ecbplus.conll(g.gold, same_lemma(g)),
                     "copydesk_before": ecbplus.conll(g.gold, copydesk_before(g, weak, related)),
                     "scorer": ecbplus.conll(g.gold, clustered(g, scorer_probs(g), model["cluster_threshold"]))}
    out["copydesk_stories"]["stories"] = len(g.blocks)
    out["seconds"] = round(time.perf_counter() - t0, 1)
    out["load"] = round(os.getloadavg()[0], 2)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
