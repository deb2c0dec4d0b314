"""WARC files as Common Crawl News publishes them: one article per HTML response record."""

from __future__ import annotations

from collections import Counter
from typing import IO, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from copydesk.errors import Code, IngestError
from copydesk.ingest.pages import parse_html
from copydesk.ingest.reading import check_size, decode
from copydesk.ingest.records import Item, guarded, nonempty, reject
from copydesk.settings import Settings

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ").lower()
    return None


class _Records(ArchiveIterator):
    """warcio's iterator, noting whether the archive was cut off where warcio stops in silence:
    inside a record's headers (bytes read past the last record's end) or inside a gzip member."""

    cut_short = False

    def close(self) -> None:
        if self.reader is not None:
            decompressor = getattr(self.reader, "decompressor", None)
            try:
                unread = self.fh.tell() - self.reader.rem_length() - self.offset
            except (OSError, AttributeError, ValueError):  # a stream that cannot tell its position
                unread = 0
            self.cut_short = unread > 0 or (decompressor is not None and not getattr(decompressor, "eof", True))
        super().close()


def parse(stream: IO[bytes], *, name: str, settings: Settings) -> Iterator[Item]:
    """One item per HTTP 200 text/html response record, labelled ``name@N`` (N = record number, 1-based).

    Other records (requests, metadata, redirects, images) are skipped. The size limit applies
    per record, so multi-gigabyte archives stream through. A record that cannot be read, or
    whose block ends before its Content-Length (a cut-off archive), gives E110; an archive
    that ends inside a gzip member gives one more E110 after its last record; one with no
    article record at all gives E116 with what its records were.
    """
    kinds: Counter[str] = Counter()

    def why() -> str:
        what = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items())) or "no records"
        return f"{what}; no HTTP 200 HTML response record"

    yield from nonempty(name, _items(stream, name, settings, kinds), why)


def _items(stream: IO[bytes], name: str, settings: Settings, kinds: Counter[str]) -> Iterator[Item]:
    number = 0
    try:
        records = _Records(stream, arc2warc=True)
        for record in records:
            number += 1
            label = f"{name}@{number}"
            kinds[record.rec_type or "untyped"] += 1
            try:
                html = _html(record, settings)
            except IngestError as err:
                problem: IngestError | None = err
            except Exception as exc:  # noqa: BLE001 - warcio raises many kinds on damaged records
                problem = IngestError(Code.E110, detail=f"{type(exc).__name__}: {exc}"[:200])
            else:
                problem = None
            missing = _unread(record)
            if missing:
                problem = IngestError(Code.E110, detail=f"cut off: the archive ends {missing} bytes before the end "
                                                        f"of this {record.length}-byte record")
            if problem is not None:
                yield reject(label, problem)
                continue
            if html is None:
                continue
            extra = {"warc_record_id": record.rec_headers.get_header("WARC-Record-ID"),
                     "warc_offset": records.get_record_offset()}
            yield guarded(label, lambda html=html, label=label, record=record, extra=extra: parse_html(
                html, name=label, settings=settings, raw_format="warc",
                url=record.rec_headers.get_header("WARC-Target-URI"),
                fetched=record.rec_headers.get_header("WARC-Date"),
                extra={k: v for k, v in extra.items() if v is not None}))
    except ArchiveLoadFailed as err:
        yield reject(f"{name}@{number + 1}", IngestError(Code.E110, detail=str(err).strip()[:200]))
        return
    except Exception as exc:  # noqa: BLE001
        yield reject(f"{name}@{number + 1}", IngestError(Code.E110, detail=f"{type(exc).__name__}: {exc}"[:200]))
        return
    if records.cut_short:
        yield reject(f"{name}@{number + 1}", IngestError(
            Code.E110, detail=f"cut off: the archive ends inside a record after {number} complete records; "
                              "anything after them is lost"))


def _html(record: ArcWarcRecord, settings: Settings) -> str | None:
    """The page of an HTTP 200 HTML response record; None for any other record; E110 for a damaged one."""
    if not record.rec_type:
        raise IngestError(Code.E110, detail="record without a WARC-Type header")
    if record.format.startswith("warc") and record.rec_headers.get_header("Content-Length") is None:
        raise IngestError(Code.E110, detail="record without a Content-Length header (cut off in its headers?)")
    if record.rec_type != "response":
        return None
    http = record.http_headers
    if http is None:
        raise IngestError(Code.E110, detail="response record without HTTP headers")
    status = (http.get_statuscode() or "").strip()
    ctype = http.get_header("Content-Type") or ""
    if status != "200" or not ctype.split(";")[0].strip().lower() in HTML_TYPES:
        return None
    check_size(record.length or 0, settings.max_input_bytes)
    body = record.content_stream().read(settings.max_input_bytes + 1)
    if _unread(record):
        return None  # the caller reports the cut
    return decode(body, _charset(ctype))


def _unread(record: ArcWarcRecord) -> int:
    """Bytes of ``record``'s block the archive lacks (0 when whole), reading what is left of it."""
    while record.raw_stream.read(1 << 16):
        pass
    return int(getattr(record.raw_stream, "limit", 0) or 0)
