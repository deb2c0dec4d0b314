"""Boilerplate rules, normalization, language detection, dates."""

from __future__ import annotations

import pytest

from copydesk.errors import IngestError
from copydesk.ingest import boilerplate, clean, clean_with_report, language
from copydesk.ingest.dates import normalize_date
from copydesk.ingest.htmltext import html_to_text
from copydesk.ingest.normalize import normalize

from ingest_samples import ARTICLE_TEXT, FRENCH, GERMAN, PARAGRAPHS

LEAD = "\n\n".join(PARAGRAPHS[:3])


@pytest.mark.parametrize("junk,rule", [
    ("Share this article", "share_prompt"),
    ("Share on Facebook", "share_prompt"),
    ("Share this story: Facebook | X | Email", "share_prompt"),
    ("Facebook | Twitter | LinkedIn | Email", "share_prompt"),
    ("This post is also available in: Español, Deutsch", "also_available"),
    ("Image provided by the Larkfield transport department", "image_credit"),
    ("Photo: Sam Reed / Reuters", "image_credit"),
    ("Photo courtesy of the city council", "image_credit"),
    ("(Image credit: Getty Images)", "image_credit_inline"),
    ("Sign up for our newsletter", "newsletter_prompt"),
    ("Subscribe to the Morning Brief newsletter for the day's top stories.", "newsletter_prompt"),
    ("Read more: Council approves new budget", "read_more"),
])
def test_line_rules_anywhere(junk: str, rule: str) -> None:
    text = f"{PARAGRAPHS[0]}\n\n{junk}\n\n{PARAGRAPHS[1]}\n\n{PARAGRAPHS[2]}\n\n{PARAGRAPHS[3]}"
    out, fired = clean_with_report(text)
    assert out == ARTICLE_TEXT
    assert fired == [rule]


@pytest.mark.parametrize("trailer,rule", [
    ("You may also like:\n\nCouncil votes on parking fees\n\nNew bus routes announced", "related_trailer"),
    ("Read more\n\nBus drivers to strike on Monday", "related_trailer"),
    ("Related stories\n\nBridge inspections: what we know", "related_trailer"),
    ("Dana Okafor is a reporter at the Larkfield Gazette covering transport.", "author_bio"),
    ("Jo Anne Smith is the senior political correspondent for the Valley Courier.", "author_bio"),
    ("© 2025 Larkfield Gazette. All rights reserved.", "copyright"),
])
def test_trailer_rules(trailer: str, rule: str) -> None:
    out, fired = clean_with_report(f"{ARTICLE_TEXT}\n\n{trailer}")
    assert out == ARTICLE_TEXT and fired == [rule]


def test_inline_credit_keeps_the_paragraph() -> None:
    out, fired = clean_with_report(PARAGRAPHS[0] + " (Photo credit: Sam Reed)\n\n" + PARAGRAPHS[1])
    assert out == PARAGRAPHS[0] + "\n\n" + PARAGRAPHS[1] and fired == ["image_credit_inline"]


@pytest.mark.parametrize("keep", [
    "Share prices rose sharply on Monday after the company reported record profits.",
    "Related companies were also fined by the regulator, officials said.",
    "The mayor said residents could read more about the plan on the council website.",
    "Photo identification will be required at polling stations from next year.",
    "Dana Okafor is a reporter's nightmare, one colleague joked, because she never stops talking.",
])
def test_real_sentences_survive(keep: str) -> None:
    text = f"{keep}\n\n{ARTICLE_TEXT}"
    assert clean(text) == text


@pytest.mark.parametrize("last", [
    "Mark Lee is a former editor who now runs the campaign against the bridge closure.",
    "Share prices in the construction firm rose 4% after the announcement.",
    "Photo identification will be needed to cross the temporary footbridge.",
    "Related companies were also fined by the regulator, officials said.",
    "Read more about the plan in the council's published minutes, the mayor said.",
    "Trending upward, rents in the town have risen for nine straight months.",
])
def test_real_last_paragraphs_survive(last: str) -> None:
    text = f"{ARTICLE_TEXT}\n\n{last}"
    assert clean(text) == text


def test_mid_article_related_does_not_cut_the_article() -> None:
    text = "\n\n".join([PARAGRAPHS[0], "You may also like: a walk by the river", *PARAGRAPHS[1:], *PARAGRAPHS])
    out, fired = clean_with_report(text)
    assert fired == [] and out == text


def test_rule_table_is_well_formed() -> None:
    names = [r.name for r in boilerplate.RULES]
    assert len(names) == len(set(names))
    assert {r.scope for r in boilerplate.RULES} <= {"inline", "line", "tail", "trailer"}


def test_normalize() -> None:
    raw = "\ufeffFirst line  \r\nsecond\u00a0line\r\n\r\n\r\n\r\n“Quoted” text\t\n\n\n"
    assert normalize(raw) == "First line\nsecond\u00a0line\n\n“Quoted” text"
    assert normalize("e\u0301") == "\u00e9"


def test_html_to_text() -> None:
    html = ("<div><h2>Update</h2><p>First   paragraph\nwraps here.</p><p>Second<br>line &amp; more.</p>"
            "<script>var x = 1;</script><figure><figcaption>Photo: X</figcaption></figure><ul><li>One</li>"
            "<li>Two</li></ul></div>")
    assert html_to_text(html) == "Update\n\nFirst paragraph wraps here.\n\nSecond\nline & more.\n\nOne\n\nTwo"
    assert html_to_text("plain &amp; simple") == "plain & simple"


@pytest.mark.parametrize("text,lang", [(ARTICLE_TEXT, "en"), (GERMAN, "de"), (FRENCH, "fr"), ("12 345 — 67", None)])
def test_language(text: str, lang: str | None) -> None:
    assert language.detect(text) == lang


@pytest.mark.parametrize("value,iso", [
    ("2024-03-12", "2024-03-12"),
    ("2024-03-12T14:05:00Z", "2024-03-12T14:05:00+00:00"),
    ("2024-03-12T14:05:00+02:00", "2024-03-12T14:05:00+02:00"),
    ("Tue, 12 Mar 2024 14:05:00 GMT", "2024-03-12T14:05:00+00:00"),
    ("Tue, 12 Mar 2024 14:05:00 -0500", "2024-03-12T14:05:00-05:00"),
    ("March 12, 2024", "2024-03-12"),
    ("12 March 2024", "2024-03-12"),
    ("Mar. 12, 2024", "2024-03-12"),
    ("March 12, 2024 2:05 PM", "2024-03-12T14:05:00"),
    (1710252300, "2024-03-12T14:05:00+00:00"),
    ("", None),
    (None, None),
])
def test_dates(value: object, iso: str | None) -> None:
    assert normalize_date(value) == iso


@pytest.mark.parametrize("value", ["the day after", "yesterday", "March 12", "2024-13-45", "31/02/2024", [2024], True])
def test_bad_dates_are_e104(value: object) -> None:
    with pytest.raises(IngestError) as err:
        normalize_date(value)
    assert err.value.code.name == "E104"
