"""End to end through the CLI, as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from copydesk import api, report
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


def test_demo_prints_its_report_with_dash_o(tmp_path: Path, db_url: str) -> None:
    code, out, err = _run("demo", "--db", db_url, "--format", "json", "-o", "-")
    assert code == 0, err
    doc = json.loads(out)
    report.validate(doc)
    sources = {a["source"] for a in doc["articles"]}
    assert {"Coastline Wire", "Tidewater Post", "The Harbour Ledger", "Northgate Daily"} <= sources
    _assert_offsets(doc)


def test_demo_summarizes_writes_the_report_and_suggests_serve(tmp_path: Path, db_url: str,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = _run("demo", "--db", db_url)
    assert code == 0, err
    assert len(out.splitlines()) < 25, "a summary, not the report"
    assert "Planted disputes found: 1 of 1" in out
    assert "Coastline Wire -> " in out, "the copy chain names the wire as the origin"
    assert "copydesk serve" in out and "copydesk-demo.md" in out
    assert (tmp_path / "copydesk-demo.md").read_text("utf-8").startswith("# ")


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
    assert "E116" in err and "the file is empty (0 bytes)" in err


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


# --- ids, databases, dates, formats, settings -----------------------------------------------


@pytest.fixture(scope="module")
def named(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """17 stored articles with the caller's ids desk-0..desk-16 (17 ids: two share a first character)."""
    folder = tmp_path_factory.mktemp("named")
    path = folder / "named.jsonl"
    path.write_text("".join(json.dumps({
        "id": f"desk-{i}", "source": f"Outlet {i % 3}", "url": f"https://o{i % 3}.example/{i}",
        "published": f"2026-03-{i + 1:02d}", "title": f"Item {i}",
        "text": f"Report number {i}: the harbour reopened after {i + 2} days of repairs, officials said."}) + "\n"
        for i in range(17)), "utf-8")
    url = f"sqlite:///{folder / 'named.db'}"
    code, _, err = _run("ingest", str(path), "--db", url)
    assert code == 0, err
    return url, path


def _rows(url: str) -> list[dict]:
    code, out, err = _run("articles", "--db", url, "--format", "json", "--limit", "100")
    assert code == 0, err
    return json.loads(out)


@pytest.mark.parametrize("how", ["full", "prefix", "given"])
def test_show_takes_the_full_id_a_prefix_or_the_callers_id(named: tuple[str, Path], how: str) -> None:
    url, _ = named
    row = next(r for r in _rows(url) if r["given_id"] == "desk-5")
    ref = {"full": row["id"], "prefix": row["id"][:8], "given": "desk-5"}[how]
    code, out, err = _run("show", ref, "--db", url, "--format", "json")
    assert code == 0, err
    article = json.loads(out)["article"]
    assert article["id"] == row["id"] and article["given_id"] == "desk-5"
    code, out, _ = _run("show", ref, "--db", url)
    assert "given id desk-5" in out


def test_an_ambiguous_prefix_lists_the_candidates(named: tuple[str, Path]) -> None:
    url, _ = named
    ids = [r["id"] for r in _rows(url)]
    prefix = next(p for p in "0123456789abcdef" if sum(x.startswith(p) for x in ids) > 1)
    code, _, err = _run("show", prefix, "--db", url)
    assert code != 0 and "E606" in err
    for x in ids:
        if x.startswith(prefix):
            assert x in err
    code, _, err = _run("show", "desk-99", "--db", url)
    assert code != 0 and "E603" in err


def test_articles_echo_the_callers_id_and_say_how_many_match(named: tuple[str, Path]) -> None:
    url, _ = named
    assert sorted(r["given_id"] for r in _rows(url)) == sorted(f"desk-{i}" for i in range(17))
    code, out, _ = _run("articles", "--db", url, "--limit", "5")
    assert code == 0 and "5 of 17 articles" in out and "desk-0" in out
    code, out, err = _run("articles", "--db", url, "--limit", "5", "--offset", "15", "--format", "json")
    assert len(json.loads(out)) == 2 and "2 of 17 articles" in err


def test_extract_echoes_the_callers_id(named: tuple[str, Path]) -> None:
    _, path = named
    code, out, err = _run("extract", str(path), "--format", "json")
    assert code == 0, err
    assert [r["given_id"] for r in json.loads(out)] == [f"desk-{i}" for i in range(17)]


@pytest.mark.parametrize("args, n", [
    (("--until", "2026-03"), 17),        # a month reaches its last day
    (("--since", "2026-03-10"), 8),
    (("--since", "2026", "--until", "2026-03-02"), 2),
])
def test_date_filters_take_a_year_month_or_day(named: tuple[str, Path], args: tuple[str, ...], n: int) -> None:
    url, _ = named
    code, out, err = _run("articles", "--db", url, "--format", "json", *args)
    assert code == 0, err
    assert len(json.loads(out)) == n


@pytest.mark.parametrize("command", ["articles", "stories"])
@pytest.mark.parametrize("args", [("--since", "2026-13-45"), ("--since", "yesterday"), ("--until", "2026-02-30")])
def test_bad_dates_are_refused_with_e702(named: tuple[str, Path], command: str, args: tuple[str, ...]) -> None:
    url, _ = named
    code, _, err = _run(command, "--db", url, *args)
    assert code != 0 and "E702" in err and args[1] in err


