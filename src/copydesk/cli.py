"""The ``copydesk`` command line: a thin layer over ``copydesk.api``.

Domain errors become CLI errors here and only here: a usage error or a run in
which nothing at all could be ingested exits non-zero; bad items are reported
and the batch goes on.
"""

from __future__ import annotations

import functools
import json
import sys
import time
from pathlib import Path
from typing import Any, Callable, Sequence, TypeVar

import click

from copydesk import api
from copydesk.errors import CopydeskError
from copydesk.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])

DB_OPTION = click.option("--db", default=None,
                         help="Database URL or SQLite path (default: the db setting, COPYDESK_DB or copydesk.db).")
DEMO_REPORT = "copydesk-demo"


def format_option(*choices: str, default: str) -> Callable[[F], F]:
    """``--format``, the one spelling of an output format on every command; ``--json`` is a hidden alias of
    ``--format json`` kept for scripts written before."""
    def decorate(f: F) -> F:
        @functools.wraps(f)
        def run(*args: Any, json_alias: bool = False, **kw: Any) -> Any:
            if json_alias:
                kw["fmt"] = "json"
            return f(*args, **kw)

        run = click.option("--json", "json_alias", is_flag=True, hidden=True)(run)
        run = click.option("--format", "fmt", type=click.Choice(list(choices)), default=default, show_default=True,
                           help="Output format.")(run)
        return run  # type: ignore[return-value]

    return decorate


def _day_options(f: F) -> F:
    """--since and --until, checked as calendar dates by the API (E702)."""
    f = click.option("--until", default=None, help="Published on or before (YYYY, YYYY-MM or YYYY-MM-DD).")(f)
    return click.option("--since", default=None, help="Published on or after (YYYY, YYYY-MM or YYYY-MM-DD).")(f)


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


def _print_rejections(rejections: Sequence[Any], summary: Any = None) -> None:
    """One line per rejection; after an ingest's bounded sample, how many more there were, by code."""
    for r in rejections:
        click.echo(f"rejected {r.input}: [{r.code}] {r.message}", err=True)
    counts = dict(getattr(summary, "rejection_counts", None) or {})
    if summary is not None and summary.rejected > len(rejections):
        by_code = ", ".join(f"{code} {n}" for code, n in sorted(counts.items()))
        click.echo(f"... {summary.rejected - len(rejections)} more rejections not shown ({by_code}); "
                   "all are stored", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="copydesk")
