"""The story's entity clusters in the report: one entry per real-world entity across its outlets."""

from __future__ import annotations

from copydesk import report
from copydesk.extract import extract
from copydesk.models import Article, Story
from copydesk.pipeline import Analysis, StoryAnalysis

TEXTS = {
    "wire": "OSTRAVA — Mayor Jana Holub said on Tuesday that the city would rebuild every bridge. "
            "The European Union pledged aid.",
    "radio": "Jana Holub, the mayor of Ostrava, promised new bridges. The EU will help, she said.",
    "daily": "Ms. Holub told reporters in Ostrava that the work would start in June.",
}


def _doc() -> dict:
    arts = tuple(Article(id=k, source=f"outlet {k}", text=t) for k, t in TEXTS.items())
    ments = {a.id: tuple(extract(a.text, article_id=a.id)) for a in arts}
    story = Story(id="st-ostrava", title="Ostrava bridges", article_ids=tuple(TEXTS))
    d = report.build(Analysis(arts, ments, (StoryAnalysis(story),)))
    report.validate(d)
    return d


def test_each_story_lists_its_entities_across_outlets() -> None:
    entities = _doc()["stories"][0]["entities"]
    by_name = {e["name"]: e for e in entities}
    assert by_name["Jana Holub"]["type"] == "PERSON"
    assert by_name["Jana Holub"]["articles"] == ["daily", "radio", "wire"]
    assert by_name["Jana Holub"]["mentions"] >= 3
    eu = [e for e in entities if e["name"] in ("European Union", "EU")]
    assert len(eu) == 1 and eu[0]["articles"] == ["radio", "wire"]
    assert len({e["id"] for e in entities}) == len(entities)


def test_entity_ids_are_the_same_on_every_build() -> None:
    assert [e["id"] for e in _doc()["stories"][0]["entities"]] == [e["id"] for e in _doc()["stories"][0]["entities"]]
