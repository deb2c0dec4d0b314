"""Bytes to text, with the size and binary checks every input goes through."""

from __future__ import annotations

import re
from typing import IO

from copydesk.errors import Code, IngestError

_HTML_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)


def check_size(size: int, limit: int) -> None:
    """E105 when ``size`` is over ``limit`` bytes."""
    if size > limit:
        raise IngestError(Code.E105, size=size, limit=limit)


def read_capped(stream: IO[bytes], limit: int, known_size: int = 0) -> bytes:
    """At most ``limit`` bytes of ``stream``; E105 when there are more, judged by the bytes actually read.

    ``known_size`` (a file's ``st_size``) only words the message: a device or a growing
    file reports a size that means nothing, so it never decides how much is read.
    """
    data = stream.read(limit + 1)
    if isinstance(data, str):  # a text stream: its bytes back as they came, a lone surrogate kept visible
        try:
            data = data.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            data = data.encode("utf-8", "surrogatepass")
    if len(data) > limit:
        raise IngestError(Code.E105, size=known_size if known_size > limit else f"more than {limit}", limit=limit)
    return data


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares about itself, if any."""
    head = data[:4096]
    m = _XML_ENCODING.search(head) or _HTML_CHARSET.search(head)
    return m.group(1).decode("ascii").lower() if m else None


def decode(data: bytes, charset: str | None = None) -> str:
    """Text of ``data``: UTF-8 (BOM allowed) or the declared ``charset``; E103 for binary content."""
    if b"\x00" in data:
        raise IngestError(Code.E103, detail="it contains NUL bytes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        first = err
    for cs in (charset, declared_charset(data)):
        if cs and cs.replace("-", "") not in ("utf8",):
            try:
                return data.decode(cs)
            except (LookupError, UnicodeDecodeError):
                continue
    raise IngestError(Code.E103, detail=f"not UTF-8 and no usable declared charset ({first.reason} at byte {first.start})")


def read_text(data: bytes, limit: int) -> str:
    """The text of one input: E105 when over ``limit`` bytes, E103 when binary."""
    check_size(len(data), limit)
    return decode(data)
