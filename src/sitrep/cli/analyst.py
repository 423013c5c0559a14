"""Commands an analyst asks questions with: quotes, actors, events, figures, timeline, serve."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, Any

import typer
from rich.table import Table

from sitrep import filters
from sitrep.cli.app import (
    Limit,
    Offset,
    TableOrJson,
    TableOrJsonl,
    _cut,
    _print_jsonl,
    _settings,
    _store,
    app,
    err,
    out,
)
from sitrep.errors import SitrepError


def _checked_by(check: Callable[[str | None], str | None]) -> Callable[[str | None], str | None]:
    """An option callback running a :mod:`sitrep.filters` check: a value that cannot match is
    a usage error saying what is expected."""

    def callback(value: str | None) -> str | None:
        try:
            return check(value)
        except filters.FilterError as exc:
            raise typer.BadParameter(str(exc)) from None

    return callback


_since_option = _checked_by(filters.since)
_event_type_option = _checked_by(filters.event_type)


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
        str | None,
        typer.Option(
            "--since",
            help="Articles published on or after (YYYY-MM-DD, YYYY-MM or YYYY).",
            callback=_since_option,
        ),
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
        str | None,
        typer.Option(
            "--type", "-t", help="A PLOVER event type, e.g. ASSAULT.", callback=_event_type_option
        ),
    ] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Source or target actor.")] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", help="On or after (YYYY-MM-DD, YYYY-MM or YYYY).", callback=_since_option
        ),
    ] = None,
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
    since: Annotated[
        str | None,
        typer.Option(
            "--since", help="On or after (YYYY-MM-DD, YYYY-MM or YYYY).", callback=_since_option
        ),
    ] = None,
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
    from sitrep.serve import bind
    from sitrep.serve import serve as run

    settings = _settings()
    with _store(settings):
        pass  # open once: a bad URL or unreadable store fails here, with a clean message
    try:
        sock = bind(host, port)
    except SitrepError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    url = f"http://{host if ':' not in host else f'[{host}]'}:{port}/"
    err.print(f"sitrep serving {url} (API schema at /openapi.json); Ctrl+C to stop")
    run(settings, sock)
