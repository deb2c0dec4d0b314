"""Publication dates to ISO 8601: a date, or a datetime (with its offset where one is given)."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime

from dateutil import parser as dateutil_parser

from copydesk.errors import Code, IngestError

_HAS_TIME = re.compile(r"\d{1,2}:\d{2}|\d{1,2}\s*[ap]\.?m\b", re.IGNORECASE)
_RFC822 = re.compile(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2[01]\d\d)(?!\d)")


def _iso(dt: datetime, has_time: bool) -> str:
    if not has_time:
        return dt.date().isoformat()
    return dt.isoformat()


def normalize_date(value: object) -> str | None:
    """``value`` as ISO 8601, None when absent; raise IngestError(E104) when it cannot be read.

    Accepts ISO 8601, RFC 822 (feeds), "March 12, 2024", "12 March 2024 14:05 GMT",
    Unix timestamps, date and datetime objects. A string without a four-digit year
    is refused rather than guessed.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        raise IngestError(Code.E104, detail=value)
    if isinstance(value, (int, float)):
        try:
            return datetime.fromtimestamp(float(value), tz=timezone.utc).isoformat()
        except (OverflowError, OSError, ValueError):
            raise IngestError(Code.E104, detail=value) from None
    if not isinstance(value, str):
        raise IngestError(Code.E104, detail=value)
    s = value.strip()
    if len(s) > 100:
        raise IngestError(Code.E104, detail=s[:100])
    if len(s) == 10:
        try:
            return date.fromisoformat(s).isoformat()
        except ValueError:
            pass
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00").replace("z", "+00:00")).isoformat()
    except ValueError:
        pass
    if not _YEAR.search(s):
        raise IngestError(Code.E104, detail=s)
    if _RFC822.match(s):
        try:
            return parsedate_to_datetime(s).isoformat()
        except (TypeError, ValueError, IndexError):
            pass
    try:
        dt = dateutil_parser.parse(s)
    except (ValueError, OverflowError, TypeError):
        raise IngestError(Code.E104, detail=s) from None
    return _iso(dt, bool(_HAS_TIME.search(s)))
