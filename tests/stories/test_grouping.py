"""Batch and streaming story grouping on hand-built streams and on the seed articles."""

from __future__ import annotations

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from copydesk import stories
from copydesk.models import Article, Story
from copydesk.settings import Settings
from copydesk.stories import StoryStream, compare
from copydesk.stories.features import body_terms, headline

from story_texts import (BUDGET, QUAKE_1, QUAKE_1B, QUAKE_2, STRIKE_1, STRIKE_1B, STRIKE_2, WIRE, art)

S = Settings.load()


def partition(result: list) -> set[frozenset[str]]:
    return {frozenset(s.article_ids) for s in result}


def both(articles: list[Article]) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
    stream = StoryStream(S)
    for a in articles:
        stream.add(a)
    return partition(stories.group(articles, S)), partition(stream.stories())


@pytest.mark.parametrize("name, articles, expected", [
    ("two earthquakes a week apart",
     [art("q1", QUAKE_1, "2024-03-05"), art("q1b", QUAKE_1B, "2024-03-06", source="Coast Post"),
      art("q2", QUAKE_2, "2024-03-13")],
     {frozenset({"q1", "q1b"}), frozenset({"q2"})}),
    ("two strikes on one city a week apart",
     [art("s1", STRIKE_1, "2024-06-03"), art("s1b", STRIKE_1B, "2024-06-04", source="Eastern Wire"),
      art("s2", STRIKE_2, "2024-06-11"), art("b", BUDGET, "2024-06-04")],
     {frozenset({"s1", "s1b"}), frozenset({"s2"}), frozenset({"b"})}),
    ("out-of-order arrival joins its story",
     [art("q1b", QUAKE_1B, "2024-03-06", source="Coast Post"), art("b", BUDGET, "2024-03-06"),
      art("q1", QUAKE_1, "2024-03-05")],
     {frozenset({"q1", "q1b"}), frozenset({"b"})}),
])
def test_grouping_batch_and_stream(name: str, articles: list[Article], expected: set) -> None:
    batch, stream = both(articles)
    assert batch == expected, name
    assert stream == expected, name


def test_syndicated_copy_joins_story_and_is_a_copy() -> None:
    a = art("w1", WIRE, "2024-05-02", source="Norland Wire")
    b = art("w2", WIRE, "2024-05-02", source="Harbour Times")
    c = art("b", BUDGET, "2024-05-02")
    assert partition(stories.group([a, b, c], S)) == {frozenset({"w1", "w2"}), frozenset({"b"})}
    links = stories.find_copies([a, b, c], S)
    assert [(x.a, x.b, x.kind) for x in links] == [("w1", "w2", "syndicated")]


def test_stable_ids_under_more_arrivals() -> None:
    stream = StoryStream(S)
    first = [art("q1", QUAKE_1, "2024-03-05"), art("s1", STRIKE_1, "2024-03-05")]
    ids = [stream.add(a) for a in first]
    later = [art("q1b", QUAKE_1B, "2024-03-06"), art("s1b", STRIKE_1B, "2024-03-06"),
             art("b", BUDGET, "2024-03-06"), art("q2", QUAKE_2, "2024-03-14")]
    more = [stream.add(a) for a in later]
    assert more[:2] == ids
    assert [stream.story_of("q1"), stream.story_of("s1")] == ids
    assert len(set(more)) == 4
    kinds = [e["kind"] for e in stream.events]
    assert kinds.count("open") == 4 and kinds.count("join") == 2


def test_same_article_twice_is_assigned_once() -> None:
    stream = StoryStream(S)
    a = art("q1", QUAKE_1, "2024-03-05")
    assert stream.add(a) == stream.add(a)
    assert stream.stories()[0].article_ids == ("q1",)


def test_compare_reports_differences() -> None:
    arts = [art("q1", QUAKE_1, "2024-03-05"), art("q1b", QUAKE_1B, "2024-03-06")]
    together = stories.group(arts, S)
    apart = [Story(id=s, title="t", article_ids=(a,)) for s, a in (("x1", "q1"), ("x2", "q1b"))]
    assert compare(together, together) == []
    assert compare(together, apart) != []


def test_story_labels() -> None:
    arts = [art("q1", QUAKE_1, "2024-03-05", title="Quake kills 32 in Valmira"),
            art("q1b", QUAKE_1B, "2024-03-06", title="Valmira death toll rises after quake")]
    (story,) = stories.group(arts, S)
    assert story.title in {"Quake kills 32 in Valmira", "Valmira death toll rises after quake"}
    assert (story.first_seen, story.last_seen) == ("2024-03-05", "2024-03-06")


@pytest.mark.parametrize("text, present, absent", [
    ("President Joe Biden met NATO leaders in Brussels.", ["e:biden", "e:nato", "e:brussels"], ["e:met"]),
    ("The toll rose to 1,200 in 2024.", ["n:1200", "n:2024"], ["e:the"]),
    ("Russia’s army advanced.", ["e:russia"], ["e:russia’s"]),
])
def test_body_terms(text: str, present: list[str], absent: list[str]) -> None:
    terms = body_terms(text)
    for t in present:
        assert t in terms
    for t in absent:
        assert t not in terms


def test_headline_from_first_line() -> None:
    a = art("x", "Storm Floods Coastal Towns\nHeavy rain fell for two days across the coast.")
    assert headline(a) == "Storm Floods Coastal Towns"
    assert headline(art("y", "Heavy rain fell. It did not stop.")) == ""


def test_seeds_form_one_story_and_storyline(seed_articles: list[Article]) -> None:
    nov = {"seed-001", "seed-002", "seed-003", "seed-004"}
    for result in (stories.group(seed_articles, S), _stream(seed_articles).stories()):
        by_article = {aid: s for s in result for aid in s.article_ids}
        assert {by_article[a].id for a in nov} == {by_article["seed-001"].id}
        april, november = by_article["seed-000"], by_article["seed-001"]
        assert april.id == november.id or (
            april.storyline_id is not None and april.storyline_id == november.storyline_id)


def _stream(articles: list[Article]) -> StoryStream:
    s = StoryStream(S)
    for a in articles:
        s.add(a)
    return s


def test_embeddings_requested_but_absent_falls_back_to_lexical() -> None:
    arts = [art("q1", QUAKE_1, "2024-03-05"), art("q1b", QUAKE_1B, "2024-03-06"), art("b", BUDGET, "2024-03-06")]
    with_emb = partition(stories.group(arts, Settings.load(use_embeddings=True)))
    assert with_emb == {frozenset({"q1", "q1b"}), frozenset({"b"})}


@hsettings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_body_terms_never_fail_and_are_typed(text: str) -> None:
    for term in body_terms(text):
        assert term[:2] in {"w:", "e:", "n:"} and len(term) > 2


def test_large_batches_go_through_the_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    from copydesk.stories import batch

    monkeypatch.setattr(batch, "MAX_BATCH", 2)
    arts = [art("q1", QUAKE_1, "2024-03-05"), art("q1b", QUAKE_1B, "2024-03-06"), art("b", BUDGET, "2024-03-06")]
    assert partition(stories.group(arts, S)) == {frozenset({"q1", "q1b"}), frozenset({"b"})}
