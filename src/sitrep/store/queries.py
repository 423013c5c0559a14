"""The read queries the CLI, API and web pages page through: quotes, actors, events, figures, dates.

Every list query returns a ``Page`` (the items plus the total count of matches, for paging) built
by one helper, so all of them page, count and order the same way: newest article first (by
``published``, unknown dates last), then insertion order, then position in the article.

Actors are named the way users name them: a canonical id, the canonical name or any alias, all
case-insensitive (``actor_names`` holds casefolded names, so the lookup is an index hit on both
SQLite and PostgreSQL). ISO 8601 strings compare correctly as strings, which is how ``since``
works without parsing dates in SQL.

Speed at tens of thousands of articles comes from the layout (``schema.py``): lists walk a
descending index in their display order and stop after one page; counts read the record table
alone unless a filter needs the article; actor counts and event timeline dates are stored
columns. "Unknown dates last" is spelled per dialect: SQLite already sorts NULLs last in
descending order and an explicit NULLS LAST keeps it from using the index; PostgreSQL needs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

import sqlalchemy as sa

from sitrep.records import Record
from sitrep.store import rows
from sitrep.store.schema import (
    actor_names,
    actors,
    article_actors,
    articles,
    dates,
    events,
    figures,
    mentions,
    quotes,
)

T = TypeVar("T")

#: How ``find_actors`` ranks: by articles written about the actor, or by its quotes.
ActorOrder = Literal["articles", "quotes"]
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    count: int  # matches in total, not just on this page


@dataclass(frozen=True, slots=True)
class RecordItem:
    """A record with the article facts a list needs to show it (no article text)."""

    record: Record
    article_id: str
    article_title: str | None
    published: str | None
    source: str


@dataclass(frozen=True, slots=True)
class ArticleRef:
    id: str
    title: str | None
    published: str | None
    source: str


@dataclass(frozen=True, slots=True)
class ActorSummary:
    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    quote_count: int
    article_count: int


@dataclass(frozen=True, slots=True)
class CoActor:
    """An actor seen in the same articles as another; ``articles`` counts the shared ones."""

    id: str
    name: str
    kind: str
    articles: int


@dataclass(frozen=True, slots=True)
class ActorDetail:
    actor: ActorSummary
    articles: list[ArticleRef] = field(default_factory=list)
    co_mentioned: list[CoActor] = field(default_factory=list)


def name_key(name: str) -> str:
    """How actor names are compared: casefolded, single-spaced."""
    return " ".join(name.casefold().split())


def like_pattern(text: str) -> str:
    r"""A LIKE pattern matching ``text`` anywhere, with LIKE's wildcards escaped (escape '\')."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def resolve_actor_ids(conn: sa.Connection, id_or_name: str) -> list[str]:
    """Actor ids whose id, canonical name or alias is ``id_or_name``."""
    by_name = sa.select(actor_names.c.actor_id).where(
        actor_names.c.name_key == name_key(id_or_name)
    )
    by_id = sa.select(actors.c.id).where(actors.c.id == id_or_name.strip())
    return list(conn.execute(sa.union(by_name, by_id)).scalars())


def desc_nulls_last(conn: sa.Connection, column: Any) -> Any:
    """Descending with NULLs last, written so SQLite can still walk a descending index."""
    if conn.dialect.name == "sqlite":
        return column.desc()
    return column.desc().nulls_last()


def newest_first(conn: sa.Connection) -> list[Any]:
    """Article order of every list: newest published first, unknown dates last, then stored."""
    return [desc_nulls_last(conn, articles.c.published), articles.c.seq]


def count_rows(conn: sa.Connection, table: sa.Table, *where: Any) -> int:
    return int(
        conn.execute(sa.select(sa.func.count()).select_from(table).where(*where)).scalar() or 0
    )


def _page(
    conn: sa.Connection, statement: sa.Select[Any], order: list[Any], limit: int, offset: int
) -> tuple[list[sa.RowMapping], int]:
    total = conn.execute(sa.select(sa.func.count()).select_from(statement.subquery())).scalar()
    page = statement.order_by(*order).limit(max(limit, 0)).offset(max(offset, 0))
    return list(conn.execute(page).mappings()), int(total or 0)


