"""Archive-scale parsing on Dask: inputs split into partitions, workers clean, parse and extract.

Workers only compute: a partition in; its Articles and Rejections, their mentions,
what placing each article into a story needs (its story terms and MinHash
signature, ``stories.persist.prepare``) and the copies among them out. So a task
lost with its worker is simply run again by Dask, and the caller parses nothing:
it writes rows and places articles by their prepared features, in partition
order, which gives the same stories as one process reading the same inputs.
Scheduling, retries and worker loss are Dask's; progress comes from the futures
as they complete. ``dask[distributed]`` is optional (``pip install
'copydesk[scale]'``); with no workers and no scheduler the partitions are parsed
in this process.
"""

from __future__ import annotations

import io
import logging
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from copydesk.errors import Code, IngestError, UsageError
from copydesk.ingest import STDIN_NAME, _walk, detect, jsonl, load, load_bytes
from copydesk.ingest.records import Item, reject
from copydesk.models import Article, CopyLink, Mention, Rejection
from copydesk.settings import Settings

if TYPE_CHECKING:
    from copydesk.stories.persist import Prepared

__all__ = ["Parsed", "Partition", "each", "parsed", "plan", "parse_partition", "session"]

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Partition:
    """Whole files (``paths``), the lines ``first_line``… of one JSONL file between two byte offsets,
    standard input (``data``), or the rejections of entries that are no input (``rejections``)."""

    paths: tuple[str, ...] = ()
    label: str = ""
    start: int = 0
    end: int = 0
    first_line: int = 1
    file: str = ""  # the JSONL file of a line range (``label`` is how outputs name it)
    data: bytes | None = None  # standard input, read once by the client
    rejections: tuple[Rejection, ...] = ()

    @property
    def inputs(self) -> tuple[str, ...]:
        return self.paths or (self.label,)


@dataclass(frozen=True)
class Parsed:
    """One partition's items in input order, the mentions extracted from its articles, what placing
    each needs (``prepared``) and the copies among them (``links``; None when they were not searched)."""

    items: tuple[Item, ...]
    mentions: dict[str, tuple[Mention, ...]] = field(default_factory=dict)
    prepared: dict[str, Prepared] = field(default_factory=dict)
    links: tuple[CopyLink, ...] | None = None


def _line_ranges(path: Path, size: int) -> list[tuple[int, int, int]]:
    """(start byte, end byte, first line number) of each run of ``size`` lines; [] when every line is blank."""
    out: list[tuple[int, int, int]] = []
    content = False
    with path.open("rb") as f:
        start, line, first = 0, 0, 1
        for raw in iter(f.readline, b""):
            line += 1
            content = content or bool(raw.strip())
            if line - first + 1 == size:
                end = f.tell()
                out.append((start, end, first))
                start, first = end, line + 1
        if line >= first:
            out.append((start, f.tell(), first))
    return out if content else []


def _splittable(path: Path) -> bool:
    """A plain, regular JSONL file whose lines can be parsed apart (gzip, NUL-bearing, empty files go whole)."""
    if detect.by_name(path.name) != "jsonl" or path.name.lower().endswith(".gz") or not path.is_file() \
            or path.is_symlink() or path.stat().st_size == 0:
        return False
    with path.open("rb") as f:
        head = f.read(detect.SNIFF_BYTES)
    return b"\x00" not in head and detect.sniff(head) != "gzip"


def plan(inputs: Sequence[str | Path], settings: Settings, stdin: IO[bytes] | None = None) -> list[Partition]:
    """Partitions of ``inputs`` in input order: ``partition_size`` lines of a JSONL file, or files."""
    size = max(1, settings.partition_size)
    parts: list[Partition] = []
    files: list[str] = []

    def flush() -> None:
        if files:
            parts.append(Partition(paths=tuple(files)))
            files.clear()

    for label, path, problem in _walk(inputs):
        if problem is not None:
            flush()
            parts.append(Partition(label=label, rejections=(reject(label, problem),)))
        elif path is None:
            flush()
            stream = stdin if stdin is not None else sys.stdin.buffer
            parts.append(Partition(label=STDIN_NAME, data=stream.read(settings.max_input_bytes + 1)))
        elif _splittable(path) and (ranges := _line_ranges(path, size)):
            flush()
            parts += [Partition(label=label, file=str(path), start=s, end=e, first_line=n) for s, e, n in ranges]
        else:
            files.append(str(path))  # ingest.load names it by the same label
            if len(files) >= size or detect.by_name(path.name) == "warc":
                flush()
    flush()
    return parts


