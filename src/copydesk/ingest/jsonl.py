"""JSON Lines and JSON arrays: one article per object."""

from __future__ import annotations

import json
from typing import IO, Iterable, Iterator

from copydesk.errors import Code, IngestError
from copydesk.ingest.build import from_record
from copydesk.ingest.reading import check_size, decode, read_text
from copydesk.ingest.records import Item, guarded, nonempty, reject
from copydesk.models import Article
from copydesk.settings import Settings


def _load(line: str) -> object:
    try:
        return json.loads(line)
    except json.JSONDecodeError as err:
        raise IngestError(Code.E101, detail=f"{err.msg} at column {err.colno}") from None
    except RecursionError:
        raise IngestError(Code.E101, detail="nesting too deep") from None
    except ValueError as err:
        raise IngestError(Code.E101, detail=str(err)[:200]) from None


def parse_line(line: str | bytes, *, input: str, settings: Settings) -> Item | None:
    """The Article or Rejection of one JSON line; None for a blank line. Never raises."""
    def make() -> Article:
        raw = line
        if isinstance(raw, bytes):
            check_size(len(raw), settings.max_input_bytes)
            raw = decode(raw)
        else:
            check_size(len(raw.encode("utf-8", "surrogatepass")), settings.max_input_bytes)
        return from_record(_load(raw), input=input, settings=settings, raw=raw.strip(), raw_format="jsonl")

    if not line.strip():
        return None
    return guarded(input, make)


def read_lines(stream: IO[bytes], limit: int) -> Iterator[bytes | IngestError]:
    """The lines of ``stream``, none held longer than ``limit`` bytes: an over-long line is skipped as E105."""
    while line := stream.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        size = len(line)
        while rest := stream.readline(1 << 20):
            size += len(rest)
            if rest.endswith(b"\n"):
                break
        yield IngestError(Code.E105, size=size, limit=limit)


def parse_lines(lines: Iterable[str | bytes | IngestError], *, name: str, settings: Settings) -> Iterator[Item]:
    """One item per non-blank line, labelled ``name:LINE`` (1-based), each judged alone; E116 when all are blank.

    The size limit is per line; an IngestError in ``lines`` (from ``read_lines``) is that line's rejection.
    """
    count = 0

    def items() -> Iterator[Item]:
        nonlocal count
        for count, line in enumerate(lines, 1):
            label = f"{name}:{count}"
            item = reject(label, line) if isinstance(line, IngestError) else parse_line(
                line, input=label, settings=settings)
            if item is not None:
                yield item

    yield from nonempty(name, items(), lambda: f"{count} lines, all blank" if count else "no lines")


def parse_document(data: bytes, *, name: str, settings: Settings) -> Iterator[Item]:
    """A .json file: an array of objects (items ``name#N``), one object, or JSON Lines after all."""
    try:
        text = read_text(data, settings.max_input_bytes)
    except IngestError as err:
        yield reject(name, err)
        return
    stripped = text.lstrip()
    try:
        doc = _load(text)
    except IngestError as err:
        if stripped.startswith("{") and "\n" in stripped.strip():
            yield from parse_lines(text.splitlines(), name=name, settings=settings)
        else:
            yield reject(name, err)
        return
    if isinstance(doc, list):
        if not doc:
            yield reject(name, IngestError(Code.E116, detail="an empty JSON array"))
        for i, rec in enumerate(doc, 1):
            raw = json.dumps(rec, ensure_ascii=False)
            yield guarded(f"{name}#{i}", lambda rec=rec, raw=raw, i=i: from_record(
                rec, input=f"{name}#{i}", settings=settings, raw=raw, raw_format="json"))
    else:
        yield guarded(name, lambda: from_record(doc, input=name, settings=settings, raw=text, raw_format="json"))
