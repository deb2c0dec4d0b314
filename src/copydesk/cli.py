"""The ``copydesk`` command line: a thin layer over ``copydesk.api``.

Domain errors become CLI errors here and only here: a usage error or a run in
which nothing at all could be ingested exits non-zero; bad items are reported
and the batch goes on.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any, Sequence

import click

from copydesk import api
from copydesk.errors import CopydeskError
from copydesk.settings import SETTINGS

DB_OPTION = click.option("--db", envvar="COPYDESK_DB", default=None,
                         help="Database URL or SQLite path (default: copydesk.db in the current folder).")


class Progress:
    """A one-line progress display on stderr, shown only on a terminal."""

    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.last = 0.0
        self.t0 = time.monotonic()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last < 0.1 and done != total:
            return
        self.last = now
        rate = done / max(now - self.t0, 1e-6)
        if total:
            width = 30
            fill = int(width * done / total)
            bar = "#" * fill + "-" * (width - fill)
            click.echo(f"\r{stage:8} [{bar}] {done}/{total} ({rate:,.0f}/s)", err=True, nl=False)
        else:
            click.echo(f"\r{stage:8} {done:,} items ({rate:,.0f}/s)", err=True, nl=False)

    def close(self) -> None:
        if self.enabled:
            click.echo("", err=True)


def _fail(e: CopydeskError) -> None:
    raise click.ClickException(str(e))


def _inputs(paths: Sequence[str]) -> tuple[list[str], Any]:
    """Paths as given; ``-`` reads standard input."""
    stdin = sys.stdin.buffer if "-" in paths else None
    return list(paths), stdin


def _print_rejections(rejections: Sequence[Any]) -> None:
    for r in rejections:
        click.echo(f"rejected {r.input}: [{r.code}] {r.message}", err=True)


@click.group()
@click.version_option(package_name="copydesk")
def main() -> None:
    """copydesk: what many articles about one event actually establish."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Parse and extract on a local Dask cluster of N processes (needs copydesk[scale]).")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Parse and extract on a running Dask cluster whose workers can read PATHS.")
@click.option("--verify", is_flag=True, help="With --workers/--scheduler: analyse each story touched as a Dask task.")
def ingest(paths: tuple[str, ...], db: str | None, as_json: bool, workers: int | None, scheduler: str | None,
           verify: bool) -> None:
    """Store articles from files, folders (recursively) or - (standard input).

    Accepts JSONL / JSON arrays, .txt (with an optional NAME.json sidecar), HTML
    pages, RSS/Atom feeds and WARC archives. New articles are placed into stories.
    """
    inputs, stdin = _inputs(paths)
    progress = Progress()
    try:
        if workers or scheduler:
            summary = api.ingest_distributed(inputs, workers=workers, scheduler=scheduler, db=db, stdin=stdin,
                                             progress=progress, verify=verify)
        else:
            summary = api.ingest(inputs, db=db, stdin=stdin, progress=progress)
    except CopydeskError as e:
        _fail(e)
    finally:
        progress.close()
    _print_rejections(summary.rejections)
    if as_json:
        click.echo(json.dumps({"ingested": summary.ingested, "duplicates": summary.duplicates,
                               "rejected": summary.rejected,
                               "rejections": [r.to_dict() for r in summary.rejections]}))
    else:
        click.echo(f"ingested {summary.ingested}, duplicates {summary.duplicates}, rejected {summary.rejected}")
    if summary.ingested + summary.duplicates == 0:
        sys.exit(1)


