"""Plain text with sidecars, HTML pages, RSS and Atom feeds, WARC archives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copydesk import ingest
from copydesk.models import Article, Rejection

from ingest_samples import ARTICLE_TEXT, ATOM, NEWS_PAGE, RSS


def _by_input(items: list) -> dict[str, Article | Rejection]:
    return {i.input: i for i in items}


def test_txt_with_sidecar(write) -> None:
    txt = write("desk/bridge.txt", ARTICLE_TEXT + "\n")
    write("desk/bridge.json", json.dumps({"source": "Larkfield Gazette", "title": "Bridge to close",
                                          "published": "April 15, 2025", "byline": "P. Nandakumar",
                                          "id": "g-77", "desk": "metro"}))
    (a,) = ingest.load([txt.parent])  # the sidecar is not ingested on its own
    assert isinstance(a, Article)
    assert a.input == str(txt) and a.raw_format == "txt" and a.raw == ARTICLE_TEXT + "\n"
    assert a.text == ARTICLE_TEXT and a.source == "Larkfield Gazette" and a.title == "Bridge to close"
    assert a.published == "2025-04-15" and a.byline == "P. Nandakumar"
    assert a.meta == {"desk": "metro", "given_id": "g-77"}


def test_txt_without_sidecar_and_bad_sidecar(write) -> None:
    plain = write("plain.txt", ARTICLE_TEXT)
    (a,) = ingest.load([plain])
    assert a.source == "unknown" and a.title is None
    txt = write("b/bad.txt", ARTICLE_TEXT)
    write("b/bad.json", "{oops")
    write("c/list.txt", ARTICLE_TEXT)
    write("c/list.json", "[1]")
    items = list(ingest.load([txt, txt.parent.parent / "c"]))
    assert [(i.code, Path(i.input).name) for i in items] == [("E111", "bad.txt"), ("E111", "list.txt")]


def test_html_page(write) -> None:
    page = write("bridge.html", NEWS_PAGE)
    (a,) = ingest.load([page])
    assert isinstance(a, Article), a
    assert a.text == ARTICLE_TEXT
    assert a.title == "Larkfield to shut historic bridge for repairs"
    assert a.source == "Larkfield Gazette" and a.byline == "Priya Nandakumar"
    assert a.published == "2025-04-15T09:30:00-04:00"
    assert a.url == "https://www.larkfieldgazette.example/news/bridge-repairs"
    assert a.raw == NEWS_PAGE and a.raw_format == "html"
    assert {"share_prompt", "newsletter_prompt", "author_bio"} <= set(a.meta["boilerplate_removed"])
    for junk in ("Home", "You may also like", "Reuters", "Sign up", "©"):
        assert junk not in a.text


@pytest.mark.parametrize("html,code", [
    ("<html><body><div></div></body></html>", "E112"),
    ("<html><head><title>Nothing</title></head><body><nav>Home</nav></body></html>", "E102"),
    ("<html><body><p>Short.</p></body></html>", "E102"),
])
def test_html_without_article_text(write, html: str, code: str) -> None:
    page = write("empty.html", html)
    (r,) = ingest.load([page])
    assert isinstance(r, Rejection) and r.code == code


def test_rss(write) -> None:
    feed = write("valley.rss", RSS)
    items = _by_input(list(ingest.load([feed])))
    first, second, third = (items[f"{feed}#{i}"] for i in (1, 2, 3))
    assert isinstance(first, Article) and first.source == "Valley Courier"
    assert first.text == ("Workers completed the new flood barrier on the River Oust three weeks early, the council "
                          "said on Friday.\n\nThe barrier protects about 1,200 homes that flooded in 2019.")
    assert first.published == "2025-05-02T14:20:00+01:00" and first.raw_format == "rss"
    assert "<guid>vc-1001</guid>" in first.raw and first.meta["guid"] == "vc-1001"
    assert isinstance(second, Article) and second.text.startswith("Repairs to the roof of Millbrook")
    assert second.published == "2025-05-03T08:00:00+00:00"
    assert isinstance(third, Rejection) and third.code == "E104"


def test_atom(write) -> None:
    feed = write("ledger.atom", ATOM)
    (a,) = ingest.load([feed])
    assert isinstance(a, Article) and a.raw_format == "atom" and a.input == f"{feed}#1"
    assert a.text.endswith("About 40 sailings were cancelled.") and "\n\n" in a.text
    assert a.source == "Northern Ledger" and a.byline == "Tomasz Wren"
    assert a.published == "2025-06-01T11:45:00+00:00" and a.url == "https://northernledger.example/ferry-resumes"


def test_xml_that_is_not_a_feed_is_e106(write) -> None:
    f = write("sitemap.xml", '<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></urlset>')
    (r,) = ingest.load([f])
    assert r.code == "E106"


def test_warc(warc_file: Path) -> None:
    items = list(ingest.load([warc_file]))
    arts = [i for i in items if isinstance(i, Article)]
    rejs = [i for i in items if isinstance(i, Rejection)]
    assert [a.url for a in arts] == ["https://larkfieldgazette.example/news/bridge-repairs",
                                     "https://larkfieldgazette.example/news/market"]
    assert arts[0].text == ARTICLE_TEXT and arts[0].raw_format == "warc"
    assert arts[0].fetched == "2025-04-16T01:02:03+00:00" and arts[0].raw == NEWS_PAGE
    assert arts[0].input == f"{warc_file}@2" and "warc_record_id" in arts[0].meta
    assert arts[1].text.startswith("The covered market hall")
    assert [(r.code, r.input) for r in rejs] == [("E103", f"{warc_file}@5")]


def test_damaged_warc_is_e110_and_keeps_earlier_records(warc_file: Path, write) -> None:
    damaged = write("damaged.warc.gz", warc_file.read_bytes() + b"WARC/1.0\r\nWARC-Type: response\r\nbroken")
    items = list(ingest.load([damaged]))
    assert [type(i).__name__ for i in items] == ["Article", "Rejection", "Article", "Rejection"]
    assert items[-1].code == "E110" and items[-1].input == f"{damaged}@8"
    garbage = write("garbage.warc", b"WARC/1.0\r\nthis is not a record\r\n\r\n")
    (r,) = ingest.load([garbage])
    assert r.code == "E110" and r.input == f"{garbage}@1"


def test_feed_content_naming_a_file_is_not_opened(write) -> None:
    secret = write("secret.rss", RSS)
    f = write("pointer.xml", str(secret).encode())
    (r,) = ingest.load([f])
    assert r.code == "E106"
