"""Markdown output: article text never becomes markup, a link or code when GitHub renders the file."""

from __future__ import annotations

import dataclasses
import html
import re
from typing import Any

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk import report
from copydesk.models import Rejection
from copydesk.pipeline import Analysis
from copydesk.report.markdown import _md

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![x](https://evil.example/p.png)",
    "see https://evil.example/x and www.evil.example",
    "write to tips@evil.example",
    "**bold** _it_ ~~gone~~ `code` $x^2$",
    "<!-- hidden --> &lt;b&gt; &amp;",
    "a | b | c",
    "# not a heading",
]


def _gfm(md: str) -> str:
    """GitHub's own renderer, with raw HTML let through (the worst case for a viewer)."""
    return cmarkgfm.github_flavored_markdown_to_html(md, options=Options.CMARK_OPT_UNSAFE)


def _tags(rendered: str) -> set[str]:
    return {t.lower() for t in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", rendered)}


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_renders_as_its_own_words(text: str) -> None:
    out = _gfm("- " + _md(text))
    assert _tags(out) == {"ul", "li"}, out
    shown = html.unescape(re.sub(r"<[^>]+>", "", out)).replace("\u2060", "").strip()
    assert shown == " ".join(text.split())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>&[]()!*_`~#|:/@.$\\-=+ \nhtpswjavcriptleo1x")), max_size=60))
def test_any_text_is_inert(text: str) -> None:
    out = _gfm("- " + _md(text))
    assert _tags(out) <= {"ul", "li"}, (text, out)
    shown = html.unescape(re.sub(r"<[^>]+>", "", out)).replace("\u2060", "").strip()
    assert shown == " ".join(text.split()).strip()


def test_report_fields_from_inputs_are_escaped(analysis: Analysis) -> None:
    evil = "<script>alert(1)</script>"
    arts = tuple(dataclasses.replace(a, source=a.source + evil, title=f"[x](javascript:alert(1)) {evil}")
                 for a in analysis.articles)
    rej = (Rejection(input=f"`{evil}`.jsonl", stage="ingest", code="E101", message=f"bad {evil}"),)
    doc: dict[str, Any] = report.build(dataclasses.replace(analysis, articles=arts, rejections=rej))
    out = _gfm(report.to_markdown(doc))
    assert "<script" not in out and not re.search(r"<a\b", out) and not re.search(r"<code\b", out)
    assert "&lt;script&gt;" in out


def test_a_plain_article_reads_plainly() -> None:
    text = "Some 4,000 residents were evacuated, officials said."
    assert _md(text) == text
