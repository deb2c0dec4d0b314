"""Hostile input never costs the batch: each bad item is coded and named, the rest goes in (issue 11)."""

from __future__ import annotations

import functools
import io
import json
import os
import threading
import tracemalloc
from pathlib import Path
from typing import Callable

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from copydesk import api, ingest
from copydesk.errors import Code
from copydesk.ingest.normalize import input_label
from copydesk.ingest.reading import read_capped
from copydesk.models import Article, Rejection
from copydesk.settings import Settings
from copydesk.store import Store

from ingest_samples import ARTICLE_TEXT, NEWS_PAGE, PARAGRAPHS, RSS, record

GOOD = json.dumps(record()) + "\n"


def _split(items: list[Article | Rejection]) -> tuple[list[Article], list[Rejection]]:
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Rejection)]


def _ingest(tmp_path: Path, inputs: list[str | Path], stdin: io.IOBase | None = None) -> object:
    """api.ingest into a fresh SQLite file: the path on which a bad item used to fail the whole batch."""
    return api.ingest(inputs, db=str(tmp_path / "t.db"), stdin=stdin, assign_stories=False)


# --- lone surrogates and wrong types, in every field -----------------------------------------

_FIELDS = ["text", "title", "source", "url", "byline", "author", "language", "id", "section"]


def test_bad_character_in_any_jsonl_field_rejects_that_line_only(tmp_path: Path, write) -> None:
    cases = [(field, bad) for field in _FIELDS for bad in ("\ud800", "x\udfffy", "a\x00b")]
    lines = [json.dumps({**record(), field: ARTICLE_TEXT + bad if field == "text" else bad}) for field, bad in cases]
    path = write("batch.jsonl", "\n".join(lines) + "\n" + GOOD)
    summary = _ingest(tmp_path, [path])
    assert (summary.ingested, summary.rejected) == (1, len(cases))
    for n, ((field, bad), r) in enumerate(zip(cases, summary.rejections), 1):
        assert (r.input, r.code) == (f"{path}:{n}", "E114") and repr(field) in r.message, r


_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(st.characters(codec=None), max_size=8),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
                     max_leaves=6)


@functools.cache
def _memory_store() -> Store:
    return Store("sqlite://")


@given(st.dictionaries(st.sampled_from([*_FIELDS, "published", "html"]), _JSON, max_size=4))
@hsettings(max_examples=60, deadline=None)
def test_any_field_values_give_an_article_or_a_coded_rejection_and_store(fields: dict) -> None:
    line = json.dumps({**record(), **fields})
    item = ingest.jsonl.parse_line(line, input="x:1", settings=Settings())
    assert isinstance(item, (Article, Rejection))
    if isinstance(item, Rejection):
        assert item.code in {"E101", "E102", "E104", "E109", "E113", "E114"} and item.message.isprintable(), item
    assert _memory_store().add([item]).rejected == int(isinstance(item, Rejection))


def test_surrogate_deep_in_metadata_or_a_field_name(tmp_path: Path, write) -> None:
    lines = [json.dumps(record(extra={"tags": ["ok", "\ud800"]})), json.dumps({**record(), "k\udc00": 1}), GOOD]
    summary = _ingest(tmp_path, [write("m.jsonl", "\n".join(lines) + "\n")])
    assert summary.ingested == 1 and [r.code for r in summary.rejections] == ["E114", "E114"]
    assert "extra.tags[1]" in summary.rejections[0].message


def test_surrogate_in_a_sidecar_rejects_its_article_only(tmp_path: Path, write) -> None:
    write("in/a.txt", ARTICLE_TEXT)
    write("in/a.json", json.dumps({"title": "\ud800 bridge", "source": "Gazette"}))
    write("in/b.txt", ARTICLE_TEXT.replace("Larkfield", "Millbrook"))
    summary = _ingest(tmp_path, [tmp_path / "in"])
    assert summary.ingested == 1 and [(r.input, r.code) for r in summary.rejections] == [
        (str(tmp_path / "in" / "a.txt"), "E114")]


def test_surrogate_reference_in_a_feed_is_repaired_and_the_feed_goes_in(tmp_path: Path, write) -> None:
    feed = RSS.replace("Flood barrier finished", "Flood &#xD800; barrier &#55296; finished &#0;")
    summary = _ingest(tmp_path, [write("f.rss", feed)])
    assert summary.ingested == 2 and [r.code for r in summary.rejections] == ["E104"]
    with api.open_store(str(tmp_path / "t.db")) as store:
        first = store.article(summary.article_ids[0])
    assert first.title == "Flood \ufffd barrier \ufffd finished \ufffd ahead of schedule" and first.meta["repaired"].startswith("E114")


