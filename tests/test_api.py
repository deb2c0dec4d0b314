"""The importable API over the bundled example: what the CLI and web app rely on."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

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


@pytest.mark.parametrize("since, until, expected", [
    ("2024", "2024", ("2024-01-01", "2024-12-31")),
    ("2024-02", "2024-02", ("2024-02-01", "2024-02-29")),   # a leap year's February
    ("2023-02", "2023-02", ("2023-02-01", "2023-02-28")),
    (" 2026-03-08 ", None, ("2026-03-08", None)),
    (None, None, (None, None)),
])
def test_day_range_widens_a_year_or_month(since: str | None, until: str | None,
                                          expected: tuple[str | None, str | None]) -> None:
    assert api.day_range(since, until) == expected


@pytest.mark.parametrize("since, until", [("2026-13-45", None), ("yesterday", None), (None, "2026-02-30"),
                                          ("0000", None), ("2026-3-8", None), (None, "2026-03-08T10:00")])
def test_day_range_refuses_what_is_not_a_date(since: str | None, until: str | None) -> None:
    with pytest.raises(CopydeskError) as e:
        api.day_range(since, until)
    assert e.value.code.name == "E702"


def test_article_view_takes_the_callers_id_or_a_prefix_and_echoes_it(demo_db: str) -> None:
    by_given = api.article_view("cw-0308-aldora", db=demo_db)
    assert by_given["article"]["source"] == "Coastline Wire"
    assert by_given["article"]["given_id"] == "cw-0308-aldora"
    full = by_given["article"]["id"]
    assert api.article_view(full[:8], db=demo_db)["article"]["id"] == full
    assert api.resolve_article(full[:5], db=demo_db) == full
    assert any(r["given_id"] == "cw-0308-aldora" for r in api.list_articles(db=demo_db))


def test_require_database_refuses_a_missing_sqlite_file(tmp_path: Path) -> None:
    with pytest.raises(CopydeskError) as e:
        api.require_database(str(tmp_path / "nope.db"))
    assert e.value.code.name == "E607"
    assert not (tmp_path / "nope.db").exists()
    api.require_database("sqlite://")  # in memory: nothing to find


def test_analyze_in_memory_compares_only_the_latest_version() -> None:
    from copydesk.models import Article

    def art(text: str) -> Article:
        return Article(id=Article.make_id("Test Outlet", text), source="Test Outlet", text=text,
                       url="https://t.example/a")

    a, b, c = art("First text of the piece."), art("Second text of the piece."), art("Third text.")
    chains = api._memory_versions([a, b])
    assert chains[a.id] == chains[b.id] == [(a.id, 1), (b.id, 2)]
    assert [x.id for x in api.latest_only([a, b], chains)] == [b.id]
    assert [x.id for x in api.latest_only([a], chains)] == [a.id], "a later version not given does not hide it"
    assert api._memory_versions([c])[c.id] == [(c.id, 1)]


@settings(max_examples=200, deadline=None)
@given(st.dates())
def test_day_range_keeps_every_calendar_day(day: date) -> None:
    iso = day.isoformat()
    assert api.day_range(iso, iso) == (iso, iso)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12) | st.from_regex(r"\d{4}(-\d{2}(-\d{2})?)?", fullmatch=True))
def test_day_range_gives_a_real_day_or_e702(text: str) -> None:
    try:
        since, until = api.day_range(text, text)
    except CopydeskError as e:
        assert e.code.name == "E702"
        return
    if text.strip():
        assert since is not None and until is not None
        assert date.fromisoformat(since) <= date.fromisoformat(until)
