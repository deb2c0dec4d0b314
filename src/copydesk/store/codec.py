"""Exact, JSON-based round trips of records through database rows."""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from typing import Any, Mapping

from copydesk.models import Article, CopyLink, Entity, Mention, Quantity, Quote, Span, Story, Time

_VALUE_TYPES: dict[str, type] = {"Quantity": Quantity, "Time": Time, "Quote": Quote, "Entity": Entity}


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _plain(obj: Any) -> Any:
    if isinstance(obj, Span):
        return {"start": obj.start, "end": obj.end}
    if is_dataclass(obj):
        return {f.name: _plain(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [_plain(x) for x in obj]
    return obj


def value_to_dict(value: Any) -> dict[str, Any] | None:
    """A mention value as a tagged dict (``{"@type": "Quantity", ...}``)."""
    if value is None:
        return None
    return {"@type": type(value).__name__, **_plain(value)}


def value_from_dict(d: Mapping[str, Any] | None) -> Any:
    if d is None:
        return None
    cls = _VALUE_TYPES[d["@type"]]
    kw: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in d:
            continue
        v = d[f.name]
        if isinstance(v, dict) and set(v) == {"start", "end"}:
            v = Span(v["start"], v["end"])
        kw[f.name] = v
    return cls(**kw)


def mention_to_dict(m: Mention) -> dict[str, Any]:
    return {"kind": m.kind, "start": m.start, "end": m.end, "sentence": m.sentence,
            "article_id": m.article_id, "value": value_to_dict(m.value)}


def mention_from_dict(d: Mapping[str, Any]) -> Mention:
    return Mention(kind=d["kind"], start=d["start"], end=d["end"], value=value_from_dict(d.get("value")),
                   article_id=d.get("article_id", ""), sentence=d.get("sentence"))


def article_to_row(a: Article) -> dict[str, Any]:
    return {"id": a.id, "source": a.source, "url": a.url, "title": a.title, "published": a.published,
            "published_day": (a.published or "")[:10] or None, "fetched": a.fetched, "language": a.language,
            "byline": a.byline, "text": a.text, "raw": a.raw, "raw_format": a.raw_format, "input": a.input,
            "meta": dumps(dict(a.meta))}


def article_from_row(r: Mapping[str, Any]) -> Article:
    return Article(id=r["id"], source=r["source"], text=r["text"], url=r["url"], title=r["title"],
                   published=r["published"], fetched=r["fetched"], language=r["language"], byline=r["byline"],
                   raw=r["raw"], raw_format=r["raw_format"], input=r["input"], meta=json.loads(r["meta"] or "{}"))


def passages_to_json(link: CopyLink) -> str:
    return dumps([[[a.start, a.end], [b.start, b.end]] for a, b in link.passages])


def copy_from_row(r: Mapping[str, Any]) -> CopyLink:
    passages = tuple((Span(*a), Span(*b)) for a, b in json.loads(r["passages"] or "[]"))
    return CopyLink(a=r["a"], b=r["b"], similarity=r["similarity"], kind=r["kind"], passages=passages)


def story_from_rows(r: Mapping[str, Any], article_ids: tuple[str, ...]) -> Story:
    return Story(id=r["id"], title=r["title"], article_ids=article_ids, storyline_id=r["storyline_id"],
                 first_seen=r["first_seen"], last_seen=r["last_seen"])
