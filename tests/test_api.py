"""The importable API over the bundled example: what the CLI and web app rely on."""

from __future__ import annotations

from pathlib import Path

import pytest

from copydesk import api, report
from copydesk.errors import CopydeskError


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'demo.db'}"
    api.ingest([str(p) for p in api.demo_paths()], db=url)
    return url


def test_one_story_puts_every_article_in_one_story(demo_paths: list[Path], db_url: str) -> None:
    doc = api.analyze([str(p) for p in demo_paths], db=db_url, one_story=True)
    report.validate(doc)
    assert len(doc["stories"]) == 1
    assert sorted(doc["stories"][0]["articles"]) == sorted(a["id"] for a in doc["articles"])


def test_analyze_twice_gives_the_same_report(demo_paths: list[Path], db_url: str) -> None:
    paths = [str(p) for p in demo_paths]
    assert api.analyze(paths, db=db_url) == api.analyze(paths, db=db_url)


def test_analyze_without_store_matches_stored(demo_paths: list[Path], db_url: str) -> None:
    paths = [str(p) for p in demo_paths]
    assert api.analyze(paths, store=False) == api.analyze(paths, db=db_url)


def test_stored_stories_and_their_reports(demo_db: str) -> None:
    stories = api.list_stories(db=demo_db)
    assert stories, "ingest must place articles into stories"
    assert sum(s["n_articles"] for s in stories) == 7
    doc = api.story_report(stories[0]["id"], db=demo_db)
    report.validate(doc)
    assert [s["id"] for s in doc["stories"]] == [stories[0]["id"]]


def test_article_view_and_unknown_ids(demo_db: str) -> None:
    rows = api.list_articles(db=demo_db, source="Coastline Wire")
    assert len(rows) == 1
    view = api.article_view(rows[0]["id"], db=demo_db)
    assert view["article"]["source"] == "Coastline Wire"
    with pytest.raises(CopydeskError) as e:
        api.article_view("nope", db=demo_db)
    assert e.value.code.name == "E603"
    with pytest.raises(CopydeskError) as e:
        api.story_report("nope", db=demo_db)
    assert e.value.code.name == "E604"


@pytest.mark.parametrize("fmt", ["json", "md"])
def test_render(fmt: str, demo_paths: list[Path]) -> None:
    doc = api.analyze([str(p) for p in demo_paths], store=False)
    assert api.render(doc, fmt).strip()


def test_render_unknown_format() -> None:
    with pytest.raises(CopydeskError):
        api.render({}, "pdf")
