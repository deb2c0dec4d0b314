"""`copydesk ingest` killed at random points, and ingests running at once, on SQLite and PostgreSQL.

After a kill and a rerun every article is stored once and in exactly one story,
and the stories are those of one uninterrupted ingest; concurrent ingests into one
database give the stories of one ingest of their union. The default suite runs a
few trials; ``--runslow`` runs ten kills per database and four writers at once.
"""

from __future__ import annotations

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


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_jsonl(stream(STORIES, PER_STORY), tmp_path_factory.mktemp("feeds"), FILES)


def _url(kind: str, tmp: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{tmp / 'faults.db'}"
    else:
        with pg_schema() as url:
            yield url


def _ingest(paths: list[Path], url: str) -> subprocess.Popen:
    log = open(Path(str(paths[0])).parent / f"ingest-{time.monotonic_ns()}.log", "w+")
    proc = subprocess.Popen([COPYDESK, "ingest", *map(str, paths), "--db", url], env=ENV,
                            stdout=subprocess.DEVNULL, stderr=log)
    proc.log = log  # type: ignore[attr-defined]
    return proc


def _finish(proc: subprocess.Popen) -> None:
    proc.wait(timeout=1200)
    log = proc.log  # type: ignore[attr-defined]
    log.seek(0)
    assert proc.returncode == 0, log.read()[-2000:]
    log.close()


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


def _kill_and_rerun(kind: str, inputs: list[Path], tmp: Path, rng: random.Random) -> set[frozenset[str]]:
    for url in _url(kind, tmp):
        proc = _ingest(inputs, url)
        # the kill point: after some articles are stored, or after some are placed into stories
        placed_phase, target = rng.random() < 0.5, rng.randint(1, N - 1)
        while proc.poll() is None:
            stored, placed = _counts(url)
            if (placed if placed_phase else stored) >= target:
                break
            time.sleep(rng.uniform(0.0, 0.05))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        _finish(_ingest(inputs, url))
        return _stories(url)
    raise AssertionError("unreachable")


def _concurrent(kind: str, inputs: list[Path], tmp: Path, writers: int) -> set[frozenset[str]]:
    for url in _url(kind, tmp):
        # each writer takes a share of the files, and the first file is given to two of them
        shares = [inputs[i::writers] for i in range(writers)]
        shares[-1] = [*shares[-1], inputs[0]]
        procs = [_ingest(share, url) for share in shares]
        for p in procs:
            _finish(p)
        return _stories(url)
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
