"""Fixtures for the ingest tests: small realistic inputs of every form, written here by hand."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Callable

import pytest

from copydesk.settings import Settings
from ingest_samples import NEWS_PAGE, PARAGRAPHS, record

@pytest.fixture()
def settings() -> Settings:
    return Settings()


@pytest.fixture()
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    def _write(name: str, content: str | bytes) -> Path:
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")
        return p
    return _write


@pytest.fixture()
def warc_file(tmp_path: Path) -> Path:
    """A small gzipped WARC: a request, two HTML responses, a 404, an image, a metadata record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "news.warc.gz"
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)

        def response(url: str, body: bytes, status: str, ctype: str, date: str) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                            warc_headers_dict={"WARC-Date": date})
            writer.write_record(rec)

        req_headers = StatusAndHeaders("GET /news/bridge-repairs HTTP/1.1", [("Host", "larkfieldgazette.example")],
                                       is_http_request=True)
        writer.write_record(writer.create_warc_record("https://larkfieldgazette.example/news/bridge-repairs",
                                                      "request", http_headers=req_headers))
        response("https://larkfieldgazette.example/news/bridge-repairs", NEWS_PAGE.encode("utf-8"),
                 "200 OK", "text/html; charset=utf-8", "2025-04-16T01:02:03Z")
        response("https://larkfieldgazette.example/missing", b"<html><body>Not found</body></html>",
                 "404 Not Found", "text/html", "2025-04-16T01:02:04Z")
        response("https://larkfieldgazette.example/b.jpg", b"\xff\xd8\xff\xe0binary", "200 OK", "image/jpeg",
                 "2025-04-16T01:02:05Z")
        response("https://larkfieldgazette.example/broken", b"<html>\x00\x00\x01 broken</html>", "200 OK",
                 "text/html", "2025-04-16T01:02:06Z")
        other = NEWS_PAGE.replace("Larkfield to shut historic bridge", "Larkfield reopens market hall").replace(
            PARAGRAPHS[0], "The covered market hall in Larkfield reopened on Saturday after a two-year renovation, "
            "drawing crowds of shoppers.")
        response("https://larkfieldgazette.example/news/market", other.encode("utf-8"), "200 OK", "text/html",
                 "2025-04-17T08:00:00Z")
        writer.write_record(writer.create_warc_record("https://larkfieldgazette.example/news/market", "metadata",
                                                      payload=io.BytesIO(b"fetchTimeMs: 120\n"),
                                                      warc_content_type="application/warc-fields"))
    return path


@pytest.fixture()
def jsonl_mixed() -> str:
    """Good and bad lines, one per rejection the JSONL parser knows."""
    lines = [
        json.dumps(record()),                                    # 1 good
        "{not json",                                             # 2 E101
        json.dumps(record(published="the day after")),           # 3 E104
        json.dumps(record(text=None)),                           # 4 E109
        json.dumps(record(text="   ")),                          # 5 E102
        "",                                                      # 6 blank: skipped
        json.dumps(record(text=None, html="<p>" + "</p><p>".join(PARAGRAPHS) + "</p>", section="City",
                          source="Other Outlet")),               # 7 good, from html
        "[1, 2, 3]",                                             # 8 E101 (not an object)
        json.dumps(record(text=42)),                             # 9 E109 (not a string)
    ]
    return "\n".join(lines) + "\n"
