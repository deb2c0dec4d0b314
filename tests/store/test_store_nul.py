"""One rule for NUL and lone surrogates on SQLite and PostgreSQL: refused per article (E605), the batch goes on."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from copydesk.models import Article, Rejection
from copydesk.store import Store

GOOD = Article(id="good0000", source="Quay Gazette", text="The quay road will be widened by 2027, the council said.")


def _article(n: int, **fields: str) -> Article:
    """An article whose id does not hash its (possibly unencodable) text."""
    base = {"source": "Harbour Wire", "text": f"Ferry fares rise by {n} per cent in May, the operator said."}
    base.update(fields)
    return Article(id=f"bad{n:05d}", **base)  # type: ignore[arg-type]


@pytest.mark.parametrize("field,value,what", [
    ("text", "Ferry \x00 fares rose.", "its text holds a NUL character at character 6"),
    ("title", "Fares\x00", "its title holds a NUL character at character 5"),
    ("source", "Wire \ud800", "its source holds the lone surrogate U+D800 at character 5"),
    ("url", "https://x.example/\udfff", "its url holds the lone surrogate U+DFFF at character 18"),
])
def test_unstorable_text_is_refused_alike_by_both_stores(any_url: str, field: str, value: str, what: str) -> None:
    bad = _article(1, **{field: value}, input="feed.jsonl:1")
    with Store(any_url) as store:
        summary = store.add([bad, GOOD])
        assert (summary.ingested + summary.duplicates, summary.rejected) == (1, 1)  # PostgreSQL: one schema
        assert summary.rejections == (Rejection("feed.jsonl:1", "store", "E605", f"not storable: {what}, which the "
                                                                              "database cannot keep"),)
        assert store.article(GOOD.id) == GOOD and store.article(bad.id) is None
        assert store.rejections()[-1:] == list(summary.rejections)


def test_a_rejection_holding_nul_is_stored_escaped(any_url: str) -> None:
    with Store(any_url) as store:
        store.add([Rejection("in\x00put", "stories", "E301", "boom \ud800")])
        assert store.rejections()[-1:] == [Rejection("in\\u0000put", "stories", "E301", "boom \\ud800")]


@given(st.text(st.characters(codec=None, blacklist_categories=()), max_size=40))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_is_kept_exactly_or_refused(sqlite_url: str, text: str) -> None:
    storable = "\x00" not in text and not any("\ud800" <= c <= "\udfff" for c in text)
    a = Article(id=hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16], source="S", text=text + ".")
    with Store(sqlite_url) as store:
        summary = store.add([a])
        assert summary.ingested == int(storable) and summary.rejected == int(not storable)
        assert store.article(a.id) == (a if storable else None)
