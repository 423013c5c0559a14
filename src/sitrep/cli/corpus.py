"""Commands over the corpus: read and extract, ingest, search, list, show, count, export."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Column, Table
from rich.text import Text

from sitrep.cli.app import (
    Dask,
    ExportFormat,
    Limit,
    Offset,
    Paths,
    TableOrJson,
    TableOrJsonl,
    Workers,
    _analyzed,
    _cut,
    _print_jsonl,
    _report_input_error,
    _settings,
    _store,
    app,
    err,
    out,
)
from sitrep.errors import InputError, SitrepError

if TYPE_CHECKING:
    from sitrep.records import Article

_READING_CHARS = 40  # of an input's name shown on the progress line


@app.command()
def extract(paths: Paths, workers: Workers = 1, dask: Dask = None) -> None:
    """Print the extract contract as JSON Lines on stdout; nothing is stored.

    Each article is followed by its records (actor, mention, quote, event, figure, date), each
    with "article" and "span" offsets into the article's text. Bad inputs are reported on
    stderr, one line each, and the exit code is 1; the good ones are still printed. With the
    output in a file or a pipe, a terminal shows progress on stderr.

    Example:

    \b
        sitrep extract examples/dump.txt | jq -c 'select(.type == "quote")'
        cat article.jsonl | sitrep extract -
    """
    settings = _settings()
    failures: list[InputError] = []
    records = 0
    # Progress goes to a terminal's stderr, and only when the JSON Lines are not on it too.
    with _progress("Extracting", enabled=err.is_terminal and not sys.stdout.isatty()) as progress:
        task = progress.add_task("extract", total=None, summary="", reading="")
        reading = _reading_shown(progress, task)
        for analysis in _analyzed(paths, settings, failures, workers, dask, reading):
            _print_jsonl(analysis.article.to_dict())
            for record in analysis.records:
                _print_jsonl(record.to_dict())
            records += len(analysis.records)
            progress.update(task, advance=1, summary=f"{records} records · failed {len(failures)}")
        progress.update(task, reading="")  # done: the last line is the summary alone
    sys.stdout.flush()
    raise typer.Exit(1 if failures else 0)


def _progress(verb: str, enabled: bool) -> Progress:
    """A live progress line on stderr: articles done, a running summary, time elapsed."""
    return Progress(
        SpinnerColumn(),
        TextColumn(f"[bold]{verb}[/bold]"),
        BarColumn(),
        TextColumn("{task.completed} articles"),
        TextColumn("{task.fields[summary]}"),
        TimeElapsedColumn(),
        _ReadingColumn(),
        console=err,
        transient=False,
        disable=not enabled,
        redirect_stdout=False,  # the JSON Lines of extract stay on stdout
    )


class _ReadingColumn(ProgressColumn):
    """The input being read, at the end of the progress line. It gives way first on a narrow
    terminal (rich narrows wrappable columns before the others) and is cut short with an
    ellipsis rather than wrapped onto a second line."""

    def __init__(self) -> None:
        super().__init__(table_column=Column(min_width=0))

    def render(self, task: Task) -> Text:
        return Text(task.fields.get("reading", ""), style="dim", no_wrap=True, overflow="ellipsis")


def _reading_shown(progress: Progress, task: TaskID) -> Callable[[str], None]:
    """A callback that shows the input being read at the end of the progress line (the end of
    a long path: its file name is what tells inputs apart)."""

    def show(name: str) -> None:
        shown = name if len(name) <= _READING_CHARS else "…" + name[-(_READING_CHARS - 1) :]
        progress.update(task, reading=f"reading {shown}")

    return show


@app.command()
def ingest(paths: Paths, workers: Workers = 1, dask: Dask = None) -> None:
    """Read, analyse and store articles; ingesting the same input again adds nothing.

    Shows progress, then a summary of new, duplicate, near-duplicate and failed inputs, and
    how many new articles were stored with a warning (named on stderr: say, an article that
    does not read as English). Exit code 1 when some inputs failed (the others are stored).

    Example:

    \b
        sitrep ingest examples/
        sitrep ingest dumps/2025-*.txt.gz feeds/ saved-pages.zip
        sitrep ingest https://www.example.org/world/rss.xml
    """
    settings = _settings()
    failures: list[InputError] = []
    counts = {"new": 0, "duplicate": 0, "near_duplicate": 0}
    warned = 0  # new articles stored with a warning about their analysis
    with _store(settings) as store:
        with _progress("Ingesting", enabled=err.is_terminal) as progress:
            task = progress.add_task("ingest", total=None, summary="", reading="")
            reading = _reading_shown(progress, task)
            for analysis in _analyzed(paths, settings, failures, workers, dask, reading):
                article = analysis.article
                try:
                    result = store.add(article, analysis.records)
                except SitrepError as exc:
                    failures.append(InputError(article.source, f"could not store article: {exc}"))
                    _report_input_error(failures[-1])
                    continue
                counts[result.status] += 1
                if result.status == "new" and analysis.errors:
                    warned += 1
                progress.update(
                    task,
                    advance=1,
                    summary=f"new {counts['new']} · duplicate "
                    f"{counts['duplicate'] + counts['near_duplicate']} · failed {len(failures)}",
                )
            progress.update(task, reading="")
        stats = store.stats()
    summary = Table(title="Ingest summary", show_header=False, box=None)
    summary.add_row("new articles", str(counts["new"]))
    if warned:
        summary.add_row("  of which with warnings", f"{warned} (named above)")
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
    if stats.get("articles", 0) == 0:
        err.print("Nothing is stored yet: mend the inputs named above and ingest them again.")
    else:
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

    if not any(c.isalnum() for c in query):
        raise typer.BadParameter(f"{query!r} has no word to search for", param_hint="QUERY")
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
        items = store.list_articles(limit=limit, offset=offset)
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


SHOWN_MATCHES = 5  # ids listed when a prefix fits several articles


def _no_unique_article(prefix: str, matches: list[str]) -> str:
    if not matches:
        return f"error: no article with id {prefix!r} (see: sitrep articles)"
    more = len(matches) > SHOWN_MATCHES
    listed = ", ".join(matches[:SHOWN_MATCHES]) + (", …" if more else "")
    count = f"more than {SHOWN_MATCHES}" if more else str(len(matches))
    return f"error: {prefix!r} is the start of {count} articles' ids: {listed}; give more of it"


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="An article id (art_…).")],
    format: Annotated[TableOrJson, typer.Option("--format", "-f")] = TableOrJson.table,
) -> None:
    """Show one article: its metadata, text and every record extracted from it. The id may be
    shortened to any prefix only one stored article starts with.

    Example:

    \b
        sitrep show art_0123456789abcdef
        sitrep show art_0123
    """
    with _store(_settings()) as store:
        article = store.get_article(article_id)
        if article is None:
            matches = store.article_ids_starting(article_id, limit=SHOWN_MATCHES + 1)
            article = store.get_article(matches[0]) if len(matches) == 1 else None
            if article is None:
                err.print(_no_unique_article(article_id, matches), markup=False)
                raise typer.Exit(2)
        records = store.records(article.id)
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
        lines = (json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in store.iter_records())
        if output == "-":
            sys.stdout.writelines(lines)
            return
        try:
            _write_whole(Path(output), lines)
        except OSError as exc:
            err.print(f"error: cannot write {output}: {exc.strerror or exc}", markup=False)
            raise typer.Exit(2) from None


def _write_whole(path: Path, lines: Iterable[str]) -> None:
    """Write ``lines`` to ``path`` whole or not at all: into a temporary file beside it, which
    replaces ``path`` only once every line is written (a failure half-way leaves ``path`` as
    it was and removes the temporary file). The file gets the usual permissions of a new file
    (the umask's), not the temporary file's owner-only ones."""
    part = tempfile.NamedTemporaryFile(  # noqa: SIM115  # closed below, then renamed
        "w",
        encoding="utf-8",
        dir=path.parent,
        prefix=f".{path.name}.",
        suffix=".part",
        delete=False,
    )
    try:
        with part:
            part.writelines(lines)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(part.name, 0o666 & ~umask)
        os.replace(part.name, path)
    except BaseException:
        Path(part.name).unlink(missing_ok=True)
        raise