@pytest.mark.parametrize("field,value,what", [
    ("title", ["Bridge", "to close"], "a list"),
    ("source", {"name": "Gazette"}, "an object"),
    ("url", 17, "a number"),
    ("language", ["en"], "a list"),
    ("byline", {"name": "Dana"}, "an object"),
    ("id", {"n": 1}, "an object"),
    ("id", True, "a boolean"),
])
def test_wrong_typed_field_is_e113_naming_it(field: str, value: object, what: str) -> None:
    item = ingest.jsonl.parse_line(json.dumps(record(**{field: value})), input="x:1", settings=Settings())
    assert isinstance(item, Rejection) and item.code == "E113"
    assert item.message == Code.E113.format(detail=f"field {field!r} must be a string, not {what}")


def test_wrong_typed_sidecar_field_is_e113(write) -> None:
    txt = write("a.txt", ARTICLE_TEXT)
    write("a.json", json.dumps({"title": ["a", "b"]}))
    (r,) = ingest.load([txt])
    assert isinstance(r, Rejection) and r.code == "E113" and "'title'" in r.message


def test_an_oversized_sidecar_is_e111_without_being_read_whole(write) -> None:
    txt = write("a.txt", ARTICLE_TEXT)
    write("a.json", '{"title": "' + "t" * 5000 + '"}')
    (r,) = ingest.load([txt], Settings(max_input_bytes=2000))
    assert r.code == "E111" and r.message == Code.E111.format(
        detail="a.json: " + Code.E105.format(size="more than 2000", limit=2000))


def test_byline_list_of_names_and_numeric_id_are_kept() -> None:
    a = ingest.jsonl.parse_line(json.dumps(record(byline=["Dana Okafor", "Sam Reed"], id=41)), input="x:1",
                                settings=Settings())
    assert isinstance(a, Article) and a.byline == "Dana Okafor, Sam Reed" and a.meta["given_id"] == 41


def test_stdin_with_a_surrogate_keeps_the_rest(tmp_path: Path) -> None:
    data = (json.dumps(record(title="\ud800")) + "\n" + GOOD).encode("ascii")
    summary = _ingest(tmp_path, ["-"], stdin=io.BytesIO(data))
    assert summary.ingested == 1 and [(r.input, r.code) for r in summary.rejections] == [("<stdin>:1", "E114")]


def test_text_stdin_holding_a_lone_surrogate_is_a_rejection() -> None:
    items = list(ingest.load(["-"], stdin=io.StringIO(ARTICLE_TEXT + "\ud800")))  # type: ignore[arg-type]
    assert [(i.input, i.code) for i in items] == [("<stdin>", "E103")]


# --- file names ---------------------------------------------------------------------------------

def test_a_name_that_is_not_utf8_does_not_stop_the_folder(tmp_path: Path, write) -> None:
    folder = tmp_path / "in"
    write("in/good.txt", ARTICLE_TEXT)
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as f:
        f.write(ARTICLE_TEXT.replace("Larkfield", "Millbrook").encode())
    summary = _ingest(tmp_path, [folder])
    assert summary.ingested == 2 and summary.rejected == 0
    with api.open_store(str(tmp_path / "t.db")) as store:
        inputs = sorted(o.input for i in summary.article_ids for o in store.observations(i))
    assert inputs == [f'"{folder}/caf\\xe9.txt"', f"{folder}/good.txt"]


@pytest.mark.parametrize("name,label", [
    ("plain name.txt", "plain name.txt"),
    ("a\nrejected b.txt: [E000] forged", '"a\\nrejected b.txt: [E000] forged"'),
    ("tab\there\u2028.txt", '"tab\\there\\u2028.txt"'),
    ('"quoted".txt', '"\\"quoted\\".txt"'),
    ("back\\slash\n.txt", '"back\\\\slash\\n.txt"'),
])
def test_labels_are_one_printable_line(name: str, label: str) -> None:
    assert input_label(name) == label


@given(st.text(min_size=1, max_size=30))
@hsettings(max_examples=200, deadline=None)
def test_a_label_never_breaks_a_line_and_names_one_file(name: str) -> None:
    label = input_label(name)
    assert label.isprintable()
    assert label == name or (label.startswith('"') and label.endswith('"') and len(label) >= len(name) + 2)


def test_a_newline_in_a_file_name_cannot_forge_a_rejection_line(tmp_path: Path, write) -> None:
    write("in/x\nrejected fake.txt: [E999] forged", "Too short.")
    summary = _ingest(tmp_path, [tmp_path / "in", write("ok.jsonl", GOOD)])
    (r,) = summary.rejections
    line = f"rejected {r.input}: [{r.code}] {r.message}"
    assert "\n" not in line and r.input.startswith('"') and "x\\nrejected fake.txt" in r.input


