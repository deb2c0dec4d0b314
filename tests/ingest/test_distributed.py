"""Ingest on Dask: partitions parse to exactly what one process reads, and a lost worker loses nothing."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from copydesk import api, ingest
from copydesk.errors import UsageError
from copydesk.ingest import distributed
from copydesk.models import Article, Rejection
from copydesk.settings import Settings

SYLLABLES = "ka lo mi ra ten vo sul dar pe ni gro ha bel tur os ven ria mak do lin".split()
EVENTS = ["a ferry ran aground", "a chemical plant caught fire", "the river burst its banks",
          "a tram derailed", "the harbour crane collapsed"]


def invented(n: int, parts: int) -> str:
    """A made-up name, the same for the same ``n``."""
    return "".join(SYLLABLES[(n * 7 + k * 13 + n // 3) % len(SYLLABLES)] for k in range(parts)).capitalize()


def record(i: int) -> dict[str, Any]:
    """An invented article; four outlets report each event, each in its own words, with the event's own names."""
    event, outlet = i // 4, i % 4
    place, person, what = invented(event, 3), f"{invented(event + 50, 2)} {invented(event + 90, 3)}", \
        EVENTS[event % len(EVENTS)]
    lead = [f"In {place}, {what} early on Monday, officials said.",
            f"Officials in {place} said {what} on Monday morning.",
            f"{what.capitalize()} in {place} on Monday, according to officials.",
            f"Monday began in {place} with news that {what}."][outlet]
    text = (f"{lead} Mayor {person} said {12 + event} emergency crews from {place} were at the scene. "
            f"About {30 + outlet} people were evacuated and roads near {place} stayed closed, {person} added, "
            f"while investigators from {invented(event + 20, 2)} examined the site.")
    return {"source": f"Outlet {outlet}", "published": f"2024-03-{1 + event % 27:02d}", "text": text}


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def memberships(db: str) -> set[frozenset[str]]:
    with api.open_store(db) as st:
        stories = st.stories()
        every = [a for s in stories for a in s.article_ids]
        assert len(every) == len(set(every)), "an article is in two stories"
        assert set(every) == {a.id for a in st.articles()}, "an article is in no story"
        return {frozenset(s.article_ids) for s in stories}


LINE = st.one_of(
    st.integers(0, 40).map(lambda i: json.dumps(record(i))),
    st.just(""),
    st.just("{not json"),
    st.just(json.dumps({"source": "X", "text": "short"})),
)


@hsettings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(LINE, max_size=14), size=st.integers(1, 5))
def test_partitions_read_exactly_what_one_process_reads(tmp_path: Path, lines: list[str], size: int) -> None:
    s = Settings.load(partition_size=size)
    path = write_jsonl(tmp_path / "in.jsonl", lines)
    other = tmp_path / "note.txt"
    other.write_text("A plain note about the Tarnow Bay ferry that ran aground on Monday morning.", "utf-8")
    inputs = [str(path), str(other)]
    parts = distributed.plan(inputs, s)
    got = [x for p in parts for x in distributed.parse_partition(p, s, extract=False).items]
    assert got == list(ingest.load(inputs, s))
    assert all(len(p.inputs) <= size for p in parts if p.paths)


