"""``Store``: the one way the rest of sitrep reads and writes the database.

Writing is ``add(article, records)``: one transaction per article, so an article is stored with
all of its records or not at all. Exact duplicates (same article id) write nothing; near
duplicates (see :mod:`sitrep.store.neardup`) are linked to their original by one small row.
Canonical actors are merged as articles arrive: the first article fixes name and kind, later ones
add aliases and roles (union) and fill a missing country or sector.

Reading is plain methods returning contract records (``get_article``, ``records``,
``iter_records``), search hits (:mod:`sitrep.store.search`) and pages of list queries
(:mod:`sitrep.store.queries`). Connections are short-lived and taken from the engine's pool per
call, so one ``Store`` serves a CLI run, a web server's threads, or an export that streams while
another process writes (SQLite WAL: readers never block the writer).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Literal, Self

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, IntegrityError

from sitrep.config import Settings
from sitrep.errors import StoreError
from sitrep.records import Actor, Article, Quote, Record
from sitrep.store import migrations, neardup, queries, rows, schema, search
from sitrep.store.database import WRITE_OPTION, create_engine, display_url, parse_url
from sitrep.store.queries import ActorDetail, ActorSummary, Page, RecordItem
from sitrep.store.search import SearchHit

AddStatus = Literal["new", "duplicate", "near_duplicate"]
_EXPORT_BATCH = 100
_LSH_META_KEY = "lsh_config"
#: Rows SQLite's ANALYZE samples per index (see ``Store._analyze``).
_ANALYSIS_LIMIT = 400


@dataclass(frozen=True, slots=True)
class AddResult:
    """What ``add`` did. ``duplicate_of`` is the stored article this one copies (for an exact
    duplicate: its own id; for a copy of a known near-duplicate: that copy's original)."""

    status: AddStatus
    article_id: str
    duplicate_of: str | None = None
    similarity: float | None = None


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    """A syndicated copy: kept as a pointer to the stored original, without text or records."""

    article_id: str
    duplicate_of: str
    similarity: float
    source: str
    title: str | None
    published: str | None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@functools.cache
def _candidate_texts(bands: int) -> sa.Select[Any]:
    """Id and text of the stored articles sharing a band hash with a fingerprint of ``bands``
    bands (bound as ``band_<i>`` / ``hash_<i>``), in insertion order.

    One (band = ? AND hash = ?) term per band: each is a primary-key lookup (SQLite's OR
    optimisation, PostgreSQL's BitmapOr). A row-value IN list is not matched against the key by
    SQLite, which then scanned the whole table on every add(). Built once per band count, since
    composing the expression costs more than running it.
    """
    lsh = schema.lsh_bands
    terms = [
        sa.and_(
            lsh.c.band == sa.bindparam(f"band_{i}", type_=sa.Integer),
            lsh.c.hash == sa.bindparam(f"hash_{i}", type_=sa.BigInteger),
        )
        for i in range(bands)
    ]
    candidates = sa.select(lsh.c.article_id).where(sa.or_(*terms)).distinct()
    a = schema.articles
    return sa.select(a.c.id, a.c.text).where(a.c.id.in_(candidates)).order_by(a.c.seq)


def _insert_ignore(conn: sa.Connection, table: sa.Table) -> Any:
    """INSERT ... ON CONFLICT DO NOTHING in the connection's dialect."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(table).on_conflict_do_nothing()


class Store:
    """An open sitrep database. Build with ``Store.open(url)``; use as a context manager."""

    def __init__(self, engine: sa.Engine, *, where: str, near_duplicate_threshold: float) -> None:
        self._engine = engine
        self.where = where
        self.near_duplicate_threshold = near_duplicate_threshold
        self._stored_new = False

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str, *, near_duplicate_threshold: float = 0.8) -> Store:
        """Open (creating if needed) the database at ``url`` and bring its schema up to date."""
        if not 0.0 < near_duplicate_threshold <= 1.0:
            raise StoreError(
                f"near-duplicate threshold must be in (0, 1], got {near_duplicate_threshold}"
            )
        where = display_url(parse_url(url))
        engine = create_engine(url)
        store = cls(engine, where=where, near_duplicate_threshold=near_duplicate_threshold)
        try:
            migrations.migrate(engine, where=where)
            store._ensure_lsh_index()
        except StoreError:
            engine.dispose()
            raise
        except DBAPIError as exc:
            engine.dispose()
            raise StoreError(f"{where}: cannot open the database: {exc.orig}") from None
        return store

    @classmethod
    def from_settings(cls, settings: Settings) -> Store:
        return cls.open(
            settings.database_url, near_duplicate_threshold=settings.near_duplicate_threshold
        )

    def close(self) -> None:
        if self._stored_new and self.dialect == "sqlite":
            self._analyze()
        self._engine.dispose()

    def _analyze(self) -> None:
        """Refresh SQLite's planner statistics after this store added articles.

        PostgreSQL's autovacuum does this by itself; SQLite never does. ``analysis_limit``
        samples each index instead of reading it whole (tens of milliseconds at 10,000
        articles). Statistics only help the planner, so a busy database is not waited for: it
        keeps its previous statistics.
        """
        try:
            with self._engine.connect() as conn, conn.begin():
                conn.exec_driver_sql("PRAGMA busy_timeout=0")
                conn.exec_driver_sql(f"PRAGMA analysis_limit={_ANALYSIS_LIMIT}")
                conn.exec_driver_sql("ANALYZE")
        except DBAPIError:
            pass

    def __repr__(self) -> str:
        return f"Store({self.where})"

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        return self._engine.dialect.name

    def schema_version(self) -> int:
        with self._read() as conn:
            return migrations.current_version(conn)

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        try:
            with self._engine.connect() as conn:
                yield conn
        except DBAPIError as exc:
            raise StoreError(f"{self.where}: {exc.orig}") from None

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        """A connection inside one write transaction (committed on success)."""
        try:
            with self._engine.connect() as conn:
                conn.execution_options(**{WRITE_OPTION: True})
                with conn.begin():
                    yield conn
        except IntegrityError:
            raise
        except DBAPIError as exc:
            raise StoreError(f"{self.where}: write failed: {exc.orig}") from None

    def _ensure_lsh_index(self) -> None:
        """Rebuild the LSH bands when they were built with another configuration."""
        meta = schema.store_meta
        config = sa.select(meta.c.value).where(meta.c.key == _LSH_META_KEY)
        with self._read() as conn:
            if conn.execute(config).scalar() == neardup.LSH_CONFIG:
                return
        with self._write() as conn:
            if conn.execute(config).scalar() == neardup.LSH_CONFIG:
                return  # another process rebuilt it meanwhile
            conn.execute(schema.lsh_bands.delete())
            texts = conn.execute(sa.select(schema.articles.c.id, schema.articles.c.text))
            for article_id, text in texts.all():
                self._insert_bands(conn, article_id, neardup.fingerprint(text).bands)
            conn.execute(meta.delete().where(meta.c.key == _LSH_META_KEY))
            conn.execute(meta.insert().values(key=_LSH_META_KEY, value=neardup.LSH_CONFIG))

    # -- writing ---------------------------------------------------------------------------

    def add(self, article: Article, records: Sequence[Record]) -> AddResult:
        """Store ``article`` and its ``records`` in one transaction, unless it is a duplicate.

        Raises StoreError when a record belongs to another article or its span lies outside the
        article text; nothing is written then.
        """
        owned = self._check_records(article, records)
        with self._read() as conn:
            # Re-reading a feed mostly meets known articles: answer those without hashing.
            known = self._known(conn, article.id)
        if known is not None:
            return known
        fingerprint = neardup.fingerprint(article.text)  # CPU work outside the write lock
        try:
            with self._write() as conn:
                known = self._known(conn, article.id)
                if known is not None:
                    return known
                match = self._closest(conn, fingerprint)
                if match is not None and match[1] >= self.near_duplicate_threshold:
                    self._insert_near_duplicate(conn, article, match[0], match[1])
                    return AddResult("near_duplicate", article.id, match[0], match[1])
                conn.execute(schema.articles.insert().values(rows.article_values(article, _now())))
                self._insert_bands(conn, article.id, fingerprint.bands)
                self._insert_records(conn, owned, article.published)
        except IntegrityError as exc:
            # Another writer stored the same article first (possible on PostgreSQL), or a record
            # broke a constraint; the transaction is rolled back either way.
            with self._read() as conn:
                known = self._known(conn, article.id)
            if known is not None:
                return known
            raise StoreError(f"{self.where}: article {article.id} not stored: {exc.orig}") from None
        self._stored_new = True
        return AddResult("new", article.id)

    def find_duplicate(self, article: Article) -> AddResult:
        """What ``add`` would answer for ``article``, without writing: lets a pipeline skip
        analysing copies it already has."""
        fingerprint = neardup.fingerprint(article.text)
        with self._read() as conn:
            known = self._known(conn, article.id)
            if known is not None:
                return known
            match = self._closest(conn, fingerprint)
        if match is not None and match[1] >= self.near_duplicate_threshold:
            return AddResult("near_duplicate", article.id, match[0], match[1])
        return AddResult("new", article.id)

    def _check_records(self, article: Article, records: Sequence[Record]) -> list[Record]:
        owned: list[Record] = []
        size = len(article.text)
        for record in records:
            if isinstance(record, Article):
                if record == article:
                    continue  # an extract stream lists the article itself first
                raise StoreError(
                    f"article {article.id}: records include another article "
                    f"({record.id}); add articles one at a time"
                )
            if record.article != article.id:
                raise StoreError(
                    f"article {article.id}: {record.type} {record.id} belongs to article "
                    f"{record.article}"
                )
            start, end = record.span
            if not 0 <= start <= end <= size:
                raise StoreError(
                    f"article {article.id}: {record.type} {record.id} has span [{start}, {end}] "
                    f"outside the article text (length {size})"
                )
            owned.append(record)
        return owned

    def _known(self, conn: sa.Connection, article_id: str) -> AddResult | None:
        if conn.execute(
            sa.select(schema.articles.c.id).where(schema.articles.c.id == article_id)
        ).first():
            return AddResult("duplicate", article_id, article_id)
        copy = conn.execute(
            sa.select(
                schema.near_duplicates.c.duplicate_of, schema.near_duplicates.c.similarity
            ).where(schema.near_duplicates.c.article_id == article_id)
        ).first()
        if copy is not None:
            return AddResult("duplicate", article_id, copy.duplicate_of, float(copy.similarity))
        return None

    def _closest(
        self, conn: sa.Connection, fingerprint: neardup.Fingerprint
    ) -> tuple[str, float] | None:
        """The stored article most similar to ``fingerprint`` among the LSH candidates."""
        if not fingerprint.bands:
            return None
        params: dict[str, int] = {}
        for i, (band, value) in enumerate(fingerprint.bands):
            params[f"band_{i}"], params[f"hash_{i}"] = band, value
        texts = conn.execute(_candidate_texts(len(fingerprint.bands)), params)
        best: tuple[str, float] | None = None
        for article_id, text in texts:
            similarity = neardup.jaccard(fingerprint.shingles, neardup.shingles(text))
            if best is None or similarity > best[1]:
                best = (article_id, similarity)
        return best

    def _insert_near_duplicate(
        self, conn: sa.Connection, article: Article, original: str, similarity: float
    ) -> None:
        data = article.to_dict()
        del data["text"]
        conn.execute(
            schema.near_duplicates.insert().values(
                article_id=article.id,
                duplicate_of=original,
                similarity=similarity,
                source=article.source,
                title=article.title,
                published=article.published,
                data=data,
                added_at=_now(),
            )
        )

    @staticmethod
    def _insert_bands(
        conn: sa.Connection, article_id: str, bands: Iterable[tuple[int, int]]
    ) -> None:
        values = [{"band": b, "hash": h, "article_id": article_id} for b, h in bands]
        if values:
            conn.execute(schema.lsh_bands.insert(), values)

    def _insert_records(
        self, conn: sa.Connection, records: Sequence[Record], published: str | None
    ) -> None:
        by_table: dict[str, list[dict[str, Any]]] = defaultdict(list)
        tables: dict[str, sa.Table] = {}
        for record in records:
            table, values = rows.record_values(record)
            if table is schema.events:
                values["timeline_date"] = values["date"] or published
            tables[table.name] = table
            by_table[table.name].append(values)
        for name, values_list in by_table.items():
            conn.execute(tables[name].insert(), values_list)
        actors = [r for r in records if isinstance(r, Actor)]
        self._merge_actors(conn, actors)
        speakers = (r.speaker_id for r in records if isinstance(r, Quote) and r.speaker_id)
        self._recount_actors(conn, {a.id for a in actors}.union(speakers))

    @staticmethod
    def _recount_actors(conn: sa.Connection, ids: set[str]) -> None:
        """Recount ``quote_count`` and ``article_count`` of the actors this article touched.

        A recount rather than an increment: a quote may name a speaker whose canonical row only
        appears with a later article, and a count taken from the rows is right whatever came
        first. The rows are locked first, so on PostgreSQL a concurrent writer touching the same
        actor waits for this transaction and then recounts with its rows visible (READ
        COMMITTED takes a new snapshot per statement). Each count is an index range over one
        actor's rows.
        """
        if not ids:
            return
        table = schema.actors
        wanted = sorted(ids)
        conn.execute(sa.select(table.c.id).where(table.c.id.in_(wanted)).with_for_update())
        q, aa = schema.quotes, schema.article_actors
        conn.execute(
            table.update()
            .where(table.c.id.in_(wanted))
            .values(
                quote_count=sa.select(sa.func.count())
                .where(q.c.speaker_id == table.c.id)
                .scalar_subquery(),
                article_count=sa.select(sa.func.count(sa.distinct(aa.c.article_id)))
                .where(aa.c.actor_id == table.c.id)
                .scalar_subquery(),
            )
        )

    def _merge_actors(self, conn: sa.Connection, seen: Sequence[Actor]) -> None:
        """Fold this article's Actor records into the canonical ``actors`` rows.

        Insert-if-absent first, then lock and merge every row: the merge is idempotent, so a row
        this call just created and a row another writer created in the meantime (PostgreSQL)
        are handled alike, in a constant number of statements per article.
        """
        if not seen:
            return
        table = schema.actors
        conn.execute(
            _insert_ignore(conn, table),
            [
                {
                    "id": actor.id,
                    "name": actor.name,
                    "kind": actor.kind,
                    "country": actor.country,
                    "sector": actor.sector,
                    "aliases": [],
                    "roles": [],
                }
                for actor in seen
            ],
        )
        ids = sorted({actor.id for actor in seen})
        current = {
            row["id"]: row
            for row in conn.execute(
                sa.select(table).where(table.c.id.in_(ids)).with_for_update()
            ).mappings()
        }
        updates: list[dict[str, Any]] = []
        names: set[tuple[str, str]] = set()
        merged: dict[str, dict[str, Any]] = {
            actor_id: {
                "aliases": list(row["aliases"]),
                "roles": list(row["roles"]),
                "country": row["country"],
                "sector": row["sector"],
            }
            for actor_id, row in current.items()
        }
        for actor in seen:
            state = merged[actor.id]
            canonical = current[actor.id]["name"]
            for alias in (actor.name, *actor.aliases):
                if alias != canonical and alias not in state["aliases"]:
                    state["aliases"].append(alias)
            for role in actor.roles:
                if role not in state["roles"]:
                    state["roles"].append(role)
            state["country"] = state["country"] or actor.country
            state["sector"] = state["sector"] or actor.sector
            names.update(
                (actor.id, queries.name_key(n)) for n in (canonical, actor.name, *actor.aliases)
            )
        for actor_id, state in merged.items():
            row = current[actor_id]
            if any(
                state[key] != (list(row[key]) if key in ("aliases", "roles") else row[key])
                for key in state
            ):
                updates.append({"b_id": actor_id, **{f"b_{k}": v for k, v in state.items()}})
        if updates:
            conn.execute(
                table.update()
                .where(table.c.id == sa.bindparam("b_id"))
                .values(
                    aliases=sa.bindparam("b_aliases", type_=schema.JsonType),
                    roles=sa.bindparam("b_roles", type_=schema.JsonType),
                    country=sa.bindparam("b_country"),
                    sector=sa.bindparam("b_sector"),
                ),
                updates,
            )
        keys = [{"actor_id": a, "name_key": k} for a, k in sorted(names) if k]
        if keys:
            conn.execute(_insert_ignore(conn, schema.actor_names), keys)

    # -- reading records -------------------------------------------------------------------

    def get_article(self, article_id: str) -> Article | None:
        """The stored article, or None (also for a near-duplicate copy: see ``near_duplicate``)."""
        with self._read() as conn:
            row = (
                conn.execute(sa.select(schema.articles).where(schema.articles.c.id == article_id))
                .mappings()
                .first()
            )
        return rows.article_from_row(row) if row is not None else None

    def article_ids_starting(self, prefix: str, limit: int = 2) -> list[str]:
        """Ids of stored articles that start with ``prefix`` (at most ``limit``, in id order):
        what a short id a user typed stands for. ``%`` and ``_`` match only themselves."""
        a = schema.articles
        query = (
            sa.select(a.c.id)
            .where(a.c.id.startswith(prefix, autoescape=True))
            .order_by(a.c.id)
            .limit(limit)
        )
        with self._read() as conn:
            return list(conn.execute(query).scalars())

    def list_articles(self, limit: int = 50, offset: int = 0) -> list[Article]:
        """Stored articles, newest published first (unknown dates last), then insertion order."""
        a = schema.articles
        with self._read() as conn:
            found = conn.execute(
                sa.select(a)
                .order_by(*queries.newest_first(conn))
                .limit(max(limit, 0))
                .offset(max(offset, 0))
            ).mappings()
            return [rows.article_from_row(row) for row in found]

    def records(self, article_id: str, types: Iterable[str] | None = None) -> list[Record]:
        """The records of one article in span order (``types``: e.g. ["quote", "events"])."""
        with self._read() as conn:
            return self._records_of(conn, [article_id], rows.normalize_types(types))[article_id]

    def iter_records(self, types: Iterable[str] | None = None) -> Iterator[Record]:
        """Every stored article (insertion order) followed by its records in span order.

        Streams in batches, each read on its own short connection, so an export never holds the
        whole database in memory nor a long read transaction. ``types`` picks what is yielded;
        include "article" to get the articles themselves.
        """
        wanted = rows.normalize_types(types, allow_article=True)
        record_types = [t for t in wanted if t != "article"]
        a = schema.articles
        after = 0
        while True:
            with self._read() as conn:
                batch = list(
                    conn.execute(
                        sa.select(a).where(a.c.seq > after).order_by(a.c.seq).limit(_EXPORT_BATCH)
                    ).mappings()
                )
                if not batch:
                    return
                ids = [row["id"] for row in batch]
                by_article = self._records_of(conn, ids, record_types)
            after = batch[-1]["seq"]
            for row in batch:
                if "article" in wanted:
                    yield rows.article_from_row(row)
                yield from by_article[row["id"]]

    @staticmethod
    def _records_of(
        conn: sa.Connection, article_ids: list[str], types: list[str]
    ) -> dict[str, list[Record]]:
        keyed: dict[str, list[tuple[tuple[int, int, int, int], Record]]] = {
            article_id: [] for article_id in article_ids
        }
        for type_name in types:
            table = schema.RECORD_TABLES[type_name]
            rank = rows.TYPE_ORDER.index(type_name)
            found = conn.execute(
                sa.select(
                    table.c.article_id,
                    table.c.span_start,
                    table.c.span_end,
                    table.c.pk,
                    table.c.data,
                ).where(table.c.article_id.in_(article_ids))
            ).mappings()
            for row in found:
                key = (row["span_start"], row["span_end"], rank, row["pk"])
                keyed[row["article_id"]].append((key, rows.record_from_row(row)))
        return {
            article_id: [record for _, record in sorted(items, key=lambda item: item[0])]
            for article_id, items in keyed.items()
        }

    def near_duplicates(self, article_id: str | None = None) -> list[NearDuplicate]:
        """Known copies of ``article_id`` (all copies when None), most similar first."""
        nd = schema.near_duplicates
        statement = sa.select(nd).order_by(nd.c.similarity.desc(), nd.c.added_at, nd.c.article_id)
        if article_id is not None:
            statement = statement.where(nd.c.duplicate_of == article_id)
        with self._read() as conn:
            found = conn.execute(statement).mappings()
            return [
                NearDuplicate(
                    article_id=row["article_id"],
                    duplicate_of=row["duplicate_of"],
                    similarity=float(row["similarity"]),
                    source=row["source"],
                    title=row["title"],
                    published=row["published"],
                )
                for row in found
            ]

    def article_count(self) -> int:
        """How many articles are stored (near-duplicate copies not included)."""
        with self._read() as conn:
            return queries.count_rows(conn, schema.articles)

    def stats(self) -> dict[str, int]:
        """Row counts; "actors" counts canonical actors, not per-article actor records."""
        tables = {
            "articles": schema.articles,
            "actors": schema.actors,
            "mentions": schema.mentions,
            "quotes": schema.quotes,
            "events": schema.events,
            "figures": schema.figures,
            "dates": schema.dates,
            "near_duplicates": schema.near_duplicates,
        }
        with self._read() as conn:
            return {
                key: int(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar() or 0)
                for key, t in tables.items()
            }

    # -- search and list queries -----------------------------------------------------------

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Articles matching ``query`` (terms, "exact phrases", OR, prefix*), best first."""
        with self._read() as conn:
            return search.search(conn, query, limit, offset)

    def search_count(self, query: str) -> int:
        with self._read() as conn:
            return search.count(conn, query)

    def quotes(
        self,
        speaker: str | None = None,
        about: str | None = None,
        q: str | None = None,
        since: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> Page[RecordItem]:
        with self._read() as conn:
            return queries.find_quotes(
                conn, speaker=speaker, about=about, q=q, since=since, limit=limit, offset=offset
            )

    def actors(
        self,
        q: str | None = None,
        limit: int = 50,
        offset: int = 0,
        order: queries.ActorOrder = "articles",
    ) -> Page[ActorSummary]:
        """Canonical actors matching ``q``; most written-about first, or with
        ``order="quotes"`` most quoted first."""
        with self._read() as conn:
            return queries.find_actors(conn, q=q, limit=limit, offset=offset, order=order)

    def actor(self, id_or_name: str) -> ActorDetail | None:
        with self._read() as conn:
            return queries.actor_detail(conn, id_or_name)

    def events(
        self,
        type: str | None = None,  # shadows the builtin: it is the keyword the API exposes
        actor: str | None = None,
        since: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> Page[RecordItem]:
        with self._read() as conn:
            return queries.find_events(
                conn, type=type, actor=actor, since=since, limit=limit, offset=offset
            )

    def event_counts_by_month(
        self,
        type: str | None = None,  # shadows the builtin: it is the keyword the API exposes
        actor: str | None = None,
        since: str | None = None,
    ) -> list[tuple[str, int]]:
        """Events matching the ``events`` filters counted per month ("2025-09"), oldest first;
        events without a month (no date and no publication date, or only a year) are left out."""
        with self._read() as conn:
            return queries.event_counts_by_month(conn, type=type, actor=actor, since=since)

    def figures(
        self, unit: str | None = None, kind: str | None = None, limit: int = 50, offset: int = 0
    ) -> Page[RecordItem]:
        with self._read() as conn:
            return queries.find_figures(conn, unit=unit, kind=kind, limit=limit, offset=offset)

    def dates(
        self,
        value: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> Page[RecordItem]:
        with self._read() as conn:
            return queries.find_dates(
                conn, value=value, since=since, until=until, limit=limit, offset=offset
            )
