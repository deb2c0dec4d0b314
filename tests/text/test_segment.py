"""The news segmenter that fixes sentence boundaries inside the pipeline."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from copydesk.text.segment import split as sentences
from sentence_cases import CASES



@pytest.mark.parametrize("text,expected", CASES)
def test_news_sentences(text: str, expected: list[str]) -> None:
    got = [text[s.start:s.end] for s in sentences(text)]
    assert got == expected


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n"])
def test_empty(text: str) -> None:
    assert sentences(text) == []


@given(st.lists(st.sampled_from(list("ab AB.!?\n“”\"'()$1,") + ["U.S.", "Gen.", " a.m. ", "\n\n", "No. 1"]),
                max_size=80).map("".join))
@hsettings(max_examples=400, deadline=None)
def test_spans_land_on_text(text: str) -> None:
    spans = sentences(text)
    prev = 0
    for s in spans:
        piece = text[s.start:s.end]
        assert piece and piece == piece.strip()
        assert s.start >= prev
        prev = s.end
    covered = "".join(text[s.start:s.end] for s in spans)
    assert covered.replace(" ", "").replace("\n", "") == "".join(text.split())


def test_speed_over_one_megabyte_per_second() -> None:
    text = "\n\n".join(t for t, _ in CASES) * 200
    t0 = time.perf_counter()
    n = len(sentences(text))
    dt = time.perf_counter() - t0
    assert n > 1000
    assert len(text) / dt > 1_000_000, f"{len(text) / dt / 1e6:.2f} MB/s"
