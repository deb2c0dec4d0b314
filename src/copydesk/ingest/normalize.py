"""Text normalization: keep the author's characters, tidy only the layout."""

from __future__ import annotations

import os
import re
import unicodedata
from typing import Any

from copydesk.errors import Code, IngestError

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


#: Characters no stored text may hold: NUL (PostgreSQL refuses it) and lone surrogates (not Unicode).
_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")


def _describe(ch: str) -> str:
    return "a NUL character" if ch == "\x00" else f"a lone surrogate U+{ord(ch):04X}"


def text_field(value: object, field: str, *, allow: tuple[type, ...] = ()) -> Any:
    """``value`` as the text of ``field``, checked once at the ingest boundary.

    None stays None; a value that is not a string (nor one of ``allow``) is E113, and a string
    holding a NUL or a lone surrogate (which no store can keep) is E114, naming the field.
    """
    if value is None or (isinstance(value, allow) and not isinstance(value, bool)):
        return value
    if not isinstance(value, str):
        raise IngestError(Code.E113, detail=f"field {field!r} must be a string, not {_kind(value)}")
    m = _UNSTORABLE.search(value)
    if m:
        raise IngestError(Code.E114, detail=f"field {field!r} holds {_describe(m.group())} at character {m.start()}")
    return value


def check_tree(value: object, field: str) -> None:
    """E114 when any key or string inside the JSON-like ``value`` (metadata) holds a NUL or lone surrogate."""
    stack: list[tuple[str, object]] = [(field, value)]
    while stack:
        where, v = stack.pop()
        if isinstance(v, str):
            text_field(v, where)
        elif isinstance(v, dict):
            for k, x in v.items():
                text_field(str(k), f"{where} key")
                stack.append((f"{where}.{k}", x))
        elif isinstance(v, (list, tuple)):
            stack.extend((f"{where}[{i}]", x) for i, x in enumerate(v))


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", bool: "a boolean", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__)


def printable(text: str) -> str:
    """``text`` with every unprintable character (newlines, controls, surrogates) written as an escape."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if "\udc80" <= ch <= "\udcff":  # an undecodable byte of a file name (surrogateescape)
            out.append(f"\\x{ord(ch) - 0xDC00:02x}")
        else:
            out.append(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii"))
    return "".join(out)


def input_label(name: str | os.PathLike[str]) -> str:
    """How an input is named in every output: as given when printable, else quoted with escapes.

    A file name is hostile text: a newline in it must not forge a line of output and bytes
    that are not UTF-8 must not break a database write, so such names are shown as
    ``"a\\nb.txt"`` and ``"caf\\xe9.txt"`` (quotes and backslashes escaped inside).
    """
    s = os.fspath(name)
    if s.isprintable() and not s.startswith('"'):
        return s
    return '"' + printable(s.replace("\\", "\\\\").replace('"', '\\"')) + '"'
