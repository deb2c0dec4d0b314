"""One cluster per real-world entity across the outlets of a story (align.entities)."""

from __future__ import annotations

import random
from typing import Mapping

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copydesk.align.entities import (
    EntityIndex, acronym_of, country_code, initials, is_description, normalize, person_name,
)
from copydesk.errors import CopydeskError
from copydesk.extract import extract
from copydesk.models import Article, Entity, Mention, Quote


def _story(texts: Mapping[str, str]) -> tuple[EntityIndex, dict[str, list[Mention]]]:
    arts = {k: Article(id=k, source=f"outlet-{k}", text=t) for k, t in texts.items()}
    ments = {k: extract(t, article_id=k) for k, t in texts.items()}
    return EntityIndex.build(arts, ments, story_id="story-1"), ments


def _cid(index: EntityIndex, texts: Mapping[str, str], aid: str, words: str) -> str | None:
    """The cluster of the first occurrence of ``words`` in article ``aid``."""
    start = texts[aid].index(words)
    return index.at(aid, start, start + len(words))


# --- names read for comparison ---------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("The Pentagon", "pentagon"),
    ("U.N.", "UN"),
    ("Kremlin's", "Kremlin"),
    ("the White House", "The White House"),
    ("NATO", "Nato"),
    ("Mt. Cook", "Mount Cook"),
])
def test_case_punctuation_and_articles_never_matter(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)


@pytest.mark.parametrize("name, first, last", [
    ("President Joe Biden", "joseph", "biden"),
    ("Joseph R. Biden Jr.", "joseph", "biden"),
    ("Mr. Biden", "", "biden"),
    ("Gov. J.B. Pritzker", "j", "pritzker"),
    ("Bashar al-Assad", "bashar", "assad"),
    ("Defense Secretary Lloyd Austin", "lloyd", "austin"),
])
def test_person_names_lose_titles_suffixes_and_short_forms(name: str, first: str, last: str) -> None:
    parts = person_name(name)
    assert parts is not None and (parts.first, parts.last) == (first, last)


@pytest.mark.parametrize("a, b, fits", [
    ("Joe Biden", "Joseph R. Biden", True),
    ("Joe Biden", "Hunter Biden", False),
    ("Biden", "Hunter Biden", True),
    ("J. Biden", "Jill Biden", True),
    ("H. Biden", "Joe Biden", False),
    ("John Kirby", "John Kirk", False),
])
def test_person_name_fit(a: str, b: str, fits: bool) -> None:
    pa, pb = person_name(a), person_name(b)
    assert pa is not None and pb is not None
    assert pa.fits(pb) is fits and pb.fits(pa) is fits


@pytest.mark.parametrize("a, b", [("the U.S.", "United States"), ("US", "America"), ("Britain", "United Kingdom"),
                                  ("Russia", "Russian Federation")])
def test_countries_compare_by_code(a: str, b: str) -> None:
    assert country_code(a) is not None and country_code(a) == country_code(b)


@pytest.mark.parametrize("acro, full", [("NATO", "North Atlantic Treaty Organization"), ("U.N.", "United Nations"),
                                        ("FBI", "Federal Bureau of Investigation")])
def test_acronyms_are_initials(acro: str, full: str) -> None:
    assert acronym_of(acro) == initials(full)


@pytest.mark.parametrize("name, described", [
    ("the spokesman", True), ("The Pentagon spokesman", True), ("officials", True), ("U.S. officials", True),
    ("a senior official", True), ("The letter", True), ("the president", True), (None, True),
    ("Witnesses", True), ("Investigators", True),
    ("John Kirby", False), ("Mr. Biden", False), ("the White House", False), ("NATO", False), ("Adams", False),
    ("Reuters", False), ("Trump", False),
])
def test_descriptions_are_told_from_names(name: str | None, described: bool) -> None:
    assert is_description(name) is described


# --- clusters across outlets (the real extractor on news-shaped articles) --------------------

