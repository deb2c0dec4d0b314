"""Citations: sentence spans around mentions, and the check that each cited span holds its value."""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from typing import Any, Iterable, Mapping

from copydesk.errors import Code, CopydeskError
from copydesk.text import sentences


@lru_cache(maxsize=256)
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


def check_citations(items: Iterable[tuple[Mapping[str, Any], str]],
                    texts: Mapping[str, str]) -> None:
    """Raise E501 unless each cited span lies in its article and contains its value.

    ``items`` pairs each citation with the words (a claim's value or quote) it must contain.
    """
    for cit, needle in items:
        aid = cit["article"]
        text = texts.get(aid)
        if text is None:
            raise CopydeskError(Code.E501, detail=f"article {aid} is not in the report")
        start, end = int(cit["start"]), int(cit["end"])
        if not (0 <= start < end <= len(text)):
            raise CopydeskError(Code.E501, detail=f"{aid}:{start}-{end} is outside the article ({len(text)} chars)")
        if needle and needle not in text[start:end]:
            raise CopydeskError(Code.E501, detail=f"{aid}:{start}-{end} does not contain {needle[:60]!r}")
