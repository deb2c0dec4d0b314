"""Property tests: word diffs rebuild both sides; highlighting never loses or reorders text."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.report.highlight import highlight
from copydesk.report.quotes import word_diff

WORDS = st.lists(st.sampled_from(["the", "ship", "was", "carrying", "4,000", "containers,", "about", "“we", "will”",
                                  "not", "reopen."]), max_size=12).map(" ".join)


@given(WORDS, WORDS)
@settings(max_examples=150, deadline=None)
def test_word_diff_rebuilds_both_sides(a: str, b: str) -> None:
    ops = word_diff(a, b)
    assert " ".join(w for op, w in ops if op != "insert" and w) == " ".join(a.split())
    assert " ".join(w for op, w in ops if op != "delete" and w) == " ".join(b.split())


TEXT = st.text(alphabet=st.sampled_from(list("ab <&>\"'. \n“”")), max_size=80)


@given(TEXT, st.lists(st.tuples(st.integers(0, 80), st.integers(0, 80), st.sampled_from(["time", "quote", "entity"])),
                      max_size=6))
@settings(max_examples=200, deadline=None)
def test_highlight_keeps_the_text(text: str, spans: list[tuple[int, int, str]]) -> None:
    mentions = [{"kind": k, "start": min(s, e, len(text)), "end": min(max(s, e), len(text))} for s, e, k in spans]
    out = str(highlight(text, "art", mentions, links={(m["start"], m["end"]): "/x" for m in mentions}))
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text
    assert out.count("<span") == out.count("</span>") and out.count("<mark") == out.count("</mark>")
