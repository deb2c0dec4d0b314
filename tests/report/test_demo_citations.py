"""Every citation of the bundled example, in JSON, Markdown and HTML, holds the words it cites."""

from __future__ import annotations

import html as htmllib
import re
from typing import Any

import pytest

from copydesk import api, report


@pytest.fixture(scope="module")
def demo_doc() -> dict[str, Any]:
    doc = api.analyze([str(p) for p in api.demo_paths()], store=False)
    report.validate(doc)
    return doc


def _cited(doc: dict[str, Any]) -> list[tuple[dict[str, Any], list[str]]]:
    """(citation, the claim's words in that article) for every brief citation."""
    out = []
    for st in doc["stories"]:
        claims = {c["id"]: c for c in st["claims"]}
        for b in st["brief"]:
            for c in b["citations"]:
                words = [m["text"] for m in claims[b["claim"]]["mentions"] if m["article"] == c["article"]]
                out.append((c, words))
    return out


def test_json_citations_hold_their_words(demo_doc: dict[str, Any]) -> None:
    texts = {a["id"]: a["text"] for a in demo_doc["articles"]}
    pairs = _cited(demo_doc)
    if not pairs:
        pytest.skip("no claims in the bundled example yet")
    for c, words in pairs:
        span = texts[c["article"]][c["start"]:c["end"]]
        assert words and any(w in span for w in words), (c, words)
    for st in demo_doc["stories"]:
        for part in ("timeline", "quotes"):
            for item in st[part]:
                for m in item["mentions"]:
                    assert texts[m["article"]][m["start"]:m["end"]] == m["text"]


def test_markdown_citations_hold_their_words(demo_doc: dict[str, Any]) -> None:
    texts = {a["id"][:8]: a["text"] for a in demo_doc["articles"]}
    md = report.to_markdown(demo_doc)
    refs = re.findall(r"\[([^\[\]]+?) (\d+)–(\d+), (\w+)\]", md)
    if not _cited(demo_doc):
        pytest.skip("no claims in the bundled example yet")
    assert refs
    for c, words in _cited(demo_doc):
        src = next(a["source"] for a in demo_doc["articles"] if a["id"] == c["article"])
        assert (src, str(c["start"]), str(c["end"]), c["article"][:8]) in refs
        span = texts[c["article"][:8]][c["start"]:c["end"]]
        assert any(w in span for w in words)
    for _, s, e, aid in refs:
        assert aid in texts and int(e) <= len(texts[aid])


def test_html_citations_land_on_sentences_holding_their_words(demo_doc: dict[str, Any]) -> None:
    page = report.to_html(demo_doc)
    pairs = _cited(demo_doc)
    if not pairs:
        pytest.skip("no claims in the bundled example yet")
    for c, words in pairs:
        anchor = f"a-{c['article']}-{c['start']}"
        assert f'href="#{anchor}"' in page
        m = re.search(rf'<span class="sent[^"]*" id="{re.escape(anchor)}">((?:(?!<span).)*?)</span>',
                      page, re.S)
        assert m, anchor
        shown = htmllib.unescape(re.sub(r"<[^>]+>", "", m.group(1)))
        assert any(w in shown for w in words), (anchor, words)
