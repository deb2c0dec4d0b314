"""Text primitives over one string: sentences and words as offset spans."""

from __future__ import annotations

import re

from copydesk.models import Span

_WORD = re.compile(r"\w+(?:[-'’.]\w+)*", re.UNICODE)


def sentences(text: str) -> list[Span]:
    """Sentence spans of ``text`` (placeholder: split on line breaks and full stops)."""
    spans: list[Span] = []
    for m in re.finditer(r"[^\n.!?]+[.!?]*", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        if s < e:
            spans.append(Span(s, e))
    return spans


def words(text: str) -> list[Span]:
    """Word spans of ``text``."""
    return [Span(m.start(), m.end()) for m in _WORD.finditer(text)]
