"""The English pipeline: loaded once per process, one parsed ``Doc`` per text.

copydesk ships its own spaCy pipeline (``text/pipeline/``, trained from UD English
EWT and GUM by ``scripts/train_pipeline.py``). The ``nlp_model`` setting names it
(``copydesk_en``, the default) or any installed spaCy pipeline (a package name or a
path), so a user with an official model can point copydesk at it.

Every stage reads the same ``Doc``: ``parse`` keeps the last documents it parsed,
keyed by their text, so a stage that asks again for the sentences or the parse of an
article gets the same object instead of tokenizing anew.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from copydesk.errors import Code, CopydeskError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

SHIPPED_NAME = "copydesk_en"
SHIPPED_PATH = Path(__file__).with_name("pipeline")
#: Parsed documents kept for reuse by later stages of the same run.
CACHE_SIZE = 256

_lock = threading.Lock()
_loaded: dict[str, "Language"] = {}
_cache: "OrderedDict[tuple[str, str], Doc]" = OrderedDict()


def model_name() -> str:
    """The pipeline in effect: the ``nlp_model`` setting, else the shipped one."""
    from copydesk.settings import Settings

    # read on every parse: the variable, else the setting's declared default (no full Settings.load)
    return os.environ.get("COPYDESK_NLP_MODEL") or Settings.nlp_model or SHIPPED_NAME


def load(name: str | None = None) -> "Language":
    """The spaCy pipeline ``name`` (default: the setting), loaded once per process."""
    name = name or model_name()
    with _lock:
        nlp = _loaded.get(name)
        if nlp is None:
            nlp = _loaded[name] = _load(name)
    return nlp


def _load(name: str) -> "Language":
    import spacy

    target: str | Path = SHIPPED_PATH if name == SHIPPED_NAME else name
    if name == SHIPPED_NAME and not (SHIPPED_PATH / "meta.json").is_file():
        raise CopydeskError(Code.E202, detail=f"{SHIPPED_PATH} is missing; rebuild it with scripts/train_pipeline.py")
    try:
        nlp = spacy.load(target)
    except (OSError, ValueError) as exc:
        raise CopydeskError(Code.E202, detail=f"{name!r}: {exc}") from exc
    from copydesk.text import components

    if "copydesk_sentences" not in nlp.pipe_names:
        first = next((p for p in ("parser", "senter", "sentencizer") if p in nlp.pipe_names), None)
        for p in ("senter", "sentencizer"):
            if p in nlp.pipe_names:
                nlp.disable_pipe(p)
        nlp.add_pipe("copydesk_sentences", before=first if first in nlp.pipe_names else None)
    components.tune_tokenizer(nlp)
    nlp.max_length = max(nlp.max_length, 5_000_000)
    return nlp


def parse(text: str, name: str | None = None) -> "Doc":
    """The parsed document of ``text``: the same object while it stays in the cache."""
    name = name or model_name()
    key = (name, text)
    with _lock:
        doc = _cache.get(key)
        if doc is not None:
            _cache.move_to_end(key)
            return doc
    doc = load(name)(text)
    _remember(key, doc)
    return doc


def parse_many(texts: Iterable[str], name: str | None = None, batch_size: int = 64) -> Iterator["Doc"]:
    """Parsed documents of ``texts`` in order, batched through ``nlp.pipe``."""
    name = name or model_name()
    for doc in load(name).pipe(texts, batch_size=batch_size):
        _remember((name, doc.text), doc)
        yield doc


def _remember(key: tuple[str, str], doc: "Doc") -> None:
    with _lock:
        _cache[key] = doc
        _cache.move_to_end(key)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)


def clear_cache() -> None:
    """Forget the parsed documents (tests, long-running servers)."""
    with _lock:
        _cache.clear()
