"""Builders for hand-made articles, mentions and claims (our own sentences)."""

from __future__ import annotations

from copydesk.models import Article, Claim, Mention, Quantity, Quote, Span, Time


def art(aid: str, text: str, source: str | None = None, published: str | None = None, **meta: object) -> Article:
    return Article(id=aid, source=source or f"outlet-{aid}", text=text, published=published, meta=dict(meta))


def at(a: Article, phrase: str, kind: str, value: object, nth: int = 0) -> Mention:
    """A mention of ``phrase`` (its nth occurrence) in article ``a``."""
    i = -1
    for _ in range(nth + 1):
        i = a.text.index(phrase, i + 1)
    return Mention(kind, i, i + len(phrase), value, article_id=a.id)  # type: ignore[arg-type]


FACTORS = {"km": 1000.0, "mile": 1609.344, "m": 1.0, "USD": 1.0, "kg": 1.0, "lb": 0.45359237, "year": 31557600.0,
           None: 1.0}
BASE = {"km": "m", "mile": "m", "m": "m", "USD": "USD", "kg": "kg", "lb": "kg", "year": "s", None: None}


def qty(amount: float | None, unit: str | None = None, qualifier: str | None = None, counted: str | None = None,
        low: float | None = None, high: float | None = None) -> Quantity:
    f = FACTORS[unit]
    return Quantity(amount=amount, low=low, high=high, unit=unit, qualifier=qualifier,
                    normalized_amount=None if amount is None else amount * f,
                    normalized_low=None if low is None else low * f,
                    normalized_high=None if high is None else high * f,
                    normalized_unit=BASE[unit], counted=counted)


def quote(a: Article, content: str, speaker: str | None, direct: bool = True, polarity: str = "affirmed") -> Mention:
    i = a.text.index(content)
    return Mention("quote", i, i + len(content),
                   Quote(speaker=speaker, speaker_span=None, cue_span=None,
                         content_span=Span(i, i + len(content)), direct=direct, polarity=polarity), article_id=a.id)


def date(a: Article, phrase: str, timex: str, mod: str | None = None, granularity: str | None = None) -> Mention:
    return at(a, phrase, "time", Time(timex, mod=mod, granularity=granularity))


def claim(kind: str, key: str, *ms: Mention) -> Claim:
    return Claim(id=f"c-{key}", story_id="s1", kind=kind, key=key, mentions=tuple(ms))  # type: ignore[arg-type]
