"""Assemble one Article from parsed fields: clean, check, date, language, source, id."""

from __future__ import annotations

from typing import Any, Mapping
from urllib.parse import urlsplit

from copydesk.errors import Code, IngestError
from copydesk.ingest import boilerplate, language
from copydesk.ingest.dates import normalize_date
from copydesk.ingest.normalize import check_tree, normalize, one_line, text_field
from copydesk.models import Article
from copydesk.settings import Settings

#: Record fields that map onto Article fields; any other field goes to Article.meta.
KNOWN_FIELDS = frozenset({"id", "source", "url", "title", "published", "language", "text", "html",
                          "byline", "author", "fetched"})


def domain(url: str | None) -> str | None:
    """The host of ``url`` without a leading "www.", or None."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def build(*, text: str, input: str, settings: Settings, raw: str | None, raw_format: str,
          source: object = None, sitename: object = None, feed_title: object = None,
          url: object = None, title: object = None, published: object = None, fetched: object = None,
          byline: object = None, given_language: object = None, given_id: object = None,
          meta: Mapping[str, Any] | None = None, byline_field: str = "byline") -> Article:
    """One clean Article, or IngestError (E102 empty text, E104 bad date, E113/E114 bad field).

    Every field passes the boundary check here, whatever form it came from: text fields must
    be strings (a byline may be a list of names) free of NULs and lone surrogates.
    """
    text = text_field(text, "text")
    text_field(raw, "raw")
    source, sitename, feed_title, url, title, given_language = (
        text_field(v, k) for k, v in (("source", source), ("sitename", sitename), ("feed_title", feed_title),
                                      ("url", url), ("title", title), ("language", given_language)))
    if isinstance(byline, list) and all(isinstance(b, str) for b in byline):
        byline = ", ".join(byline)
    byline = text_field(byline, byline_field)
    given_id = text_field(given_id, "id", allow=(int,))
    for key, value in (meta or {}).items():
        text_field(key, "a field name")
        check_tree(value, key)
    clean, fired = boilerplate.clean_with_report(normalize(text))
    if len(clean) < settings.min_text_chars:
        raise IngestError(Code.E102)
    published_iso = normalize_date(published)
    fetched_iso = normalize_date(fetched)
    url_s = one_line(url)
    name = (one_line(source) or one_line(sitename) or one_line(feed_title) or domain(url_s) or "unknown")
    out_meta: dict[str, Any] = dict(meta or {})
    if given_id is not None:
        out_meta["given_id"] = given_id
    if fired:
        out_meta["boilerplate_removed"] = fired
    lang = language.detect(clean)
    given = one_line(given_language)
    if given and lang and given.lower()[:2] != lang:
        out_meta["given_language"] = given
    if lang is None and given:
        lang = given.lower()[:2]
    if lang and lang != "en":
        out_meta["non_english"] = True
    return Article(
        id=Article.make_id(name, clean), source=name, text=clean, url=url_s, title=one_line(title),
        published=published_iso, fetched=fetched_iso, language=lang, byline=one_line(byline),
        raw=raw, raw_format=raw_format, input=input, meta=out_meta,
    )


def from_record(rec: object, *, input: str, settings: Settings, raw: str | None, raw_format: str) -> Article:
    """An Article from a JSON object with id, source, url, title, published, language, text or html.

    Unknown fields are kept in meta; the given id is kept as meta["given_id"].
    """
    from copydesk.ingest.pages import page_text

    if not isinstance(rec, dict):
        raise IngestError(Code.E101, detail=f"expected a JSON object, got {type(rec).__name__}")
    body = rec.get("text")
    if isinstance(body, str) and body.strip():
        text = body
    elif isinstance(rec.get("html"), str):
        text = page_text(rec["html"])
    elif isinstance(body, str):
        text = body
    elif body is None and "html" not in rec:
        raise IngestError(Code.E109, detail="'text' or 'html'")
    else:
        raise IngestError(Code.E109, detail="'text' or 'html' as a string")
    return build(text=text, input=input, settings=settings, raw=raw, raw_format=raw_format,
                 **record_fields(rec))


def record_fields(rec: Mapping[str, Any]) -> dict[str, Any]:
    """The keyword arguments of ``build`` a record's (or sidecar's) fields give; unknown fields go to meta."""
    return {"source": rec.get("source"), "url": rec.get("url"), "title": rec.get("title"),
            "published": rec.get("published"), "fetched": rec.get("fetched"),
            "byline": rec.get("byline") or rec.get("author"), "given_language": rec.get("language"),
            "byline_field": "byline" if rec.get("byline") else "author",
            "given_id": rec.get("id"), "meta": {k: v for k, v in rec.items() if k not in KNOWN_FIELDS}}
