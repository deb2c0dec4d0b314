"""Offline language identification with py3langid (its model ships with the package)."""

from __future__ import annotations

import py3langid

#: Characters looked at: enough for a stable guess, cheap on long articles.
SAMPLE_CHARS = 1000


def detect(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None for text with no letters."""
    sample = text[:SAMPLE_CHARS]
    if not any(c.isalpha() for c in sample):
        return None
    lang, _score = py3langid.classify(sample)
    return str(lang)