def main() -> None:
    """copydesk: what many articles about one event actually establish.

    An article is named by its id, any unique prefix of it (reports print 8
    characters), or the id it was given in the input.
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@format_option("text", "json", default="text")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Parse and extract on a local Dask cluster of N processes (needs copydesk[scale]).")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Parse and extract on a running Dask cluster whose workers can read PATHS.")
@click.option("--verify", is_flag=True, help="With --workers/--scheduler: analyse each story touched as a Dask task.")
def ingest(paths: tuple[str, ...], db: str | None, fmt: str, workers: int | None, scheduler: str | None,
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
    _print_rejections(summary.rejections, summary)
    if fmt == "json":
        click.echo(json.dumps({"ingested": summary.ingested, "duplicates": summary.duplicates,
                               "rejected": summary.rejected,
                               "rejection_counts": dict(getattr(summary, "rejection_counts", None) or {}),
                               "rejections": [r.to_dict() for r in summary.rejections]}))
    else:
        click.echo(f"ingested {summary.ingested}, duplicates {summary.duplicates}, rejected {summary.rejected}")
    if summary.ingested + summary.duplicates == 0:
        sys.exit(1)


def _table(rows: list[dict[str, Any]], cols: Sequence[str], fmt: str) -> None:
    if fmt == "json":
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
@_day_options
@click.option("-q", "--query", default=None, help="Words in the title or text.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=1))
@click.option("--offset", default=0, show_default=True, type=click.IntRange(min=0), help="Skip this many first.")
@format_option("text", "json", default="text")
def articles(db: str | None, source: str | None, since: str | None, until: str | None,
             query: str | None, limit: int, offset: int, fmt: str) -> None:
    """List stored articles, oldest first, and how many match in all."""
    filters: dict[str, Any] = {"source": source, "since": since, "until": until, "q": query}
    try:
        api.require_database(db)
        rows = api.list_articles(db=db, limit=limit, offset=offset, **filters)
        total = api.count_articles(db=db, **filters)
    except CopydeskError as e:
        _fail(e)
    cols = ("id", "given_id", "version", "source", "published", "title")
    _table(rows, [c for c in cols if c != "version" or any(r["version"] > 1 for r in rows)], fmt)
    more = f"; --offset {offset + len(rows)} for the next" if offset + len(rows) < total else ""
    shown = f"{offset + 1}-{offset + len(rows)}" if rows else "none"
    click.echo(f"{len(rows)} of {total} articles (showing {shown}{more})", err=fmt == "json")


@main.command()
@click.argument("article_id", metavar="ARTICLE")
@DB_OPTION
@format_option("text", "json", default="text")
def show(article_id: str, db: str | None, fmt: str) -> None:
    """Show one stored article with its mentions.

    ARTICLE is its id, any unique prefix of it, or the id it was given in the input.
    """
    try:
        api.require_database(db)
        view = api.article_view(article_id, db=db)
    except CopydeskError as e:
        _fail(e)
    if fmt == "json":
        click.echo(json.dumps(view, ensure_ascii=False, indent=2))
        return
    a = view["article"]
    names = [f"id {a['id']}"] + ([f"given id {a['given_id']}"] if a["given_id"] else [])
    if len(a["versions"]) > 1:
        names.append(f"version {a['version']} of {len(a['versions'])} (latest {a['versions'][-1]})")
    click.echo(f"{a['title'] or '(untitled)'}\n{a['source']} · {a['published'] or 'undated'} · {a['url'] or ''}")
    click.echo(" · ".join(names) + "\n")
    click.echo(a["text"])
    if view["mentions"]:
        click.echo("\nMentions:")
        for m in view["mentions"]:
            click.echo(f"  {m['kind']:8} {m['start']:>6}-{m['end']:<6} {m['text']!r}")


@main.command()
@DB_OPTION
@click.option("-q", "--query", default=None, help="Words in the story title.")
@click.option("--source", default=None, help="Only stories this outlet reported.")
@_day_options
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=1))
@format_option("text", "json", default="text")
@click.option("--check", is_flag=True, help="Re-run batch grouping over the stored articles and report where it "
                                           "differs from the stories built as articles arrived.")
@click.option("--repair", is_flag=True, help="Place every stored article that is in no story yet (after a killed "
                                            "ingest) and say how many.")
def stories(db: str | None, query: str | None, source: str | None, since: str | None,
            until: str | None, limit: int, fmt: str, check: bool, repair: bool) -> None:
    """List stories and their storylines."""
    try:
        api.require_database(db)
    except CopydeskError as e:
        _fail(e)
    if repair:
        try:
            placed = api.repair_stories(db=db)
        except CopydeskError as e:
            _fail(e)
        click.echo(json.dumps({"placed": placed}) if fmt == "json" else f"placed {placed} articles into stories")
        return
    if check:
        try:
            diffs = api.check_stories(db=db)
        except CopydeskError as e:
            _fail(e)
        if fmt == "json":
            click.echo(json.dumps({"differences": diffs}))
        else:
            click.echo("\n".join(diffs) if diffs else "batch grouping agrees with the stored stories")
        return
    try:
        rows = api.list_stories(db=db, q=query, source=source, since=since, until=until, limit=limit)
    except CopydeskError as e:
        _fail(e)
    _table(rows, ("id", "storyline", "n_articles", "first_seen", "last_seen", "title"), fmt)


def _emit(doc: dict[str, Any], fmt: str, output: str | None) -> None:
    """The report in ``fmt`` to the file ``output`` (JSON compact there); none or ``-`` is standard output."""
    if output and output != "-":
        Path(output).write_text(api.render(doc, fmt, compact=True), encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(api.render(doc, fmt))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option("--one-story", is_flag=True, help="Treat the whole input as one story (a hand-curated dossier).")
@format_option("md", "html", "json", default="md")
@click.option("-o", "--output", default=None, help="Write the report to this file (- or none: standard output).")
@click.option("--no-store", is_flag=True, help="Analyze in memory without writing to the database.")
@click.option("--all-versions", is_flag=True,
              help="Compare every version of an article changed at the same URL, not only the latest.")
def analyze(paths: tuple[str, ...], db: str | None, one_story: bool, fmt: str, output: str | None,
            no_store: bool, all_versions: bool) -> None:
    """Ingest PATHS, run every stage, and print the report."""
    inputs, stdin = _inputs(paths)
    progress = Progress()
    try:
        doc = api.analyze(inputs, db=db, one_story=one_story, stdin=stdin, progress=progress, store=not no_store,
                          all_versions=all_versions)
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
@format_option("md", "html", "json", default="md")
@click.option("-o", "--output", default=None,
              help=f"Write the full report here (default {DEMO_REPORT}.FORMAT; - prints it instead of the summary).")
def demo(db: str | None, fmt: str, output: str | None) -> None:
    """Analyze the bundled example story (fictional outlets, planted conflicts) and say what it found.

    Prints a short summary, writes the full report to a file and stores the
    articles, so that ``copydesk serve`` shows them.
    """
    paths = [str(p) for p in api.demo_paths()]
    click.echo(f"analyzing the bundled example: {len(paths)} input files", err=True)
    try:
        doc = api.analyze(paths, db=db, one_story=False)
        web = Settings.load()
    except CopydeskError as e:
        _fail(e)
    if output == "-":
        _emit(doc, fmt, output)
        return
    output = output or f"{DEMO_REPORT}.{fmt}"
    Path(output).write_text(api.render(doc, fmt, compact=True), encoding="utf-8")
    found = api.demo_summary(doc)
    lines = [f"The bundled example: {found['articles']} articles from {found['outlets']} outlets, "
             f"{found['stories']} stories.", "",
             f"Planted disputes found: {sum(d['found'] for d in found['disputes'])} of {len(found['disputes'])}"]
    for d in found["disputes"]:
        said = " / ".join(f"{source} \"{text}\"" for source, text in d["planted"])
        lines.append(f"  {'found  ' if d['found'] else 'MISSED '} {d['claim']}: {said}")
    if found["other_disputes"]:
        n = found["other_disputes"]
        lines.append(f"  and {n} more disputed claim{'s' if n > 1 else ''} in the report")
    lines += ["", "Copy chain (who repeats whom):"]
    for c in found["copies"] or [{"from": None, "outlets": ["none found"], "kind": ""}]:
        if c["from"]:
            lines.append(f"  {c['from']} -> {next(o for o in c['outlets'] if o != c['from'])} ({c['kind']})")
        else:
            lines.append(f"  {' ~ '.join(c['outlets'])}" + (f" ({c['kind']}, neither first)" if c["kind"] else ""))
    lines += ["", f"Full report: {output}  (--format md, html or json; -o - prints it)",
              f"Browse it: copydesk serve   then open http://{web.host}:{web.port}/"]
    click.echo("\n".join(lines))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@format_option("jsonl", "json", default="jsonl")
def extract(paths: tuple[str, ...], fmt: str) -> None:
    """Print the mentions of each article as one JSON line, or all as one JSON array (no database)."""
    from copydesk.extract.serialize import article_record

    inputs, stdin = _inputs(paths)
    try:
        arts, rejections = api.load(inputs, stdin=stdin)
    except CopydeskError as e:
        _fail(e)
    _print_rejections(rejections)
    records = (article_record(a.id, a.published, a.text, api.extract_text(a.text, a.published, article_id=a.id),
                              given_id=a.given_id) for a in arts)
    if fmt == "json":
        click.echo(json.dumps(list(records), ensure_ascii=False))
    else:
        for rec in records:
            click.echo(json.dumps(rec, ensure_ascii=False))
    if not arts:
        sys.exit(1)


@main.command()
@DB_OPTION
@click.option("--host", default=None, help="Address to bind (default: the host setting, COPYDESK_HOST).")
@click.option("--port", default=None, type=click.IntRange(1, 65535),
              help="Port to listen on (default: the port setting, COPYDESK_PORT).")
def serve(db: str | None, host: str | None, port: int | None) -> None:
    """Run the local web app."""
    import uvicorn

    from copydesk.web.app import create_app

    try:
        s = Settings.load(db=db, host=host, port=port)
    except CopydeskError as e:
        _fail(e)
    click.echo(f"copydesk on http://{s.host}:{s.port}/", err=True)
    uvicorn.run(create_app(db, settings=s), host=s.host, port=s.port, log_level="warning")


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
@DB_OPTION
@format_option("text", "json", default="text")
def settings_cmd(db: str | None, fmt: str) -> None:
    """List every setting: the value in effect, where it comes from, the variable that sets it, its meaning."""
    try:
        rows = [{"name": s.name, "value": value, "source": source, "default": s.default, "env": s.env, "help": s.help}
                for s, value, source in Settings.explain(db=db)]
    except CopydeskError as e:
        _fail(e)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    click.echo(f"{'NAME':24} {'VALUE':28} {'FROM':16} SET WITH")
    for r in rows:
        source = "--db" if r["source"] == "option" else r["source"]
        click.echo(f"{r['name']:24} {r['value']!r:28} {source:16} {r['env']}\n    {r['help']}")


def run(argv: Sequence[str] | None = None) -> int:
    """Entry point for tests: run the CLI and return its exit code."""
    try:
        main.main(args=list(argv or []), standalone_mode=False)
    except SystemExit as e:
        return int(e.code or 0)
    return 0