THREE_WAYS = {
    "a": "WASHINGTON — Defense Secretary Lloyd Austin said on Monday that the United States would send more "
         "air defense systems to Ukraine.",
    "b": "Lloyd J. Austin III told reporters in Brussels that more systems were coming. Allies welcomed the news.",
    "c": "Officials in Kyiv thanked Mr. Austin, who said the U.S. would not waver.",
}


def test_three_outlets_naming_one_official_three_ways_share_one_cluster() -> None:
    index, _ = _story(THREE_WAYS)
    ids = {_cid(index, THREE_WAYS, "a", "Lloyd Austin"), _cid(index, THREE_WAYS, "b", "Lloyd J. Austin III"),
           _cid(index, THREE_WAYS, "c", "Austin")}
    assert len(ids) == 1 and None not in ids
    cluster = index.cluster(ids.pop())
    assert cluster.type == "PERSON" and cluster.articles == ("a", "b", "c")
    assert {index.resolve("a", "Lloyd Austin"), index.resolve("b", "Austin"), index.resolve("c", "Mr. Austin")} \
        == {cluster.id}
    usa = {_cid(index, THREE_WAYS, "a", "United States"), _cid(index, THREE_WAYS, "c", "U.S.")}
    assert len(usa) == 1 and None not in usa


BIDENS = {
    "a": "President Joe Biden signed the bill on Friday. Biden said it would lower costs.",
    "b": "Hunter Biden, the president's son, appeared in court in Wilmington on Thursday.",
    "c": "Biden told donors the economy was strong.",
    "d": "President Biden will travel to Delaware this weekend, the White House said.",
}


def test_two_bidens_stay_apart_and_a_bare_surname_needs_the_articles_evidence() -> None:
    index, _ = _story(BIDENS)
    joe = _cid(index, BIDENS, "a", "Joe Biden")
    hunter = _cid(index, BIDENS, "b", "Hunter Biden")
    assert joe and hunter and joe != hunter
    assert _cid(index, BIDENS, "a", "Biden said") == joe  # the extractor's within-article merge
    bare = _cid(index, BIDENS, "c", "Biden")
    assert bare not in (joe, hunter)  # nothing in article c says which Biden
    assert _cid(index, BIDENS, "d", "Biden") == joe  # "President Biden": the title Joe Biden carries
    assert index.resolve("d", "Biden") == joe and index.resolve("c", "Biden") == bare
    assert index.cluster(joe).name == "Joe Biden" and index.cluster(hunter).name == "Hunter Biden"


ACRONYMS = {
    "a": "NATO leaders met in Vilnius as the U.N. warned of a food crisis.",
    "b": "The North Atlantic Treaty Organization pledged support, and the United Nations called for a ceasefire.",
    "c": "The Federal Bureau of Investigation opened an inquiry. The FBI declined to comment.",
}


def test_acronyms_link_to_the_names_they_abbreviate() -> None:
    index, _ = _story(ACRONYMS)
    assert _cid(index, ACRONYMS, "a", "NATO") == _cid(index, ACRONYMS, "b", "North Atlantic Treaty Organization")
    assert _cid(index, ACRONYMS, "a", "U.N.") == _cid(index, ACRONYMS, "b", "United Nations")
    assert _cid(index, ACRONYMS, "c", "FBI") == _cid(index, ACRONYMS, "c", "Federal Bureau of Investigation")
    assert _cid(index, ACRONYMS, "a", "NATO") != _cid(index, ACRONYMS, "a", "U.N.")


ROLES = {
    "named": "Pentagon spokesman John Kirby said the drills were routine. The spokesman added that no ships "
             "were damaged.",
    "appositive": "John Kirby, the Pentagon spokesman, said the drills were routine. Later the spokesman "
                  "said more were planned.",
    "unnamed": "The spokesman said the drills were routine. Officials declined to give numbers.",
    "governor": "Gov. John Kirby of Ohio signed the order. The governor said it would take effect at once.",
}


