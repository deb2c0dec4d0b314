"""Uploads: the request body read in chunks up to a limit, every file written to its own path on disk.

Starlette's form parser spools each file to a temporary file past 1 MB, so no
upload is held whole in memory; the bytes actually received are counted, so a
body without (or lying about) its Content-Length stops at the limit too.
"""

from __future__ import annotations

import itertools
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterable

import anyio.to_thread
from starlette.datastructures import UploadFile
from starlette.requests import Request

from copydesk.errors import Code, CopydeskError

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_PART_CHARS = 80  # well under the 255 bytes a file name may have on any disk
MAX_SUFFIX_CHARS = 16
MAX_DEPTH = 4
MAX_FILES = 1000


@dataclass(frozen=True)
class Upload:
    """Files saved under ``folder``: ``names`` are what ingest reads (sidecars travel with their text)."""

    folder: Path
    names: list[str]


class _TooLarge(Exception):
    pass


def safe_part(part: str) -> str:
    """One path part made safe: ASCII letters, digits, ``._-``; no leading dot; a long stem cut, its suffix kept.

    The stem is cut to one length whatever the suffix, so ``NAME.txt`` and its
    ``NAME.json`` sidecar still share a stem.
    """
    name = _UNSAFE.sub("_", part).lstrip(".")
    if len(name) > MAX_PART_CHARS:
        stem, dot, suffix = name.rpartition(".")
        if dot and stem and len(suffix) <= MAX_SUFFIX_CHARS:
            return f"{stem[:MAX_PART_CHARS - MAX_SUFFIX_CHARS - 1]}.{suffix}"
        return name[:MAX_PART_CHARS]
    return name


def relative_paths(filenames: Iterable[str]) -> list[str]:
    """Where each uploaded file goes: its folders and name made safe, the k-th repeat of a path under ``copy k/``.

    Two files named ``a/x.txt`` and ``b/x.txt`` (a folder upload) stay apart; the
    same name given twice lands in ``x.txt`` and ``copy 2/x.txt``, and a ``x.json``
    sidecar given twice pairs with the ``x.txt`` of the same copy. (A space is
    never in a safe name, so ``copy k`` cannot collide with an uploaded folder.)
    """
    seen: dict[str, int] = {}
    out = []
    for raw in filenames:
        rel = _safe_path(raw)
        n = seen.get(rel, 0) + 1
        seen[rel] = n
        out.append(rel if n == 1 else f"copy {n}/{rel}")
    return out


def _safe_path(raw: str) -> str:
    parts = [safe_part(p) for p in PurePosixPath(raw.replace("\\", "/")).parts]
    return "/".join([p for p in parts if p and p != "/"][-MAX_DEPTH:] or ["upload"])


def _ingest_names(paths: list[str]) -> list[str]:
    """The paths ingest is given: a ``NAME.json`` beside ``NAME.txt`` is read as its sidecar, not on its own."""
    present = set(paths)
    return [p for p in paths if not (p.endswith(".json") and p[:-5] + ".txt" in present)]


def _write(files: list[tuple[UploadFile, str]]) -> tuple[Path, list[str]]:
    """Copy the spooled uploads into a new folder; a path taken by another upload moves to the next ``copy k/``."""
    folder = Path(tempfile.mkdtemp(prefix="copydesk-upload-"))
    written = []
    try:
        for f, rel in files:
            f.file.seek(0)
            for n in itertools.count(2):
                dest = folder / rel
                try:
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    with dest.open("xb") as out:
                        shutil.copyfileobj(f.file, out, 1 << 20)
                    break
                except (FileExistsError, NotADirectoryError):  # "a" as a file and "a/x.txt", say
                    rel = f"copy {n}/{rel.split('/', 1)[1] if rel.startswith('copy ') else rel}"
            written.append(rel)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder, written


async def receive(request: Request, limit: int, accept: Callable[[dict[str, str]], None]) -> Upload:
    """Read the multipart body of ``request`` (at most ``limit`` bytes) and save its files to a new folder.

    ``accept`` sees the form's text fields first and raises to refuse the upload
    before anything is written. Over the limit is E105 (413); no file is E702.
    The caller removes the folder.
    """
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise CopydeskError(Code.E105, size=int(declared), limit=limit)
    received = 0
    upstream = request.receive

    async def counted() -> Any:
        nonlocal received
        message = await upstream()
        received += len(message.get("body", b""))
        if received > limit:
            raise _TooLarge
        return message

    try:
        form = await Request(request.scope, counted).form(max_files=MAX_FILES, max_fields=100)
    except _TooLarge:
        raise CopydeskError(Code.E105, size=received, limit=limit) from None
    try:
        accept({k: v for k, v in form.multi_items() if isinstance(v, str)})
        files = [v for _, v in form.multi_items() if isinstance(v, UploadFile) and v.filename]
        if not files:
            raise CopydeskError(Code.E702, detail="no files uploaded: choose one or more files")
        rels = relative_paths(f.filename or "upload" for f in files)
        folder, written = await anyio.to_thread.run_sync(_write, list(zip(files, rels)))
        return Upload(folder, _ingest_names(written))
    finally:
        await form.close()
