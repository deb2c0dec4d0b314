"""`copydesk ingest` killed at random points, and ingests running at once, on SQLite and PostgreSQL.

After a kill and a rerun every article is stored once and in exactly one story,
and the stories are those of one uninterrupted ingest; concurrent ingests into one
database give the stories of one ingest of their union. The same holds on Dask
(``--workers 2``): a worker killed mid-run (the job finishes by itself), the client
killed (its workers go with it; the rerun completes), Dask ingests at once. The
default suite runs one trial of each kind on SQLite; ``--runslow`` runs ten of each
kill per database and two and four writers at once.
"""

from __future__ import annotations

import importlib.util
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import create_engine, func, select

from copydesk.store import schema as t
from databases import pg_schema
from generated import stream, write_jsonl

STORIES, PER_STORY, FILES = 12, 4, 4
N = STORIES * PER_STORY
#: Small transactions, so kills land between store batches and between placement chunks.
ENV = {**os.environ, "COPYDESK_BATCH_SIZE": "6"}
COPYDESK = shutil.which("copydesk") or "copydesk"
#: Dask runs: partitions of a few lines, so kills land between partitions as well as inside them.
DASK_ENV = {**ENV, "COPYDESK_PARTITION_SIZE": "3"}
needs_dask = pytest.mark.skipif(importlib.util.find_spec("distributed") is None,
                                reason="dask[distributed] is not installed (pip install 'copydesk[scale]')")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_jsonl(stream(STORIES, PER_STORY), tmp_path_factory.mktemp("feeds"), FILES)


