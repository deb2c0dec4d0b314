"""Ingest jobs run in a background thread so that uploads answer at once and show progress."""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable


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
    """A small in-process registry of ingest jobs (one app, one process)."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def start(self, folder: Path, names: list[str], run: Callable[[list[str], Callable[[str, int, int], None]], dict[str, Any]],
              wait: float = 0.0) -> Job:
        """Run ``run(paths, progress)`` over the files in ``folder`` in a thread; the folder is removed after."""
        job = Job(id=uuid.uuid4().hex[:12], files=names)
        with self._lock:
            self._jobs[job.id] = job

        def progress(stage: str, done: int, total: int) -> None:
            job.stage, job.done, job.total = stage, done, total

        def work() -> None:
            job.state = "running"
            try:
                job.summary = run([str(folder / n) for n in names], progress)
                job.state = "done"
            except Exception as e:  # noqa: BLE001 - any failure is shown to the user as the job's error
                code = getattr(getattr(e, "code", None), "name", "E703")
                job.error = {"code": code, "message": getattr(e, "message", str(e))}
                job.state = "failed"
            finally:
                job.finished = time.time()
                shutil.rmtree(folder, ignore_errors=True)

        t = threading.Thread(target=work, name=f"ingest-{job.id}", daemon=True)
        t.start()
        if wait:
            t.join(wait)
        return job


def upload_folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="copydesk-upload-"))