@pytest.mark.parametrize("aid, speaker, resolved", [
    ("named", "the spokesman", True),
    ("named", "The spokesman", True),
    ("named", "Kirby", True),
    ("appositive", "the spokesman", True),
    ("unnamed", "The spokesman", False),
    ("unnamed", "Officials", False),
    ("named", "officials", False),
    ("named", "a senior official", False),
    ("named", "spokesmen", False),
    ("named", None, False),
    ("governor", "the governor", True),
    ("named", "John", True),
    ("named", "the Pentagon spokesman", True),
    ("named", "the State Department spokesman", False),
    ("named", "Officer Kirby", True),
    ("governor", "the senator", False),
])
def test_role_nouns_resolve_only_where_the_article_names_the_holder(aid: str, speaker: str | None,
                                                                     resolved: bool) -> None:
    index, _ = _story(ROLES)
    kirby = _cid(index, ROLES, "named", "John Kirby")
    assert kirby is not None and _cid(index, ROLES, "appositive", "John Kirby") == kirby
    assert index.resolve(aid, speaker) == (kirby if resolved else None)


def test_a_description_must_fit_the_holder_it_names() -> None:
    texts = {"a": "President Joe Biden spoke with Volodymyr Zelensky on Monday. The Ukrainian president asked for "
                  "more air defense. The president promised help."}
    index, _ = _story(texts)
    biden = _cid(index, texts, "a", "Joe Biden")
    assert index.resolve("a", "the Ukrainian president") is None
    assert _cid(index, texts, "a", "The Ukrainian president") != biden
    assert index.resolve("a", "the president") == biden


def test_a_resolved_description_is_a_mention_of_its_holder() -> None:
    index, _ = _story(ROLES)
    kirby = _cid(index, ROLES, "named", "John Kirby")
    assert _cid(index, ROLES, "named", "The spokesman") == kirby
    assert _cid(index, ROLES, "unnamed", "The spokesman") is None


def test_quote_speakers_resolve_to_clusters() -> None:
    index, ments = _story(ROLES)
    kirby = _cid(index, ROLES, "named", "John Kirby")
    quotes = [(aid, m.value) for aid, ms in ments.items() for m in ms if isinstance(m.value, Quote)]
    named = [index.resolve(aid, q.speaker) for aid, q in quotes if aid in ("named", "appositive")]
    assert named and set(named) == {kirby}
    assert {index.speaker(aid, q) for aid, q in quotes if aid in ("named", "appositive")} == {kirby}
    unnamed = [q for aid, q in quotes if aid == "unnamed"]
    assert unnamed and all(index.speaker("unnamed", q) is None for q in unnamed)


def test_an_anonymous_source_stays_none() -> None:
    texts = {"a": "A senior official, who spoke on condition of anonymity, said John Kirby would resign."}
    index, ments = _story(texts)
    quotes = [m.value for m in ments["a"] if isinstance(m.value, Quote)]
    assert quotes and all(index.speaker("a", q) is None for q in quotes)
    assert index.speaker("a", Quote("John Kirby", None, None, None, False, anonymous=True)) is None
    assert index.speaker("a", Quote("John Kirby", None, None, None, False)) == _cid(index, texts, "a", "John Kirby")


CASES = {
    "a": "The White House said the letter arrived on Monday. NASA confirmed the launch date.",
    "b": "THE WHITE HOUSE said The letter arrived. The White House added that NASA had agreed.",
}


def test_case_never_splits_an_entity_and_a_common_noun_is_none() -> None:
    index, _ = _story(CASES)
    assert index.resolve("a", "the White House") == index.resolve("b", "The White House") is not None
    assert index.resolve("a", "the letter") is None and index.resolve("b", "The letter") is None
    assert _cid(index, CASES, "a", "NASA") == _cid(index, CASES, "b", "NASA")


def test_a_capital_or_a_seat_of_government_stands_for_its_state() -> None:
    texts = {"a": "Moscow deployed 50,000 troops, the Kremlin said.",
             "b": "Russia moved 50,000 soldiers to the border.",
             "c": "Talks in Washington and Paris went on."}
    index, _ = _story(texts)
    russia = _cid(index, texts, "b", "Russia")
    moscow = _cid(index, texts, "a", "Moscow")
    assert russia and moscow and moscow != russia  # two entities, one standing for the other
    assert index.stands_for(moscow) == russia and index.stands_for(_cid(index, texts, "a", "Kremlin") or "") == russia
    assert index.stands_for(russia) is None
    assert index.stands_for(_cid(index, texts, "c", "Washington") or "") is None  # no United States in the story