def _items(part: Partition, settings: Settings) -> Iterator[Item]:
    if part.rejections:
        yield from part.rejections
    elif part.paths:
        yield from load(list(part.paths), settings)
    elif part.data is not None:
        if len(part.data) > settings.max_input_bytes:
            yield reject(part.label, IngestError(Code.E105, size=len(part.data), limit=settings.max_input_bytes))
            return
        yield from load_bytes(part.data, name=part.label, settings=settings)
    else:
        with open(part.file, "rb") as f:
            f.seek(part.start)
            chunk = f.read(part.end - part.start)
        for number, line in enumerate(jsonl.read_lines(io.BytesIO(chunk), settings.max_input_bytes),
                                      part.first_line):
            label = f"{part.label}:{number}"
            item = reject(label, line) if isinstance(line, IngestError) else jsonl.parse_line(
                line, input=label, settings=settings)
            if item is not None:
                yield item


#: Texts parsed together on a worker (``nlp.pipe``); their Docs stay in the parse cache
#: while the story features of the same articles are read off them.
PARSE_BATCH = 32


def _analysed(articles: Sequence[Article], settings: Settings, extract: bool
              ) -> tuple[dict[str, tuple[Mention, ...]], dict[str, Prepared]]:
    """Mentions (with ``extract``) and prepared placement of each article, each text parsed once.

    An article whose extraction raises is stored without mentions (analyze extracts them
    later) and the batch after it goes on one article at a time; one whose features raise
    is placed, and rejected, where it is placed.
    """
    from copydesk.extract import extract as extract_one, extract_many
    from copydesk.stories.persist import prepare
    from copydesk.text import parse_many

    mentions: dict[str, tuple[Mention, ...]] = {}
    prepared: dict[str, Prepared] = {}
    failed: list[str] = []

    def prep(a: Article) -> None:
        try:
            prepared[a.id] = prepare(a, settings)
        except Exception as exc:  # noqa: BLE001
            log.warning("story features of %s failed: %s", a.id, exc)

    if not extract:
        for i in range(0, len(articles), PARSE_BATCH):
            chunk = articles[i:i + PARSE_BATCH]
            for a, _doc in zip(chunk, parse_many([a.text for a in chunk], batch_size=PARSE_BATCH)):
                prep(a)
        return mentions, prepared
    try:
        for a, ms in zip(articles, extract_many(((a.text, a.published, a.id) for a in articles), PARSE_BATCH)):
            mentions[a.id] = tuple(ms)
            prep(a)
    except Exception:  # noqa: BLE001 - one text broke the batch: the rest one by one
        for a in articles:
            if a.id in mentions:
                continue
            try:
                mentions[a.id] = tuple(extract_one(a.text, a.published, article_id=a.id))
            except Exception as exc:  # noqa: BLE001 - stored without mentions
                failed.append(f"{a.id}: {exc}")
            prep(a)
    if failed:
        log.warning("extraction failed for %d articles (first: %s)", len(failed), failed[0])
    return mentions, prepared


def parse_partition(part: Partition, settings: Settings, extract: bool = True) -> Parsed:
    """Clean and parse one partition, extract its articles' mentions, prepare their placement and
    find the copies among them (runs on a worker)."""
    from copydesk.stories.copies import find_copies

    items = tuple(_items(part, settings))
    first: dict[str, Article] = {}
    for x in items:
        if isinstance(x, Article):
            first.setdefault(x.id, x)
    articles = list(first.values())
    mentions, prepared = _analysed(articles, settings, extract)
    try:
        links: tuple[CopyLink, ...] | None = tuple(find_copies(articles, settings))
    except Exception as exc:  # noqa: BLE001 - the placing process searches them itself
        log.warning("copy search failed in %s: %s", part.inputs[0], exc)
        links = None
    return Parsed(items, mentions, prepared, links)