def _table(rows: list[dict[str, Any]], cols: Sequence[str], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    if not rows:
        click.echo("(none)")
        return
    widths = {c: min(60, max(len(c), *(len(str(r.get(c) or "")) for r in rows))) for c in cols}
    click.echo("  ".join(c.upper().ljust(widths[c]) for c in cols))
    for r in rows:
        click.echo("  ".join(str(r.get(c) or "")[: widths[c]].ljust(widths[c]) for c in cols))


@main.command()
@DB_OPTION
@click.option("--source", default=None, help="Only this outlet.")
@click.option("--since", default=None, help="Published on or after (YYYY-MM-DD).")
@click.option("--until", default=None, help="Published on or before (YYYY-MM-DD).")
@click.option("-q", "--query", default=None, help="Words in the title or text.")
@click.option("--limit", default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def articles(db: str | None, source: str | None, since: str | None, until: str | None,
             query: str | None, limit: int, as_json: bool) -> None:
    """List stored articles."""
    try:
        rows = api.list_articles(db=db, source=source, since=since, until=until, q=query, limit=limit)
    except CopydeskError as e:
        _fail(e)
    _table(rows, ("id", "source", "published", "title"), as_json)


@main.command()
@click.argument("article_id")
@DB_OPTION
@click.option("--json", "as_json", is_flag=True)
def show(article_id: str, db: str | None, as_json: bool) -> None:
    """Show one stored article with its mentions."""
    try:
        view = api.article_view(article_id, db=db)
    except CopydeskError as e:
        _fail(e)
    if as_json:
        click.echo(json.dumps(view, ensure_ascii=False, indent=2))
        return
    a = view["article"]
    click.echo(f"{a['title'] or '(untitled)'}\n{a['source']} · {a['published'] or 'undated'} · {a['url'] or ''}\n")
    click.echo(a["text"])
    if view["mentions"]:
        click.echo("\nMentions:")
        for m in view["mentions"]:
            click.echo(f"  {m['kind']:8} {m['start']:>6}-{m['end']:<6} {m['text']!r}")


@main.command()
@DB_OPTION
@click.option("-q", "--query", default=None)
@click.option("--source", default=None)
@click.option("--since", default=None)
@click.option("--until", default=None)
@click.option("--limit", default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.option("--check", is_flag=True, help="Re-run batch grouping over the stored articles and report where it "
                                           "differs from the stories built as articles arrived.")
def stories(db: str | None, query: str | None, source: str | None, since: str | None,
            until: str | None, limit: int, as_json: bool, check: bool) -> None:
    """List stories and their storylines."""
    if check:
        try:
            diffs = api.check_stories(db=db)
        except CopydeskError as e:
            _fail(e)
        if as_json:
            click.echo(json.dumps({"differences": diffs}))
        else:
            click.echo("\n".join(diffs) if diffs else "batch grouping agrees with the stored stories")
        return
    try:
        rows = api.list_stories(db=db, q=query, source=source, since=since, until=until, limit=limit)
    except CopydeskError as e:
        _fail(e)
    _table(rows, ("id", "storyline", "n_articles", "first_seen", "last_seen", "title"), as_json)


def _emit(doc: dict[str, Any], fmt: str, output: str | None) -> None:
    text = api.render(doc, fmt)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option("--one-story", is_flag=True, help="Treat the whole input as one story (a hand-curated dossier).")
@click.option("--format", "fmt", type=click.Choice(["json", "md", "html"]), default="md", show_default=True)
@click.option("-o", "--output", default=None, help="Write the report to this file.")
@click.option("--no-store", is_flag=True, help="Analyze in memory without writing to the database.")
def analyze(paths: tuple[str, ...], db: str | None, one_story: bool, fmt: str, output: str | None,
            no_store: bool) -> None:
    """Ingest PATHS, run every stage, and print the report."""
    inputs, stdin = _inputs(paths)
    progress = Progress()
    try:
        doc = api.analyze(inputs, db=db, one_story=one_story, stdin=stdin, progress=progress, store=not no_store)
    except CopydeskError as e:
        _fail(e)
    finally:
        progress.close()
    for r in doc["rejected"]:
        click.echo(f"rejected {r['input']}: [{r['code']}] {r['message']}", err=True)
    if not doc["articles"]:
        click.echo("nothing could be ingested", err=True)
        sys.exit(1)
    _emit(doc, fmt, output)


@main.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["json", "md", "html"]), default="md", show_default=True)
@click.option("-o", "--output", default=None)
def demo(db: str | None, fmt: str, output: str | None) -> None:
    """Analyze the bundled example story (fictional outlets, planted conflicts)."""
    paths = [str(p) for p in api.demo_paths()]
    click.echo(f"analyzing the bundled example: {len(paths)} input files", err=True)
    try:
        doc = api.analyze(paths, db=db, one_story=False)
    except CopydeskError as e:
        _fail(e)
    _emit(doc, fmt, output)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
def extract(paths: tuple[str, ...], fmt: str) -> None:
    """Print the mentions of each article as one JSON line (no database)."""
    from copydesk.extract.serialize import article_record

    inputs, stdin = _inputs(paths)
    try:
        arts, rejections = api.load(inputs, stdin=stdin)
    except CopydeskError as e:
        _fail(e)
    _print_rejections(rejections)
    for a in arts:
        ms = api.extract_text(a.text, a.published, article_id=a.id)
        click.echo(json.dumps(article_record(a.id, a.published, a.text, ms), ensure_ascii=False))
    if not arts:
        sys.exit(1)


@main.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8765, show_default=True)
def serve(db: str | None, host: str, port: int) -> None:
    """Run the local web app."""
    import uvicorn

    from copydesk.web.app import create_app

    click.echo(f"copydesk on http://{host}:{port}/", err=True)
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")


