"""The ``sitrep`` Typer application and what every command shares.

Commands are thin (the sqlite-utils habit): each opens what it needs, calls one library function
and turns failures into one clean line on stderr. Exit codes: 0 success, 1 some inputs failed
(the rest were processed), 2 usage errors (bad options, unknown ids, unusable store).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from sitrep import __version__
from sitrep.config import SettingError, Settings, load_settings
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
        "Read text dumps, HTML pages, RSS/Atom feeds and JSONL (files, folders, archives, "
        "compressed files, stdin or web addresses); extract actors, quotations, events, "
        "figures and dates, each pointing at the characters it came from.\n\n" + DB_HELP
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
        help=(
            "Files, directories (walked recursively), archives (.zip, .tar.gz: read like a "
            "directory), compressed files (.gz, .bz2, .xz), - for standard input, or "
            "http(s) addresses of pages and feeds (fetched once, now; nothing else goes online)."
        ),
        show_default=False,
    ),
]
Limit = Annotated[int, typer.Option("--limit", "-n", min=1, help="How many rows to show.")]
Offset = Annotated[int, typer.Option("--offset", min=0, help="Skip this many rows first.")]


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingError as exc:
        err.print(f"error: invalid setting {exc}", markup=False)
        raise typer.Exit(2) from None


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


def _cut(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


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
    on_input: Callable[[str], None] | None = None,
) -> Iterator[Analysis]:
    """Read every input and analyse each article; bad inputs are reported and counted;
    ``on_input`` is told each input's name as reading it begins."""
    from sitrep.ingest import read_articles
    from sitrep.parallel import analyze_on_dask, analyze_parallel

    def articles() -> Iterator[Article]:
        for item in read_articles(paths, settings, stdin=sys.stdin.buffer, on_input=on_input):
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
