"""Ingestion: every input form in, clean Articles (or coded Rejections) out.

Forms: JSON Lines / JSON arrays (``jsonl``), plain text with an optional sidecar
(``plaintext``), HTML pages (``pages``), RSS and Atom (``feeds``), WARC (``warc``).
Each item becomes an Article or a Rejection naming it ("path", "path:LINE",
"path#ENTRY", "path@RECORD"); one bad item never stops the batch.
"""

from __future__ import annotations

import io
import os
import stat
import sys
import zlib
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional, TypeAlias

from copydesk.errors import Code, IngestError
from copydesk.ingest import detect, feeds, jsonl, pages, plaintext, warc
from copydesk.ingest.boilerplate import RULES, clean, clean_with_report
from copydesk.ingest.normalize import input_label, text_field
from copydesk.ingest.reading import check_size, read_capped
from copydesk.ingest.records import Item, guarded, reject, safely
from copydesk.ingest.resources import GZIP_MAGIC, NON_ARTICLE_STEMS
from copydesk.models import Article, Rejection
from copydesk.settings import Settings

__all__ = ["load", "load_bytes", "clean", "clean_with_report", "RULES", "text_field", "input_label"]

STDIN = "-"
STDIN_NAME = "<stdin>"


#: One input to read: its label, its path (None for stdin) and, when it cannot be read, why.
Entry: TypeAlias = tuple[str, Optional[Path], Optional[IngestError]]

_FILE_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
               (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))


def _file_problem(path: Path) -> IngestError | None:
    """Why ``path`` is not a regular file that can be read (missing, a broken link, a device, a FIFO), or None."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            return IngestError(Code.E107, detail=f"broken symbolic link to {input_label(os.readlink(path))}")
        return IngestError(Code.E107, detail="no such file or directory")
    except OSError as exc:
        return IngestError(Code.E107, detail=exc.strerror or str(exc))
    return _kind_problem(mode)


def _kind_problem(mode: int) -> IngestError | None:
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _FILE_KINDS if test(mode)), "not a file")
    return IngestError(Code.E107, detail=f"not a regular file ({kind}); only regular files are read")


def _walk(inputs: Iterable[str | Path]) -> list[Entry]:
    """Entries of ``inputs``: directories walked recursively in sorted order, hidden files skipped.

    What a folder holds that is no article input (a README, a FIFO, a broken link) and a
    folder with nothing in it become entries with the reason, so that the run says so.
    """
    if isinstance(inputs, (str, bytes, Path)):
        raise TypeError("inputs must be a list of paths, not a single path")
    out: list[Entry] = []
    for item in inputs:
        if not isinstance(item, (str, Path)):
            raise TypeError(f"input paths must be str or Path, not {type(item).__name__}")
        if str(item) == STDIN:
            out.append((STDIN_NAME, None, None))
            continue
        path = Path(item)
        if not path.is_dir():
            out.append((input_label(path), path, None))
            continue
        found = [p for p in path.rglob("*") if not p.is_dir()]
        visible = sorted((p for p in found if not any(part.startswith(".") for part in p.relative_to(path).parts)),
                         key=lambda p: p.relative_to(path).parts)
        for p in visible:
            out.append((input_label(p), p, _file_problem(p) or _not_an_article(p)))
        if not visible:
            hidden = f" ({len(found)} hidden files skipped)" if found else ""
            out.append((input_label(path), path, IngestError(Code.E116, detail=f"the folder holds no files{hidden}")))
    first: dict[str, Entry] = {}
    for entry in out:
        first.setdefault(entry[0], entry)
    unique = list(first.values())
    texts = {str(p.with_suffix("")) for _, p, _ in unique if p is not None and p.suffix.lower() == ".txt"}
    return [(label, p, err) for label, p, err in unique
            if not (p is not None and p.suffix.lower() == ".json" and str(p.with_suffix("")) in texts)]


def _not_an_article(path: Path) -> IngestError | None:
    """E115 for a file that a folder of articles holds beside them (README, LICENSE, ...), judged by name."""
    if path.name.split(".")[0].lower() in NON_ARTICLE_STEMS:
        return IngestError(Code.E115, detail=f"{input_label(path.name)} is a project file, skipped by its name")
    return None


def _expand(inputs: Iterable[str | Path]) -> list[tuple[str, Path | None]]:
    """(label, path) pairs of the readable entries of ``inputs`` (see ``_walk``)."""
    return [(label, path) for label, path, err in _walk(inputs) if err is None]


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
            meta = plaintext.read_sidecar(sidecar, settings.max_input_bytes) if sidecar is not None else None
            return plaintext.parse(data, name=name, settings=settings, meta=meta)
        yield guarded(name, make)


def _load_path(label: str, path: Path, settings: Settings) -> Iterator[Item]:
    """Items of one file. Only a regular file is opened (never blocking on a FIFO) and no read
    goes past the size limit, whatever ``st_size`` claims."""
    form = detect.by_name(path.name)
    try:
        problem = _file_problem(path)
        if problem is not None:
            raise problem
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as f:
            info = os.fstat(f.fileno())
            problem = _kind_problem(info.st_mode)
            if problem is not None:
                raise problem
            if info.st_size == 0:
                raise IngestError(Code.E116, detail="the file is empty (0 bytes)")
            head = f.read(detect.SNIFF_BYTES)
            f.seek(0)
            if form == "warc":
                yield from safely(label, warc.parse(f, name=label, settings=settings))
                return
            if form == "jsonl" and b"\x00" in head and not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
                raise IngestError(Code.E103, detail="it contains NUL bytes and does not start with a JSON object")
            if form == "jsonl" and not head.startswith(GZIP_MAGIC):
                yield from safely(label, jsonl.parse_lines(jsonl.read_lines(f, settings.max_input_bytes),
                                                           name=label, settings=settings))
                return
            data = read_capped(f, settings.max_input_bytes, info.st_size)
    except IngestError as err:
        yield reject(label, err)
        return
    except OSError as exc:
        yield reject(label, IngestError(Code.E107, detail=exc.strerror or str(exc)))
        return
    sniffed = detect.sniff(data[:detect.SNIFF_BYTES])
    if form is None:
        if sniffed is None and path.suffix and b"\x00" not in data[:detect.SNIFF_BYTES]:
            yield reject(label, IngestError(Code.E108, detail=f"{input_label(path.suffix)} files are not a known form"))
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
    for label, path, problem in _walk(inputs):
        if problem is not None:
            yield reject(label, problem)
        elif path is None:
            try:
                data = read_capped(stdin if stdin is not None else sys.stdin.buffer, settings.max_input_bytes)
            except IngestError as err:
                yield reject(label, err)
                continue
            if not data:
                yield reject(label, IngestError(Code.E116, detail="standard input is empty (0 bytes)"))
                continue
            yield from load_bytes(data, name=label, settings=settings)
        else:
            yield from _load_path(label, path, settings)