def test_within_a_sentence_and_cluster_lookup() -> None:
    index, _ = _story(BIDENS)
    first = BIDENS["a"].index(".") + 1
    assert index.within("a", 0, first) == frozenset({_cid(index, BIDENS, "a", "Joe Biden")})
    assert index.within("a", 0, 0) == frozenset()
    with pytest.raises(CopydeskError) as err:
        index.cluster("nope")
    assert err.value.code.name == "E402"


def test_ids_are_stable_content_ids_of_story_and_name() -> None:
    from copydesk.models import content_id

    index, _ = _story(THREE_WAYS)
    again, _ = _story(THREE_WAYS)
    assert [c.id for c in index.clusters] == [c.id for c in again.clusters]
    austin = index.cluster(_cid(index, THREE_WAYS, "a", "Lloyd Austin") or "")
    assert austin.id == content_id("story-1", austin.name)


# --- the linking rules on given mentions (the recognizer's types and spans as they come) -------

def _given(rows: list[tuple[str, str, str]]) -> tuple[EntityIndex, list[tuple[str, int, int]]]:
    """An index over mentions given as (article, words, type); each article's text is its words in order."""
    texts: dict[str, str] = {}
    spans, ments = [], {}
    for aid, words, kind in rows:
        text = texts.get(aid, "")
        start = len(text)
        texts[aid] = text + words + " spoke. "
        spans.append((aid, start, start + len(words)))
        ments.setdefault(aid, []).append(Mention("entity", start, start + len(words), Entity(kind, words), aid))
    arts = {a: Article(id=a, source=a, text=t) for a, t in texts.items()}
    return EntityIndex.build(arts, ments, story_id="s"), spans


@pytest.mark.parametrize("rows, groups", [
    # the recognizer typed one outlet's "Barack Obama" an organisation: the same full name is one entity
    ([("a", "Barack Obama", "PERSON"), ("b", "Barack Obama", "ORG")], [0, 0]),
    # a single word spelt the same but typed a person and a place stays apart ("Jackson")
    ([("a", "Jackson", "PERSON"), ("b", "Jackson", "GPE")], [0, 1]),
    # a headline's words around the one full name of the story
    ([("a", "Maurice Cheeks", "PERSON"), ("c", "Maurice Cheeks", "PERSON"),
      ("b", "Sixers Hire Maurice Cheeks", "PERSON")], [0, 0, 0]),
    # ... even where another span error holds part of it; a name said once attracts nothing
    ([("a", "Jamal Williams", "PERSON"), ("b", "Jamal Williams", "PERSON"), ("c", "Jamal Williams Arrested", "PERSON"),
      ("d", "WILLIAMS ARRESTED", "PERSON")], [0, 0, 0, 1]),
    ([("a", "Lee Chan", "PERSON"), ("b", "Coach Lee Chan Arrives", "PERSON")], [0, 1]),
    # a surname typed a place is the person of its own article, not of another's
    ([("a", "Jackson", "GPE"), ("a", "Vincent Jackson", "PERSON"), ("b", "Jackson", "GPE")], [0, 0, 1]),
    # around two people's names it stays apart
    ([("a", "Craig Zadan", "PERSON"), ("a", "Neil Meron", "PERSON"), ("b", "Craig Zadan and Neil Meron", "PERSON")],
     [0, 1, 2]),
    # an organisation named after a person is no mention of him
    ([("a", "Robert Wood Johnson", "PERSON"), ("b", "Robert Wood Johnson Foundation", "ORG")], [0, 1]),
    # middle initials that differ are two people; the bare full name then joins neither
    ([("a", "George W. Bush", "PERSON"), ("b", "George H. W. Bush", "PERSON"), ("c", "George Bush", "PERSON")],
     [0, 1, 2]),
    ([("a", "George W. Bush", "PERSON"), ("c", "George Bush", "PERSON")], [0, 0]),
    # a generational suffix tells father from son; an article naming both keeps them apart everywhere
    ([("a", "Robert F. Kennedy Jr.", "PERSON"), ("b", "Robert F. Kennedy", "PERSON")], [0, 1]),
    ([("a", "Donald Trump", "PERSON"), ("a", "Donald Trump Jr.", "PERSON"), ("b", "Donald Trump", "PERSON")],
     [0, 1, 0]),
    ([("a", "Lloyd J. Austin III", "PERSON"), ("b", "Lloyd Austin", "PERSON")], [0, 0]),
    # short given names
    ([("a", "Mo Cheeks", "PERSON"), ("b", "Maurice Cheeks", "PERSON"), ("c", "Cheeks", "PERSON")], [0, 0, 0]),
    # an initial fits the full name it abbreviates, not another
    ([("a", "J. Biden", "PERSON"), ("b", "Joe Biden", "PERSON"), ("c", "Hunter Biden", "PERSON")], [0, 0, 1]),
    # "the Academy" is its article's one "Academy of ..."; not where the article names two
    ([("a", "Academy of Motion Picture Arts and Sciences", "ORG"), ("a", "Academy", "ORG")], [0, 0]),
    ([("a", "Academy of Sciences", "ORG"), ("a", "Academy of Arts", "ORG"), ("a", "Academy", "ORG")], [0, 1, 2]),
    # a nationality never links to its country
    ([("a", "American", "NORP"), ("b", "America", "GPE"), ("c", "U.S.", "GPE")], [0, 1, 1]),
    # two surnames in two articles with no full name are the same-string entity
    ([("a", "Kafoury", "PERSON"), ("b", "Kafoury", "PERSON")], [0, 0]),
])
def test_linking_rules(rows: list[tuple[str, str, str]], groups: list[int]) -> None:
    index, spans = _given(rows)
    got = [index.at(*sp) for sp in spans]
    assert None not in got
    for i in range(len(rows)):
        for j in range(len(rows)):
            assert (got[i] == got[j]) is (groups[i] == groups[j]), (rows[i], rows[j])


