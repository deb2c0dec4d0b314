from __future__ import annotations

import re

from copydesk.errors import Code, CopydeskError


def test_codes_are_unique_well_formed_and_staged() -> None:
    names = [c.name for c in Code]
    assert len(names) == len(set(names))
    for c in Code:
        assert re.fullmatch(r"E[1-9][0-9]{2}", c.name)
        assert c.stage in {"ingest", "extract", "stories", "verify", "report", "store", "web", "usage"}


def test_error_message_names_code_and_detail() -> None:
    e = CopydeskError(Code.E105, size=30, limit=10)
    assert str(e) == "[E105] too large: 30 bytes is over the limit of 10 bytes"
    assert e.message.startswith("too large")
