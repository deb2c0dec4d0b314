"""Patterns the ingest parsers share: format sniffing and page metadata."""

from __future__ import annotations

import re

#: File name endings and the form they hold (longest ending wins).
EXTENSIONS: dict[str, str] = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl", ".json": "json",
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed", ".rdf": "feed",
    ".warc": "warc", ".warc.gz": "warc", ".arc": "warc", ".arc.gz": "warc",
}

SNIFF_BYTES = 4096
WARC_MAGIC = (b"WARC/",)
GZIP_MAGIC = b"\x1f\x8b"
FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
FULL_PAGE = re.compile(r"<(?:!doctype html|html|body)\b", re.IGNORECASE)
HTML_ROOT = re.compile(rb"<(?:!doctype html|html|head|body|article|p|div|h1)\b", re.IGNORECASE)

#: Meta tags that carry a full publication timestamp (trafilatura keeps only the day).
PUBLISHED_META = re.compile(
    r"""<meta\s[^>]{0,200}?(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|og:published_time|"""
    r"""datePublished|pubdate|publishdate|date|dc\.date\.issued|sailthru\.date)["'][^>]{0,200}?content\s*=\s*["']([^"']{8,40})["']""",
    re.IGNORECASE)

#: File names (without the ending, lower-case) that a folder holds beside its articles: never news.
NON_ARTICLE_STEMS = frozenset({
    "readme", "license", "licence", "copying", "notice", "authors", "contributors", "contributing",
    "changelog", "changes", "history", "code_of_conduct", "security", "manifest", "todo",
})
