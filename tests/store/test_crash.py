"""A process killed mid-ingest leaves a consistent database; a rerun completes the job exactly."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from copydesk.store import Store

N = 3000
SCRIPT = """
import sys, time
from copydesk.models import Article
from copydesk.store import Store

def items():
    for i in range({n}):
        text = f"Generated article {{i}}: the harbour authority reported traffic figures for berth {{i % 40}}."
        if i % 100 == 0:
            time.sleep(0.02)
        yield Article(id=Article.make_id("Gen Wire", text), source="Gen Wire", text=text, url=f"https://gen.example/{{i}}")

store = Store(sys.argv[1])
print("ready", flush=True)
s = store.add(items(), batch_size=100)
print("done", s.ingested, flush=True)
"""


def _run(url: str, kill_after: float | None) -> str:
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT.format(n=N), url], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    if kill_after is None:
        out = proc.communicate(timeout=120)[0]
        return out
    time.sleep(kill_after)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    return ""


def test_kill_midway_then_rerun(tmp_path: Path) -> None:
    path = tmp_path / "crash.db"
    url = f"sqlite:///{path}"
    _run(url, kill_after=0.3)
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    partial = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    orphans = con.execute("SELECT count(*) FROM observations o LEFT JOIN articles a ON a.id = o.article_id "
                          "WHERE a.id IS NULL").fetchone()[0]
    unobserved = con.execute("SELECT count(*) FROM articles a WHERE NOT EXISTS "
                             "(SELECT 1 FROM observations o WHERE o.article_id = a.id)").fetchone()[0]
    con.close()
    assert 0 < partial < N, "the kill must land mid-ingest"
    assert partial % 100 == 0, "only whole batches are committed"
    assert orphans == 0 and unobserved == 0
    out = _run(url, kill_after=None)
    assert out.strip().endswith(f"done {N - partial}")
    with Store(url) as store:
        assert store.count_articles() == N
