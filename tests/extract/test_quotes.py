"""Quotes and attributions on the parse: parts, speakers, back-references, polarity and modality.

Every sentence here is written for these tests in the shape of real news copy.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.extract import entities, quotes
from copydesk.extract.quote_cues import CueLexicon
from copydesk.models import Mention, Quote, Span
from copydesk.store import codec
from copydesk.text import parse

REPO = Path(__file__).resolve().parents[2]
POLNEAR = REPO.parent / "shared" / "data" / "polnear"
FUNCTION_WORDS = {"but", "and", "that", "this", "it", "what", "which", "who", "there", "when", "if", "as", "so"}


def _mentions(text: str) -> list[Mention]:
    doc = parse(text)
    return quotes.find(text, doc=doc, entities=entities.find(text, doc=doc))


def _quotes(text: str) -> list[Quote]:
    return [m.value for m in _mentions(text) if isinstance(m.value, Quote)]


def _cut(text: str, sp: Span | None) -> str | None:
    return sp.of(text) if sp else None


def _parts(text: str, q: Quote) -> tuple[str | None, str | None, str | None]:
    return _cut(text, q.speaker_span), _cut(text, q.cue_span), _cut(text, q.content_span)


@pytest.mark.parametrize("text, speaker, cue, content, direct", [
    # direct, tag after
    ("“We are ready to help,” the minister said.", "the minister", "said", "“We are ready to help,”", True),
    ('"The bridge is closed," said Olga Marsh.', "Olga Marsh", "said", '"The bridge is closed,"', True),
    # direct, tag before (colon)
    ("Harbour master Ivo Brandt told the crowd: “Nobody will be left behind.”", "Ivo Brandt", "told",
     "“Nobody will be left behind.”", True),
    # indirect: subject, cue, clausal complement
    ("The governor said that the roads would reopen on Monday.", "The governor", "said",
     "the roads would reopen on Monday", False),
    ("The company confirmed it had laid off 200 workers.", "The company", "confirmed",
     "it had laid off 200 workers", False),
    # indirect: content first, parenthetical tag after
    ("The convoy reached the city before dawn, the army reported.", "the army", "reported",
     "The convoy reached the city before dawn", False),
    # according to
    ("Prices rose 4 percent in March, according to the statistics office.", "the statistics office",
     "according to", "Prices rose 4 percent in March", False),
    # told + addressee
    ("The mayor told reporters that the water was safe to drink.", "The mayor", "told",
     "the water was safe to drink", False),
])
def test_attribution_parts(text: str, speaker: str, cue: str, content: str, direct: bool) -> None:
    qs = _quotes(text)
    assert [_parts(text, q) for q in qs] == [(speaker, cue, content)]
    assert qs[0].direct is direct


@pytest.mark.parametrize("text, speaker, content_has", [
    # “A,” he said, “B.” — the tag inside one quote
    ("“The ferry will run,” Captain Ana Silva said, “but only twice a day.”", "Ana Silva", "twice a day"),
    # “A,” he said. “B.” — the sentence after the tag continues the quote
    ("“We will hold the line,” General Piet Kroon said. “It will take time.”", "Piet Kroon", "take time"),
    # a paragraph opening a quote without closing it continues into the next
    ("Chief engineer Mara Velez said:\n\n“The first pump failed at dawn.\n\n“The second one is holding.”",
     "Mara Velez", "second one is holding"),
])
def test_direct_quote_shapes(text: str, speaker: str, content_has: str) -> None:
    qs = _quotes(text)
    assert len(qs) == 1, [_parts(text, q) for q in qs]
    assert qs[0].speaker == speaker and qs[0].direct
    assert content_has in _cut(text, qs[0].content_span)


@pytest.mark.parametrize("text, speaker", [
    ("Okafor: Port strike will cost growers millions", "Okafor"),
    ("Senator Hale: “We have the votes”", "Hale"),
])
def test_headline_and_colon_attributions(text: str, speaker: str) -> None:
    assert [q.speaker for q in _quotes(text)] == [speaker]


@pytest.mark.parametrize("text", [
    "Update: the council vote has been moved to Thursday evening.",
    "Photo: firefighters on the roof of the depot after the blaze",
])
def test_headline_rule_skips_labels(text: str) -> None:
    assert _quotes(text) == []


# --- failures named in issue 9 -------------------------------------------------------------

@pytest.mark.parametrize("text, speaker", [
    ("That, the union said, was the final offer on the table.", "the union"),
    ("But when asked about the delay, Mayor Ines Varga said the money had run out.", "Ines Varga"),
    ("This would change everything for the port, the treasurer warned.", "the treasurer"),
    ("And it was the pilots who said the runway lights had failed.", "the pilots"),
])
def test_no_function_word_speakers(text: str, speaker: str) -> None:
    qs = _quotes(text)
    assert [q.speaker for q in qs] == [speaker]
    assert not any((q.speaker or "").lower() in FUNCTION_WORDS for q in qs)


@pytest.mark.parametrize("text, speaker", [
    ("BRUSSELS — The commission said on Tuesday that fines would rise.", "The commission"),
    ("On Monday, the port authority said the cranes were working again.", "the port authority"),
    ("LAGOS, Nigeria (Reuters) — Police said at least nine people were hurt.", "Police"),
    ("Wednesday brought more rain, and forecasters said the river would crest overnight.", "forecasters"),
])
def test_no_weekday_or_dateline_speakers(text: str, speaker: str) -> None:
    assert [q.speaker for q in _quotes(text)] == [speaker]


@pytest.mark.parametrize("text", [
    "The minister toured the flooded “red zone” on foot before lunch.",
    "Crews worked through the night to clear the mountain road.",
    "She signed the bill on Friday after a long debate in the chamber.",
    "Officials closed the bridge after the storm and opened a ferry service.",
    "The so-called “quiet period” ended when the results came in.",
])
def test_narration_is_not_a_quote(text: str) -> None:
    assert _quotes(text) == []


@pytest.mark.parametrize("text, speaker, speaker_span", [
    ("City Hall press secretary Dana Okafor confirmed that the contract had been cancelled.",
     "Dana Okafor", "Dana Okafor"),
    ("“We were never consulted,” said Maria Oduya, who chairs the panel that Senator Paul Brandt created.",
     "Maria Oduya", "Maria Oduya"),
    ("The spokesman, Ali Haddad, said the flights would resume on Sunday.", "Ali Haddad", "Ali Haddad"),
    ("A lawyer for Tomas Reyes said the trial should be moved to another county.",
     "A lawyer for Tomas Reyes", "A lawyer for Tomas Reyes"),
])
def test_speaker_is_the_subject_not_the_nearest_name(text: str, speaker: str, speaker_span: str) -> None:
    qs = _quotes(text)
    assert [(q.speaker, _cut(text, q.speaker_span)) for q in qs] == [(speaker, speaker_span)]


@pytest.mark.parametrize("text, speaker", [
    ("Governor Ellen Park met union leader Tom Baker on Monday. She said the strike had to end.", "Ellen Park"),
    ("Mayor Joan Ruiz thanked Police Chief Mark Dunn for his work. He said the city was safer.", "Mark Dunn"),
    ("Senator Alan Cho greeted Robert Vance at the airport. He said the visit was overdue.", "Alan Cho"),
    ("“We are ready,” Lena Morris said. Later she met Rosa Alvarez at the base. "
     "She said the push had stalled.", "Lena Morris"),
    pytest.param("A State Department spokesman, John Kirk, spoke in Geneva. The spokesman said talks would go on.",
                 "John Kirk", marks=pytest.mark.xfail(
                     reason="copydesk_en 1.0.0 parses the appositive name as a list (conj)", strict=False)),
])
def test_back_references_resolve_to_the_speaker(text: str, speaker: str) -> None:
    qs = _quotes(text)
    assert qs and qs[-1].speaker == speaker


@pytest.mark.parametrize("text, speaker", [
    pytest.param("A tweet from Governor Lisa Grant about Senator Omar Diaz said the bill was dead.", "Lisa Grant",
                 marks=pytest.mark.xfail(reason="copydesk_en 1.0.0 tags 'Grant' a common noun and cuts the name",
                                         strict=False)),
    ("Senator Omar Diaz was mocked online. Governor Lisa Grant tweeted that he “had no plan at all.”",
     "Lisa Grant"),
])
def test_tweet_credited_to_its_author(text: str, speaker: str) -> None:
    assert [q.speaker for q in _quotes(text)] == [speaker]


@pytest.mark.parametrize("text, cue, polarity, modality", [
    ("The company declined to comment on the report.", "declined to comment", "refused", None),
    ("Minister Rui Costa refused to say whether the plant would close.", "refused to say", "refused", None),
    ("The agency denied that any data had been lost.", "denied", "denied", None),
    ("The mayor did not say when the road would reopen.", "say", "negated", None),
    ("The president is expected to announce that the troops will stay.", "announce", "affirmed", "expected"),
    ("The board could say as early as Friday that the deal is off.", "say", "affirmed", "possible"),
    ("The envoy said the talks would resume next week.", "said", "affirmed", None),
])
def test_cue_polarity_and_modality(text: str, cue: str, polarity: str, modality: str | None) -> None:
    qs = _quotes(text)
    assert [(_cut(text, q.cue_span), q.polarity, q.modality) for q in qs] == [(cue, polarity, modality)]


def test_refusal_keeps_what_was_refused() -> None:
    text = "Minister Rui Costa refused to say whether the plant would close."
    (q,) = _quotes(text)
    assert _cut(text, q.content_span) == "whether the plant would close"
    assert q.speaker == "Rui Costa"


# --- other behaviour ----------------------------------------------------------------------

def test_two_attributions_in_one_sentence() -> None:
    text = "The army said the bridge was destroyed, but the ministry said it was only damaged."
    assert [_parts(text, q) for q in _quotes(text)] == [("The army", "said", "the bridge was destroyed"),
                                                        ("the ministry", "said", "it was only damaged")]


def test_participle_cue_shares_the_subject() -> None:
    text = "The coach praised the young goalkeeper, saying she had saved the season."
    got = [(q.speaker, _cut(text, q.cue_span)) for q in _quotes(text)]
    assert ("The coach", "saying") in [(s, c) for s, c in got] or ("the coach", "saying") in got


@pytest.mark.parametrize("text, channel", [
    ("Zelensky said on Telegram that two villages had been retaken.", "on Telegram"),
    ("The envoy said in a press conference that talks would continue.", "in a press conference"),
    ("The senator told reporters the vote would be delayed.", "told reporters"),
])
def test_channel(text: str, channel: str) -> None:
    qs = _quotes(text)
    assert qs and qs[0].channel == channel


@pytest.mark.parametrize("text, anonymous", [
    ("A U.S. official, who spoke on condition of anonymity, said the shipment had been approved.", True),
    ("Two people familiar with the talks said a deal was close.", True),
    ("Defence Minister Paul Archer said the shipment had been approved.", False),
])
def test_anonymous_sources(text: str, anonymous: bool) -> None:
    qs = _quotes(text)
    assert qs and qs[0].anonymous is anonymous


def test_hedges_function_returns_spans_inside_span() -> None:
    text = "The troops allegedly crossed the river and may have taken the town."
    assert [s.of(text) for s in quotes.hedges(text, Span(0, len(text)))] == ["allegedly", "may"]
    assert quotes.hedges(text, Span(0, 10)) == []


@pytest.mark.parametrize("text, spans", [
    ("He said “yes” and “no”.", ["“yes”", "“no”"]),
    ('She said "fine" twice.', ['"fine"']),
    ("“One.\n\n“Two.”", ["“One.\n\n“Two.”"]),
    ("“Never closed.\n\nNext paragraph.", []),
    ("“x” is short.", []),
])
def test_quote_spans(text: str, spans: list[str]) -> None:
    assert [s.of(text) for s in quotes.quote_spans(text)] == spans


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab “”\"«».,:\n")), max_size=80))
def test_quote_spans_are_balanced_and_disjoint(text: str) -> None:
    prev = -1
    for s in quotes.quote_spans(text):
        assert prev <= s.start < s.end <= len(text)
        assert text[s.start] in "“\"«" and text[s.end - 1] in "”\"»"
        prev = s.end


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab He said “”\".,:;\nthat according to X")), max_size=120))
def test_never_raises_and_spans_in_bounds(text: str) -> None:
    for m in _mentions(text):
        q = m.value
        assert isinstance(q, Quote)
        for sp in (q.speaker_span, q.cue_span, q.content_span):
            if sp is not None:
                assert m.start <= sp.start <= sp.end <= m.end <= len(text)


@pytest.mark.parametrize("text", ["The weather was cold and the roads were empty.", "", "   \n"])
def test_no_attribution(text: str) -> None:
    assert _quotes(text) == []


def test_non_text_input_is_a_coded_error() -> None:
    from copydesk.errors import CopydeskError

    with pytest.raises(CopydeskError, match="E201"):
        quotes.find(b"bytes")  # type: ignore[arg-type]


def test_polarity_and_modality_survive_the_store_and_the_public_form() -> None:
    from copydesk.extract import serialize

    text = "The company declined to comment on the report."
    (m,) = _mentions(text)
    assert codec.mention_from_dict(codec.mention_to_dict(m)) == m
    rec = serialize.mention_record(m, text)
    assert (rec["polarity"], rec["modality"]) == ("refused", None)
    serialize.validate(serialize.article_record("a", None, text, [m]))


def test_cue_lexicon_learns_verb_lemmas() -> None:
    texts = ["The mayor said the bridge was safe. The mayor visited the bridge.",
             "Officials said the vote was close. Officials said nothing more. Crews visited the site."]
    cues = [[(10, 14)], [(10, 14), (45, 49)]]
    lex = CueLexicon(min_precision=0.5, min_count=2).fit([parse(t) for t in texts], cues)
    assert lex.words_ == ["say"]
    assert lex.counts_["say"] == (3, 3)
    assert lex.predict(["say", "visit"]) == [True, False]


@pytest.mark.skipif(not (POLNEAR / "dev" / "text").is_dir(), reason="PolNeAR dev not under ../shared/data")
def test_polnear_dev_floor() -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import quotes as bench  # benchmarks/quotes.py
    finally:
        sys.path.pop(0)
    docs = bench.load(POLNEAR.parent, "dev", 30)
    res = bench.score([(t, g, bench.predict(t)) for t, g in docs])
    assert res["content"]["overlap"]["f1"] >= FLOOR_CONTENT
    assert res["source"]["overlap"]["f1"] >= FLOOR_SOURCE
    assert res["speaker"]["accuracy"] >= FLOOR_SPEAKER


# The parse-based extractor on these 30 texts with the step-7000 pipeline (UAS 85): content 0.654,
# source 0.618, speaker 0.759 (the regex extractor it replaced: 0.761, 0.642, 0.691); precision 0.94 / 0.84.
FLOOR_CONTENT = 0.62
FLOOR_SOURCE = 0.58
FLOOR_SPEAKER = 0.72


# -- narration is no quote ----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The warship closed in and ordered the boats to stop.",
    "On sighting the helicopter, the pirates attempted to escape.",
    "Seeing the police car, the driver tried to flee.",
    "The academy has asked her to host the show again.",
    "The secretary of state is set to ask the council to authorize the mission.",
])
def test_an_act_is_no_attribution(text: str) -> None:
    assert _quotes(text) == [], [_parts(text, q) for q in _quotes(text)]


@pytest.mark.parametrize("text, speaker, content_has", [
    ("The police declined to release the names of the two men.", "police", None),
    ("The prices will rise next year, the minister said.", "minister", "prices will rise"),
    ("The navy said it had fired in self-defence.", "navy", "fired in self-defence"),
    ("The senator urged Congress to pass the bill.", "senator", "pass the bill"),
])
def test_speech_and_refusals_still_attribute(text: str, speaker: str, content_has: str | None) -> None:
    qs = _quotes(text)
    assert qs, text
    spk, _cue, content = _parts(text, qs[0])
    assert spk is not None and speaker in spk.lower()
    if content_has is not None:
        assert content is not None and content_has in content


@pytest.mark.parametrize("text, spans", [
    ("``We acted in self-defence,'' the navy chief said. ``The grenades were thrown overboard,'' he added.",
     ["``We acted in self-defence,''", "``The grenades were thrown overboard,''"]),
    ("The boat was found empty,'' he said. ``Nobody was on board,'' the officer added.",
     ["``Nobody was on board,''"]),
    ("''Tis the season, he joked, and ``Nobody came,'' she said.", ["``Nobody came,''"]),
    ("She said ''we will win'' and left.", ["''we will win''"]),
])
def test_backtick_quotes_pair_with_two_apostrophes(text: str, spans: list[str]) -> None:
    assert [text[s.start:s.end] for s in quotes.quote_spans(text)] == spans


@pytest.mark.parametrize("text, spans", [
    ("``The suspect entered the party at 4 p.m., `` police said. Two men were hurt.",
     ["``The suspect entered the party at 4 p.m., ``"]),
    ("``He never came back. ``We waited all night,'' she said.", ["``We waited all night,''"]),
])
def test_a_second_backtick_mark_closes_or_restarts(text: str, spans: list[str]) -> None:
    assert [text[s.start:s.end] for s in quotes.quote_spans(text)] == spans


@pytest.mark.parametrize("text, content", [
    ("Police said the person killed was a 63-year-old woman from Warren.",
     "the person killed was a 63-year-old woman from Warren"),
    ("The navy spokesperson said marine commandos from the warship flew in by helicopter.",
     "marine commandos from the warship flew in by helicopter"),
    ("The minister said prices would rise next year.", "prices would rise next year"),
])
def test_reported_clause_runs_to_the_sentence_end(text: str, content: str) -> None:
    assert [_parts(text, q)[2] for q in _quotes(text)] == [content]



@pytest.mark.parametrize("text, content", [
    ("BRENMOUTH, March 8 (Coastline Wire) - A fire broke out on Sunday aboard the ship, port officials said.",
     "A fire broke out on Sunday aboard the ship"),
    ("KYIV, Ukraine (AP) — Russian forces struck a power plant overnight, the governor said.",
     "Russian forces struck a power plant overnight"),
    ("LAGOS (Reuters) - Floods have displaced 40,000 people, the emergency agency said.",
     "Floods have displaced 40,000 people"),
    # no dateline: the opening capitals are the content's own words
    ("NATO allies agreed on Tuesday to send more air defences, officials said.",
     "NATO allies agreed on Tuesday to send more air defences"),
])
def test_reported_content_leaves_the_dateline_out(text: str, content: str) -> None:
    found = quotes.find(text)
    assert found, text
    q = found[0].value
    assert isinstance(q, Quote) and q.content_span is not None and q.content_span.of(text) == content
    assert text[found[0].start:].startswith(content)