def test_a_name_never_runs_over_a_line_break() -> None:
    texts = {"a": "Obama Nominates Regina Benjamin\nPresident Barack Obama on Monday named Regina Benjamin as "
                  "surgeon general.",
             "b": "Barack Obama praised Regina Benjamin."}
    index, _ = _story(texts)
    assert all("\n" not in texts[a][s:e] for c in index.clusters for a, s, e in c.mentions)
    assert _cid(index, texts, "a", "Barack Obama") == _cid(index, texts, "b", "Barack Obama") is not None


@pytest.mark.parametrize("text, names", [
    ("Rep. Nancy Pelosi of California spoke on Tuesday.", ["Nancy Pelosi", "California"]),
    ("Gov. John Kirby of Ohio signed the order.", ["John Kirby", "Ohio"]),
    ("Producer Neil Meron and Craig Zadan will run the show.", ["Neil Meron", "Craig Zadan"]),
    ("Ships of the United States and the United Kingdom sailed.", ["United States", "United Kingdom"]),
    ("The FBI declined to comment.", ["FBI"]),
    ("WASHINGTON — The AMA backed the nominee.", ["WASHINGTON", "AMA"]),
    ("Talks between Russia and Ukraine stalled.", ["Russia", "Ukraine"]),
    ("The minister flew to Trinidad and Tobago on Friday.", ["Trinidad and Tobago"]),
    ("The European Union pledged aid.", ["European Union"]),
    ("Martin Luther King Jr. was born in Atlanta.", ["Martin Luther King Jr.", "Atlanta"]),
    ("Troy police Lt. Gerry Scherlinck said the suspect fled.", ["Gerry Scherlinck"]),
    ("Speaker of the House Mike Johnson said the vote would happen.", ["Mike Johnson"]),
    ("White House Press Secretary Karine Jean-Pierre spoke.", ["Karine Jean-Pierre"]),
])
def test_names_end_where_the_name_ends(text: str, names: list[str]) -> None:
    index, _ = _story({"a": text})
    got = {text[s:e] for c in index.clusters for _, s, e in c.mentions}
    assert set(names) <= got
    assert len({_cid(index, {"a": text}, "a", n) for n in names}) == len(names)
    types = {"FBI": "ORG", "AMA": "ORG", "WASHINGTON": "GPE"}
    for n in set(names) & set(types):
        assert index.cluster(_cid(index, {"a": text}, "a", n) or "").type == types[n], n


