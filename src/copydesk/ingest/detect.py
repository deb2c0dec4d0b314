"""Which form an input holds: by file name first, then by sniffing its first bytes."""

from __future__ import annotations

import gzip
import zlib

from copydesk.ingest.resources import EXTENSIONS, FEED_ROOT, GZIP_MAGIC, HTML_ROOT, SNIFF_BYTES, WARC_MAGIC


def by_name(name: str) -> str | None:
    """The form named by ``name``'s ending ("jsonl", "json", "txt", "html", "feed", "warc"), or None."""
    lower = name.lower()
    for ending in sorted(EXTENSIONS, key=len, reverse=True):
        if lower.endswith(ending):
            return EXTENSIONS[ending]
    return None


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, SNIFF_BYTES)
    except zlib.error:
        return b""


def sniff(head: bytes) -> str | None:
    """The form of content starting with ``head``: warc, gzip, json, jsonl, feed, html, or None."""
    if head.startswith(GZIP_MAGIC):
        inner = _gunzip_head(head)
        return "warc" if inner.startswith(WARC_MAGIC) else "gzip"
    if head.startswith(WARC_MAGIC):
        return "warc"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"["):
        return "json"
    if text.startswith(b"{"):
        first, _, rest = text.partition(b"\n")
        return "jsonl" if rest.strip().startswith(b"{") or not rest.strip() else "json"
    if FEED_ROOT.search(head[:SNIFF_BYTES]):
        return "feed"
    if HTML_ROOT.search(head[:SNIFF_BYTES]):
        return "html"
    return None


def gunzip(data: bytes, limit: int) -> bytes:
    """``data`` decompressed, reading at most ``limit`` + 1 bytes (so an oversized result is caught)."""
    with gzip.GzipFile(fileobj=__import__("io").BytesIO(data)) as f:
        return f.read(limit + 1)
