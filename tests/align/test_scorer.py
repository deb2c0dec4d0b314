"""The same-event scorer: the shipped model, its threshold on our own news sentences, both similarity paths."""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Iterator

import numpy as np
import pytest

from copydesk.align import scorer
from copydesk.align.ecbplus import DEV_TOPICS
from copydesk.align.frames import Frame, frame_at
from copydesk.errors import CopydeskError
from copydesk.text import embeddings, parse

ROOT = Path(__file__).resolve().parents[2]


def frame(sentence: str, word: str) -> Frame:
    """The frame of the first token ``word`` of ``sentence``."""
    doc = parse(sentence)
    return frame_at(doc, next(t.i for t in doc if t.text == word))


SAME_EVENT = [
    (("Police arrested the suspect in Denver on Tuesday.", "arrested"),
     ("The suspect was arrested by police in Denver late on Tuesday.", "arrested")),
    (("A powerful earthquake struck eastern Turkey on Sunday, killing at least 200 people.", "struck"),
     ("An earthquake struck eastern Turkey early on Sunday, killing hundreds of people.", "struck")),
    (("Apple announced the new iPhone at its event in Cupertino on Wednesday.", "announced"),
     ("Apple unveiled its new iPhone in Cupertino on Wednesday.", "unveiled")),
    (("Ohio voters elected Sherrod Brown to the Senate on Tuesday.", "elected"),
     ("Sherrod Brown was elected to the Senate by Ohio voters.", "elected")),
]

DIFFERENT_EVENTS = [
    (("Police arrested a teenager in Denver after the shooting at the mall.", "arrested"),
     ("Police in Miami arrested two men over a bank robbery on Friday.", "arrested")),
    (("A powerful earthquake struck eastern Turkey on Sunday.", "struck"),
     ("A hurricane struck the coast of Florida on Monday night.", "struck")),
    (("Microsoft announced a new chief executive on Monday.", "announced"),
     ("Toyota announced record profits for the year in Tokyo.", "announced")),
    (("The Lakers beat the Celtics 102-98 in Boston on Sunday.", "beat"),
     ("Spain beat Italy in the final of the European Championship.", "beat")),
]


def test_model_ships_with_its_features_threshold_and_meta() -> None:
    m = scorer.model()
    f = scorer.pair_features(frame(*SAME_EVENT[0][0]), frame(*SAME_EVENT[0][1]))
    assert list(f) == list(m["features"]) == list(scorer.FEATURES)
    assert len(m["coef"]) == len(scorer.FEATURES)
    assert 0.0 < scorer.THRESHOLD < 1.0 and 0.0 < m["cluster_threshold"] < 1.0
    meta = m["meta"]
    assert "CC BY 3.0" in meta["licence"] and "ECB+" in meta["data"]
    assert meta["train_topics"] and not set(meta["train_topics"]) & set(DEV_TOPICS)
    assert max(meta["train_topics"]) <= 35  # never the test topics
    assert meta["dev"]["precision_recall"], "the dev precision/recall points ship with the model"


def test_model_file_is_package_data() -> None:
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = conf["tool"]["setuptools"]["package-data"]["copydesk"]
    path = f"align/{scorer.MODEL_FILE}"
    assert (ROOT / "src" / "copydesk" / path).is_file()
    assert any(fnmatch.fnmatch(path, p) for p in patterns)


@pytest.mark.parametrize("a,b", SAME_EVENT)
def test_same_event_scores_above_threshold(a: tuple[str, str], b: tuple[str, str]) -> None:
    assert scorer.same_claim_score(frame(*a), frame(*b)) >= scorer.THRESHOLD


@pytest.mark.parametrize("a,b", DIFFERENT_EVENTS)
def test_different_events_with_the_same_verb_score_below_threshold(a: tuple[str, str], b: tuple[str, str]) -> None:
    fa, fb = frame(*a), frame(*b)
    assert fa.predicate == fb.predicate
    assert scorer.same_claim_score(fa, fb) < scorer.THRESHOLD


def test_score_is_symmetric_and_a_probability() -> None:
    for a, b in SAME_EVENT + DIFFERENT_EVENTS:
        fa, fb = frame(*a), frame(*b)
        s = scorer.same_claim_score(fa, fb)
        assert 0.0 <= s <= 1.0
        assert s == pytest.approx(scorer.same_claim_score(fb, fa))


def test_arguments_move_the_score() -> None:
    a = frame("Police arrested the suspect in Denver on Tuesday.", "arrested")
    same = frame("Police arrested the suspect in Denver on Tuesday night.", "arrested")
    other = replace(same, agent="army", patient="protester", location="cairo", arguments=frozenset({"cairo"}))
    assert scorer.same_claim_score(a, same) > scorer.same_claim_score(a, other)


def test_value_types_must_agree() -> None:
    a = frame("Rescuers pulled 40 people from the rubble on Sunday.", "pulled")
    b = frame("Rescuers pulled 40 people from the rubble on Sunday.", "pulled")
    assert scorer.same_claim_score(replace(a, value_type="count:people"), replace(b, value_type="count:people")) \
        >= scorer.THRESHOLD
    assert scorer.same_claim_score(replace(a, value_type="count:people"), replace(b, value_type="money")) == 0.0
    assert scorer.value_types_agree("date:arrive", "date:deliver")
    assert not scorer.value_types_agree("count:troop", "count:ship")


@pytest.fixture(autouse=True)
def _fresh_vectors() -> Iterator[None]:
    scorer._vector.cache_clear()
    yield
    scorer._vector.cache_clear()


def test_lexical_similarity_without_embeddings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPYDESK_USE_EMBEDDINGS", "1")
    monkeypatch.setattr(embeddings, "embed", lambda texts: None)  # the extra is not installed
    a, b = frozenset({"earthquake", "strike", "turkey"}), frozenset({"earthquake", "strike", "iran"})
    lexical = scorer.lexical_similarity(a, b)
    assert 0.0 < lexical < 1.0
    assert scorer.sentence_similarity(a, b, "An earthquake struck Turkey.", "An earthquake struck Iran.") == lexical
    assert scorer.sentence_similarity(a, a) == pytest.approx(1.0)
    assert scorer.sentence_similarity(a, frozenset({"vote"})) == 0.0


def test_embeddings_blend_in_when_installed_and_enabled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embeddings, "embed", lambda texts: np.array([[1.0, 0.0]] * len(texts)))
    a, b = frozenset({"earthquake", "strike", "turkey"}), frozenset({"quake", "hit", "anatolia"})
    texts = ("An earthquake struck Turkey.", "A quake hit Anatolia.")
    monkeypatch.setenv("COPYDESK_USE_EMBEDDINGS", "0")
    assert scorer.sentence_similarity(a, b, *texts) == 0.0
    monkeypatch.setenv("COPYDESK_USE_EMBEDDINGS", "1")
    assert scorer.sentence_similarity(a, b, *texts) == pytest.approx(scorer.EMBEDDING_BLEND[1])
    assert scorer.sentence_similarity(a, b) == 0.0  # no texts: the lexical path
    assert scorer.sentence_similarity(a, b, *texts, use_embeddings=False) == 0.0


def test_unreadable_model_is_a_coded_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scorer, "MODEL_FILE", "no_such_model.json")
    scorer._shipped.cache_clear()
    try:
        with pytest.raises(CopydeskError) as err:
            scorer.model()
        assert err.value.code.name == "E401"
    finally:
        monkeypatch.undo()
        scorer._shipped.cache_clear()
    assert scorer.model()["features"] == list(scorer.FEATURES)
