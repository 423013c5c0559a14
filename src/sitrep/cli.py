"""The ``sitrep`` command line: thin commands over the library (the sqlite-utils habit).

Each command opens what it needs, calls one library function, and turns failures into one clean
line on stderr. Exit codes: 0 success, 1 some inputs failed (the rest were processed), 2 usage
errors (bad options, unknown ids, unreadable store).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from sitrep import __version__
from sitrep.config import Settings
from sitrep.errors import InputError, SitrepError

if TYPE_CHECKING:
    from sitrep.analyze import Analysis
    from sitrep.records import Article

DB_HELP = (
    "The store is SQLite file ./sitrep.db by default; set SITREP_DATABASE_URL to use another file "
    "(sqlite:///path/to.db) or a PostgreSQL server (postgresql+psycopg://user@host/db)."
)

app = typer.Typer(
    name="sitrep",
    help=(
        "Turn defense, security and geopolitics news into structured, sourced intelligence.\n\n"
        "Read text dumps, HTML pages, RSS/Atom feeds and JSONL; extract actors, quotations, "
        "events, figures and dates, each pointing at the characters it came from.\n\n" + DB_HELP
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

out = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, soft_wrap=True, highlight=False)


class TableOrJsonl(StrEnum):
    table = "table"
    jsonl = "jsonl"


class TableOrJson(StrEnum):
    table = "table"
    json = "json"


class ExportFormat(StrEnum):
    jsonl = "jsonl"


Paths = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH",
        help="Files, directories (walked recursively) or - for standard input.",
        show_default=False,
    ),
]
Limit = Annotated[int, typer.Option("--limit", "-n", min=1, help="How many rows to show.")]
Offset = Annotated[int, typer.Option("--offset", min=0, help="Skip this many rows first.")]


def _settings() -> Settings:
    try:
        return Settings()
    except Exception as exc:  # pydantic's ValidationError: a bad SITREP_* value
        err.print(f"error: invalid SITREP_* setting: {exc}")
        raise typer.Exit(2) from exc


@contextmanager
def _store(settings: Settings) -> Iterator[Any]:
    from sitrep.store import Store

    try:
        store = Store.open(
            settings.database_url, near_duplicate_threshold=settings.near_duplicate_threshold
        )
    except SitrepError as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(2) from exc
    try:
        yield store
    finally:
        store.close()


def _report_input_error(exc: InputError) -> None:
    err.print(f"error: {exc}", markup=False)


def _print_jsonl(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


Workers = Annotated[
    int,
    typer.Option(
        "--workers",
        "-w",
        min=1,
        help="Analyse on this many processes (each loads the model: about 0.5 GB).",
    ),
]
Dask = Annotated[
    str | None,
    typer.Option(
        "--dask",
        metavar="ADDRESS",
        help="Analyse on a Dask cluster (scheduler address, e.g. tcp://10.0.0.5:8786); "
        "needs pip install 'sitrep[dask]'.",
    ),
]


def _analyzed(
    paths: Sequence[str],
    settings: Settings,
    failures: list[InputError],
    workers: int = 1,
    dask: str | None = None,
) -> Iterator[Analysis]:
    """Read every input and analyse each article; bad inputs are reported and counted."""
    from sitrep.ingest import read_articles
    from sitrep.parallel import analyze_on_dask, analyze_parallel

    def articles() -> Iterator[Article]:
        for item in read_articles(paths, settings, stdin=sys.stdin.buffer):
            if isinstance(item, InputError):
                _report_input_error(item)
                failures.append(item)
            else:
                yield item

    if dask:
        try:
            from dask.distributed import Client
        except ImportError as exc:
            raise SitrepError("--dask needs Dask: pip install 'sitrep[dask]'") from exc
        try:
            client = Client(dask)  # type: ignore[no-untyped-call]  # dask ships no annotations here
        except OSError as exc:
            raise SitrepError(f"cannot reach the Dask scheduler at {dask}: {exc}") from exc
        analyses = analyze_on_dask(articles(), client)
    else:
        analyses = analyze_parallel(articles(), workers)
    for analysis in analyses:
        for problem in analysis.errors:
            err.print(
                f"warning: {analysis.article.source} ({analysis.article.id}): {problem}",
                markup=False,
            )
        yield analysis


@app.command()
def extract(paths: Paths, workers: Workers = 1, dask: Dask = None) -> None:
    """Print the extract contract as JSON Lines on stdout; nothing is stored.

    Each article is followed by its records (actor, mention, quote, event, figure, date), each
    with "article" and "span" offsets into the article's text. Bad inputs are reported on
    stderr, one line each, and the exit code is 1; the good ones are still printed.

    Example:

    \b
        sitrep extract examples/dump.txt | jq -c 'select(.type == "quote")'
        cat article.jsonl | sitrep extract -
    """
    settings = _settings()
    failures: list[InputError] = []
    for analysis in _analyzed(paths, settings, failures, workers, dask):
        _print_jsonl(analysis.article.to_dict())
        for record in analysis.records:
            _print_jsonl(record.to_dict())
    sys.stdout.flush()
    raise typer.Exit(1 if failures else 0)


@app.command()
def ingest(paths: Paths, workers: Workers = 1, dask: Dask = None) -> None:
    """Read, analyse and store articles; ingesting the same input again adds nothing.

    Shows progress, then a summary of new, duplicate, near-duplicate and failed inputs.
    Exit code 1 when some inputs failed (the others are stored).

    Example:

    \b
        sitrep ingest examples/
        sitrep ingest dumps/2025-*.txt feeds/
    """
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    settings = _settings()
    failures: list[InputError] = []
    counts = {"new": 0, "duplicate": 0, "near_duplicate": 0}
    with _store(settings) as store:
        progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]Ingesting[/bold]"),
            BarColumn(),
            TextColumn("{task.completed} articles"),
            TextColumn("{task.fields[summary]}"),
            TimeElapsedColumn(),
            console=err,
            transient=False,
            disable=not err.is_terminal,
        )
        with progress:
            task = progress.add_task("ingest", total=None, summary="")
            for analysis in _analyzed(paths, settings, failures, workers, dask):
                article = analysis.article
                try:
                    result = store.add(article, analysis.records)
                except SitrepError as exc:
                    failures.append(InputError(article.source, f"could not store article: {exc}"))
                    _report_input_error(failures[-1])
                    continue
                counts[result.status] += 1
                progress.update(
                    task,
                    advance=1,
                    summary=f"new {counts['new']} · duplicate "
                    f"{counts['duplicate'] + counts['near_duplicate']} · failed {len(failures)}",
                )
        stats = store.stats()
    summary = Table(title="Ingest summary", show_header=False, box=None)
    summary.add_row("new articles", str(counts["new"]))
    summary.add_row("duplicates (already stored)", str(counts["duplicate"]))
    summary.add_row("near-duplicates (linked)", str(counts["near_duplicate"]))
    summary.add_row("failed inputs", str(len(failures)))
    summary.add_row(
        "store now holds",
        ", ".join(
            f"{stats[k]} {k}"
            for k in ("articles", "actors", "quotes", "events", "figures", "dates")
            if k in stats
        ),
    )
    err.print(summary)
    err.print(
        "Try next: sitrep search drones · sitrep quotes · sitrep actors · sitrep stats · "
        "sitrep serve"
    )
    raise typer.Exit(1 if failures else 0)


@app.command()
def search(
    query: Annotated[
        str, typer.Argument(metavar="QUERY", help='Words to find; "quoted phrases" match exactly.')
    ],
    format: Annotated[TableOrJsonl, typer.Option("--format", "-f")] = TableOrJsonl.table,
    limit: Limit = 10,
    offset: Offset = 0,
) -> None:
    """Full-text search over stored articles, best match first (BM25).

    Example:

    \b
        sitrep search drones
        sitrep search '"security guarantees" Ukraine' --format jsonl
    """
    from rich.text import Text

    from sitrep.store import render_marks

    with _store(_settings()) as store:
        hits = store.search(query, limit=limit, offset=offset)
    if format is TableOrJsonl.jsonl:
        for hit in hits:
            _print_jsonl(
                {
                    "id": hit.id,
                    "title": hit.title,
                    "score": float(f"{hit.score:.4g}"),
                    "snippet": render_marks(hit.snippet, "[", "]"),
                    "published": hit.published,
                    "source": hit.source,
                }
            )
        return
    table = Table("score", "id", "title", "snippet")
    for hit in hits:
        table.add_row(
            f"{hit.score:.3g}", hit.id, hit.title or "", Text(render_marks(hit.snippet, "[", "]"))
        )
    out.print(table if hits else f"No article matches {query!r}.")


@app.command()
def articles(
    format: Annotated[TableOrJsonl, typer.Option("--format", "-f")] = TableOrJsonl.table,
    limit: Limit = 50,
    offset: Offset = 0,
) -> None:
    """List stored articles, newest first.

    Example:

    \b
        sitrep articles --limit 20
    """
    with _store(_settings()) as store:
        page = store.list_articles(limit=limit, offset=offset)
    items = page
    if format is TableOrJsonl.jsonl:
        for a in items:
            d = a.to_dict()
            d.pop("text", None)
            _print_jsonl(d)
        return
    table = Table("id", "published", "title / first words", "source")
    for a in items:
        table.add_row(a.id, a.published or "", _headline(a), a.source)
    out.print(table)


def _headline(article: Article) -> str:
    if article.title:
        return article.title
    first = article.text[:80].split("\n")[0]
    return first + ("…" if len(article.text) > len(first) else "")


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="An article id (art_…).")],
    format: Annotated[TableOrJson, typer.Option("--format", "-f")] = TableOrJson.table,
) -> None:
    """Show one article: its metadata, text and every record extracted from it.

    Example:

    \b
        sitrep show art_0123456789abcdef
    """
    with _store(_settings()) as store:
        article = store.get_article(article_id)
        if article is None:
            err.print(f"error: no article with id {article_id!r} (see: sitrep articles)")
            raise typer.Exit(2)
        records = store.records(article_id)
    if format is TableOrJson.json:
        _print_jsonl({**article.to_dict(), "records": [r.to_dict() for r in records]})
        return
    out.print(f"[bold]{_headline(article)}[/bold]")
    meta = [
        f"{k}: {v}"
        for k, v in (
            ("id", article.id),
            ("source", article.source),
            ("published", article.published),
            ("dateline", article.dateline),
            ("byline", article.byline),
            ("tags", ", ".join(article.tags) or None),
        )
        if v
    ]
    out.print("\n".join(meta), markup=False)
    out.print()
    out.print(article.text, markup=False)
    out.print()
    table = Table("type", "span", "text", "detail")
    for r in records:
        if r.type in ("mention",):
            continue
        table.add_row(
            r.type,
            f"{r.span[0]}-{r.span[1]}",
            _cut(article.text[r.span[0] : r.span[1]]),
            _detail(r),
        )
    out.print(table)


def _cut(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _detail(record: Any) -> str:
    kind = record.type
    if kind == "quote":
        return f"{record.kind} · {record.speaker or '?'}"
    if kind == "actor":
        return " · ".join(x for x in (record.kind, record.country, record.sector) if x)
    if kind == "event":
        src = record.source.name if record.source else "?"
        tgt = record.target.name if record.target else "?"
        return f"{record.event_type} · {src} → {tgt}"
    if kind == "figure":
        return f"{record.value} {record.unit or ''}".strip()
    if kind == "date":
        return str(record.value)
    return ""


@app.command()
def stats(
    format: Annotated[TableOrJson, typer.Option("--format", "-f")] = TableOrJson.table,
) -> None:
    """Count what the store holds, per record type.

    Example:

    \b
        sitrep stats --format json
    """
    with _store(_settings()) as store:
        counts = store.stats()
    if format is TableOrJson.json:
        _print_jsonl(counts)
        return
    table = Table("records", "count")
    for key, value in counts.items():
        table.add_row(key, str(value))
    out.print(table)


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.jsonl,
    output: Annotated[
        str, typer.Option("--output", "-o", help="File to write; - for standard output.")
    ] = "-",
) -> None:
    """Export every stored article and record as the extract contract's JSON Lines.

    Example:

    \b
        sitrep export --format jsonl -o corpus.jsonl
    """
    with _store(_settings()) as store:
        stream = open(output, "w", encoding="utf-8") if output != "-" else sys.stdout  # noqa: SIM115
        try:
            for record in store.iter_records():
                stream.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
        finally:
            if stream is not sys.stdout:
                stream.close()


def _page_out(page: Any, format: TableOrJsonl, columns: Sequence[str], row: Any) -> None:
    """Print a Page of store items as JSON Lines (full records) or as a table."""
    if format is TableOrJsonl.jsonl:
        for item in page.items:
            record = getattr(item, "record", item)
            d = record.to_dict() if hasattr(record, "to_dict") else _plain(record)
            if hasattr(item, "article_title"):
                d["article_title"] = item.article_title
                d["published"] = d.get("published") or item.published
            _print_jsonl(d)
        return
    table = Table(*columns, caption=f"{len(page.items)} of {page.count}")
    for item in page.items:
        table.add_row(*[str(x) if x is not None else "" for x in row(item)])
    out.print(table)


def _plain(obj: Any) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(obj)


Format = Annotated[TableOrJsonl, typer.Option("--format", "-f")]


@app.command()
def quotes(
    speaker: Annotated[
        str | None, typer.Option("--speaker", "-s", help="Canonical name, alias or actor id.")
    ] = None,
    about: Annotated[
        str | None, typer.Option("--about", "-a", help="An actor the quote or its article names.")
    ] = None,
    q: Annotated[str | None, typer.Option("--q", help="Words the quotation contains.")] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Articles published on or after (YYYY-MM-DD).")
    ] = None,
    format: Format = TableOrJsonl.table,
    limit: Limit = 50,
    offset: Offset = 0,
) -> None:
    """Quotations with their canonical speaker, newest first.

    Example:

    \b
        sitrep quotes --speaker "Nikolai Petrov"
        sitrep quotes --speaker Petrov --about Putin --format jsonl
    """
    with _store(_settings()) as store:
        page = store.quotes(
            speaker=speaker, about=about, q=q, since=since, limit=limit, offset=offset
        )
    _page_out(
        page,
        format,
        ("speaker", "kind", "quotation", "article"),
        lambda i: (i.record.speaker, i.record.kind, _cut(i.record.text, 90), i.article_id),
    )


@app.command()
def actors(
    q: Annotated[str | None, typer.Argument(help="Part of a name or alias.")] = None,
    format: Format = TableOrJsonl.table,
    limit: Limit = 50,
    offset: Offset = 0,
) -> None:
    """Canonical actors (people, organisations, countries) with quote and article counts.

    Example:

    \b
        sitrep actors
        sitrep actors putin --format jsonl
    """
    with _store(_settings()) as store:
        page = store.actors(q=q, limit=limit, offset=offset)
    _page_out(
        page,
        format,
        ("id", "name", "kind", "country", "sector", "quotes", "articles"),
        lambda a: (a.id, a.name, a.kind, a.country, a.sector, a.quote_count, a.article_count),
    )


@app.command()
def actor(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Canonical name, alias or id.")],
    format: Annotated[TableOrJson, typer.Option("--format", "-f")] = TableOrJson.table,
) -> None:
    """One actor: roles, aliases, quote count, articles and co-mentioned actors.

    Example:

    \b
        sitrep actor "Nikolai Petrov"
        sitrep actor Starmer --format json
    """
    with _store(_settings()) as store:
        detail = store.actor(name)
    if detail is None:
        err.print(f"error: no actor named {name!r} (see: sitrep actors {name.split()[-1]!r})")
        raise typer.Exit(2)
    if format is TableOrJson.json:
        _print_jsonl(_plain(detail))
        return
    a = detail.actor
    out.print(
        f"[bold]{a.name}[/bold]  ({a.kind}{', ' + a.country if a.country else ''}"
        f"{', ' + a.sector if a.sector else ''})  id {a.id}"
    )
    if a.roles:
        out.print("roles: " + "; ".join(a.roles), markup=False)
    if a.aliases:
        out.print("aliases: " + "; ".join(a.aliases), markup=False)
    out.print(f"quotations: {a.quote_count} · articles: {a.article_count}")
    table = Table("article", "published", "title")
    for ref in detail.articles:
        table.add_row(ref.id, ref.published or "", ref.title or "")
    out.print(table)
    if detail.co_mentioned:
        out.print(
            "co-mentioned: " + ", ".join(f"{c.name} ({c.articles})" for c in detail.co_mentioned),
            markup=False,
        )


@app.command()
def events(
    type: Annotated[
        str | None, typer.Option("--type", "-t", help="A PLOVER event type, e.g. ASSAULT.")
    ] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Source or target actor.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="On or after (YYYY-MM-DD).")] = None,
    format: Format = TableOrJsonl.table,
    limit: Limit = 50,
    offset: Offset = 0,
) -> None:
    """PLOVER events: who did what to whom, when, with flags for negated and hypothetical.

    Example:

    \b
        sitrep events --type THREATEN
        sitrep events --actor Russia --since 2025-01-01 --format jsonl
    """
    with _store(_settings()) as store:
        page = store.events(type=type, actor=actor, since=since, limit=limit, offset=offset)

    def row(i: Any) -> tuple[Any, ...]:
        e = i.record
        flags = ",".join(
            f for f, on in (("negated", e.negated), ("hypothetical", e.hypothetical)) if on
        )
        return (
            e.date or i.published,
            e.event_type,
            e.source.name if e.source else "",
            e.target.name if e.target else "",
            flags,
            i.article_id,
        )

    _page_out(page, format, ("date", "type", "source", "target", "flags", "article"), row)


@app.command()
def figures(
    unit: Annotated[
        str | None, typer.Option("--unit", "-u", help="EUR, USD, percent, drone, year…")
    ] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", help="money, percent, count, duration…")
    ] = None,
    format: Format = TableOrJsonl.table,
    limit: Limit = 50,
    offset: Offset = 0,
) -> None:
    """Figures (money, percentages, counts, durations) with their normalised value and unit.

    Example:

    \b
        sitrep figures --unit EUR
        sitrep figures --kind percent --format jsonl
    """
    with _store(_settings()) as store:
        page = store.figures(unit=unit, kind=kind, limit=limit, offset=offset)
    _page_out(
        page,
        format,
        ("value", "unit", "kind", "qualifier", "refers to", "text", "article"),
        lambda i: (
            _number(i.record.value),
            i.record.unit,
            i.record.kind,
            i.record.qualifier,
            i.record.refers_to,
            i.record.text,
            i.article_id,
        ),
    )


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


@app.command()
def timeline(
    actor: Annotated[
        str | None, typer.Option("--actor", help="Only what this actor said or did.")
    ] = None,
    since: Annotated[str | None, typer.Option("--since", help="On or after (YYYY-MM-DD).")] = None,
    format: Format = TableOrJsonl.table,
    limit: Limit = 100,
) -> None:
    """Events and quotations in date order (event date, else the article's publication date).

    Example:

    \b
        sitrep timeline --actor "Keir Starmer"
    """
    from sitrep.timeline import build_timeline

    with _store(_settings()) as store:
        entries = build_timeline(store, actor=actor, since=since, limit=limit)
    if format is TableOrJsonl.jsonl:
        for entry in entries:
            _print_jsonl(entry.to_dict())
        return
    table = Table("date", "what", "who", "detail", "article")
    for e in entries:
        table.add_row(e.date or "?", e.what, e.who or "", _cut(e.detail, 80), e.article_id)
    out.print(table)


@app.command()
def serve(
    host: Annotated[
        str, typer.Option(help="Interface to listen on; loopback by default.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
) -> None:
    """Serve the JSON API and the analyst workbench pages over the store.

    Read-only unless SITREP_WRITE_TOKEN is set (then POST /api/ingest accepts
    "Authorization: Bearer <token>"). The API is documented by its OpenAPI schema at /openapi.json.

    Example:

    \b
        sitrep serve --port 8000
        SITREP_WRITE_TOKEN=s3cret sitrep serve --host 0.0.0.0
    """
    from sitrep.serve import serve as run

    settings = _settings()
    with _store(settings):
        pass  # open once: a bad URL or unreadable store fails here, with a clean message
    err.print(f"sitrep serving http://{host}:{port}/ (API schema at /openapi.json); Ctrl+C to stop")
    run(settings, host=host, port=port)


def version_callback(value: bool) -> None:
    if value:
        out.print(f"sitrep {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Show the version."
        ),
    ] = False,
) -> None:
    """sitrep: structured, sourced intelligence from news."""


def main() -> None:
    """Console entry point: run the app and keep tracebacks away from users."""
    try:
        app()
    except SitrepError as exc:
        err.print(f"error: {exc}", markup=False)
        sys.exit(2)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except BrokenPipeError:
        # Downstream closed the pipe (e.g. `| head`); nothing left to tell anyone.
        sys.exit(0)
    except Exception as exc:  # noqa: BLE001  # a bug must still reach users as one line
        err.print(
            f"internal error: {type(exc).__name__}: {exc} — please report it with the command "
            "you ran",
            markup=False,
        )
        sys.exit(1)
