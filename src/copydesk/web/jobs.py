"""Ingest jobs run one at a time in a background thread so that uploads answer at once and show progress.

One worker, not one thread per upload: the store takes one writer at a time,
and fifty ingests at once would only fight over the interpreter while the pages
wait. Jobs beyond the one running are ``queued``.
"""

from __future__ import annotations

import asyncio
import shutil
import threading
import time
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from copydesk.errors import Code


@dataclass
class Job:
    """One ingest run: its state, progress counters and, when done, the summary or error."""

    id: str
    files: list[str]
    state: str = "queued"  # queued | running | done | failed
    stage: str = ""
    done: int = 0
    total: int = 0
    started: float = field(default_factory=time.time)
    finished: float | None = None
    summary: dict[str, Any] | None = None
    error: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "files": self.files, "state": self.state, "stage": self.stage,
                "done": self.done, "total": self.total, "summary": self.summary, "error": self.error,
                "seconds": round((self.finished or time.time()) - self.started, 2)}


class Jobs:
    """A small in-process registry of ingest jobs (one app, one process) and the worker that runs them."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="copydesk-ingest")
        self._pending: dict[str, tuple[Future[None], Path]] = {}  # the jobs not finished

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def start(self, folder: Path, names: list[str],
              run: Callable[[list[str], Callable[[str, int, int], None]], dict[str, Any]]) -> Job:
        """Queue ``run(paths, progress)`` over the files in ``folder``; the folder is removed after.

        Names in the summary and the error are given relative to ``folder``, so
        that no answer shows where uploads are kept.
        """
        job = Job(id=uuid.uuid4().hex[:12], files=names)
        with self._lock:
            self._jobs[job.id] = job

        def progress(stage: str, done: int, total: int) -> None:
            job.stage, job.done, job.total = stage, done, total

        def work() -> None:
            job.state = "running"
            try:
                job.summary = _relative(run([str(folder / n) for n in names], progress), folder)
                job.state = "done"
            except Exception as e:  # noqa: BLE001 - any failure is shown to the user as the job's error
                code = getattr(getattr(e, "code", None), "name", "E703")
                job.error = _relative({"code": code, "message": getattr(e, "message", str(e))}, folder)
                job.state = "failed"
            finally:
                job.finished = time.time()
                shutil.rmtree(folder, ignore_errors=True)
                with self._lock:
                    self._pending.pop(job.id, None)

        with self._lock:
            self._pending[job.id] = (self._worker.submit(work), folder)
        return job

    async def wait(self, job: Job, seconds: float) -> None:
        """Wait up to ``seconds`` for ``job`` to finish without holding the event loop or a thread."""
        deadline = time.monotonic() + seconds
        while job.finished is None and time.monotonic() < deadline:
            await asyncio.sleep(0.05)

    def close(self) -> None:
        """Drop the queued jobs and their uploads; the one running finishes and cleans up after itself."""
        self._worker.shutdown(wait=False, cancel_futures=True)
        with self._lock:
            dropped = [(self._jobs[i], folder) for i, (fut, folder) in self._pending.items() if fut.cancelled()]
        for job, folder in dropped:
            job.state, job.finished = "failed", time.time()
            job.error = {"code": "E703", "message": Code.E703.format(detail="the app stopped before it ran")}
            shutil.rmtree(folder, ignore_errors=True)


def _relative(value: Any, folder: Path) -> Any:
    """``value`` with every mention of ``folder/`` removed from its strings."""
    prefix = f"{folder}/"
    if isinstance(value, str):
        return value.replace(prefix, "")
    if isinstance(value, dict):
        return {k: _relative(v, folder) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_relative(v, folder) for v in value]
    return value
