"""Do two claim frames state the same event? One learned score and a high-precision threshold.

The score is a logistic model over a few pair features of two ``Frame``s: the same
predicate lemma, a synonym from ``EVENT_SYNONYMS`` or the same stem, how often the two
predicate lemmas corefer in the ECB+ train topics (counts only), the same agent /
patient / location entity or two different named ones, the overlap of all and of the
named arguments, how close the two sentences are (lemma TF-IDF cosine, the IDF fitted
on ECB+ train text) and whether one is negated. Its coefficients, the lemma-pair
counts, the IDF table and the thresholds ship in ``scorer_model.json``, written by
``scripts/train_alignment.py`` (config in ``training/alignment.json``). ``THRESHOLD``
was chosen on the ECB+ dev topics for high pairwise precision: below it two mentions
stay separate claims. Two rules are not learned, since ECB+ cannot teach them: values
of different types never align, and two different named places are two events.

Frames are read through ``FrameLike`` (``predicate``, ``agent``, ``patient``, ``location``,
``arguments``, ``named``, ``value_type``, ``polarity``, ``lemmas``), all of which
``align.frames.Frame`` has.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Iterable, Protocol

from copydesk.align.resources import EVENT_SYNONYMS
from copydesk.errors import Code, CopydeskError

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping

MODEL_FILE = "scorer_model.json"
MODEL_FORMAT = "copydesk.align.scorer/1"
#: Characters two different predicate lemmas share at the start to count as one stem ("elect"/"election").
STEM_PREFIX = 4
#: Roles compared entity by entity.
ROLES = ("agent", "patient", "location")
#: Features that, when set, mean two events whatever the rest says: two different named places
#: (the model alone weighs them slightly for; on the ECB+ dev sub-topics 37 of 322 such pairs corefer).
VETOES: tuple[str, ...] = ("location_differs",)


class FrameLike(Protocol):
    """What the scorer reads of a frame (``align.frames.Frame`` has all of it)."""

    predicate: str
    agent: str | None
    patient: str | None
    location: str | None
    arguments: "Collection[str]"
    named: "Collection[str]"
    value_type: str
    polarity: str
    lemmas: "Collection[str]"


#: The feature names, in the model's order (the shipped file must list the same).
FEATURES: tuple[str, ...] = (
    "same_predicate", "synonym_predicate", "same_stem", "lemma_pair_rate", "lemma_pair_seen",
    "agent_same", "agent_differs", "patient_same", "patient_differs", "location_same", "location_differs",
    "argument_overlap", "named_overlap", "named_disjoint", "similarity", "same_predicate_similarity",
    "lemma_pair_rate_similarity", "polarity_differs",
)


_override: list[dict[str, Any]] = []


def use_model(data: dict[str, Any] | None) -> None:
    """Score with ``data`` instead of the shipped file (training fits it; None goes back to the file)."""
    _override.clear()
    _weight.cache_clear()
    if data is not None:
        _override.append(data)


def model() -> dict[str, Any]:
    """The model in effect: the one given to ``use_model``, else the shipped file."""
    return _override[0] if _override else _shipped()


@lru_cache(maxsize=1)
def _shipped() -> dict[str, Any]:
    """The shipped model (coefficients, tables, threshold, meta), read once."""
    try:
        raw = resources.files("copydesk.align").joinpath(MODEL_FILE).read_text(encoding="utf-8")
        data = json.loads(raw)
    except (OSError, ValueError) as exc:
        raise CopydeskError(Code.E401, detail=f"the alignment model {MODEL_FILE} did not load: {exc}") from exc
    if data.get("format") != MODEL_FORMAT or list(data.get("features", ())) != list(FEATURES):
        raise CopydeskError(Code.E401, detail=f"{MODEL_FILE} is not a {MODEL_FORMAT} model with features {FEATURES}")
    return data


def pair_key(a: str, b: str) -> str:
    """The key of two predicate lemmas in the lemma-pair table, whatever their order."""
    return f"{a}|{b}" if a <= b else f"{b}|{a}"


def lemma_pair_rate(a: str, b: str, table: "Mapping[str, list[int]] | None" = None) -> tuple[float, float]:
    """(smoothed rate at which predicates ``a`` and ``b`` corefer in the train topics, log count of pairs seen)."""
    m = model()
    counts = (m["lemma_pairs"] if table is None else table).get(pair_key(a, b))
    prior = m["pair_prior"]["same" if a == b else "other"]
    k = m["pair_smoothing"]
    if not counts:
        return prior, 0.0
    pos, tot = counts
    return (pos + k * prior) / (tot + k), math.log1p(tot) / math.log1p(m["pair_seen_scale"])


def _idf() -> tuple[dict[str, float], float]:
    m = model()
    return m["idf"], m["idf_default"]


def lexical_similarity(a_lemmas: Iterable[str], b_lemmas: Iterable[str]) -> float:
    """Cosine of the two sentences' lemma sets weighted by IDF (fitted on ECB+ train text).

    Sums run in sorted order, so the score does not depend on set order (the hash seed).
    """
    a, b = frozenset(a_lemmas), frozenset(b_lemmas)
    if not a or not b:
        return 0.0
    shared = _weight(a & b)
    if not shared:
        return 0.0
    return shared / (math.sqrt(_weight(a)) * math.sqrt(_weight(b)))


@lru_cache(maxsize=65536)
def _weight(lemmas: frozenset[str]) -> float:
    """The summed squared IDF of a set of lemmas, cached (a sentence is compared with many)."""
    idf, default = _idf()
    return math.fsum(idf.get(w, default) ** 2 for w in sorted(lemmas))


def sentence_similarity(a_lemmas: Iterable[str], b_lemmas: Iterable[str], a_text: str | None = None,
                        b_text: str | None = None, use_embeddings: bool | None = None) -> float:
    """How close two sentences are in meaning, 0..1.

    The lemma TF-IDF cosine the model was fitted on; when both texts are given, embeddings
    are wanted (``use_embeddings``, by default the setting of that name) and the optional
    embedding model is installed, it is blended with the embeddings' cosine the way story
    grouping blends them. Without the model the lexical cosine stands alone.
    """
    lexical = lexical_similarity(a_lemmas, b_lemmas)
    if a_text is None or b_text is None:
        return lexical
    if use_embeddings is None:
        from copydesk.settings import Settings

        use_embeddings = bool(Settings.load().use_embeddings)
    if not use_embeddings:
        return lexical
    va, vb = _vector(a_text), _vector(b_text)
    if va is None or vb is None:
        return lexical
    cos = max(0.0, sum(x * y for x, y in zip(va, vb)))
    return EMBEDDING_BLEND[0] * lexical + EMBEDDING_BLEND[1] * cos


#: Weights of the lexical and the embedding cosine when both are used (as in ``stories.batch``).
EMBEDDING_BLEND = (0.7, 0.3)


@lru_cache(maxsize=4096)
def _vector(text: str) -> tuple[float, ...] | None:
    """The unit embedding of one sentence, or None without the optional model (kept per text)."""
    from copydesk.text import embeddings

    vectors = embeddings.embed([text])
    return None if vectors is None else tuple(float(x) for x in vectors[0])


def _roles(a: FrameLike, b: FrameLike, role: str) -> tuple[float, float]:
    """(the role is the same entity, the role names two different entities) for one role.

    Two common nouns in a role ("the man", "the climber") may be one person told two
    ways, so only two names that differ count against the pair.
    """
    x, y = getattr(a, role), getattr(b, role)
    if not x or not y:
        return 0.0, 0.0
    if x == y:
        return 1.0, 0.0
    return 0.0, float(x in a.named and y in b.named)


def _jaccard(a: "Collection[str]", b: "Collection[str]") -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa and sb else 0.0


def pair_features(a: FrameLike, b: FrameLike, similarity: float | None = None,
                  lemma_pairs: "Mapping[str, list[int]] | None" = None) -> dict[str, float]:
    """The model's features of a pair of frames (``similarity`` computed from their lemmas when not given).

    ``lemma_pairs`` replaces the shipped lemma-pair counts (training uses counts from the
    other topics only, so a pair's own label never feeds its feature).
    """
    pa, pb = a.predicate.lower(), b.predicate.lower()
    same = float(bool(pa) and pa == pb)
    ea, eb = EVENT_SYNONYMS.get(pa), EVENT_SYNONYMS.get(pb)
    synonym = float(not same and ea is not None and ea == eb)
    stem = float(not same and len(pa) >= STEM_PREFIX and pa[:STEM_PREFIX] == pb[:STEM_PREFIX])
    rate, seen = lemma_pair_rate(pa, pb, lemma_pairs) if pa and pb else (0.0, 0.0)
    sim = sentence_similarity(a.lemmas, b.lemmas) if similarity is None else float(similarity)
    out = {"same_predicate": same, "synonym_predicate": synonym, "same_stem": stem,
           "lemma_pair_rate": rate, "lemma_pair_seen": seen}
    for role in ROLES:
        out[f"{role}_same"], out[f"{role}_differs"] = _roles(a, b, role)
    out["argument_overlap"] = _jaccard(a.arguments, b.arguments)
    na, nb = frozenset(a.named), frozenset(b.named)
    out["named_overlap"] = _jaccard(na, nb)
    out["named_disjoint"] = float(bool(na) and bool(nb) and not na & nb)
    out["similarity"] = sim
    out["same_predicate_similarity"] = same * sim
    out["lemma_pair_rate_similarity"] = rate * sim
    out["polarity_differs"] = float(a.polarity != b.polarity)
    return out


def score_features(features: dict[str, float]) -> float:
    """The model's probability for a feature dict from ``pair_features`` (0 when a veto feature is set)."""
    if any(features[name] for name in VETOES):
        return 0.0
    m = model()
    z = m["intercept"] + sum(c * features[name] for c, name in zip(m["coef"], FEATURES))
    return 1.0 / (1.0 + math.exp(-z))


def same_claim_score(a: FrameLike, b: FrameLike, similarity: float | None = None) -> float:
    """Probability-like score (0..1) that two frames state the same event.

    Two values of different types never state one claim (a count of troops and a sum of
    money; a count of troops and a count of ships): ECB+ has no values to learn this
    from, so it is a rule, not a weight. Two dates agree in type whatever event they
    date, since the predicate features compare the events.
    """
    if not value_types_agree(a.value_type, b.value_type):
        return 0.0
    return score_features(pair_features(a, b, similarity))


def value_types_agree(a: str, b: str) -> bool:
    """Whether two frames' value types can be one claim's ("" agrees with anything)."""
    if not a or not b or a == b:
        return True
    return a.split(":", 1)[0] == b.split(":", 1)[0] == "date"


def __getattr__(name: str) -> float:
    # THRESHOLD is read from the model file on first use, so training can run before one exists.
    if name == "THRESHOLD":
        return float(model()["threshold"])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


THRESHOLD: float
"""Scores at or above this state one claim (chosen on ECB+ dev for high pairwise precision)."""
