"""One settings table: name, default, help. Every knob copydesk reads lives here.

Settings come from, in order of precedence: explicit keyword arguments, the
environment (``COPYDESK_<NAME>`` upper-cased), then the defaults below.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "sqlite:///copydesk.db", "Database URL: a SQLite path or postgresql+psycopg://..."),
    Setting("max_input_bytes", 20_000_000, "Inputs larger than this are rejected (E105)."),
    Setting("min_text_chars", 20, "Articles with less clean text than this are rejected as empty (E102)."),
    Setting("batch_size", 500, "Articles written to the store per transaction."),
    Setting("story_threshold", 0.3, "Similarity above which an article joins an existing story (streaming path)."),
    Setting("batch_story_threshold", 0.2, "Average-linkage similarity cut for batch story grouping (first stage)."),
    Setting("story_window_days", 4, "A story only absorbs articles published within this many days of its last article."),
    Setting("storyline_window_days", 240, "Stories this far apart can still be linked into one storyline."),
    Setting("copy_threshold", 0.5, "MinHash Jaccard above which two articles are copies or rewrites."),
    Setting("minhash_perm", 128, "Permutations per MinHash signature."),
    Setting("shingle_size", 5, "Words per shingle for copy detection."),
    Setting("use_embeddings", False, "Use the optional sentence-embedding model where installed."),
    Setting("host", "127.0.0.1", "Address the web app binds to."),
    Setting("port", 8765, "Port the web app listens on."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Settings:
    db: str = "sqlite:///copydesk.db"
    max_input_bytes: int = 20_000_000
    min_text_chars: int = 20
    batch_size: int = 500
    story_threshold: float = 0.3
    batch_story_threshold: float = 0.2
    story_window_days: int = 4
    storyline_window_days: int = 240
    copy_threshold: float = 0.5
    minhash_perm: int = 128
    shingle_size: int = 5
    use_embeddings: bool = False
    host: str = "127.0.0.1"
    port: int = 8765

    @classmethod
    def load(cls, **overrides: Any) -> "Settings":
        """Defaults, then COPYDESK_* environment variables, then explicit overrides."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            env = os.environ.get(f"COPYDESK_{f.name.upper()}")
            if env is not None:
                values[f.name] = _coerce(f.name, env)
        values.update({k: v for k, v in overrides.items() if v is not None})
        unknown = set(values) - set(_BY_NAME)
        if unknown:
            raise KeyError(f"unknown settings: {sorted(unknown)}")
        return replace(cls(), **values)


def _coerce(name: str, raw: str) -> Any:
    kind = type(_BY_NAME[name].default)
    if kind is bool:
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    return kind(raw)


def db_url(value: str) -> str:
    """Accept a bare path as a SQLite database."""
    if "://" in value:
        return value
    return f"sqlite:///{value}"
