"""The public JSON form of mentions (``copydesk extract --format jsonl``).

This is a stable interface, validated by ``extract.schema.json``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from copydesk.models import Entity, Mention, Quantity, Quote, Span, Time


def _span(s: Span | None) -> dict[str, int] | None:
    return None if s is None else {"start": s.start, "end": s.end}


def mention_record(m: Mention, text: str) -> dict[str, Any]:
    """One mention as a JSON-ready dict whose offsets index ``text``."""
    rec: dict[str, Any] = {"kind": m.kind, "start": m.start, "end": m.end, "text": text[m.start:m.end]}
    v = m.value
    if isinstance(v, Quantity):
        norm = None
        if v.normalized_amount is not None or v.normalized_unit is not None:
            norm = {"amount": v.normalized_amount, "unit": v.normalized_unit}
        rec["value"] = {"amount": v.amount, "low": v.low, "high": v.high, "unit": v.unit,
                        "qualifier": v.qualifier, "normalized": norm}
        rec["counted"] = v.counted
        if v.per:
            rec["per"] = v.per
    elif isinstance(v, Time):
        rec["value"] = {"timex": v.timex, "type": v.type, "mod": v.mod}
        rec["granularity"] = v.granularity
    elif isinstance(v, Quote):
        rec.update({"speaker": v.speaker, "speaker_span": _span(v.speaker_span), "cue_span": _span(v.cue_span),
                    "content_span": _span(v.content_span), "direct": v.direct, "channel": v.channel,
                    "anonymous": v.anonymous, "hedged": v.hedged, "polarity": v.polarity,
                    "modality": v.modality})
    elif isinstance(v, Entity):
        rec.update({"type": v.type, "canonical": v.canonical})
    return rec


def article_record(article_id: str, published: str | None, text: str, mentions: list[Mention],
                   given_id: str | None = None) -> dict[str, Any]:
    """One article's line: its id, the caller's own id for it (``given_id``), its text and mentions."""
    return {"article": article_id, "given_id": given_id, "published": published, "text": text,
            "mentions": [mention_record(m, text) for m in mentions]}


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    return json.loads(resources.files("copydesk.extract").joinpath("extract.schema.json").read_text("utf-8"))


def validate(record: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` when ``record`` breaks the public format."""
    import jsonschema

    jsonschema.validate(record, schema(), cls=jsonschema.Draft202012Validator)