def _record_items(
    conn: sa.Connection,
    table: sa.Table,
    where: list[Any],
    order: list[Any],
    limit: int,
    offset: int,
    *,
    article_where: list[Any] | None = None,
) -> Page[RecordItem]:
    """One page of ``table``'s records matching ``where`` (conditions on the record table) and
    ``article_where`` (conditions on ``articles``), with the count of all matches."""
    article_where = article_where or []
    statement = (
        sa.select(
            table.c.data,
            articles.c.id.label("article_id"),
            articles.c.title,
            articles.c.published,
            articles.c.source,
        )
        .join(articles, table.c.article_id == articles.c.id)
        .where(*where, *article_where)
    )
    page = statement.order_by(*order, table.c.span_start, table.c.pk)
    found = list(conn.execute(page.limit(max(limit, 0)).offset(max(offset, 0))).mappings())
    if article_where:
        total = conn.execute(sa.select(sa.func.count()).select_from(statement.subquery())).scalar()
    else:
        # Every record has its article (foreign key), so the join changes no count.
        total = count_rows(conn, table, *where)
    items = [
        RecordItem(
            record=rows.record_from_row(row),
            article_id=row["article_id"],
            article_title=row["title"],
            published=row["published"],
            source=row["source"],
        )
        for row in found
    ]
    return Page(items, int(total or 0))


def _articles_with_actor(ids: list[str], name: str) -> Any:
    """Article ids whose records name one of ``ids``, or mention ``name`` verbatim."""
    return sa.union(
        sa.select(article_actors.c.article_id).where(article_actors.c.actor_id.in_(ids)),
        sa.select(mentions.c.article_id).where(mentions.c.actor_id.in_(ids)),
        sa.select(mentions.c.article_id).where(sa.func.lower(mentions.c.text) == name.lower()),
    )


