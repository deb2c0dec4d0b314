"""The news segmenter that fixes sentence boundaries inside the pipeline."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from copydesk.text.segment import split as sentences

CASES: list[tuple[str, list[str]]] = [
    ("The U.S. Army said on Tuesday that it would send more engineers. The deployment begins next week.",
     ["The U.S. Army said on Tuesday that it would send more engineers.", "The deployment begins next week."]),
    ("Lt. Col. Maria Reyes briefed Sen. Tom Hall on Feb. 12 about the drills. Gen. Avery Stone attended.",
     ["Lt. Col. Maria Reyes briefed Sen. Tom Hall on Feb. 12 about the drills.", "Gen. Avery Stone attended."]),
    ("The contract is worth $1.5 million. It runs until 2027.",
     ["The contract is worth $1.5 million.", "It runs until 2027."]),
    ("Reporters gathered outside No. 10 Downing St. on Monday. The prime minister did not appear.",
     ["Reporters gathered outside No. 10 Downing St. on Monday.", "The prime minister did not appear."]),
    ("The vote is set for 9 a.m. Thursday in the council chamber. Protesters plan to attend.",
     ["The vote is set for 9 a.m. Thursday in the council chamber.", "Protesters plan to attend."]),
    ("The meeting ended at 4 p.m. The mayor left without comment.",
     ["The meeting ended at 4 p.m.", "The mayor left without comment."]),
    ("He moved to the U.S. The family followed a year later.",
     ["He moved to the U.S.", "The family followed a year later."]),
    ("“Is this the end?” she asked. Nobody answered.",
     ["“Is this the end?” she asked.", "Nobody answered."]),
    ("“We will rebuild,” the mayor said. “Every house.”",
     ["“We will rebuild,” the mayor said.", "“Every house.”"]),
    ("Harbor Freight Inc. said sales rose 4.2%. Analysts had expected more.",
     ["Harbor Freight Inc. said sales rose 4.2%.", "Analysts had expected more."]),
    ("Dr. Amara Osei, a professor at St. Luke's, disagreed. She cited three studies.",
     ["Dr. Amara Osei, a professor at St. Luke's, disagreed.", "She cited three studies."]),
    ("The company was founded by John F. Kennedy Jr. in the 1990s. It closed in 2001.",
     ["The company was founded by John F. Kennedy Jr. in the 1990s.", "It closed in 2001."]),
    ("Officials said the fire started around 3 a.m. Police have not named a suspect!  More details soon...",
     ["Officials said the fire started around 3 a.m.", "Police have not named a suspect!", "More details soon..."]),
    ("Prices rose 3.5 per cent in March, e.g. for bread and milk. Wages did not keep up.",
     ["Prices rose 3.5 per cent in March, e.g. for bread and milk.", "Wages did not keep up."]),
    ("BRENFORD, March 3 (Wire) - Dockworkers walked out on Monday.\n\nThe strike is the first in a decade",
     ["BRENFORD, March 3 (Wire) - Dockworkers walked out on Monday.", "The strike is the first in a decade"]),
    ("Storm shuts airport\n\nFlights were cancelled on Sunday. Buses replaced trains.",
     ["Storm shuts airport", "Flights were cancelled on Sunday.", "Buses replaced trains."]),
    ("The report was\nhard-wrapped across\nlines. It continues here.",
     ["The report was\nhard-wrapped across\nlines.", "It continues here."]),
    ("The U.N. Security Council met on Friday. Russia abstained.",
     ["The U.N. Security Council met on Friday.", "Russia abstained."]),
    ("Turnout was 61.3 percent. In 2019 it was 58.",
     ["Turnout was 61.3 percent.", "In 2019 it was 58."]),
    ("The team won 3-1. 12 fans were injured.", ["The team won 3-1.", "12 fans were injured."]),
    ("Gov. Ana Ruiz (D-Calif.) voted no. Sen. Bob Ford (R-Tex.) voted yes.",
     ["Gov. Ana Ruiz (D-Calif.) voted no.", "Sen. Bob Ford (R-Tex.) voted yes."]),
    ("The attack happened at approx. 3 p.m. local time. Two died.",
     ["The attack happened at approx. 3 p.m. local time.", "Two died."]),
    ("The company, Acme Corp., said revenue rose. Acme Corp. Chief Executive Jo Lin declined to comment.",
     ["The company, Acme Corp., said revenue rose.", "Acme Corp. Chief Executive Jo Lin declined to comment."]),
    ("She earned a Ph.D. from Yale. Mr. and Mrs. Okafor attended.",
     ["She earned a Ph.D. from Yale.", "Mr. and Mrs. Okafor attended."]),
    ("Gen. Charles Q. Brown Jr. spoke. He was brief.", ["Gen. Charles Q. Brown Jr. spoke.", "He was brief."]),
    ("Smith, 45, of Springfield, Mass., was charged. He pleaded not guilty.",
     ["Smith, 45, of Springfield, Mass., was charged.", "He pleaded not guilty."]),
    ('Asked why, he said "No comment." Reporters left.', ['Asked why, he said "No comment."', "Reporters left."]),
]


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