# --- devices, FIFOs and the bytes actually read ------------------------------------------------

def _finishes(work: Callable[[], object], seconds: float = 20) -> object:
    out: list[object] = []
    t = threading.Thread(target=lambda: out.append(work()), daemon=True)
    t.start()
    t.join(seconds)
    assert out, f"still reading after {seconds} s"
    return out[0]


@pytest.mark.parametrize("make,kind", [
    (lambda p: os.mkfifo(p), "a named pipe"),
    (lambda p: os.symlink("/dev/zero", p), "a character device"),
])
def test_fifo_or_device_is_refused_without_reading(tmp_path: Path, write, make, kind: str) -> None:
    special = tmp_path / "in" / "feed.jsonl"
    special.parent.mkdir()
    make(special)
    write("in/ok.jsonl", GOOD)
    for inputs in ([special, tmp_path / "in" / "ok.jsonl"], [tmp_path / "in"]):
        items = _finishes(lambda: list(ingest.load(inputs, Settings(max_input_bytes=10_000))))
        arts, rej = _split(items)
        assert len(arts) == 1 and [(r.input, r.code) for r in rej] == [(str(special), "E107")]
        assert rej[0].message == Code.E107.format(detail=f"not a regular file ({kind}); only regular files are read")


def test_reads_stop_at_the_limit_whatever_the_stream_holds() -> None:
    class Endless(io.RawIOBase):
        served = 0

        def readable(self) -> bool:
            return True

        def readinto(self, b) -> int:  # type: ignore[no-untyped-def]
            b[:] = b"x" * len(b)
            Endless.served += len(b)
            return len(b)

    stream = io.BufferedReader(Endless())
    with pytest.raises(ingest.IngestError) as err:
        read_capped(stream, 1000)
    assert err.value.code is Code.E105 and Endless.served < 1000 + 2 * io.DEFAULT_BUFFER_SIZE
    (r,) = ingest.load(["-"], Settings(max_input_bytes=1000), stdin=io.BufferedReader(Endless()))
    assert r.code == "E105" and r.message == Code.E105.format(size="more than 1000", limit=1000)


def test_an_over_long_jsonl_line_is_never_held_whole(write) -> None:
    huge = b'{"text": "' + b"a" * 8_000_000 + b'"}'
    path = write("long.jsonl", huge + b"\n" + GOOD.encode())
    tracemalloc.start()
    try:
        items = list(ingest.load([path], Settings(max_input_bytes=100_000)))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    arts, rej = _split(items)
    assert len(arts) == 1 and [(r.input, r.code) for r in rej] == [(f"{path}:1", "E105")]
    assert rej[0].message == Code.E105.format(size=len(huge) + 1, limit=100_000)
    assert peak < 4_000_000, peak


# --- truncated WARC ---------------------------------------------------------------------------

