"""End to end through the CLI, as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from copydesk import report
from copydesk.cli import main


def _run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


def _assert_offsets(doc: dict) -> None:
    texts = {a["id"]: a["text"] for a in doc["articles"]}
    for story in doc["stories"]:
        for c in story["claims"]:
            for m in c["mentions"]:
                assert texts[m["article"]][m["start"]:m["end"]] == m["text"]
        for b in story["brief"]:
            for cit in b["citations"]:
                assert 0 <= cit["start"] < cit["end"] <= len(texts[cit["article"]])


def test_analyze_seeds_emits_a_valid_report_with_all_five_articles(seeds_path: Path, db_url: str) -> None:
    code, out, err = _run("analyze", str(seeds_path), "--format", "json", "--db", db_url)
    assert code == 0, err
    doc = json.loads(out)
    report.validate(doc)
    assert len(doc["articles"]) == 5
    assert {a["published"] for a in doc["articles"]} >= {"2024-04-25", "2024-11-18", "2024-11-19"}
    _assert_offsets(doc)


def test_demo_runs_and_writes_every_format(tmp_path: Path, db_url: str) -> None:
    code, out, err = _run("demo", "--db", db_url, "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    report.validate(doc)
    sources = {a["source"] for a in doc["articles"]}
    assert {"Coastline Wire", "Tidewater Post", "The Harbour Ledger", "Northgate Daily"} <= sources
    _assert_offsets(doc)
    code, out, err = _run("demo", "--db", db_url, "--format", "md")
    assert code == 0 and out.startswith("# ")


def test_ingest_is_idempotent_and_lists(tmp_path: Path, db_url: str, demo_paths: list[Path]) -> None:
    paths = [str(p) for p in demo_paths]
    code, out, _ = _run("ingest", *paths, "--db", db_url, "--json")
    assert code == 0
    first = json.loads(out)
    assert first["ingested"] == 7 and first["rejected"] == 0
    code, out, _ = _run("ingest", *paths, "--db", db_url, "--json")
    second = json.loads(out)
    assert second["ingested"] == 0 and second["duplicates"] == 7
    code, out, _ = _run("articles", "--db", db_url, "--json", "--source", "Tidewater Post")
    rows = json.loads(out)
    assert [r["source"] for r in rows] == ["Tidewater Post"]
    code, out, _ = _run("show", rows[0]["id"], "--db", db_url, "--json")
    view = json.loads(out)
    assert view["article"]["title"] == "Questions mount over Brenmouth ship fire"
    for m in view["mentions"]:
        assert view["article"]["text"][m["start"]:m["end"]] == m["text"]


def test_bad_items_are_reported_and_the_batch_goes_on(tmp_path: Path, db_url: str) -> None:
    good = {"source": "Test Outlet", "title": "A", "published": "2026-01-02",
            "text": "The harbour reopened on Friday after a week of repairs, officials said."}
    f = tmp_path / "mixed.jsonl"
    f.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({**good, "published": "the day after"}) + "\n")
    code, out, err = _run("ingest", str(f), "--db", db_url, "--json")
    assert code == 0
    summary = json.loads(out)
    assert summary["ingested"] == 1 and summary["rejected"] == 2
    assert {r["code"] for r in summary["rejections"]} == {"E101", "E104"}
    assert "mixed.jsonl:2" in err


def test_nothing_ingestible_exits_non_zero(tmp_path: Path, db_url: str) -> None:
    f = tmp_path / "empty.txt"
    f.write_text("")
    code, _, err = _run("ingest", str(f), "--db", db_url)
    assert code != 0
    assert "E102" in err


def test_stdin_input(db_url: str) -> None:
    line = json.dumps({"source": "Stdin Times", "text": "Divers recovered the second anchor on Thursday, the port said."})
    code, out, _ = _run("ingest", "-", "--db", db_url, "--json", input=line + "\n")
    assert code == 0 and json.loads(out)["ingested"] == 1


def test_extract_prints_schema_valid_jsonl(demo_paths: list[Path]) -> None:
    from copydesk.extract.serialize import validate

    txt = next(p for p in demo_paths if p.suffix == ".txt")
    code, out, err = _run("extract", str(txt))
    assert code == 0, err
    lines = [json.loads(x) for x in out.splitlines()]
    assert len(lines) == 1
    validate(lines[0])
    for m in lines[0]["mentions"]:
        assert lines[0]["text"][m["start"]:m["end"]] == m["text"]


def test_settings_command_lists_every_setting() -> None:
    from copydesk.settings import SETTINGS

    code, out, _ = _run("settings")
    assert code == 0
    for s in SETTINGS:
        assert s.name in out


def test_usage_error_exits_two() -> None:
    code, _, _ = _run("analyze")
    assert code == 2


def test_stories_lists_and_checks_against_batch_grouping(db_url: str, demo_paths: list[Path]) -> None:
    code, _, _ = _run("ingest", *[str(p) for p in demo_paths], "--db", db_url)
    assert code == 0
    code, out, _ = _run("stories", "--db", db_url, "--json")
    rows = json.loads(out)
    assert sorted(r["n_articles"] for r in rows) == [1, 6]
    code, out, _ = _run("stories", "--db", db_url, "--check", "--json")
    assert code == 0 and json.loads(out) == {"differences": []}
