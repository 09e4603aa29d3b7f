"""The ``marsad`` command."""

from __future__ import annotations

import errno
import importlib.util
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from marsad import kinds
from marsad.model import AnalyzedArticle
from marsad.store.db import Store, StoreError, describe_sqlite_error
from marsad.terminal import terminal_safe

if TYPE_CHECKING:
    from marsad.analyze import Summary
    from marsad.sources import FieldMap

app = typer.Typer(
    help="Marsad: who did what to whom, when and where, from Arabic news.", no_args_is_help=True
)
eval_app = typer.Typer(help="Measure an annotator on held data (precision/recall/F1).", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


def _register_evaluations() -> None:
    import pkgutil
    from importlib import import_module

    import marsad.evaluation

    for info in pkgutil.iter_modules(marsad.evaluation.__path__):
        module = import_module(f"marsad.evaluation.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(eval_app)


_register_evaluations()


@eval_app.callback()
def _eval_needs_its_extra() -> None:
    from marsad.evaluation import missing_extra

    if missing := missing_extra():
        _fail(f"eval needs the eval extra (missing {', '.join(missing)}): pip install 'marsad[eval]'")


DEFAULT_DB = "marsad.db"
DbOption = Annotated[Path, typer.Option("--db", help="The SQLite database file.")]


# Exit statuses of `marsad analyze` (README, "Command line"): 0 everything read and stored;
# 1 nothing could be read, or the run could not go on (store, disk, model); 2 a usage error;
# 3 the run completed and stored what was good, but some inputs or articles had problems
# (each printed as one line, then counted in the summary); 130 interrupted.
EXIT_PROBLEMS = 3
EXIT_INTERRUPTED = 130


def _fail(message: str) -> NoReturn:
    typer.echo(f"marsad: {terminal_safe(message, one_line=True)}", err=True)
    raise typer.Exit(1)


def _open(db: Path, *, readonly: bool = False) -> Store:
    try:
        return Store.open(db, readonly=readonly)
    except StoreError as exc:
        _fail(str(exc))


def _run_analysis(
    paths: list[str],
    store: Store,
    profile: str,
    batch: int,
    jobs: int | None,
    fields: FieldMap | None = None,
    article_seconds: float | None = None,
    summary: Summary | None = None,
    engine: str = "local",
    address: str | None = None,
    shards: Path | None = None,
    db: Path = Path(DEFAULT_DB),
) -> Summary:
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from marsad.analyze import DEFAULT_ARTICLE_SECONDS, analyze_inputs

    err = Console(stderr=True)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.fields[status]}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("analyzing", status="")
        started = time.perf_counter()

        def on_progress(s: Summary) -> None:
            rate = (s.stored + s.skipped) / max(time.perf_counter() - started, 1e-6)
            progress.update(
                task,
                status=f"{s.stored} stored, {s.skipped} skipped, {rate:.0f} articles/s, {s.errors} errors",
            )

        def on_problem(line: str) -> None:
            progress.console.print(terminal_safe(line, one_line=True), markup=False, highlight=False)

        options: dict[str, Any] = {
            "fields": fields,
            "profile": profile,
            "batch_size": batch,
            "on_problem": on_problem,
            "on_progress": on_progress,
            "summary": summary,
            "article_seconds": DEFAULT_ARTICLE_SECONDS if article_seconds is None else article_seconds,
        }
        if engine == "ray":
            # Imported only here: without --engine ray, Ray is never imported.
            from marsad.distributed import analyze_with_ray, default_shards

            folder = shards if shards is not None else default_shards(db)
            return analyze_with_ray(paths, store, folder, address=address, workers=jobs, **options)
        return analyze_inputs(paths, store, jobs=jobs, **options)


def _summary_table(summary: Summary) -> Table:
    table = Table(title=f"Marsad analyze ({summary.seconds:.1f} s)")
    table.add_column("")
    table.add_column("count", justify="right")
    for name, value in summary.rows():
        table.add_row(name, str(value))
    return table


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, zips or URLs to read.")],
    db: DbOption = Path(DEFAULT_DB),
    profile: Annotated[str, typer.Option(help="fast (CPU, no deep learning) or accurate.")] = "fast",
    batch: Annotated[int, typer.Option(min=1, help="Articles per transaction.")] = 200,
    jobs: Annotated[
        int | None,
        typer.Option(min=1, help="Processes for the per-article work (default: the cores available)."),
    ] = None,
    field: Annotated[
        str | None,
        typer.Option(
            help="JSON field names, e.g. text=story|body,published=when (defaults cover most dumps)."
        ),
    ] = None,
    article_timeout: Annotated[
        float,
        typer.Option(
            min=0,
            help="Seconds one article may take; past it the article is recorded as failed (0: no limit).",
        ),
    ] = 60.0,
    engine: Annotated[
        str,
        typer.Option(
            help="local (a process pool on this machine) or ray (a Ray cluster; pip install 'marsad[ray]')."
        ),
    ] = "local",
    address: Annotated[
        str | None,
        typer.Option(help="--engine ray: the cluster to join (host:port; default: start one here)."),
    ] = None,
    shards: Annotated[
        Path | None,
        typer.Option(help="--engine ray: the folder for analysed-article shards (default: DB.shards)."),
    ] = None,
) -> None:
    """Read, clean, annotate, store and link articles; re-runs skip what is stored.

    Exit status: 0 all read and stored; 3 completed, but some inputs or articles had
    problems (each shown as a line); 1 nothing could be read or the run could not go on."""
    from marsad.annotate.pipeline import PROFILES
    from marsad.sources import FieldMap

    if profile not in PROFILES:
        _fail(f"unknown profile {profile!r}; choose one of {', '.join(PROFILES)}")
    if engine not in ("local", "ray"):
        _fail(f"unknown engine {engine!r}; choose local or ray")
    if engine == "local" and (address or shards):
        _fail("--address and --shards go with --engine ray")
    if engine == "ray" and importlib.util.find_spec("ray") is None:
        _fail("--engine ray needs Ray: pip install 'marsad[ray]'")
    if profile == "accurate":
        # Load the transformer NER once up front: a missing model file is one clear line.
        from marsad.annotate.entities import ModelMissingError, load_tagger

        try:
            load_tagger("accurate")
        except ModelMissingError as exc:
            _fail(str(exc))
    try:
        fields = FieldMap.parse(field) if field else None
    except ValueError as exc:
        _fail(f"--field: {exc}")
    _check_language_model()
    from marsad.analyze import Summary

    summary = Summary()
    try:
        with _open(db) as store:
            _run_analysis(
                paths,
                store,
                profile,
                batch,
                jobs,
                fields,
                article_timeout,
                summary,
                engine=engine,
                address=address,
                shards=shards,
                db=db,
            )
    except KeyboardInterrupt:
        typer.echo(
            f"marsad: interrupted; {summary.kept} article(s) stored in committed batches are kept "
            f"(the batch in progress was rolled back); run the same command again to continue",
            err=True,
        )
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except (sqlite3.Error, OSError) as exc:
        if isinstance(exc, OSError) and getattr(exc, "errno", None) != errno.ENOSPC:
            raise
        _fail(f"{describe_sqlite_error(exc, db)} ({summary.kept} article(s) stored in this run)")
    Console().print(_summary_table(summary))
    if summary.read == 0:
        _fail("nothing could be read from the inputs given")
    if summary.errors:
        typer.echo(
            f"marsad: {summary.errors} problem(s), shown above; {summary.stored} article(s) stored, "
            "the rest of the run completed",
            err=True,
        )
        raise typer.Exit(EXIT_PROBLEMS)


