"""Sentence boundaries of English news by rule: the segmenter inside copydesk's pipeline.

Tuned on news conventions (abbreviations, initialisms, titles before names, numbers
after "No." and month names, paragraph and hard-wrapped line breaks) and fast (about
20 MB/s). It runs once per article as the ``copydesk_sentences`` pipeline component,
before the parser, which keeps its boundaries; no stage calls it on its own.
"""

from __future__ import annotations

from copydesk.models import Span
from copydesk.text.resources import (
    ABBREVS, CANDIDATE, INITIALISM, NUMBER_ABBREVS, OPENERS, STARTERS, TITLES,
)

__all__ = ["split"]

_CLOSERS = "\"'”’»)]"


def _next_word(text: str, i: int) -> str:
    """The word starting at ``i`` (after skipping opening quotes), lower-cased, without punctuation."""
    n = len(text)
    while i < n and text[i] in OPENERS:
        i += 1
    j = i
    while j < n and (text[j].isalnum() or text[j] in "'’-"):
        j += 1
    return text[i:j].lower()


def _prev_word(text: str, end: int) -> str:
    """The whitespace-delimited token ending at ``end`` (the full stop excluded), openers stripped."""
    start = end
    lo = max(0, end - 40)
    while start > lo and not text[start - 1].isspace():
        start -= 1
    return text[start:end].lstrip(OPENERS)


def _is_boundary(text: str, punct_start: int, punct_end: int, nxt: int) -> bool:
    """Whether the punctuation text[punct_start:punct_end] followed by a space ends a sentence."""
    if nxt >= len(text):
        return True
    c = text[nxt]
    if c.islower():
        return False
    if not (c.isupper() or c.isdigit() or c in OPENERS or c in "$€£¥—–-•*#@"):
        return not c.isalnum()
    mark = text[punct_start:punct_end].rstrip(_CLOSERS)
    if mark != "." or punct_end - punct_start != len(mark):
        return True  # "?", "!", "...", or a full stop inside quotes/brackets: a real end
    token = _prev_word(text, punct_start)
    bare = token.rstrip(".").lower()
    if c.isdigit():
        return bare not in NUMBER_ABBREVS
    if not token:
        return True
    nxt_word = _next_word(text, nxt)
    if bare in TITLES:
        return False
    if INITIALISM.match(token + ".") or (len(bare) == 1 and bare.isalpha()) or bare in ABBREVS:
        return nxt_word in STARTERS
    return True


def split(text: str) -> list[Span]:
    """Sentence spans of ``text``: ``text[s.start:s.end]`` is the sentence, trimmed of whitespace.

    A blank line (paragraph break) always ends a sentence; a single line break ends one
    unless the next line starts in lower case (a hard-wrapped line).
    """
    spans: list[Span] = []
    start = 0
    n = len(text)
    for m in CANDIDATE.finditer(text):
        ps, pe = m.start(), m.end()
        if ps < start:
            continue
        nxt = pe
        while nxt < n and text[nxt].isspace():
            nxt += 1
        gap = text[pe:nxt]
        if text[ps] == "\n":
            brk = nxt >= n or "\n" in gap or not text[nxt].islower()
            end = ps
        else:
            brk = "\n\n" in gap.replace(" ", "").replace("\t", "") or _is_boundary(text, ps, pe, nxt)
            end = pe
        if brk:
            trim_into(text, start, end, spans)
            start = nxt
    trim_into(text, start, n, spans)
    return spans


def trim_into(text: str, start: int, end: int, spans: list[Span]) -> None:
    """Append text[start:end] trimmed of whitespace to ``spans`` unless nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append(Span(start, end))
