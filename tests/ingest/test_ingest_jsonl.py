"""JSON Lines and JSON arrays."""

from __future__ import annotations

import json

from hypothesis import given, settings as hsettings, strategies as st

from copydesk import ingest
from copydesk.ingest import jsonl
from copydesk.models import Article, Rejection
from copydesk.settings import Settings

from ingest_samples import ARTICLE_TEXT, PARAGRAPHS, record


def test_good_and_bad_lines(write, jsonl_mixed: str) -> None:
    path = write("batch.jsonl", jsonl_mixed)
    items = list(ingest.load([path]))
    got = {it.input.rsplit(":", 1)[1]: it for it in items}
    assert sorted(got, key=int) == ["1", "2", "3", "4", "5", "7", "8", "9"]
    codes = {k: v.code for k, v in got.items() if isinstance(v, Rejection)}
    assert codes == {"2": "E101", "3": "E104", "4": "E109", "5": "E102", "8": "E101", "9": "E109"}
    for r in got.values():
        if isinstance(r, Rejection):
            assert r.stage == "ingest" and r.message and str(path) in r.input
    a = got["1"]
    assert isinstance(a, Article)
    assert a.text == ARTICLE_TEXT and a.source == "Larkfield Gazette" and a.published == "2025-04-15"
    assert a.meta["given_id"] == "lg-1" and a.raw_format == "jsonl" and json.loads(a.raw)["id"] == "lg-1"
    assert a.id == Article.make_id("Larkfield Gazette", a.text) and a.language == "en"
    b = got["7"]
    assert isinstance(b, Article) and b.text == ARTICLE_TEXT and b.meta["section"] == "City"
    assert b.source == "Other Outlet" and "html" not in b.meta


def test_json_array_and_object(write) -> None:
    arr = write("arr.json", json.dumps([record(), {"oops": 1}, record(source=None, url="https://www.example.org/x")]))
    items = list(ingest.load([arr]))
    assert [type(i).__name__ for i in items] == ["Article", "Rejection", "Article"]
    assert items[1].input.endswith("arr.json#2") and items[1].code == "E109"
    assert items[2].source == "example.org"
    one = write("one.json", json.dumps(record(source="Solo Post")))
    (a,) = ingest.load([one])
    assert isinstance(a, Article) and a.source == "Solo Post"
    bad = write("bad.json", "[{]")
    (r,) = ingest.load([bad])
    assert r.code == "E101" and r.input == str(bad)


def test_source_falls_back_to_domain_then_unknown() -> None:
    s = Settings()
    a = jsonl.parse_line(json.dumps(record(source=None, url="https://news.example.com/p")), input="x:1", settings=s)
    assert a.source == "news.example.com"
    b = jsonl.parse_line(json.dumps(record(source=None, url=None)), input="x:1", settings=s)
    assert b.source == "unknown"


def test_unicode_is_kept_as_written() -> None:
    text = "Cafe\u0301 owners said the “new rules” would cost them — at least — €3,000 a year.\r\n\r\n\r\n\r\nEnd  "
    a = jsonl.parse_line(json.dumps({"source": "S", "text": text}), input="x:1", settings=Settings())
    assert a.text == "Café owners said the “new rules” would cost them — at least — €3,000 a year.\n\nEnd"


def test_per_line_size_limit() -> None:
    s = Settings(max_input_bytes=200)
    r = jsonl.parse_line(json.dumps(record()), input="x:1", settings=s)
    assert isinstance(r, Rejection) and r.code == "E105"


def test_binary_line_is_e103() -> None:
    r = jsonl.parse_line(b'{"text": "a\x00b"}', input="x:1", settings=Settings())
    assert r.code == "E103"
    r = jsonl.parse_line(b'{"text": "\xff\xfe bad"}', input="x:1", settings=Settings())
    assert r.code == "E103"


@given(st.one_of(st.text(max_size=300), st.binary(max_size=300),
                 st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=50),
                              lambda c: st.lists(c, max_size=4) | st.dictionaries(
                                  st.sampled_from(["id", "text", "html", "published", "source", "url", "title",
                                                   "language", "x"]), c, max_size=6),
                              max_leaves=12).map(json.dumps)))
@hsettings(max_examples=300, deadline=None)
def test_parse_line_never_raises(line: str | bytes) -> None:
    item = jsonl.parse_line(line, input="fuzz:1", settings=Settings(min_text_chars=1))
    assert item is None or isinstance(item, (Article, Rejection))
    if isinstance(item, Rejection):
        assert item.code.startswith("E1") and item.input == "fuzz:1"


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40), max_size=5))
@hsettings(max_examples=100, deadline=None)
def test_deep_nesting_and_garbage_lines(extra: list[str]) -> None:
    lines = ["[" * 5000 + "]" * 5000, "{" * 3000, *extra, json.dumps(record(text=PARAGRAPHS[0]))]
    items = list(jsonl.parse_lines(lines, name="g", settings=Settings()))
    assert isinstance(items[-1], Article)
    assert all(isinstance(i, (Article, Rejection)) for i in items)


def test_html_field_with_a_whole_page() -> None:
    from ingest_samples import NEWS_PAGE

    a = jsonl.parse_line(json.dumps(record(text=None, html=NEWS_PAGE)), input="x:1", settings=Settings())
    assert isinstance(a, Article) and a.text == ARTICLE_TEXT


def test_binary_jsonl_file_is_one_e103(write) -> None:
    path = write("blob.jsonl", b"\x00\x01\x02\n" * 50)
    (r,) = ingest.load([path])
    assert r.code == "E103" and r.input == str(path)