def find_quotes(
    conn: sa.Connection,
    *,
    speaker: str | None = None,
    about: str | None = None,
    q: str | None = None,
    since: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[RecordItem]:
    """Quotes by ``speaker`` (actor id, name or alias, or the literal speaker description),
    ``about`` an actor (named in the quote or in its article), containing every word of ``q``,
    from articles published on or after ``since``."""
    where: list[Any] = []
    if speaker:
        ids = resolve_actor_ids(conn, speaker)
        where.append(
            sa.or_(
                quotes.c.speaker_id.in_(ids),
                sa.func.lower(quotes.c.speaker) == speaker.strip().lower(),
            )
        )
    if about:
        ids = resolve_actor_ids(conn, about)
        where.append(
            sa.or_(
                quotes.c.text.ilike(like_pattern(about.strip()), escape="\\"),
                quotes.c.article_id.in_(_articles_with_actor(ids, about.strip())),
            )
        )
    for word in (q or "").split():
        where.append(quotes.c.text.ilike(like_pattern(word), escape="\\"))
    article_where = [articles.c.published >= since] if since else []
    return _record_items(
        conn, quotes, where, newest_first(conn), limit, offset, article_where=article_where
    )


def find_events(
    conn: sa.Connection,
    *,
    type: str | None = None,  # shadows the builtin: it is the keyword the API exposes
    actor: str | None = None,
    since: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[RecordItem]:
    """Events of a PLOVER ``type`` with ``actor`` as source or target, dated (or, undated,
    published) on or after ``since``; newest first."""
    where = _event_filters(conn, type=type, actor=actor, since=since)
    order = [desc_nulls_last(conn, events.c.timeline_date), articles.c.seq]
    return _record_items(conn, events, where, order, limit, offset)


def event_counts_by_month(
    conn: sa.Connection,
    *,
    type: str | None = None,  # shadows the builtin: it is the keyword the API exposes
    actor: str | None = None,
    since: str | None = None,
) -> list[tuple[str, int]]:
    """Events matching ``find_events``' filters per month of their timeline date, oldest first;
    dates without a month are left out."""
    month = sa.func.substr(events.c.timeline_date, 1, 7).label("month")
    where = _event_filters(conn, type=type, actor=actor, since=since)
    found = conn.execute(
        sa.select(month, sa.func.count()).where(*where).group_by(month).order_by(month)
    )
    return [(str(m), int(n)) for m, n in found if m and _MONTH.fullmatch(m)]


def _event_filters(
    conn: sa.Connection, *, type: str | None, actor: str | None, since: str | None
) -> list[Any]:
    where: list[Any] = []
    if type:
        where.append(sa.func.upper(events.c.event_type) == type.strip().upper())
    if actor:
        ids = resolve_actor_ids(conn, actor)
        name = actor.strip().lower()
        where.append(
            sa.or_(
                events.c.source_actor_id.in_(ids),
                events.c.target_actor_id.in_(ids),
                sa.func.lower(events.c.source_name) == name,
                sa.func.lower(events.c.target_name) == name,
            )
        )
    if since:
        where.append(events.c.timeline_date >= since)
    return where


def find_figures(
    conn: sa.Connection,
    *,
    unit: str | None = None,
    kind: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[RecordItem]:
    """Figures in ``unit`` (ISO 4217 code, ``percent``, or a counted noun) and of ``kind``."""
    where: list[Any] = []
    if unit:
        where.append(sa.func.lower(figures.c.unit) == unit.strip().lower())
    if kind:
        where.append(sa.func.lower(figures.c.kind) == kind.strip().lower())
    return _record_items(conn, figures, where, newest_first(conn), limit, offset)


def find_dates(
    conn: sa.Connection,
    *,
    value: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[RecordItem]:
    """Resolved dates starting with ``value`` ("2025-09" finds every day of that month) and
    within [since, until] (``until`` includes every date it is a prefix of); latest first."""
    where: list[Any] = []
    if value:
        where.append(dates.c.value.like(value.strip() + "%"))
    if since:
        where.append(dates.c.value >= since)
    if until:
        where.append(sa.or_(dates.c.value <= until, dates.c.value.like(until.strip() + "%")))
    order = [desc_nulls_last(conn, dates.c.value), *newest_first(conn)]
    return _record_items(conn, dates, where, order, limit, offset)


def _summary(row: sa.RowMapping) -> ActorSummary:
    return ActorSummary(
        id=row["id"],
        name=row["name"],
        kind=row["kind"],
        country=row["country"],
        sector=row["sector"],
        aliases=tuple(row["aliases"]),
        roles=tuple(row["roles"]),
        quote_count=int(row["quote_count"]),
        article_count=int(row["article_count"]),
    )


#: Each order matches an index of ``schema.py`` column for column.
_ACTOR_ORDERS: dict[str, list[Any]] = {
    "articles": [
        actors.c.article_count.desc(),
        actors.c.quote_count.desc(),
        actors.c.name,
        actors.c.id,
    ],
    "quotes": [
        actors.c.quote_count.desc(),
        actors.c.article_count.desc(),
        actors.c.name,
        actors.c.id,
    ],
}


def find_actors(
    conn: sa.Connection,
    *,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
    order: ActorOrder = "articles",
) -> Page[ActorSummary]:
    """Canonical actors whose id, name or alias contains ``q``; most written-about first
    (``order="articles"``) or most quoted first (``order="quotes"``)."""
    if order not in _ACTOR_ORDERS:
        raise ValueError(
            f"unknown actor order {order!r}; expected one of {', '.join(_ACTOR_ORDERS)}"
        )
    statement = sa.select(actors)
    if q and q.strip():
        named = sa.select(actor_names.c.actor_id).where(
            actor_names.c.name_key.like(like_pattern(name_key(q)), escape="\\")
        )
        statement = statement.where(sa.or_(actors.c.id.in_(named), actors.c.id == q.strip()))
    found, total = _page(conn, statement, _ACTOR_ORDERS[order], limit, offset)
    return Page([_summary(row) for row in found], total)


def actor_detail(conn: sa.Connection, id_or_name: str, *, related: int = 20) -> ActorDetail | None:
    """One actor (by id, name or alias; the most written-about when a name is ambiguous) with
    the articles it appears in (newest first) and the actors most often seen alongside it."""
    ids = resolve_actor_ids(conn, id_or_name)
    if not ids:
        return None
    order = [actors.c.article_count.desc(), actors.c.quote_count.desc(), actors.c.id]
    row = (
        conn.execute(sa.select(actors).where(actors.c.id.in_(ids)).order_by(*order).limit(1))
        .mappings()
        .first()
    )
    if row is None:
        return None
    summary = _summary(row)
    in_articles = sa.select(article_actors.c.article_id).where(
        article_actors.c.actor_id == summary.id
    )
    refs = conn.execute(
        sa.select(articles.c.id, articles.c.title, articles.c.published, articles.c.source)
        .where(articles.c.id.in_(in_articles))
        .order_by(*newest_first(conn))
    ).mappings()
    other = article_actors.alias("other")
    shared = sa.func.count(sa.distinct(other.c.article_id)).label("shared")
    co = conn.execute(
        sa.select(actors.c.id, actors.c.name, actors.c.kind, shared)
        .join(other, other.c.actor_id == actors.c.id)
        .where(other.c.article_id.in_(in_articles), actors.c.id != summary.id)
        .group_by(actors.c.id, actors.c.name, actors.c.kind)
        .order_by(shared.desc(), actors.c.name)
        .limit(related)
    ).mappings()
    return ActorDetail(
        actor=summary,
        articles=[ArticleRef(r["id"], r["title"], r["published"], r["source"]) for r in refs],
        co_mentioned=[CoActor(r["id"], r["name"], r["kind"], int(r["shared"])) for r in co],
    )
