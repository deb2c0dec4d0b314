"""Truth discovery: which value to believe when sources disagree.

An ACCU-style iteration (Dong, Berti-Equille & Srivastava 2009): a source's
trust is the mean probability of the values it states; a value's score is the
sum of its sources' vote counts ln(n·A/(1−A)), where a source that depends on
another source stating the same value counts only in part (copy discount).
With ``detect_copying`` the dependence is also learned from the data: sources
sharing many values believed false are taken as copies of each other. Values
can support similar values (TruthFinder's implication) through ``similarity``.
Every value keeps its probability: minority values are reported, not hidden.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Callable, Hashable, Iterable, Mapping

Obj = Hashable
Src = Hashable
Val = Hashable


class TruthDiscovery:
    """Iterative truth discovery over (object, source, value) observations.

    Parameters follow scikit-learn conventions; learned state ends in ``_``:
    ``truth_`` (object -> value), ``confidence_`` (object -> probability of that value),
    ``probabilities_`` (object -> value -> probability), ``trust_`` (source -> accuracy),
    ``dependence_`` (source pair -> dependence used for the copy discount).
    """

    def __init__(self, prior_trust: float = 0.8, n_false: int = 10, iterations: int = 20,
                 tol: float = 1e-5, copy_discount: float = 0.8, similarity_weight: float = 0.5,
                 detect_copying: bool = False, min_shared: int = 3, trust_floor: float = 0.05,
                 trust_ceiling: float = 0.99) -> None:
        self.prior_trust = prior_trust
        self.n_false = n_false
        self.iterations = iterations
        self.tol = tol
        self.copy_discount = copy_discount
        self.similarity_weight = similarity_weight
        self.detect_copying = detect_copying
        self.min_shared = min_shared
        self.trust_floor = trust_floor
        self.trust_ceiling = trust_ceiling

    def fit(self, observations: Iterable[tuple[Obj, Src, Val]],
            dependence: Mapping[tuple[Src, Src], float] | None = None,
            similarity: Callable[[Val, Val], float] | None = None) -> "TruthDiscovery":
        """Learn trust and truths. ``dependence`` maps unordered source pairs to 0..1."""
        claims: dict[Obj, dict[Val, list[Src]]] = defaultdict(lambda: defaultdict(list))
        by_source: dict[Src, list[tuple[Obj, Val]]] = defaultdict(list)
        for o, s, v in observations:
            if s in claims[o][v]:
                continue
            claims[o][v].append(s)
            by_source[s].append((o, v))
        dep: dict[frozenset, float] = {frozenset(k): float(p) for k, p in (dependence or {}).items()}
        trust = {s: self.prior_trust for s in by_source}
        probs: dict[Obj, dict[Val, float]] = {}
        sims = self._similarities(claims, similarity) if similarity and self.similarity_weight else {}
        for it in range(self.iterations):
            probs = self._value_probs(claims, trust, dep, sims)
            new = {}
            for s, ovs in by_source.items():
                a = sum(probs[o][v] for o, v in ovs) / len(ovs)
                new[s] = min(self.trust_ceiling, max(self.trust_floor, a))
            delta = max((abs(new[s] - trust[s]) for s in new), default=0.0)
            trust = new
            if self.detect_copying and it < self.iterations - 1:
                dep = self._learn_dependence(claims, probs, by_source, dependence)
            if delta < self.tol and it > 1:
                break
        probs = self._value_probs(claims, trust, dep, sims)
        self.trust_ = trust
        self.probabilities_ = probs
        self.truth_ = {o: max(ps, key=lambda v: (ps[v], -_rank(v))) for o, ps in probs.items()}
        self.confidence_ = {o: probs[o][self.truth_[o]] for o in probs}
        self.dependence_ = {tuple(sorted(k, key=str)): p for k, p in dep.items()}
        return self

    def _similarities(self, claims: Mapping[Obj, Mapping[Val, list[Src]]],
                      similarity: Callable[[Val, Val], float]) -> dict[Obj, dict[tuple[Val, Val], float]]:
        out: dict[Obj, dict[tuple[Val, Val], float]] = {}
        for o, vals in claims.items():
            vs = list(vals)
            if len(vs) > 1:
                out[o] = {(a, b): similarity(a, b) for a in vs for b in vs if a != b}
        return out

    def _vote(self, t: float) -> float:
        return math.log(self.n_false * t / (1.0 - t))

    def _value_probs(self, claims: Mapping[Obj, Mapping[Val, list[Src]]], trust: Mapping[Src, float],
                     dep: Mapping[frozenset, float],
                     sims: Mapping[Obj, Mapping[tuple[Val, Val], float]]) -> dict[Obj, dict[Val, float]]:
        out: dict[Obj, dict[Val, float]] = {}
        for o, vals in claims.items():
            score: dict[Val, float] = {}
            for v, srcs in vals.items():
                ordered = sorted(srcs, key=lambda s: (-trust[s], str(s)))
                total = 0.0
                for i, s in enumerate(ordered):
                    w = 1.0
                    if dep:
                        for prev in ordered[:i]:
                            d = dep.get(frozenset((s, prev)), 0.0)
                            if d:
                                w *= 1.0 - self.copy_discount * d
                    total += self._vote(trust[s]) * w
                score[v] = total
            if o in sims:
                base = dict(score)
                for (a, b), sim in sims[o].items():
                    if sim > 0:
                        score[a] += self.similarity_weight * sim * max(0.0, base[b])
            m = max(score.values())
            ex = {v: math.exp(c - m) for v, c in score.items()}
            z = sum(ex.values())
            out[o] = {v: e / z for v, e in ex.items()}
        return out

    def _learn_dependence(self, claims: Mapping[Obj, Mapping[Val, list[Src]]],
                          probs: Mapping[Obj, Mapping[Val, float]], by_source: Mapping[Src, list],
                          given: Mapping[tuple[Src, Src], float] | None) -> dict[frozenset, float]:
        """Source pairs sharing false values: P(copy) grows with the false values they share."""
        shared: dict[frozenset, float] = defaultdict(float)
        for o, vals in claims.items():
            for v, srcs in vals.items():
                if len(srcs) < 2 or len(srcs) > 50:
                    continue
                false = 1.0 - probs[o][v]
                if false < 0.5:
                    continue
                for i, a in enumerate(srcs):
                    for b in srcs[i + 1:]:
                        shared[frozenset((a, b))] += false
        dep = {frozenset(k): float(p) for k, p in (given or {}).items()}
        for pair, f in shared.items():
            if f >= self.min_shared:
                a, b = tuple(pair)
                n = min(len(by_source[a]), len(by_source[b]))
                p = min(1.0, f / max(self.min_shared, 0.5 * n))
                dep[pair] = max(dep.get(pair, 0.0), p)
        return dep


def _rank(v: Val) -> int:
    return 0


def majority(observations: Iterable[tuple[Obj, Src, Val]]) -> dict[Obj, Val]:
    """The most frequent value per object (ties: first seen)."""
    counts: dict[Obj, dict[Val, int]] = defaultdict(dict)
    for o, _, v in observations:
        counts[o][v] = counts[o].get(v, 0) + 1
    return {o: max(c, key=c.__getitem__) for o, c in counts.items()}