def test_a_surname_that_is_also_a_title_stays_his() -> None:
    texts = {"a": "Billy King said the team was ready. King added that the coach would stay.",
             "b": "Speaker of the House Mike Johnson said the vote would happen."}
    index, _ = _story(texts)
    second = texts["a"].index("King added")
    assert index.at("a", second, second + 4) == _cid(index, texts, "a", "Billy King") is not None
    assert {index.cluster(c.id).name for c in index.clusters if "b" in c.articles} == {"Mike Johnson"}


def test_a_surname_the_recognizer_took_for_a_place_is_the_person() -> None:
    texts = {"a": "Vincent Jackson was arrested on Sunday. Jackson, a wide receiver, was released on bail.",
             "b": "Wide receiver Vincent Jackson pleaded not guilty."}
    index, _ = _story(texts)
    second = texts["a"].index("Jackson,")
    assert index.at("a", second, second + 7) == _cid(index, texts, "b", "Vincent Jackson") is not None
    assert index.cluster(index.at("a", second, second + 7) or "").type == "PERSON"


# --- properties over arbitrary stories --------------------------------------------------------

_NAMES = ["Joe Biden", "Biden", "Hunter Biden", "NATO", "North Atlantic Treaty Organization", "U.S.", "United States",
          "Lloyd Austin", "Austin", "Kyiv", "Pentagon", "Mr. Kirby", "John Kirby"]
_TYPES = {"NATO": "ORG", "North Atlantic Treaty Organization": "ORG", "U.S.": "GPE", "United States": "GPE",
          "Kyiv": "GPE", "Pentagon": "ORG"}


@st.composite
def _articles(draw: st.DrawFn) -> tuple[dict[str, Article], dict[str, list[Mention]]]:
    arts: dict[str, Article] = {}
    ments: dict[str, list[Mention]] = {}
    for k in range(draw(st.integers(1, 4))):
        aid = f"art{k}"
        names = draw(st.lists(st.sampled_from(_NAMES), min_size=0, max_size=5))
        text, found = "", []
        for name in names:
            start = len(text)
            text += name + " said the spokesman was right. "
            canon = name.replace("Mr. ", "")
            found.append(Mention("entity", start + (4 if name.startswith("Mr.") else 0), start + len(name),
                                 Entity(_TYPES.get(name, "PERSON"), canon), aid))
        arts[aid] = Article(id=aid, source=aid, text=text)
        ments[aid] = found
    return arts, ments


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_articles(), st.randoms(use_true_random=False))
def test_clusters_partition_the_mentions_and_do_not_depend_on_article_order(
        story: tuple[dict[str, Article], dict[str, list[Mention]]], rnd: random.Random) -> None:
    arts, ments = story
    index = EntityIndex.build(arts, ments, story_id="s")
    seen = [m for c in index.clusters for m in c.mentions]
    assert len(seen) == len(set(seen))  # no mention in two clusters
    given_spans = {(m.article_id, m.start, m.end) for ms in ments.values() for m in ms}
    assert given_spans <= set(seen)  # every entity mention in one
    for c in index.clusters:
        assert c.mentions
        for aid, s, e in c.mentions:
            assert index.at(aid, s, e) == c.id
    backwards = EntityIndex.build(dict(reversed(list(arts.items()))), dict(reversed(list(ments.items()))),
                                  story_id="s")
    assert backwards.clusters == index.clusters
    shuffled = {k: rnd.sample(v, len(v)) for k, v in rnd.sample(list(ments.items()), len(ments))}
    assert EntityIndex.build(arts, shuffled, story_id="s").clusters == index.clusters
    assert EntityIndex.build(arts, ments, story_id="s").clusters == index.clusters
