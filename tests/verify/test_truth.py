"""Truth discovery: trust from track record, copies discounted, minority values kept."""

from __future__ import annotations

from copydesk.verify.truth import TruthDiscovery, majority


def _toy() -> list[tuple[str, str, str]]:
    """Two honest outlets, one error-prone outlet and two copiers of it."""
    obs = []
    facts = {f"q{i}": f"true{i}" for i in range(6)}
    for o, v in facts.items():
        obs.append((o, "honest1", v))
        obs.append((o, "honest2", v))
    for i, o in enumerate(facts):
        v = "false" + o if i < 4 else facts[o]
        obs += [(o, "sloppy", v), (o, "copier1", v), (o, "copier2", v)]
    return obs


def test_majority_follows_the_copies() -> None:
    assert majority(_toy())["q0"] == "falseq0"


def test_copy_discount_from_given_dependence() -> None:
    dep = {("sloppy", "copier1"): 1.0, ("sloppy", "copier2"): 1.0, ("copier1", "copier2"): 1.0}
    td = TruthDiscovery().fit(_toy(), dependence=dep)
    assert all(td.truth_[f"q{i}"] == f"true{i}" for i in range(6))
    assert td.trust_["honest1"] > td.trust_["sloppy"]
    assert set(td.probabilities_["q0"]) == {"true0", "falseq0"}  # the minority value is kept
    assert 0.5 < td.confidence_["q0"] <= 1.0


def _copier_toy() -> list[tuple[str, str, str]]:
    """Copiers repeat one false value everywhere; on q6..q9 more honest outlets outvote them."""
    obs = []
    for i in range(10):
        honest = ["h1", "h2", "h3"] + (["h4", "h5", "h6"] if i >= 6 else [])
        obs += [(f"q{i}", h, f"true{i}") for h in honest]
        obs += [(f"q{i}", c, f"false{i}") for c in ("sloppy", "c1", "c2", "c3")]
    return obs


def test_copying_learned_from_shared_false_values() -> None:
    obs = _copier_toy()
    assert majority(obs)["q0"] == "false0"
    td = TruthDiscovery(detect_copying=True).fit(obs)
    assert [td.truth_[f"q{i}"] for i in range(10)] == [f"true{i}" for i in range(10)]
    assert td.dependence_.get(("c1", "c2"), 0.0) > 0.5
    assert td.dependence_.get(("h1", "h2"), 0.0) == 0.0


def test_similar_values_support_each_other() -> None:
    obs = [("b", "s1", "knuth"), ("b", "s2", "knuth"), ("b", "s3", "knuth graham"), ("b", "s4", "knuth graham"),
           ("b", "s5", "knuth graham"), ("b", "s6", "patashnik")]
    td = TruthDiscovery(similarity_weight=0.5).fit(obs, similarity=lambda a, b: 1.0 if set(b.split()) < set(a.split()) else 0.0)
    assert td.truth_["b"] == "knuth graham"