def _warc(gzip: bool) -> tuple[bytes, int]:
    """Two HTML response records; also where the first one ends."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    ends = []
    for n, first in enumerate((PARAGRAPHS[0], "The covered market hall reopened on Saturday after two years.")):
        page = NEWS_PAGE.replace(PARAGRAPHS[0], first).encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://larkfieldgazette.example/{n}", "response",
                                                      payload=io.BytesIO(page), http_headers=headers))
        ends.append(buf.tell())
    return buf.getvalue(), ends[0]


@pytest.mark.parametrize("gzip", [False, True])
def test_a_cut_off_warc_flags_the_cut_record(write, gzip: bool) -> None:
    data, first_end = _warc(gzip)
    whole = list(ingest.load([write("whole.warc", data)]))
    assert [type(i) for i in whole] == [Article, Article]
    tail = 16 if gzip else 4  # a plain record's closing CRLFs, or a gzip trailer, carry none of the page
    cuts = range(first_end + 1, len(data) - tail, max(1, (len(data) - tail - first_end) // 40))
    for cut in [*cuts, len(data) - tail - 1]:
        arts, rej = _split(list(ingest.load([write("cut.warc", data[:cut])])))
        assert [a.url for a in arts] == [whole[0].url], cut
        assert rej and all(r.code == "E110" for r in rej), (cut, rej)
    if gzip:
        arts, rej = _split(list(ingest.load([write("cut.warc", data[:-3])])))
        assert len(arts) == 2 and [r.message for r in rej] == [Code.E110.format(
            detail="cut off: the archive ends inside a record after 2 complete records; anything after them is lost")]


# --- NUL, per line ------------------------------------------------------------------------------

def test_nul_in_a_jsonl_line_rejects_that_line_only(write) -> None:
    escaped = json.dumps(record(title="nul \u0000 inside"))
    path = write("nul.jsonl", GOOD.encode() + b'{"text": "raw \x00 byte"}\n' + escaped.encode() + b"\n"
                 + json.dumps(record(source="Second")).encode() + b"\n")
    arts, rej = _split(list(ingest.load([path])))
    assert len(arts) == 2 and [(r.input, r.code) for r in rej] == [(f"{path}:2", "E103"), (f"{path}:3", "E114")]


# --- empty inputs and non-article files ---------------------------------------------------------

def _broken_link(tmp_path: Path) -> Path:
    link = tmp_path / "gone.jsonl"
    link.symlink_to(tmp_path / "nowhere.jsonl")
    return link


@pytest.mark.parametrize("make,code,detail", [
    (lambda t: (t / "e.jsonl").write_bytes(b"") and t / "e.jsonl" or t / "e.jsonl", "E116", "the file is empty (0 bytes)"),
    (lambda t: (t / "e.warc").write_bytes(b"") and t / "e.warc" or t / "e.warc", "E116", "the file is empty (0 bytes)"),
    (lambda t: (t / "b.jsonl").write_bytes(b"\n  \n\n") and t / "b.jsonl", "E116", "3 lines, all blank"),
    (lambda t: (t / "a.json").write_bytes(b"[]") and t / "a.json", "E116", "an empty JSON array"),
    (lambda t: (t / "f.rss").write_text('<rss version="2.0"><channel><title>Quiet</title></channel></rss>')
     and t / "f.rss", "E116", "the rss20 feed has no items"),
    (lambda t: (t / "d").mkdir() or t / "d", "E116", "the folder holds no files"),
    (lambda t: (t / "h").mkdir() or (t / "h" / ".x.txt").write_text("x") and t / "h", "E116",
     "the folder holds no files (1 hidden files skipped)"),
    (_broken_link, "E107", None),
])
def test_an_empty_input_says_what_was_read(tmp_path: Path, make, code: str, detail: str | None) -> None:
    path = make(tmp_path)
    (r,) = ingest.load([path])
    assert isinstance(r, Rejection) and (r.input, r.code) == (str(path), code)
    want = detail or f"broken symbolic link to {tmp_path / 'nowhere.jsonl'}"
    assert r.message == Code[code].format(detail=want)


def test_a_warc_without_articles_says_what_it_held(write) -> None:
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    writer.write_record(writer.create_warcinfo_record("x.warc.gz", {"software": "test"}))
    (r,) = ingest.load([write("x.warc.gz", buf.getvalue())])
    assert r.code == "E116" and r.message == Code.E116.format(detail="1 warcinfo; no HTTP 200 HTML response record")


def test_empty_stdin_says_so() -> None:
    (r,) = ingest.load(["-"], stdin=io.BytesIO(b""))
    assert (r.input, r.code, r.message) == ("<stdin>", "E116", Code.E116.format(detail="standard input is empty (0 bytes)"))


def test_readme_and_license_in_a_folder_are_skipped_by_name(tmp_path: Path, write) -> None:
    write("in/README.md", "# Articles\n\nThis folder holds the articles we collected in May for the project.")
    write("in/LICENSE", "Permission is hereby granted, free of charge, to any person obtaining a copy.")
    write("in/story.txt", ARTICLE_TEXT)
    arts, rej = _split(list(ingest.load([tmp_path / "in"])))
    assert [a.input for a in arts] == [str(tmp_path / "in" / "story.txt")]
    assert [(Path(r.input).name, r.code) for r in rej] == [("LICENSE", "E115"), ("README.md", "E115")]
    assert rej[1].message == Code.E115.format(detail="README.md is a project file, skipped by its name")
    (named,) = ingest.load([tmp_path / "in" / "README.md"])  # named on its own, it is read as asked
    assert isinstance(named, Article)


# --- a million bad lines ------------------------------------------------------------------------

def test_rejections_are_counted_all_but_sampled(tmp_path: Path, write) -> None:
    path = write("bad.jsonl", "{not json\n" * 3000 + GOOD + '{"text": 1}\n' * 5)
    summary = api.ingest([path], db=str(tmp_path / "t.db"), settings=Settings(rejection_sample=50),
                         assign_stories=False)
    assert (summary.ingested, summary.rejected) == (1, 3005)
    assert dict(summary.rejection_counts) == {"E101": 3000, "E109": 5}
    assert [r.input for r in summary.rejections] == [f"{path}:{n}" for n in range(1, 51)]
    with api.open_store(str(tmp_path / "t.db")) as store:
        assert len(store.rejections()) == 3005
