"""The tables as migration 1 created them: a frozen copy, never edited.

``migrations`` rule: a released migration never changes, yet ``schema.py`` describes the current
tables. Migration 1 therefore builds its tables from this copy of ``schema.py`` as it was at
schema version 1 (without ``schema_migrations``, which ``migrate`` creates itself), and later
migrations alter them; a fresh database and a migrated one go through the same steps and end up
identical. Nothing here is imported from ``schema.py``, so editing that file cannot change what
migration 1 builds.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.schema import SchemaItem

JsonType = sa.JSON().with_variant(JSONB(), "postgresql")

metadata = sa.MetaData()


def _article_fk() -> sa.ForeignKey:
    return sa.ForeignKey("articles.id", ondelete="CASCADE")


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
