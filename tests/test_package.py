"""The package's own face: ``copydesk.extract`` is callable and still a package of extractors."""

from __future__ import annotations

import copydesk
from copydesk.extract import quantities


def test_extract_is_callable_at_the_top_level() -> None:
    text = "Nearly 50,000 troops arrived on Monday."
    ms = copydesk.extract(text, "2024-11-18")
    assert {m.kind for m in ms} >= {"quantity", "time"}
    for m in ms:
        assert 0 <= m.start < m.end <= len(text)
    assert copydesk.extract.quantities is quantities


def test_version_is_known() -> None:
    assert copydesk.__version__ != "0+unknown"
