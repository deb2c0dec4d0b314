"""One settings table: name, default, help. Every knob copydesk reads lives here.

Settings come from, in order of precedence: explicit keyword arguments, the
environment (``COPYDESK_<NAME>`` upper-cased), then the defaults below. Each
default is declared once, in the ``Settings`` field; ``SETTINGS`` is derived from it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from typing import Any

from copydesk.errors import Code, UsageError


def _setting(default: Any, help: str) -> Any:
    """A ``Settings`` field: its one default and the help ``copydesk settings`` prints."""
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str

    @property
    def env(self) -> str:
        """The environment variable that sets it."""
        return f"COPYDESK_{self.name.upper()}"


@dataclass(frozen=True)
class Settings:
    db: str = _setting("sqlite:///copydesk.db", "Database URL: a SQLite path or postgresql+psycopg://...")
    max_input_bytes: int = _setting(20_000_000, "Inputs larger than this are rejected (E105).")
    min_text_chars: int = _setting(20, "Articles with less clean text than this are rejected as empty (E102).")
    batch_size: int = _setting(500, "Articles written to the store per transaction.")
    rejection_sample: int = _setting(
        100, "Rejections an ingest summary keeps and prints as examples; all are counted and stored.")
    story_threshold: float = _setting(
        0.3, "Similarity above which an article joins an existing story (streaming path).")
    batch_story_threshold: float = _setting(
        0.2, "Average-linkage similarity cut for batch story grouping (first stage).")
    story_window_days: int = _setting(
        4, "A story only absorbs articles published within this many days of its last article.")
    storyline_window_days: int = _setting(240, "Stories this far apart can still be linked into one storyline.")
    copy_threshold: float = _setting(0.5, "MinHash Jaccard above which two articles are copies or rewrites.")
    minhash_perm: int = _setting(128, "Permutations per MinHash signature.")
    shingle_size: int = _setting(5, "Words per shingle for copy detection.")
    use_embeddings: bool = _setting(False, "Use the optional sentence-embedding model where installed.")
    nlp_model: str = _setting(
        "copydesk_en", "English spaCy pipeline: copydesk_en (shipped) or any installed pipeline name or path.")
    brief_items: int = _setting(12, "Most items a story's brief lists; the rest stay in the claim matrix and the JSON.")
    host: str = _setting("127.0.0.1", "Address the web app binds to (copydesk serve).")
    port: int = _setting(8765, "Port the web app listens on (copydesk serve).")
    max_upload_bytes: int = _setting(
        100_000_000, "One upload to the web app larger than this in all is refused (E105, HTTP 413).")
    partition_size: int = _setting(200, "Input items per Dask partition (copydesk ingest --workers/--scheduler).")
    dask_retries: int = _setting(2, "Times Dask reruns a partition whose parse raised (lost workers: the scheduler).")
    watch_feeds: str = _setting("", "Feed URLs copydesk watch polls when no FEEDS file is given (space-separated).")
    watch_interval: float = _setting(300.0, "Seconds between two polls of one feed (copydesk watch).")
    watch_host_delay: float = _setting(1.0, "Seconds between two requests to one host (copydesk watch).")
    watch_timeout: float = _setting(20.0, "Seconds before a feed, page or robots.txt request is abandoned.")
    watch_max_backoff: float = _setting(3600.0, "Longest wait in seconds before a failing host is tried again.")
    watch_user_agent: str = _setting("copydesk-watch/0.1", "User-Agent of watch requests, matched against robots.txt.")
    watch_events: str = _setting("copydesk-events.jsonl", "JSONL file story events from copydesk watch are appended to.")
    watch_webhook: str = _setting("", "URL each story event is POSTed to as JSON (empty: none).")

    @classmethod
    def load(cls, **overrides: Any) -> "Settings":
        """Defaults, then COPYDESK_* environment variables, then explicit overrides."""
        return replace(cls(), **{name: value for name, (value, _) in _effective(overrides).items()
                                 if value is not _DEFAULT})

    @classmethod
    def explain(cls, **overrides: Any) -> list[tuple[Setting, Any, str]]:
        """Each setting with the value in effect and where it came from ("default", the variable, "option")."""
        effective = _effective(overrides)
        out = []
        for s in SETTINGS:
            value, source = effective.get(s.name, (_DEFAULT, "default"))
            out.append((s, s.default if value is _DEFAULT else value, source))
        return out


_DEFAULT: Any = object()

SETTINGS: tuple[Setting, ...] = tuple(Setting(f.name, f.default, f.metadata["help"]) for f in fields(Settings))

_BY_NAME = {s.name: s for s in SETTINGS}


def _effective(overrides: dict[str, Any]) -> dict[str, tuple[Any, str]]:
    """Values set by the environment or by ``overrides`` (None means not given), with their source."""
    unknown = set(overrides) - set(_BY_NAME)
    if unknown:
        raise KeyError(f"unknown settings: {sorted(unknown)}")
    values: dict[str, tuple[Any, str]] = {}
    for s in SETTINGS:
        env = os.environ.get(s.env)
        if env is not None:
            values[s.name] = (_coerce(s, env), s.env)
    values.update({k: (v, "option") for k, v in overrides.items() if v is not None})
    return values


def _coerce(setting: Setting, raw: str) -> Any:
    """An environment string as the setting's type; a value that is not one is a coded error (E902)."""
    kind = type(setting.default)
    if kind is bool:
        word = raw.strip().lower()
        if word in {"1", "true", "yes", "on"}:
            return True
        if word in {"0", "false", "no", "off", ""}:
            return False
    else:
        try:
            return kind(raw.strip()) if kind in (int, float) else kind(raw)
        except ValueError:
            pass
    raise UsageError(Code.E902, detail=f"{setting.env}={raw!r} is not a {kind.__name__}")


def db_url(value: str) -> str:
    """Accept a bare path as a SQLite database."""
    if "://" in value:
        return value
    return f"sqlite:///{value}"