@main.command()
@click.argument("feeds", required=False)
@DB_OPTION
@click.option("--once", is_flag=True, help="Poll every feed once and exit.")
def watch(feeds: str | None, db: str | None, once: bool) -> None:
    """Monitor the feeds listed in FEEDS (one URL a line; default: the watch_feeds setting).

    New entries are fetched (robots.txt honoured), stored and placed into stories;
    story events go to the watch_events JSONL file and the watch_webhook URL.
    Stops cleanly on Ctrl-C or SIGTERM; a restart fetches nothing twice.
    """
    import signal
    import threading

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    tty = sys.stderr.isatty()

    def status(line: str, cycle_done: bool) -> None:
        if tty:
            click.echo(f"\r\033[K{line}", err=True, nl=cycle_done)
        elif cycle_done:
            click.echo(line, err=True)

    try:
        api.watch(feeds, db=db, cycles=1 if once else None, status=status, stop=stop)
    except KeyboardInterrupt:
        stop.set()
    except CopydeskError as e:
        _fail(e)


@main.command()
@click.argument("feeds", required=False)
@DB_OPTION
@click.option("--once", is_flag=True, help="Poll every feed once and exit.")
def watch(feeds: str | None, db: str | None, once: bool) -> None:
    """Monitor the feeds listed in FEEDS (one URL a line; default: the watch_feeds setting).

    New entries are fetched (robots.txt honoured), stored and placed into stories;
    story events go to the watch_events JSONL file and the watch_webhook URL.
    Stops cleanly on Ctrl-C or SIGTERM; a restart fetches nothing twice.
    """
    import signal
    import threading

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    tty = sys.stderr.isatty()

    def status(line: str, cycle_done: bool) -> None:
        if tty:
            click.echo(f"\r\033[K{line}", err=True, nl=cycle_done)
        elif cycle_done:
            click.echo(line, err=True)

    try:
        api.watch(feeds, db=db, cycles=1 if once else None, status=status, stop=stop)
    except KeyboardInterrupt:
        stop.set()
    except CopydeskError as e:
        _fail(e)


@main.command("settings")
def settings_cmd() -> None:
    """List every setting with its default and meaning."""
    for s in SETTINGS:
        click.echo(f"{s.name:24} {s.default!r:28} {s.help}")


def run(argv: Sequence[str] | None = None) -> int:
    """Entry point for tests: run the CLI and return its exit code."""
    try:
        main.main(args=list(argv or []), standalone_mode=False)
    except SystemExit as e:
        return int(e.code or 0)
    return 0

