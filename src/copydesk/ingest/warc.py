"""WARC files as Common Crawl News publishes them: one article per HTML response record."""

from __future__ import annotations

from typing import IO, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from copydesk.errors import Code, IngestError
from copydesk.ingest.pages import parse_html
from copydesk.ingest.reading import check_size, decode
from copydesk.ingest.records import Item, guarded, reject
from copydesk.settings import Settings

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ").lower()
    return None


def parse(stream: IO[bytes], *, name: str, settings: Settings) -> Iterator[Item]:
    """One item per HTTP 200 text/html response record, labelled ``name@N`` (N = record number, 1-based).

    Other records (requests, metadata, redirects, images) are skipped. The size limit applies
    per record, so multi-gigabyte archives stream through. A record that cannot be read gives
    E110; when the archive itself breaks, the rest of that file is lost with one E110.
    """
    number = 0
    try:
        records = ArchiveIterator(stream, arc2warc=True)
        for record in records:
            number += 1
            label = f"{name}@{number}"
            if not record.rec_type:
                yield reject(label, IngestError(Code.E110, detail="record without a WARC-Type header"))
                continue
            if record.rec_type != "response":
                continue
            try:
                http = record.http_headers
                if http is None:
                    raise IngestError(Code.E110, detail="response record without HTTP headers")
                status = (http.get_statuscode() or "").strip()
                ctype = http.get_header("Content-Type") or ""
                if status != "200" or not ctype.split(";")[0].strip().lower() in HTML_TYPES:
                    continue
                length = int(record.rec_headers.get_header("Content-Length") or 0)
                check_size(length, settings.max_input_bytes)
                body = record.content_stream().read()
                html = decode(body, _charset(ctype))
            except IngestError as err:
                yield reject(label, err)
                continue
            except Exception as exc:  # noqa: BLE001 - warcio raises many kinds on damaged records
                yield reject(label, IngestError(Code.E110, detail=f"{type(exc).__name__}: {exc}"[:200]))
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
    except Exception as exc:  # noqa: BLE001
        yield reject(f"{name}@{number + 1}", IngestError(Code.E110, detail=f"{type(exc).__name__}: {exc}"[:200]))