@app.command()
def link(
    shards: Annotated[
        list[Path], typer.Argument(help="Analysed-article shards: Parquet files or folders with a manifest.")
    ],
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Store and link analysed-article shards in input order; re-runs skip what is stored.

    Exit status as for analyze: 0 all stored; 3 some articles had failed analysis (shown);
    1 a shard could not be read or the run could not go on."""
    from marsad.analyze import Summary, link_shards
    from marsad.shards import ShardError

    summary = Summary()
    err = Console(stderr=True)

    def on_problem(line: str) -> None:
        err.print(terminal_safe(line, one_line=True), markup=False, highlight=False)

    try:
        with _open(db) as store:
            link_shards([str(s) for s in shards], store, on_problem=on_problem, summary=summary)
    except ShardError as exc:
        _fail(f"{exc} ({summary.kept} article(s) stored in this run)")
    except KeyboardInterrupt:
        typer.echo(
            f"marsad: interrupted; {summary.kept} article(s) in committed shards are kept; "
            "run the same command again to continue",
            err=True,
        )
        raise typer.Exit(EXIT_INTERRUPTED) from None
    table = _summary_table(summary)
    table.title = f"Marsad link ({summary.seconds:.1f} s)"
    Console().print(table)
    if summary.errors:
        raise typer.Exit(EXIT_PROBLEMS)


def _check_language_model() -> None:
    """Load the language identifier now: it unpacks into the temporary folder, and a full
    one would otherwise fail every article, one by one."""
    import tempfile

    from marsad.clean.language import identify_language

    try:
        identify_language("تجربة " * 10)
    except OSError as exc:
        _fail(
            f"the language model cannot be unpacked into the temporary folder {tempfile.gettempdir()} "
            f"({(exc.strerror or str(exc)).lower()}); free space there or set TMPDIR to another folder"
        )


@app.command()
def export(
    db: DbOption = Path(DEFAULT_DB),
    format: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
    out: Annotated[
        Path | None, typer.Option("-o", "--out", help="File (jsonl) or folder (csv, parquet).")
    ] = None,
) -> None:
    """Write every record per docs/EXPORT.md (JSONL to stdout when no -o)."""
    from marsad.store import export as exporter

    if format not in exporter.FORMATS:
        _fail(f"unknown format {format!r}; choose one of {', '.join(exporter.FORMATS)}")
    with _open(db, readonly=True) as store:
        try:
            if format == "jsonl":
                if out is None:
                    exporter.write_jsonl(store, sys.stdout)
                else:
                    with out.open("w", encoding="utf-8") as handle:
                        exporter.write_jsonl(store, handle)
                return
            if out is None:
                _fail(f"--format {format} writes one file per kind: give a folder with -o")
            written = (exporter.write_csv if format == "csv" else exporter.write_parquet)(store, out)
        except BrokenPipeError:  # `marsad export | head`: the reader is gone, not an error
            sys.stderr.close()
            raise typer.Exit(0) from None
        except OSError as exc:
            _fail(f"{out or '<stdout>'}: cannot write ({exc.strerror or exc})")
    typer.echo(f"wrote {sum(written.values())} records in {len(written)} files to {out}", err=True)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find (spelling variants and diacritics match).")],
    db: DbOption = Path(DEFAULT_DB),
    limit: Annotated[int, typer.Option(min=1)] = 20,
) -> None:
    """Full-text search over titles and texts, best match first (bm25)."""
    with _open(db, readonly=True) as store:
        hits = store.search(query, limit=limit)
        total = store.search_count(query)
    console = Console()
    if not hits:
        console.print("no matches")
        return
    console.print(f"{total} articles match; showing {len(hits)}")
    for hit in hits:
        console.print(
            f"[bold]{hit['id']}[/]  {_field(hit['source'])}  {hit['published'] or '—'}  "
            f"{_field(hit['title'] or '')}"
        )
        snippet = (
            escape(terminal_safe(hit["snippet"], one_line=True))
            .replace("\x02", "[bold yellow]")
            .replace("\x03", "[/]")
        )
        console.print("   " + snippet)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="An article id or its prefix.")],
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """An article with its annotations."""
    with _open(db, readonly=True) as store:
        try:
            doc = store.annotations(store.resolve_id(article_id))
        except StoreError as exc:
            _fail(str(exc))
        assert doc is not None
        events = store.events_of_article(doc.id)
    render_article(Console(), doc, events)


# How `marsad show` describes each kind of annotation, in the order it lists them.
_DESCRIBE: dict[str, Callable[[Any], str]] = {
    "mention": lambda r: f"{r.type} {r.actor or ''}",
    "time": lambda r: f"{r.value} ({r.precision})",
    "quantity": lambda r: f"{r.value} {r.unit or ''}",
    "quote": lambda r: f"speaker: {r.speaker_text or '?'}",
    "event_mention": lambda r: f"{r.type} {r.source_texts} → {r.target_texts}",
    "claim": lambda r: f"{r.subject} = {r.value} {r.unit or ''}",
    "flag": lambda r: f"{r.kind}: {r.note}",
}


def _field(value: str) -> str:
    """A value from the store for Rich: control characters out, markup escaped."""
    return escape(terminal_safe(value, one_line=True))


def render_article(console: Console, doc: AnalyzedArticle, events: list) -> None:
    a = doc.article
    meta = Table.grid(padding=(0, 2))
    for name, value in (
        ("id", a.id),
        ("outlet", a.source),
        ("date", a.published or "—"),
        ("agency", a.agency or "—"),
        ("url", a.url or "—"),
        ("duplicate of", a.duplicate_of or "—"),
        ("story", a.story or "—"),
    ):
        meta.add_row(name, _field(str(value)))
    console.print(Panel(meta, title=_field(a.title or "(untitled)")))
    console.print(escape(terminal_safe(a.text)))
    for kind, describe in _DESCRIBE.items():
        records = getattr(doc, kinds.BY_NAME[kind].attribute or "")
        if not records:
            continue
        table = Table(title=f"{kinds.BY_NAME[kind].label} ({len(records)})", show_lines=False)
        table.add_column("span")
        table.add_column("text")
        table.add_column("value")
        for r in records:
            table.add_row(f"{r.start}-{r.end}", _field(a.text[r.start : r.end]), _field(describe(r)))
        console.print(table)
    if events:
        console.print(_field(f"events: {', '.join(e.id + ' ' + e.type for e in events)}"))


HostOption = Annotated[str, typer.Option("--host", help="Address to listen on (localhost by default).")]
PortOption = Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")]
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@app.command()
def demo(
    db: Annotated[Path, typer.Option("--db", help="Database to (re)create.")] = Path("marsad-demo.db"),
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Only analyze and print; do not start the web desk.")
    ] = False,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
) -> None:
    """Analyze the bundled sample articles into a fresh database, show them, and serve the desk."""
    from marsad.paths import examples_dir

    seeds = examples_dir() / "seeds"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    console = Console()
    with _open(db) as store:
        summary = _run_analysis([str(seeds)], store, "fast", 200, 1)
        _print_demo_report(console, store, summary.stored_ids, db)
    console.print(_summary_table(summary))
    if not no_serve:
        _serve(db, host, port, None)


def _shorten(text: str, width: int = 72) -> str:
    text = " ".join(terminal_safe(text, one_line=True).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _print_demo_report(console: Console, store: Store, article_ids: list[str], db: Path) -> None:
    """What the demo found, readable in an 80-column terminal: each article, then what
    linking found across them (duplicates, events reported by several outlets, stories,
    contradictions)."""
    console.rule(f"Marsad demo: {_count(len(article_ids), 'article')} → {db}")
    seen: dict[str, str] = {}
    for article_id in dict.fromkeys(article_ids):
        doc = store.annotations(article_id)
        if doc is None:
            continue
        a = doc.article
        seen[a.id] = a.source
        found = " · ".join(
            f"{len(getattr(doc, k.attribute))} {k.label}"
            for k in sorted(kinds.PER_ARTICLE, key=lambda k: k.name == "flag")  # notes on the text last
            if k.attribute
        )
        console.print(f"[bold]{escape(_shorten(a.title or a.text))}[/bold]")
        console.print(
            f"  date {a.published or '—'} · outlet {_field(a.source)} · agency {_field(a.agency or '—')}"
            f" · duplicate of {_field(seen.get(a.duplicate_of or '', a.duplicate_of) or '—')}",
            highlight=False,
        )
        console.print(f"  {found}", highlight=False)
    ids = set(seen)
    duplicates = [a for a in store.iter_articles() if a.id in ids and a.duplicate_of]
    console.rule("Across articles")
    console.print(f"duplicates: {len(duplicates)}", highlight=False)
    for event in store.iter_events():
        outlets = sorted({seen[x] for x in event.articles if x in seen})
        if len(outlets) < 2 and event.type != "ASSAULT":
            continue
        when = event.date or "undated"
        if event.date_end:
            when += f"..{event.date_end}"
        console.print(
            f"event {event.type} {event.mode or ''} {when}: reported by {_count(len(outlets), 'article')},"
            f" {_count(event.independent_sources, 'independent source')}",
            highlight=False,
        )
    for story in store.iter_stories():
        members = ", ".join(_field(seen.get(x, x)) for x in story.articles)
        console.print(f"story «{escape(_shorten(story.title, 50))}»: {members}", highlight=False)
    for contradiction in store.iter_contradictions():
        # The whole note, each side on its own lines: cutting it would hide one side.
        console.print("[bold red]contradiction[/bold red]:")
        sides = contradiction.note.split("» — ")
        for i, side in enumerate(sides):
            closed = side + ("»" if i < len(sides) - 1 else "")
            console.print(f"  • {escape(' '.join(closed.split()))}", highlight=False)


def _count(n: int, noun: str) -> str:
    """``1 article``, ``2 articles``: the demo's lines are read by people, not parsed."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _serve(db: Path, host: str, port: int, token: str | None, behind_proxy: bool = False) -> None:
    try:
        import uvicorn

        from marsad.web.app import create_app
    except ImportError as exc:
        _fail(f"the web desk needs the 'web' extra (pip install 'marsad[web]'): {exc}")
    if host not in _LOOPBACK and not token:
        _fail(
            f"--host {host} would expose the desk beyond this machine: "
            "set MARSAD_TOKEN or give --token-file as well"
        )
    try:
        web_app = create_app(db, token=token, behind_proxy=behind_proxy)
    except StoreError as exc:
        _fail(str(exc))
    shown = f"[{host}]" if ":" in host else host
    typer.echo(
        f"Marsad desk on http://{shown}:{port}/  (API: /api, OpenAPI: /api/openapi.json; Ctrl-C stops)"
    )
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


@app.command()
def serve(
    db: DbOption = Path(DEFAULT_DB),
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="MARSAD_TOKEN",
            help="Bearer token for the API and password for the pages; required off localhost. "
            "Prefer the MARSAD_TOKEN environment variable or --token-file: a --token on the "
            "command line is visible to every user in `ps`.",
        ),
    ] = None,
    token_file: Annotated[
        Path | None,
        typer.Option("--token-file", help="Read the token from this file (its first line)."),
    ] = None,
    behind_proxy: Annotated[
        bool,
        typer.Option(
            "--behind-proxy",
            help="Served through a TLS-terminating proxy: trust X-Forwarded-Proto, so the "
            "session cookie is Secure over https.",
        ),
    ] = False,
) -> None:
    """Serve the analyst's desk (web pages and JSON API) over a database, read-only."""
    if not db.is_file():
        _fail(f"{db}: no such database (create one with 'marsad analyze' or 'marsad demo --no-serve')")
    if token_file is not None:
        if token:
            _fail("give the token once: --token-file or --token / MARSAD_TOKEN, not both")
        token = _read_token_file(token_file)
    _serve(db, host, port, token, behind_proxy)


