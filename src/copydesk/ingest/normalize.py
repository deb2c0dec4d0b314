"""Text normalization: keep the author's characters, tidy only the layout."""

from __future__ import annotations

import re
import unicodedata

_LINE_SEPARATORS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)
_LEADING_BLANKS = re.compile(r"^(?:[ \t]*\n)+")
_BLANK_RUNS = re.compile(r"\n{3,}")
_INVISIBLE = re.compile(r"[\ufeff\u200b]")


def normalize(text: str) -> str:
    """NFC, ``\\n`` line endings, no trailing spaces, at most one blank line in a row.

    Curly quotes, dashes and non-breaking spaces stay as written: offsets into
    this text are what every later stage cites.
    """
    text = unicodedata.normalize("NFC", text)
    text = _LINE_SEPARATORS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _TRAILING_SPACE.sub("", text)
    text = _BLANK_RUNS.sub("\n\n", text)
    text = _LEADING_BLANKS.sub("", text)
    return text.rstrip()


def one_line(value: object) -> str | None:
    """A title or name on one line with single spaces, or None when empty."""
    if value is None:
        return None
    s = " ".join(unicodedata.normalize("NFC", str(value)).split())
    return s or None
