"""load(): inputs, detection, stdin, every rejection code, determinism."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from copydesk import ingest
from copydesk.errors import Code
from copydesk.ingest import detect
from copydesk.models import Article, Rejection
from copydesk.settings import Settings

from ingest_samples import ARTICLE_TEXT, ATOM, GERMAN, NEWS_PAGE, RSS, record


@pytest.mark.parametrize("head,form", [
    (b"WARC/1.1\r\n", "warc"),
    (gzip.compress(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n"), "warc"),
    (gzip.compress(b'{"a": 1}\n'), "gzip"),
    (b'[{"text": "x"}]', "json"),
    (b'{"text": "x"}\n{"text": "y"}\n', "jsonl"),
    (b'  {"text": "x",\n  "source": "y"}', "json"),
    (RSS.encode(), "feed"),
    (ATOM.encode(), "feed"),
    (NEWS_PAGE.encode(), "html"),
    (b"<p>Just a fragment.</p>", "html"),
    (ARTICLE_TEXT.encode(), None),
])
def test_sniff(head: bytes, form: str | None) -> None:
    assert detect.sniff(head) == form


@pytest.mark.parametrize("name,form", [
    ("a.jsonl", "jsonl"), ("A.NDJSON", "jsonl"), ("a.json", "json"), ("a.txt", "txt"), ("a.htm", "html"),
    ("a.rss", "feed"), ("a.atom", "feed"), ("a.xml", "feed"), ("a.warc", "warc"), ("CC-NEWS-1.warc.gz", "warc"),
    ("a.pdf", None),
])
def test_by_name(name: str, form: str | None) -> None:
    assert detect.by_name(name) == form


@pytest.mark.parametrize("payload,fmt", [
    (json.dumps(record()) + "\n", "jsonl"),
    (NEWS_PAGE, "html"),
    (RSS, "rss"),
    (ATOM, "atom"),
    (ARTICLE_TEXT, "txt"),
])
def test_stdin_is_sniffed(payload: str, fmt: str) -> None:
    items = list(ingest.load(["-"], stdin=io.BytesIO(payload.encode("utf-8"))))
    arts = [i for i in items if isinstance(i, Article)]
    assert arts and arts[0].raw_format == fmt and arts[0].input.startswith("<stdin>")


def test_stdin_warc(warc_file: Path) -> None:
    items = list(ingest.load(["-"], stdin=io.BytesIO(warc_file.read_bytes())))
    assert sum(isinstance(i, Article) for i in items) == 2


def test_gzipped_jsonl(write) -> None:
    f = write("batch.jsonl.gz", gzip.compress((json.dumps(record()) + "\n").encode()))
    (a,) = ingest.load([f])
    assert isinstance(a, Article) and a.input == f"{f}:1"


def test_directory_order_is_sorted_and_recursive(write, warc_file: Path) -> None:
    write("in/b.txt", ARTICLE_TEXT)
    write("in/a/z.jsonl", json.dumps(record(source="Zed")) + "\n")
    write("in/.hidden.txt", ARTICLE_TEXT)
    write("in/c.html", NEWS_PAGE)
    root = warc_file.parent / "in"
    first = [i.input for i in ingest.load([root])]
    assert first == [f"{root}/a/z.jsonl:1", f"{root}/b.txt", f"{root}/c.html"]
    assert [i.input for i in ingest.load([root, root / "b.txt"])] == first


def test_rejection_codes_for_files(write) -> None:
    s = Settings(max_input_bytes=2_000)
    cases = {
        "E103": write("bin.txt", b"PK\x03\x04\x00\x00binary"),
        "E103b": write("latin.txt", "Caf\xe9 au lait prices rose sharply this week, vendors said.".encode("latin-1")),
        "E105": write("big.txt", "word " * 1000),
        "E116": write("empty.txt", ""),
        "E102": write("short.txt", "Too short."),
        "E107": write("dir/x.txt", "").parent / "missing.txt",
        "E108": write("slides.pptx", "just some text in a file with an unknown ending"),
    }
    for want, path in cases.items():
        (r,) = ingest.load([path], s)
        assert isinstance(r, Rejection), want
        assert r.code == want[:4] and r.stage == "ingest" and r.input == str(path), (want, r)
        template = Code[r.code].value
        assert r.message.startswith(template.split("{")[0].rstrip()), (template, r.message)
    (big,) = ingest.load([cases["E105"]], s)
    assert big.message == Code.E105.format(size=5000, limit=2000)

def test_html_charset_declared(write) -> None:
    page = NEWS_PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"').replace("$14.2 million", "£14.2 million")
    f = write("latin.html", page.encode("latin-1", errors="replace"))
    (a,) = ingest.load([f])
    assert isinstance(a, Article) and "£14.2 million" in a.text


def test_wrong_typed_inputs_raise() -> None:
    with pytest.raises(TypeError):
        list(ingest.load("some/path.txt"))
    with pytest.raises(TypeError):
        list(ingest.load([42]))  # type: ignore[list-item]


def test_non_english_is_kept_and_flagged(write) -> None:
    f = write("de.jsonl", json.dumps(record(text=GERMAN, language="de")) + "\n")
    (a,) = ingest.load([f])
    assert isinstance(a, Article) and a.language == "de" and a.meta["non_english"] is True
    assert "given_language" not in a.meta


def test_demo_inputs_all_ingest(demo_paths: list[Path]) -> None:
    items = list(ingest.load(demo_paths))
    assert items and all(isinstance(i, Article) for i in items), [i for i in items if isinstance(i, Rejection)]
    assert len({i.id for i in items}) == len(items) == 7
    for a in items:
        assert a.raw and a.language == "en" and a.published


def test_seed_articles_ingest_clean(seeds_path: Path) -> None:
    """The motivating articles (third-party, read at test time only) all ingest, and their trailers go."""
    items = list(ingest.load([seeds_path]))
    assert all(isinstance(i, Article) for i in items) and len(items) == 5
    fired = {name for a in items for name in a.meta.get("boilerplate_removed", [])}
    assert fired == {"author_bio", "image_credit", "also_available", "related_trailer"}
    for a in items:
        assert a.language == "en" and a.published and "You may also like" not in a.text


_PREFIXES = [b"", b"WARC/1.0\r\n", b"\x1f\x8b\x08\x00", b"[", b"{", b'{"text": "', b"<rss version=\"2.0\">",
             b"<feed xmlns=\"http://www.w3.org/2005/Atom\">", b"<html><body><p>", b"<?xml version=\"1.0\"?>"]


@given(st.sampled_from(_PREFIXES), st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
@hsettings(max_examples=150, deadline=None)
def test_stdin_never_raises_on_arbitrary_bytes(prefix: bytes, body: bytes) -> None:
    items = list(ingest.load(["-"], stdin=io.BytesIO(prefix + body)))
    assert all(isinstance(i, (Article, Rejection)) for i in items)
    assert all(i.input.startswith("<stdin>") for i in items)
