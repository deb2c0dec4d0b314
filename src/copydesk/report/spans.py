"""Citations: the sentence that states a mention, and the check that a cited span is that sentence."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from functools import lru_cache
from typing import Any, Iterable, Mapping

from copydesk.errors import Code, CopydeskError
from copydesk.text import sentences

#: A figure as written: "2,300", "4.5", "3/4".
NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?:/\d+)?")
#: A four-digit year.
YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|2[01]\d\d)(?!\d)")
#: A season or fiscal year written "2024-25": its second year.
SEASON = re.compile(r"(?<!\d)(1[5-9]\d\d|2[01]\d\d)\s*[-–/]\s*(\d\d)(?!\d)")


@lru_cache(maxsize=8192)  # a few pairs per text: a story of thousands of articles is read once
def sentence_starts(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every sentence of ``text``, in order."""
    return tuple((s.start, s.end) for s in sentences(text))


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence enclosing [start, end), widened to cover the whole mention."""
    sents = sentence_starts(text)
    if not sents:
        return start, end
    i = max(bisect_right([s for s, _ in sents], start) - 1, 0)
    s0, e0 = sents[i]
    j = i
    while j + 1 < len(sents) and sents[j][1] < end:
        j += 1
    return min(s0, start), max(sents[j][1], end)


def citation(mention: Mapping[str, Any], text: str) -> dict[str, Any]:
    """A citation {article, start, end} of the sentence holding ``mention``."""
    s, e = sentence_span(text, int(mention["start"]), int(mention["end"]))
    return {"article": mention["article"], "start": s, "end": e}


def value_stated(words: str, value: Mapping[str, Any] | None) -> bool:
    """Whether ``words`` can state ``value``: a figure's digits read as one of its amounts, a date's year.

    Words without digits (``"Eleven"``, ``"Sunday"``) cannot be read back without the
    extractor and pass; digits that read as none of the value's amounts (at any power
    of ten, for "2.3 million") or a year other than the date's do not.
    """
    if not value:
        return True
    if "date" in value:
        years = [int(y) for y in YEAR.findall(words)]
        years += [int(y[:2] + yy) for y, yy in SEASON.findall(words)]
        if not years or not value.get("date"):
            return True
        year = int(str(value["date"])[:4])
        return year in years or (len(years) > 1 and min(years) <= year <= max(years))
    amounts = [float(value[k]) for k in ("amount", "low", "high") if value.get(k) is not None]
    read = [_number(n) for n in NUMBER.findall(words)]
    read = [r for r in read if r]
    if not amounts or not read:
        return True
    return any(_scaled(a, r) for a in amounts for r in read)


def _number(s: str) -> float | None:
    num, _, den = s.replace(",", "").partition("/")
    try:
        return float(num) / float(den) if den else float(num)
    except (ValueError, ZeroDivisionError):
        return None


def _scaled(amount: float, read: float) -> bool:
    """``amount`` is ``read`` times a power of ten (1, 1000, a million...)."""
    amount, read = abs(amount), abs(read)  # the sign may be a word: "minus 3", "down 3"
    if amount == read:
        return True
    if amount == 0 or read == 0:
        return False
    exp = math.log10(amount / read)
    return abs(exp - round(exp)) < 1e-6 and round(exp) >= -2


def citation_problem(cit: Mapping[str, Any], mention: Mapping[str, Any], texts: Mapping[str, str]) -> str | None:
    """Why ``cit`` does not cite ``mention``, or None when it does.

    A citation must be the run of whole sentences that holds the mention's offsets
    (``sentence_span``), the article's words at those offsets must be the mention's
    words, and those words must state the mention's value.
    """
    aid = cit["article"]
    text = texts.get(aid)
    if text is None:
        return f"article {aid} is not in the report"
    start, end = int(cit["start"]), int(cit["end"])
    where = f"{aid}:{start}-{end}"
    if not (0 <= start < end <= len(text)):
        return f"{where} is outside the article ({len(text)} chars)"
    if mention.get("article") != aid:
        return f"{where} cites a mention of another article ({mention.get('article')})"
    ms, me = int(mention["start"]), int(mention["end"])
    words = mention.get("text")
    if not (0 <= ms < me <= len(text)) or (words is not None and text[ms:me] != words):
        return f"{where}: the article does not read {str(words)[:60]!r} at {ms}-{me}"
    if (start, end) != sentence_span(text, ms, me):
        want = sentence_span(text, ms, me)
        return f"{where} is not the sentence stating {text[ms:me][:60]!r} ({want[0]}-{want[1]})"
    if not value_stated(text[ms:me], mention.get("value")):
        return f"{where}: {text[ms:me][:60]!r} does not state the value {dict(mention['value'])}"
    return None


def check_citations(items: Iterable[tuple[Mapping[str, Any], Mapping[str, Any]]],
                    texts: Mapping[str, str]) -> None:
    """Raise E501 unless each citation is the sentence stating its mention's words and value.

    ``items`` pairs each citation with the mention (article, start, end, text, value) it cites.
    """
    for cit, mention in items:
        problem = citation_problem(cit, mention, texts)
        if problem:
            raise CopydeskError(Code.E501, detail=problem)
