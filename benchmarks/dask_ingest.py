"""Dask ingest against one process on the same generated archive: throughput, memory, same stories.

Writes ``--n`` generated articles (the stream_scale generator: invented events,
each reported by several outlets in their own words, in date order) to one JSONL
file, then ingests it twice into fresh SQLite databases: in this process (the
partitions parsed and extracted here) and with ``--workers`` local Dask workers.
Prints one JSON line: articles/s of both and their ratio, the load average
around each run, CPU seconds of the one process, of the Dask client and of each
worker (and the ratio they allow on two idle cores: on a shared machine the wall
ratio measures the CPU share each side got), peak memory of the one process and
of each worker, and the pairwise F1 of the two story groupings (and of each
against the generator's labels).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stream_scale import generate, pairwise_f1  # noqa: E402

from copydesk import api  # noqa: E402
from copydesk.settings import Settings  # noqa: E402


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _usage() -> tuple[float, float]:
    """(peak RSS in MiB, CPU seconds) of this process (a worker when run through ``Client.run``)."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_maxrss / 1024, r.ru_utime + r.ru_stime


def _cpu() -> float:
    t = os.times()
    return t.user + t.system


def write_archive(path: Path, n: int) -> dict[str, int]:
    """The generated articles as JSONL; returns each record's given id -> story label."""
    labels: dict[str, int] = {}
    with path.open("w", encoding="utf-8") as f:
        for a, label in generate(n):
            labels[a.id] = label
            f.write(json.dumps({"id": a.id, "source": a.source, "published": a.published, "text": a.text}) + "\n")
    return labels


def run(path: Path, db: str, workers: int, settings: Settings, extract: bool) -> dict[str, Any]:
    """One ingest of ``path`` into ``db``: time, CPU of this process and of each worker, memory, stories."""
    usage: dict[str, tuple[float, float]] = {}

    def sample(stage: str, done: int, total: int) -> None:
        if workers and stage == "parse" and (done == total or done % 10 == 0):
            from distributed import get_client

            usage.update(get_client().run(_usage))

    load = os.getloadavg()[0]
    cpu0 = _cpu()
    t0 = time.perf_counter()
    summary = api.ingest_distributed([str(path)], workers=workers or None, db=db, settings=settings,
                                     progress=sample, extract=extract)
    spent = time.perf_counter() - t0
    cpu = _cpu() - cpu0
    with api.open_store(db) as st:
        given = {a.id: a.meta.get("given_id") for a in st.articles()}
        story = {given[a]: s.id for s in st.stories() for a in s.article_ids}
    return {"seconds": round(spent, 2), "articles_per_s": round(summary.ingested / spent, 2),
            "load_before": round(load, 2), "load_after": round(os.getloadavg()[0], 2),
            "ingested": summary.ingested, "rejected": summary.rejected,
            "cpu_s": round(cpu, 2), "worker_cpu_s": sorted(round(c, 2) for _, c in usage.values()),
            "peak_worker_rss_mib": sorted(round(m, 1) for m, _ in usage.values()), "story_of": story}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=2000, help="generated articles (the issue asks for 100,000)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--partition-size", type=int, default=200)
    ap.add_argument("--no-extract", action="store_true", help="parse only; mentions are extracted later")
    ap.add_argument("--data", default=None, help="unused: the archive is generated")
    args = ap.parse_args(argv)
    s = Settings.load(partition_size=args.partition_size)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "archive.jsonl"
        labels = write_archive(path, args.n)
        one = run(path, f"sqlite:///{tmp}/one.db", 0, s, not args.no_extract)
        one_rss = _rss_mib()
        many = run(path, f"sqlite:///{tmp}/many.db", args.workers, s, not args.no_extract)
    ids = sorted(labels)
    gold = [labels[i] for i in ids]
    one_story, many_story = one.pop("story_of"), many.pop("story_of")
    a = [one_story.get(i, "") for i in ids]
    b = [many_story.get(i, "") for i in ids]
    print(json.dumps({
        "benchmark": "dask_ingest", "n": args.n, "workers": args.workers, "partition_size": args.partition_size,
        "one_process": one, "dask": many,
        "throughput_ratio": round(many["articles_per_s"] / one["articles_per_s"], 3),
        # what the ratio would be on two idle cores, from CPU seconds: the busiest of the client, each
        # worker, and all of them shared over two cores (under load the wall ratio is the share it got)
        "cpu_bound_ratio_2_cores": round(one["cpu_s"] / max(many["cpu_s"], *many["worker_cpu_s"],
                                                            (many["cpu_s"] + sum(many["worker_cpu_s"])) / 2), 3),
        "peak_one_process_rss_mib": round(one_rss, 1),
        "client_cpu_s_per_article": round(many["cpu_s"] / max(1, many["ingested"]), 5),
        "pairwise_dask_vs_one_process": pairwise_f1(a, b),  # type: ignore[arg-type]
        "pairwise_one_process_vs_labels": pairwise_f1(gold, a),
        "pairwise_dask_vs_labels": pairwise_f1(gold, b),
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
