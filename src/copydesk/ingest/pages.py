"""Whole HTML pages: trafilatura finds the main text and the page metadata."""

from __future__ import annotations

from typing import Any, Mapping

import trafilatura
from trafilatura.settings import Document

from copydesk.errors import Code, IngestError
from copydesk.ingest.build import build
from copydesk.ingest.dates import normalize_date
from copydesk.ingest.normalize import one_line
from copydesk.ingest.reading import read_text
from copydesk.ingest.htmltext import html_to_text
from copydesk.ingest.resources import FULL_PAGE, PUBLISHED_META
from copydesk.models import Article
from copydesk.settings import Settings


def _published(html: str, extracted: str | None) -> str | None:
    """The page's full publication timestamp where a meta tag has one, else trafilatura's date."""
    m = PUBLISHED_META.search(html[:200_000])
    if m:
        try:
            stamp = normalize_date(m.group(1))
        except IngestError:
            stamp = None
        if stamp and (not extracted or stamp.startswith(extracted)):
            return stamp
    return extracted


def _paragraphs(body: str, title: str | None) -> str:
    """trafilatura's one-line-per-paragraph text as blank-line-separated paragraphs, minus a repeated title."""
    lines = [line.strip() for line in body.split("\n")]
    if title and lines and one_line(lines[0]) == one_line(title):
        lines = lines[1:]
    return "\n\n".join(line for line in lines if line)


def _extract(html: str, url: str | None = None) -> Document | None:
    """trafilatura's main text and metadata of ``html`` (no comments, images or links)."""
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_images=False, include_links=False, deduplicate=False)
    return doc if isinstance(doc, Document) else None


def page_text(html: str) -> str:
    """Main text of ``html``: trafilatura for a whole page, the fragment cleaner for a snippet."""
    if not FULL_PAGE.search(html[:4096]):
        return html_to_text(html)
    doc = _extract(html)
    return _paragraphs(doc.text, doc.title) if doc is not None and doc.text else ""


def parse_html(html: str, *, name: str, settings: Settings, url: str | None = None,
               fetched: str | None = None, raw_format: str = "html",
               extra: Mapping[str, Any] | None = None) -> Article:
    """The Article of one page; E112 when trafilatura finds no main text."""
    doc = _extract(html, url)
    if doc is None or not doc.text or not doc.text.strip():
        raise IngestError(Code.E112)
    meta: dict[str, Any] = dict(extra or {})
    for key in ("sitename", "hostname", "description", "categories", "tags", "license", "image"):
        value = getattr(doc, key, None)
        if value:
            meta[key] = value
    return build(text=_paragraphs(doc.text, doc.title), input=name, settings=settings, raw=html,
                 raw_format=raw_format, sitename=doc.sitename, url=url or doc.url, title=doc.title,
                 published=_published(html, doc.date), fetched=fetched, byline=doc.author,
                 given_language=doc.language, meta=meta)


def parse(data: bytes, *, name: str, settings: Settings) -> Article:
    """The Article of one HTML file."""
    return parse_html(read_text(data, settings.max_input_bytes), name=name, settings=settings)