def _lost(part: Partition, exc: BaseException) -> Parsed:
    """A partition Dask gave up on, as one Rejection per input so that the rest of the batch goes on."""
    message = Code.E107.format(detail=f"the partition failed on every try: {type(exc).__name__}: {exc}"[:300])
    return Parsed(tuple(Rejection(input=i if not part.label else f"{i}@{part.first_line}", stage="ingest",
                                  code=Code.E107.name, message=message) for i in part.inputs))


#: Dask settings of a local cluster's workers: glibc's own malloc trimming rather than Dask's
#: 64 KiB threshold, which hands freed memory back after every parse and costs a worker
#: 10-15% more CPU per article than one process spends (the peak memory is the same); no
#: statistical profiler sampling every task 100 times a second for a dashboard nobody reads.
LOCAL_WORKER_CONFIG: dict[str, Any] = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
                                       "distributed.worker.profile.enabled": False}


def _dask() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise UsageError(Code.E903, detail="dask[distributed] is needed for --workers and --scheduler "
                                           "(pip install 'copydesk[scale]')") from exc
    return distributed


@contextmanager
def session(workers: int | None = None, scheduler: str | None = None) -> Iterator[Any]:
    """A Dask client: on ``scheduler`` (tcp://HOST:PORT), or on a local cluster of ``workers`` processes.

    Yields None (parse in this process) when neither is given.
    """
    if not scheduler and not workers:
        yield None
        return
    distributed = _dask()
    if scheduler:
        try:
            client = distributed.Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise UsageError(Code.E902, detail=f"no Dask scheduler reachable at {scheduler!r}: {exc}") from exc
        try:
            yield client
        finally:
            client.close()
        return
    import dask

    with dask.config.set(LOCAL_WORKER_CONFIG), \
            distributed.LocalCluster(n_workers=int(workers or 1), threads_per_worker=1, processes=True,
                                     dashboard_address=":0", silence_logs=logging.ERROR) as cluster, \
            distributed.Client(cluster) as client:
        yield client


def parsed(client: Any, parts: Sequence[Partition], settings: Settings, *, extract: bool = True,
           progress: Progress | None = None) -> Iterator[Parsed]:
    """Each partition parsed, yielded in partition order; a few partitions per worker in flight.

    Progress ticks as futures complete (``distributed.as_completed``), whatever their order;
    a partition Dask gives up on (every retry raised, or it killed too many workers) comes
    back as rejections and the rest goes on.
    """
    tick = progress or (lambda stage, done, total: None)
    if client is None:
        for i, part in enumerate(parts):
            try:
                result = parse_partition(part, settings, extract)
            except Exception as exc:  # noqa: BLE001 - as Dask's giving up below: the rest goes on
                result = _lost(part, exc)
            yield result
            tick("parse", i + 1, len(parts))
        return
    distributed = _dask()
    window = max(2, 3 * (len(client.scheduler_info().get("workers", {})) or 1))
    running = distributed.as_completed()
    index: dict[str, int] = {}
    ready: dict[int, Parsed] = {}
    submitted = given = done = 0

    def submit() -> None:
        nonlocal submitted
        while submitted < len(parts) and submitted - given < window:
            future = client.submit(parse_partition, parts[submitted], settings, extract,
                                   pure=False, retries=settings.dask_retries)
            index[future.key] = submitted
            running.add(future)
            submitted += 1

    submit()
    for future in running:
        i = index.pop(future.key)
        try:
            ready[i] = future.result()
        except Exception as exc:  # noqa: BLE001 - Dask gave up (KilledWorker or every retry raised)
            ready[i] = _lost(parts[i], exc)
        future.release()
        done += 1
        tick("parse", done, len(parts))
        while given in ready:
            yield ready.pop(given)
            given += 1
        submit()


def each(client: Any, fn: Callable[..., Any], items: Iterable[Any], progress: Progress | None = None,
         stage: str = "verify", **kwargs: Any) -> list[Any]:
    """``fn(item, **kwargs)`` for every item as Dask tasks (in this process without a client), in order."""
    items = list(items)
    tick = progress or (lambda stage, done, total: None)
    if client is None:
        out = []
        for i, x in enumerate(items):
            out.append(fn(x, **kwargs))
            tick(stage, i + 1, len(items))
        return out
    distributed = _dask()
    futures = [client.submit(fn, x, pure=False, **kwargs) for x in items]
    for done, _ in enumerate(distributed.as_completed(futures), 1):
        tick(stage, done, len(futures))
    return client.gather(futures)

