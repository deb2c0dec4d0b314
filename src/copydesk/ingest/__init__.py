"""Ingestion: every input form in, clean Articles (or coded Rejections) out.

Forms: JSON Lines / JSON arrays (``jsonl``), plain text with an optional sidecar
(``plaintext``), HTML pages (``pages``), RSS and Atom (``feeds``), WARC (``warc``).
Each item becomes an Article or a Rejection naming it ("path", "path:LINE",
"path#ENTRY", "path@RECORD"); one bad item never stops the batch.
"""

from __future__ import annotations

import io
import zlib
import sys
from pathlib import Path
from typing import IO, Iterable, Iterator

from copydesk.errors import Code, IngestError
from copydesk.ingest import detect, feeds, jsonl, pages, plaintext, warc
from copydesk.ingest.boilerplate import RULES, clean, clean_with_report
from copydesk.ingest.reading import check_size
from copydesk.ingest.records import Item, guarded, reject, safely
from copydesk.models import Article, Rejection
from copydesk.settings import Settings

__all__ = ["load", "load_bytes", "clean", "clean_with_report", "RULES"]

STDIN = "-"
STDIN_NAME = "<stdin>"


def _expand(inputs: Iterable[str | Path]) -> list[tuple[str, Path | None]]:
    """(label, path) pairs: directories walked recursively in sorted order, hidden files skipped."""
    if isinstance(inputs, (str, bytes, Path)):
        raise TypeError("inputs must be a list of paths, not a single path")
    out: list[tuple[str, Path | None]] = []
    for item in inputs:
        if not isinstance(item, (str, Path)):
            raise TypeError(f"input paths must be str or Path, not {type(item).__name__}")
        if str(item) == STDIN:
            out.append((STDIN_NAME, None))
            continue
        path = Path(item)
        if path.is_dir():
            found = [p for p in path.rglob("*")
                     if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)]
            for p in sorted(found, key=lambda p: p.relative_to(path).parts):
                out.append((str(p), p))
        else:
            out.append((str(path), path))
    seen: set[str] = set()
    unique: list[tuple[str, Path | None]] = []
    for label, maybe in out:
        if label not in seen:
            seen.add(label)
            unique.append((label, maybe))
    texts = {str(p.with_suffix("")) for _, p in unique if p is not None and p.suffix.lower() == ".txt"}
    return [(label, p) for label, p in unique
            if not (p is not None and p.suffix.lower() == ".json" and str(p.with_suffix("")) in texts)]


def load_bytes(data: bytes, *, name: str, settings: Settings, form: str | None = None,
               sidecar: Path | None = None) -> Iterator[Item]:
    """Items of one input held in memory; ``form`` None sniffs it (plain text when nothing matches)."""
    form = form or detect.sniff(data[:detect.SNIFF_BYTES]) or "txt"
    if form == "gzip":
        try:
            data = detect.gunzip(data, settings.max_input_bytes)
            check_size(len(data), settings.max_input_bytes)
        except IngestError as err:
            yield reject(name, err)
            return
        except (OSError, EOFError, zlib.error) as exc:
            yield reject(name, IngestError(Code.E107, detail=f"bad gzip data: {exc}"))
            return
        inner = detect.by_name(name[:-3]) if name.lower().endswith(".gz") else None
        yield from load_bytes(data, name=name, settings=settings, form=inner)
        return
    if form == "jsonl":
        yield from safely(name, jsonl.parse_lines(io.BytesIO(data), name=name, settings=settings))
    elif form == "json":
        yield from safely(name, jsonl.parse_document(data, name=name, settings=settings))
    elif form == "feed":
        yield from safely(name, feeds.parse(data, name=name, settings=settings))
    elif form == "warc":
        yield from safely(name, warc.parse(io.BytesIO(data), name=name, settings=settings))
    elif form == "html":
        yield guarded(name, lambda: pages.parse(data, name=name, settings=settings))
    else:
        def make() -> Article:
            meta = plaintext.read_sidecar(sidecar) if sidecar is not None else None
            return plaintext.parse(data, name=name, settings=settings, meta=meta)
        yield guarded(name, make)


def _load_path(label: str, path: Path, settings: Settings) -> Iterator[Item]:
    form = detect.by_name(path.name)
    try:
        size = path.stat().st_size
        if form == "warc":
            with path.open("rb") as f:
                yield from safely(label, warc.parse(f, name=label, settings=settings))
            return
        if form == "jsonl":
            with path.open("rb") as f:
                if b"\x00" in f.read(detect.SNIFF_BYTES):
                    raise IngestError(Code.E103, detail="it contains NUL bytes")
                f.seek(0)
                yield from safely(label, jsonl.parse_lines(f, name=label, settings=settings))
            return
        if not path.name.lower().endswith(".gz"):
            check_size(size, settings.max_input_bytes)
        data = path.read_bytes()
    except IngestError as err:
        yield reject(label, err)
        return
    except OSError as exc:
        yield reject(label, IngestError(Code.E107, detail=exc.strerror or str(exc)))
        return
    sniffed = detect.sniff(data[:detect.SNIFF_BYTES])
    if form is None:
        if sniffed is None and path.suffix and b"\x00" not in data[:detect.SNIFF_BYTES]:
            yield reject(label, IngestError(Code.E108, detail=f"{path.suffix!r} files are not a known form"))
            return
        form = sniffed
    elif sniffed == "gzip":
        form = "gzip"
    sidecar = plaintext.sidecar_path(path) if form in (None, "txt") else None
    yield from load_bytes(data, name=label, settings=settings, form=form,
                          sidecar=sidecar if sidecar is not None and sidecar.is_file() else None)


def load(inputs: Iterable[str | Path], settings: Settings | None = None,
         stdin: IO[bytes] | None = None) -> Iterator[Article | Rejection]:
    """Yield one Article or Rejection per item found in ``inputs``.

    ``inputs`` are files, directories (walked recursively in sorted order) or "-" for
    ``stdin`` (default ``sys.stdin.buffer``; its form is sniffed from the content).
    A wrong-typed input raises TypeError; everything else bad becomes a Rejection.
    """
    settings = settings or Settings.load()
    for label, path in _expand(inputs):
        if path is None:
            stream = stdin if stdin is not None else sys.stdin.buffer
            raw = stream.read(settings.max_input_bytes + 1)
            data = raw.encode("utf-8") if isinstance(raw, str) else raw
            if len(data) > settings.max_input_bytes:
                yield reject(label, IngestError(Code.E105, size=len(data), limit=settings.max_input_bytes))
                continue
            yield from load_bytes(data, name=label, settings=settings)
        elif not path.exists():
            yield reject(label, IngestError(Code.E107, detail="no such file or directory"))
        else:
            yield from _load_path(label, path, settings)