def _read_token_file(path: Path) -> str:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        _fail(f"{path}: cannot read the token file ({getattr(exc, 'strerror', None) or exc})")
    token = lines[0].strip() if lines else ""
    if not token:
        _fail(f"{path}: the token file is empty")
    if not token.isascii() or not token.isprintable():
        _fail(f"{path}: the token must be printable ASCII (it travels in HTTP headers)")
    return token


@app.command()
def check(db: DbOption = Path(DEFAULT_DB)) -> None:
    """Check a store: SQLite's integrity and full-text index, and Marsad's own invariants
    (spans inside their articles, events with evidence, no orphans). Exit 1 on a problem."""
    from marsad.store.doctor import check_store

    try:
        findings = check_store(db)
    except FileNotFoundError as exc:
        _fail(str(exc))
    except sqlite3.Error as exc:
        _fail(describe_sqlite_error(exc, db))
    console = Console(highlight=False)
    for finding in findings:
        mark = "[green]ok[/]     " if finding.ok else "[bold red]PROBLEM[/]"
        detail = "" if finding.ok else f": {_field(finding.problem or '')}"
        console.print(f"{mark} {escape(finding.check)}{detail}")
    bad = sum(not f.ok for f in findings)
    if bad:
        _fail(f"{db}: {bad} of {len(findings)} checks found problems (see above)")
    console.print(f"{escape(str(db))}: all {len(findings)} checks passed")


@app.command()
def version() -> None:
    """Print Marsad's version."""
    from marsad import __version__

    typer.echo(__version__)


def main() -> None:
    """The console script: unexpected failures still reach the user as one line."""
    try:
        app(prog_name="marsad", standalone_mode=True)
    except KeyboardInterrupt:
        typer.echo("marsad: interrupted; committed batches are kept, run again to continue", err=True)
        raise SystemExit(EXIT_INTERRUPTED) from None
    except sqlite3.Error as exc:
        typer.echo(
            f"marsad: {terminal_safe(describe_sqlite_error(exc, 'database'), one_line=True)}", err=True
        )
        raise SystemExit(1) from None
    except (OSError, StoreError) as exc:
        typer.echo(f"marsad: {terminal_safe(f'{type(exc).__name__}: {exc}', one_line=True)}", err=True)
        raise SystemExit(1) from None


if __name__ == "__main__":
    main()