def _url(kind: str, tmp: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{tmp / 'faults.db'}"
    else:
        with pg_schema() as url:
            yield url


def _ingest(paths: list[Path], url: str, workers: int | None = None) -> subprocess.Popen:
    """``copydesk ingest PATHS`` in the background; with ``workers``, on a local Dask cluster of that many."""
    log = open(Path(str(paths[0])).parent / f"ingest-{time.monotonic_ns()}.log", "w+")
    dask = ["--workers", str(workers)] if workers else []
    proc = subprocess.Popen([COPYDESK, "ingest", *map(str, paths), "--db", url, *dask],
                            env=DASK_ENV if workers else ENV, stdout=subprocess.DEVNULL, stderr=log)
    proc.log = log  # type: ignore[attr-defined]
    return proc


def _finish(proc: subprocess.Popen) -> str:
    """Wait for a run to succeed; the tail of what it wrote to stderr."""
    proc.wait(timeout=1200)
    log = proc.log  # type: ignore[attr-defined]
    log.seek(0)
    tail = log.read()[-3000:]
    log.close()
    assert proc.returncode == 0, tail
    return tail


def _stories_after(url: str, log: str) -> set[frozenset[str]]:
    """``_stories`` with the last run's stderr in the message when a check fails."""
    try:
        return _stories(url)
    except AssertionError as e:
        raise AssertionError(f"{e}\n--- the last run's stderr:\n{log}") from None


def _counts(url: str) -> tuple[int, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return (conn.execute(select(func.count()).select_from(t.articles)).scalar_one(),
                    conn.execute(select(func.count()).select_from(t.story_articles)).scalar_one())
    except Exception:  # tables not created yet
        return 0, 0
    finally:
        engine.dispose()


def _stories(url: str) -> set[frozenset[str]]:
    """The stories as sets of article URLs, after checking the rows agree with each other."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            arts = dict(conn.execute(select(t.articles.c.id, t.articles.c.url)).all())
            member = conn.execute(select(t.story_articles.c.article_id, t.story_articles.c.story_id)).all()
            sizes = dict(conn.execute(select(t.story_state.c.id, t.story_state.c.size)).all())
            listed = {r[0] for r in conn.execute(select(t.stories.c.id))}
    finally:
        engine.dispose()
    assert len(arts) == N and len(set(arts.values())) == N, "every article stored once"
    assert sorted(a for a, _ in member) == sorted(arts), "every article in exactly one story"
    by_story: dict[str, set[str]] = defaultdict(set)
    for a, s in member:
        by_story[s].add(arts[a])
    assert set(by_story) == listed == set(sizes), "memberships, stories and story state name the same stories"
    assert {s: len(m) for s, m in by_story.items()} == sizes, "each story's size counts its members"
    return {frozenset(m) for m in by_story.values()}


class _Clean(dict):
    """The stories of one uninterrupted ingest per database kind, computed when first asked for."""

    def __init__(self, inputs: list[Path], tmp: pytest.TempPathFactory) -> None:
        super().__init__()
        self.inputs, self.tmp = inputs, tmp

    def __missing__(self, kind: str) -> set[frozenset[str]]:
        for url in _url(kind, self.tmp.mktemp(f"clean-{kind}")):
            _finish(_ingest(self.inputs, url))
            self[kind] = _stories(url)
        return self[kind]


@pytest.fixture(scope="module")
def expected(inputs: list[Path], tmp_path_factory: pytest.TempPathFactory) -> _Clean:
    return _Clean(inputs, tmp_path_factory)


def _workers(proc: subprocess.Popen) -> list["psutil.Process"]:
    """The Dask worker processes of a ``copydesk ingest --workers`` run (spawned by its nannies)."""
    import psutil

    try:
        kids = psutil.Process(proc.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    out = []
    for k in kids:
        try:
            line = " ".join(k.cmdline())
        except psutil.Error:
            continue
        if "spawn_main" in line and "resource_tracker" not in line:
            out.append(k)
    return out


def _gone(procs: list["psutil.Process"], within: float) -> bool:
    import psutil

    _, alive = psutil.wait_procs(procs, timeout=within)
    for p in alive:  # leave nothing running whatever the verdict
        p.kill()
    return not alive


def _kill_and_rerun(kind: str, inputs: list[Path], tmp: Path, rng: random.Random,
                    workers: int | None = None) -> set[frozenset[str]]:
    """Kill ``copydesk ingest`` (the Dask client, with ``workers``) at a random point, rerun it: the stories."""
    for url in _url(kind, tmp):
        proc = _ingest(inputs, url, workers)
        # the kill point: after some articles are stored, or after some are placed into stories
        placed_phase, target = rng.random() < 0.5, rng.randint(1, N - 1)
        while proc.poll() is None:
            stored, placed = _counts(url)
            if (placed if placed_phase else stored) >= target:
                break
            time.sleep(rng.uniform(0.0, 0.05))
        cluster = _workers(proc) if workers else []
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        assert _gone(cluster, 30), "Dask workers outlived their killed client"
        return _stories_after(url, _finish(_ingest(inputs, url, workers)))
    raise AssertionError("unreachable")


def _kill_a_worker(kind: str, inputs: list[Path], tmp: Path, rng: random.Random) -> set[frozenset[str]]:
    """SIGKILL one Dask worker of ``copydesk ingest --workers 2`` at a random point; the run finishes by itself."""
    for url in _url(kind, tmp):
        proc = _ingest(inputs, url, 2)
        target = rng.randint(0, N // 2)  # articles stored when the worker dies
        killed = None
        while proc.poll() is None and killed is None:
            workers = _workers(proc)
            if len(workers) == 2 and _counts(url)[0] >= target:
                killed = rng.choice(workers)
                killed.kill()
            time.sleep(rng.uniform(0.0, 0.05))
        log = _finish(proc)
        assert killed is not None, "the run ended before a worker could be killed"
        return _stories_after(url, log)
    raise AssertionError("unreachable")


def _concurrent(kind: str, inputs: list[Path], tmp: Path, writers: int,
                workers: int | None = None) -> set[frozenset[str]]:
    for url in _url(kind, tmp):
        # each writer takes a share of the files, and the first file is given to two of them
        shares = [inputs[i::writers] for i in range(writers)]
        shares[-1] = [*shares[-1], inputs[0]]
        procs = [_ingest(share, url, workers) for share in shares]
        logs = [_finish(p) for p in procs]
        return _stories_after(url, "\n".join(logs))
    raise AssertionError("unreachable")


KINDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def test_kill_ingest_then_rerun(inputs: list[Path], expected: _Clean, tmp_path: Path) -> None:
    assert _kill_and_rerun("sqlite", inputs, tmp_path, random.Random(11)) == expected["sqlite"]


def test_two_ingests_at_once(inputs: list[Path], expected: _Clean, tmp_path: Path) -> None:
    assert _concurrent("sqlite", inputs, tmp_path, 2) == expected["sqlite"]


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("trial", range(10))
def test_kill_ingest_at_random_points(kind: str, trial: int, inputs: list[Path], expected: _Clean,
                                      tmp_path: Path) -> None:
    assert _kill_and_rerun(kind, inputs, tmp_path, random.Random(1000 + trial)) == expected[kind]


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("writers", [2, 4])
def test_ingests_at_once(kind: str, writers: int, inputs: list[Path], expected: _Clean, tmp_path: Path) -> None:
    assert _concurrent(kind, inputs, tmp_path, writers) == expected[kind]


def test_stories_repair_places_what_a_killed_run_left(inputs: list[Path], expected: _Clean,
                                                      tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'repair.db'}"
    from copydesk import api

    api.ingest(inputs, db=url, assign_stories=False)
    assert _counts(url) == (N, 0)
    out = subprocess.run([COPYDESK, "stories", "--repair", "--db", url], env=ENV, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert f"placed {N}" in out.stdout
    assert _stories(url) == expected["sqlite"]


# --- on Dask ----------------------------------------------------------------------------------


@needs_dask
def test_dask_worker_killed_mid_run(inputs: list[Path], expected: _Clean, tmp_path: Path) -> None:
    assert _kill_a_worker("sqlite", inputs, tmp_path, random.Random(21)) == expected["sqlite"]


@needs_dask
def test_dask_client_killed_then_rerun(inputs: list[Path], expected: _Clean, tmp_path: Path) -> None:
    assert _kill_and_rerun("sqlite", inputs, tmp_path, random.Random(31), workers=2) == expected["sqlite"]


@needs_dask
def test_two_dask_ingests_at_once(inputs: list[Path], expected: _Clean, tmp_path: Path) -> None:
    assert _concurrent("sqlite", inputs, tmp_path, 2, workers=1) == expected["sqlite"]


@needs_dask
@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("trial", range(10))
def test_dask_worker_killed_at_random_points(kind: str, trial: int, inputs: list[Path], expected: _Clean,
                                             tmp_path: Path) -> None:
    assert _kill_a_worker(kind, inputs, tmp_path, random.Random(2000 + trial)) == expected[kind]


@needs_dask
@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("trial", range(10))
def test_dask_client_killed_at_random_points(kind: str, trial: int, inputs: list[Path], expected: _Clean,
                                             tmp_path: Path) -> None:
    assert _kill_and_rerun(kind, inputs, tmp_path, random.Random(3000 + trial), workers=2) == expected[kind]


@needs_dask
@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("writers", [2, 4])
def test_dask_ingests_at_once(kind: str, writers: int, inputs: list[Path], expected: _Clean,
                              tmp_path: Path) -> None:
    assert _concurrent(kind, inputs, tmp_path, writers, workers=1) == expected[kind]
