"""The tables of the store, written once in SQLAlchemy Core so SQLite and PostgreSQL share them.

Layout, and why:

* ``articles`` keeps every stored article once: the columns search and listing need (``title``,
  ``text``, ``published``, ...) plus ``data``, the rest of the contract dict (``text`` is left out
  of ``data`` because it already has its own column, and article bodies dominate the file size).
  ``seq`` is an integer surrogate key: insertion order for listings, and the ``rowid`` the SQLite
  FTS5 index points at.
* One table per record type of :mod:`sitrep.records` (``article_actors``, ``mentions``,
  ``quotes``, ``events``, ``figures``, ``dates``). Each row has ``pk`` (surrogate, so a pipeline
  that emits the same record id twice never loses an article), ``id``, ``article_id``, the span,
  the columns queries filter on, and ``data``: the full contract dict, so a record reads back
  equal to what was written.
* ``actors`` is the canonical actor across articles, keyed by the stable actor id; aliases and
  roles are the union of every article's Actor record. ``quote_count`` (quotes whose speaker is
  the actor) and ``article_count`` (articles with an Actor record for it) are kept up to date by
  ``Store.add`` in the article's transaction, so "most written-about" and "most quoted" lists are
  index scans instead of a count over every quote and actor record per request.
  ``actor_names`` holds the lower-cased canonical name and aliases of each actor so
  "speaker = Putin" is an indexed lookup on both databases (JSON-array queries are not portable).
* ``events.timeline_date`` is the event's date, else its article's publication date: what event
  lists order and filter by, stored (articles never change once stored) so it can be indexed.
* Listing indexes are descending to match the "newest first" order. SQLite sorts NULLs last in
  a descending index, which is the order we want; PostgreSQL sorts them first unless told, so
  its indexes say ``NULLS LAST`` (migration 3 writes the dialect's DDL; the ``sa.Index`` objects
  here record names and columns).
* ``near_duplicates`` records syndicated copies: a small row pointing to the stored original,
  never a second copy of the text or its records (see :mod:`sitrep.store.neardup`).
* ``lsh_bands`` is the MinHash LSH index as a plain table, so near-duplicate detection works
  across runs and on PostgreSQL without an in-memory index.
* ``store_meta`` keeps key/value facts about the file (the LSH configuration it was built with).
* ``schema_migrations`` records which migrations ran (see :mod:`sitrep.store.migrations`).
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.schema import SchemaItem

metadata = sa.MetaData()

#: JSON everywhere; JSONB on PostgreSQL so the column can be indexed later.
JsonType = sa.JSON().with_variant(JSONB(), "postgresql")


def _article_fk() -> sa.ForeignKey:
    return sa.ForeignKey("articles.id", ondelete="CASCADE")


schema_migrations = sa.Table(
    "schema_migrations",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("applied_at", sa.String(40), nullable=False),
)

store_meta = sa.Table(
    "store_meta",
    metadata,
    sa.Column("key", sa.String(100), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("id", sa.String(64), nullable=False, unique=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("source_id", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.String(40)),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("data", JsonType, nullable=False),
    sa.Column("added_at", sa.String(40), nullable=False),
    sa.Index("ix_articles_published", "published"),
)

actors = sa.Table(
    "actors",
    metadata,
    sa.Column("id", sa.String(200), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("country", sa.String(8)),
    sa.Column("sector", sa.String(40)),
    sa.Column("aliases", JsonType, nullable=False),
    sa.Column("roles", JsonType, nullable=False),
    sa.Column("quote_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("article_count", sa.Integer, nullable=False, server_default="0"),
)

actor_names = sa.Table(
    "actor_names",
    metadata,
    sa.Column(
        "actor_id", sa.String(200), sa.ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("name_key", sa.Text, primary_key=True),
    sa.Index("ix_actor_names_key", "name_key"),
)


def _record_table(name: str, *extra: SchemaItem) -> sa.Table:
    return sa.Table(
        name,
        metadata,
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(200), nullable=False, index=True),
        sa.Column("article_id", sa.String(64), _article_fk(), nullable=False),
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
        *extra,
        sa.Column("data", JsonType, nullable=False),
        sa.Index(f"ix_{name}_article_span", "article_id", "span_start"),
    )


article_actors = _record_table(
    "article_actors",
    sa.Column("actor_id", sa.String(200), nullable=False, index=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.String(40), nullable=False),
)

mentions = _record_table(
    "mentions",
    sa.Column("actor_id", sa.String(200), nullable=False, index=True),
    sa.Column("text", sa.Text, nullable=False),
)

quotes = _record_table(
    "quotes",
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("speaker", sa.Text),
    sa.Column("speaker_id", sa.String(200), index=True),
)

events = _record_table(
    "events",
    sa.Column("event_type", sa.String(40), nullable=False, index=True),
    sa.Column("mode", sa.String(40)),
    sa.Column("source_actor_id", sa.String(200), index=True),
    sa.Column("source_name", sa.Text),
    sa.Column("target_actor_id", sa.String(200), index=True),
    sa.Column("target_name", sa.Text),
    sa.Column("date", sa.String(40)),
    sa.Column("negated", sa.Boolean, nullable=False),
    sa.Column("hypothetical", sa.Boolean, nullable=False),
    sa.Column("quote_id", sa.String(200)),
    sa.Column("timeline_date", sa.String(40)),
)

figures = _record_table(
    "figures",
    sa.Column("value", sa.Float),
    sa.Column("unit", sa.String(100), index=True),
    sa.Column("kind", sa.String(40), nullable=False),
)

dates = _record_table(
    "dates",
    sa.Column("value", sa.String(40), index=True),
    sa.Column("precision", sa.String(20)),
)

near_duplicates = sa.Table(
    "near_duplicates",
    metadata,
    sa.Column("article_id", sa.String(64), primary_key=True),
    sa.Column("duplicate_of", sa.String(64), _article_fk(), nullable=False, index=True),
    sa.Column("similarity", sa.Float, nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.String(40)),
    sa.Column("data", JsonType, nullable=False),
    sa.Column("added_at", sa.String(40), nullable=False),
)

lsh_bands = sa.Table(
    "lsh_bands",
    metadata,
    sa.Column("band", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("hash", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("article_id", sa.String(64), _article_fk(), primary_key=True),
    sa.Index("ix_lsh_bands_article", "article_id"),
)

# Listing indexes (created by migration 3; see the module docstring about NULLS LAST).
sa.Index("ix_articles_newest", articles.c.published.desc(), articles.c.seq)
sa.Index(
    "ix_actors_most_written",
    actors.c.article_count.desc(),
    actors.c.quote_count.desc(),
    actors.c.name,
    actors.c.id,
)
sa.Index(
    "ix_actors_most_quoted",
    actors.c.quote_count.desc(),
    actors.c.article_count.desc(),
    actors.c.name,
    actors.c.id,
)
sa.Index("ix_events_timeline", events.c.timeline_date.desc())
sa.Index("ix_quotes_speaker_lower", sa.func.lower(quotes.c.speaker))

#: Record type (the contract's ``type``) -> the table holding it.
RECORD_TABLES: dict[str, sa.Table] = {
    "actor": article_actors,
    "mention": mentions,
    "quote": quotes,
    "event": events,
    "figure": figures,
    "date": dates,
}