@pytest.mark.parametrize("args", [("articles",), ("stories",), ("stories", "--check"), ("show", "abc")])
def test_read_commands_refuse_a_missing_sqlite_file(tmp_path: Path, args: tuple[str, ...]) -> None:
    missing = tmp_path / "mistyped.db"
    code, _, err = _run(*args, "--db", str(missing))
    assert code != 0 and "E607" in err and "mistyped.db" in err
    assert not missing.exists()


def test_analyze_dash_o_writes_standard_output(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch,
                                               demo_paths: list[Path]) -> None:
    monkeypatch.chdir(tmp_path)
    txt = next(p for p in demo_paths if p.suffix == ".txt")
    code, out, err = _run("analyze", str(txt), "--db", db_url, "--format", "json", "-o", "-")
    assert code == 0, err
    assert json.loads(out)["schema"] == "copydesk.report/1"
    assert not (tmp_path / "-").exists()


OUTPUT_COMMANDS = [("ingest",), ("articles",), ("show",), ("stories",), ("analyze",), ("demo",), ("extract",),
                   ("settings",)]


@pytest.mark.parametrize("args", OUTPUT_COMMANDS + [("serve",)])
def test_dash_h_is_help(args: tuple[str, ...]) -> None:
    code, out, _ = _run(args[0], "-h")
    assert code == 0 and out.startswith("Usage: ")


@pytest.mark.parametrize("args", OUTPUT_COMMANDS)
def test_one_format_flag_everywhere_with_json(args: tuple[str, ...]) -> None:
    code, out, _ = _run(args[0], "--help")
    assert "--format [" in out and "json" in out.split("--format [", 1)[1].split("]", 1)[0].split("|")
    assert "--json" not in out, "--json is a hidden alias"


def test_settings_shows_values_in_effect_their_source_and_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPYDESK_PORT", "9123")
    code, out, _ = _run("settings")
    assert code == 0
    port = next(line for line in out.splitlines() if line.startswith("port "))
    assert "9123" in port and "COPYDESK_PORT" in port.split("9123", 1)[1]
    code, out, _ = _run("settings", "--db", "elsewhere.db", "--format", "json")
    rows = {r["name"]: r for r in json.loads(out)}
    assert rows["port"]["value"] == 9123 and rows["port"]["source"] == "COPYDESK_PORT"
    assert rows["db"]["value"] == "elsewhere.db" and rows["db"]["source"] == "option"
    assert rows["host"]["source"] == "default" and rows["host"]["env"] == "COPYDESK_HOST"


@pytest.mark.parametrize("env, args, bound", [
    ({"COPYDESK_PORT": "9123"}, (), ("127.0.0.1", 9123)),
    ({"COPYDESK_HOST": "0.0.0.0", "COPYDESK_PORT": "9123"}, ("--port", "9200"), ("0.0.0.0", 9200)),
    ({}, (), ("127.0.0.1", 8765)),
])
def test_serve_binds_where_the_settings_say(monkeypatch: pytest.MonkeyPatch, db_url: str, env: dict[str, str],
                                            args: tuple[str, ...], bound: tuple[str, int]) -> None:
    import uvicorn

    for k in ("COPYDESK_HOST", "COPYDESK_PORT"):
        monkeypatch.delenv(k, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    seen: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, **kw: seen.update(host=host, port=port))
    code, _, err = _run("serve", "--db", db_url, *args)
    assert code == 0, err
    assert (seen["host"], seen["port"]) == bound


# --- versions ---------------------------------------------------------------------------------


def test_a_changed_article_at_the_same_url_is_compared_as_its_latest_version(tmp_path: Path, db_url: str) -> None:
    base = {"source": "Test Outlet", "url": "https://t.example/bridge", "published": "2026-03-09",
            "title": "Bridge closed", "id": "b-1"}
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(json.dumps({**base, "text": "The Kell bridge was closed on Monday after inspectors found "
                                 "12 cracks in its deck, the city said."}) + "\n")
    other = {"source": "Other Outlet", "url": "https://o.example/b", "published": "2026-03-10", "title": "Bridge",
             "text": "The Kell bridge was shut on Monday after inspectors found 14 cracks in its deck, officials said."}
    second.write_text(json.dumps({**base, "text": "The Kell bridge was closed on Monday after inspectors found "
                                  "14 cracks in its deck, the city said."}) + "\n" + json.dumps(other) + "\n")
    assert _run("ingest", str(first), "--db", db_url)[0] == 0
    code, out, err = _run("analyze", str(first), str(second), "--db", db_url, "--format", "json", "-o", "-")
    assert code == 0, err
    doc = json.loads(out)
    report.validate(doc)
    mine = [a for a in doc["articles"] if a["source"] == "Test Outlet"]
    assert len(mine) == 1 and mine[0]["version"] == 2 and len(mine[0]["versions"]) == 2
    assert mine[0]["given_id"] == "b-1"
    for fmt in ("md", "html"):
        assert "given id b-1" in api.render(doc, fmt) and "version 2 of 2" in api.render(doc, fmt)
    old = mine[0]["versions"][0]
    code, out, err = _run("analyze", str(first), str(second), "--db", db_url, "--format", "json", "-o", "-",
                          "--all-versions")
    every = json.loads(out)
    assert sorted(a["version"] for a in every["articles"] if a["source"] == "Test Outlet") == [1, 2]
    code, out, _ = _run("show", old[:8], "--db", db_url)
    assert code == 0 and "version 1 of 2" in out
    code, out, _ = _run("show", "b-1", "--db", db_url, "--format", "json")
    assert json.loads(out)["article"]["id"] == mine[0]["id"], "the caller's id names the latest version"