def test_line_partitions_cut_at_the_partition_size(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", [json.dumps(record(i)) for i in range(7)])
    parts = distributed.plan([path], Settings.load(partition_size=3))
    assert [(p.first_line, p.end - p.start > 0) for p in parts] == [(1, True), (4, True), (7, True)]


def test_in_process_run_matches_the_plain_ingest(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", [json.dumps(record(i)) for i in range(24)] + ["{bad"])
    plain, parted = f"sqlite:///{tmp_path / 'plain.db'}", f"sqlite:///{tmp_path / 'parted.db'}"
    a = api.ingest([str(path)], db=plain)
    b = api.ingest_distributed([str(path)], db=parted, settings=Settings.load(partition_size=5), extract=False)
    assert (b.ingested, b.rejected, b.article_ids) == (a.ingested, a.rejected, a.article_ids)
    assert [r.input for r in b.rejections] == [f"{path}:25"]
    assert memberships(parted) == memberships(plain)


def test_a_partition_that_cannot_be_read_is_rejected_and_the_rest_goes_on(tmp_path: Path) -> None:
    s = Settings.load(partition_size=3)
    gone = write_jsonl(tmp_path / "gone.jsonl", [json.dumps(record(i)) for i in range(5)])
    kept = write_jsonl(tmp_path / "kept.jsonl", [json.dumps(record(i)) for i in range(8, 10)])
    parts = distributed.plan([gone, kept], s)
    gone.unlink()  # vanished between planning and parsing
    items = [x for p in distributed.parsed(None, parts, s, extract=False) for x in p.items]
    assert [(x.input, x.code) for x in items if isinstance(x, Rejection)] == [
        (f"{gone}@1", "E107"), (f"{gone}@4", "E107")]
    assert sum(isinstance(x, Article) for x in items) == 2


def test_cli_ingest_with_an_unreachable_scheduler_fails_with_the_code(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from copydesk import cli

    path = write_jsonl(tmp_path / "in.jsonl", [json.dumps(record(0))])
    result = CliRunner().invoke(cli.main, ["ingest", str(path), "--scheduler", "tcp://127.0.0.1:9",
                                           "--db", str(tmp_path / "c.db")])
    assert result.exit_code != 0 and "E902" in result.output


def test_workers_without_dask_is_a_coded_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(UsageError, match="E903"):
        with distributed.session(workers=2):
            pass


needs_dask = pytest.mark.skipif(importlib.util.find_spec("distributed") is None,
                                reason="dask[distributed] is not installed (pip install 'copydesk[scale]')")


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("archive") / "a.jsonl", [json.dumps(record(i)) for i in range(40)])


@pytest.fixture(scope="module")
def in_process(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> set[frozenset[str]]:
    db = f"sqlite:///{tmp_path_factory.mktemp('one') / 'one.db'}"
    api.ingest_distributed([str(archive)], db=db, settings=Settings.load(partition_size=6), extract=False)
    return memberships(db)


@needs_dask
def test_two_workers_build_the_same_stories_as_one_process(archive: Path, in_process: set[frozenset[str]],
                                                           tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from copydesk.text import nlp

    def no_parse_here(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the client parsed a text: story features and copies belong on the workers")

    nlp.clear_cache()
    monkeypatch.setattr(nlp, "load", no_parse_here)  # this process only: the workers are processes of their own
    db = f"sqlite:///{tmp_path / 'two.db'}"
    ticks: list[tuple[str, int, int]] = []
    summary = api.ingest_distributed([str(archive)], workers=2, db=db, settings=Settings.load(partition_size=6),
                                     progress=lambda stage, done, total: ticks.append((stage, done, total)))
    assert summary.ingested == 40 and summary.rejected == 0
    assert memberships(db) == in_process
    parts = [t for t in ticks if t[0] == "parse"]  # one tick per partition as its future completes
    assert [d for _, d, _ in parts] == list(range(1, 8)) and {t for _, _, t in parts} == {7}
    with api.open_store(db) as st:  # the workers extracted the mentions; they were stored with the articles
        assert len(st.mentions_for(list(summary.new_ids))) == 40


@needs_dask
def test_a_worker_killed_mid_run_loses_and_doubles_nothing(archive: Path, in_process: set[frozenset[str]],
                                                           tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'killed.db'}"
    killed: list[int] = []

    def kill_one_worker(stage: str, done: int, total: int) -> None:
        if stage == "parse" and not killed:
            from distributed import get_client

            pids = get_client().run(os.getpid)
            killed.append(sorted(pids.values())[0])
            os.kill(killed[0], signal.SIGKILL)

    summary = api.ingest_distributed([str(archive)], workers=2, db=db, settings=Settings.load(partition_size=3),
                                     progress=kill_one_worker, extract=False)
    assert killed
    assert (summary.ingested, summary.duplicates, summary.rejected) == (40, 0, 0)
    with api.open_store(db) as st:
        assert st.count_articles() == 40
    assert memberships(db) == in_process


@needs_dask
def test_stories_touched_are_verified_as_dask_tasks(archive: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'verified.db'}"
    ticks: list[str] = []
    api.ingest_distributed([str(archive)], workers=2, db=db, settings=Settings.load(partition_size=20),
                           extract=False, verify=True, progress=lambda stage, d, t: ticks.append(stage))
    with api.open_store(db) as st:
        stories = st.stories()
    assert len(stories) > 1 and ticks.count("verify") == len(stories)


@needs_dask
def test_an_unreachable_scheduler_is_a_coded_usage_error() -> None:
    with pytest.raises(UsageError, match="E902"):
        with distributed.session(scheduler="tcp://127.0.0.1:9"):
            pass



def test_a_partition_brings_its_copies_and_story_features(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from copydesk.stories import persist

    wire = record(3)
    copy = {**wire, "source": "Outlet 9"}  # another outlet carries the wire text word for word
    path = write_jsonl(tmp_path / "in.jsonl", [json.dumps(r) for r in (record(0), wire, record(5), copy)])
    s = Settings.load(partition_size=10)
    [part] = distributed.plan([path], s)
    got = distributed.parse_partition(part, s, extract=False)
    ids = [x.id for x in got.items if isinstance(x, Article)]
    assert set(got.prepared) == set(ids) and all(p.terms and len(p.signature) == 8 * s.minhash_perm
                                                 for p in got.prepared.values())
    found = {(link.a, link.b): link.kind for link in got.links or ()}
    assert found[(ids[1], ids[3])] == "syndicated"
    db = f"sqlite:///{tmp_path / 'c.db'}"

    def searched_again(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the placing side searched the partition's copies again")

    monkeypatch.setattr(persist, "find_copies", searched_again)
    api.ingest_distributed([str(path)], db=db, settings=s, extract=False)
    with api.open_store(db) as st:  # what the partition found is what is stored
        assert {(link.a, link.b): link.kind for link in st.copies()} == found
