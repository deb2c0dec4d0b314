from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, strategies as st

from copydesk.models import Article, Span, parse_published


def test_article_id_depends_on_source_and_text_only() -> None:
    a = Article.make_id("Coastline Wire", "Some text")
    assert a == Article.make_id(" coastline wire ", "Some text")
    assert a != Article.make_id("Coastline Wire", "Some text.")
    assert a != Article.make_id("Other", "Some text")


@given(st.text(), st.text(min_size=1))
def test_article_dict_round_trip(text: str, source: str) -> None:
    a = Article(id=Article.make_id(source, text), source=source, text=text, meta={"k": [1, "x"]})
    assert Article.from_dict(a.to_dict()) == a


@pytest.mark.parametrize("value, day", [
    ("2024-04-25", date(2024, 4, 25)),
    ("2026-03-08T21:40:00+00:00", date(2026, 3, 8)),
    ("2026-03-08T21:40:00Z", date(2026, 3, 8)),
    (None, None),
])
def test_parse_published(value: str | None, day: date | None) -> None:
    assert parse_published(value) == day


def test_span_refuses_inverted_ranges() -> None:
    with pytest.raises(ValueError):
        Span(5, 3)
    assert Span(2, 4).of("abcdef") == "cd"
