"""RSS 2.0 and Atom feeds: one article per entry, full content preferred over the summary."""

from __future__ import annotations

import io
import re
from typing import Any, Iterator

import feedparser
from lxml import etree

from copydesk.errors import Code, IngestError
from copydesk.ingest.build import build
from copydesk.ingest.htmltext import html_to_text
from copydesk.ingest.reading import read_text
from copydesk.ingest.records import Item, guarded, reject
from copydesk.settings import Settings

_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")
_CHARREF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")
_REPAIRED = "E114: character references to no XML character (a surrogate, NUL, control) read as U+FFFD"


def _xml_char(code: int) -> bool:
    return code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF


def repair_charrefs(data: bytes) -> tuple[bytes, int]:
    """``data`` with every character reference to a non-XML character (``&#xD800;``, ``&#0;``) made U+FFFD.

    XML forbids them; feedparser's fallback parser crashes on a surrogate and would
    lose the whole feed, so they are repaired as an HTML parser does, and counted.
    """
    count = 0

    def fix(m: re.Match[bytes]) -> bytes:
        nonlocal count
        code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
        if _xml_char(code):
            return m.group()
        count += 1
        return b"&#xFFFD;"

    return _CHARREF.sub(fix, data), count


def _body(entry: Any) -> str:
    """The entry's fullest text: content:encoded / atom content over summary, HTML made plain."""
    parts = list(entry.get("content") or [])
    if not parts and entry.get("summary_detail"):
        parts = [entry["summary_detail"]]
    elif not parts and entry.get("summary"):
        parts = [{"type": "text/html", "value": entry["summary"]}]
    if not parts:
        return ""
    best = max(parts, key=lambda p: len(p.get("value") or ""))
    value = best.get("value") or ""
    if (best.get("type") or "text/html") in _HTML_TYPES or "<" in value:
        return html_to_text(value)
    return value


def _raw_entries(text: str) -> list[str] | None:
    """The XML of each item/entry, in document order, for Article.raw."""
    try:
        root = etree.fromstring(text.encode("utf-8"), parser=etree.XMLParser(recover=True, resolve_entities=False,
                                                                              no_network=True, huge_tree=False))
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is None:
        return None
    nodes = root.xpath("//*[local-name()='item' or local-name()='entry']")
    return [etree.tostring(n, encoding="unicode") for n in nodes]


def parse(data: bytes, *, name: str, settings: Settings) -> Iterator[Item]:
    """One item per feed entry, labelled ``name#N`` (1-based); E106 when ``data`` is not a feed."""
    data, repaired = repair_charrefs(data)
    try:
        text = read_text(data, settings.max_input_bytes)
    except IngestError as err:
        yield reject(name, err)
        return
    # A stream, never bytes: feedparser would fetch a URL or open a file named by the content.
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    version = parsed.get("version") or ""
    if not version:
        why = parsed.get("bozo_exception") or "no RSS or Atom root element"
        yield reject(name, IngestError(Code.E106, detail=str(why)[:200]))
        return
    if not parsed.entries:
        yield reject(name, IngestError(Code.E116, detail=f"the {version} feed has no items"))
        return
    kind = "atom" if version.startswith("atom") else "rss"
    feed = parsed.get("feed", {})
    raws = _raw_entries(text)
    if raws is not None and len(raws) != len(parsed.entries):
        raws = None
    for i, entry in enumerate(parsed.entries, 1):
        label = f"{name}#{i}"
        meta: dict[str, Any] = {"feed_title": feed.get("title"), "feed_version": version}
        if entry.get("id"):
            meta["guid"] = entry["id"]
        tags = [t.get("term") for t in entry.get("tags", []) if t.get("term")]
        if tags:
            meta["tags"] = tags
        body = _body(entry)
        raw = raws[i - 1] if raws is not None else body
        if repaired and "\ufffd" in raw:
            meta["repaired"] = _REPAIRED
        yield guarded(label, lambda entry=entry, body=body, raw=raw, meta=meta, label=label: build(
            text=body, input=label, settings=settings, raw=raw, raw_format=kind,
            feed_title=feed.get("title"), url=entry.get("link"), title=entry.get("title"),
            published=entry.get("published") or entry.get("updated") or entry.get("dc_date"),
            byline=entry.get("author"), given_language=feed.get("language"),
            meta={k: v for k, v in meta.items() if v}))
