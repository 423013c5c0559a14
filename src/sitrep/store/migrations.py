"""Schema versions: an ordered list of migrations, each recorded in ``schema_migrations``.

``migrate(engine)`` applies every migration the database has not recorded yet, in order, each
in its own transaction together with its ``schema_migrations`` row, so a crash leaves the file at
a well-defined version. A database recording a version this sitrep does not know was written by
a newer sitrep: we refuse it rather than guess (``StoreError``).

Rule for maintainers: a migration, once released, never changes. The first migration creates
the tables as they were at version 1, from the frozen copy in ``schema_v1.py``; when a table
changes, edit ``schema.py`` (what queries use) and add a migration that alters the table, so a
fresh database and a migrated one go through the same steps and end up identical. Later
migrations spell their DDL out for the same reason: they must not follow ``schema.py`` edits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from sitrep.errors import StoreError
from sitrep.store import schema, schema_v1
from sitrep.store.database import WRITE_OPTION


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sa.Connection], None]


def _create_tables(conn: sa.Connection) -> None:
    schema_v1.metadata.create_all(conn)


# The FTS5 index is an "external content" table over articles(title, text): it stores only the
# index, snippet() reads the text from ``articles``. Triggers keep it in step with the table.
# Porter stemming so "missile" finds "missiles"; diacritics folded so "Zelensky" finds "Zelenský".
_SQLITE_FTS = [
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
         title, text, content='articles', content_rowid='seq',
         tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
         INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
       END""",
    """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
         INSERT INTO articles_fts(articles_fts, rowid, title, text)
         VALUES ('delete', old.seq, old.title, old.text);
       END""",
    """CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
         INSERT INTO articles_fts(articles_fts, rowid, title, text)
         VALUES ('delete', old.seq, old.title, old.text);
         INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
       END""",
    # Index the articles stored before this migration ran.
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
]

#: The weighted document of an article on PostgreSQL; search.py queries the same expression,
#: which is what lets the planner use the expression index.
PG_DOCUMENT = (
    "(setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', text), 'B'))"
)


def _full_text_index(conn: sa.Connection) -> None:
    if conn.dialect.name == "sqlite":
        for statement in _SQLITE_FTS:
            conn.exec_driver_sql(statement)
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"CREATE INDEX ix_articles_fts ON articles USING GIN ({PG_DOCUMENT})")


def _listing_columns(conn: sa.Connection) -> None:
    """Counts on ``actors``, ``events.timeline_date`` and the indexes that make lists index
    scans (see ``schema.py``), backfilled from the rows already stored."""
    # PostgreSQL puts NULLs first in a descending index unless told; SQLite puts them last and
    # (3.40) does not accept NULLS LAST in an index definition.
    last = " NULLS LAST" if conn.dialect.name == "postgresql" else ""
    statements = [
        "ALTER TABLE actors ADD COLUMN quote_count INTEGER DEFAULT 0 NOT NULL",
        "ALTER TABLE actors ADD COLUMN article_count INTEGER DEFAULT 0 NOT NULL",
        "ALTER TABLE events ADD COLUMN timeline_date VARCHAR(40)",
        """UPDATE actors SET
             quote_count = (SELECT count(*) FROM quotes WHERE quotes.speaker_id = actors.id),
             article_count = (SELECT count(DISTINCT article_id) FROM article_actors
                              WHERE article_actors.actor_id = actors.id)""",
        """UPDATE events SET timeline_date = coalesce(
             date, (SELECT published FROM articles WHERE articles.id = events.article_id))""",
        f"CREATE INDEX ix_articles_newest ON articles (published DESC{last}, seq)",
        """CREATE INDEX ix_actors_most_written
             ON actors (article_count DESC, quote_count DESC, name, id)""",
        """CREATE INDEX ix_actors_most_quoted
             ON actors (quote_count DESC, article_count DESC, name, id)""",
        f"CREATE INDEX ix_events_timeline ON events (timeline_date DESC{last})",
        # "speaker = <as written>" compares lower-cased; without this index that half of the
        # filter scans every quote, and the planner walks all articles looking for a few rows.
        "CREATE INDEX ix_quotes_speaker_lower ON quotes (lower(speaker))",
    ]
    for statement in statements:
        conn.exec_driver_sql(statement)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "tables", _create_tables),
    Migration(2, "full-text index", _full_text_index),
    Migration(3, "listing counts and indexes", _listing_columns),
)
LATEST = MIGRATIONS[-1].version


def current_version(conn: sa.Connection) -> int:
    """The highest recorded migration, 0 for a database sitrep never touched."""
    if not sa.inspect(conn).has_table("schema_migrations"):
        return 0
    version = conn.execute(sa.select(sa.func.max(schema.schema_migrations.c.version))).scalar()
    return int(version or 0)


def migrate(engine: sa.Engine, *, target: int = LATEST, where: str = "") -> list[int]:
    """Apply pending migrations up to ``target``; returns the versions applied.

    An up-to-date database is only read (no write lock), so opening one never waits for another
    process's writer.
    """
    with engine.connect() as conn:
        version = current_version(conn)
        conn.rollback()
        if version > LATEST:
            raise StoreError(
                f"{where}: database schema version {version} was written by a newer sitrep "
                f"(this one knows up to version {LATEST}); upgrade sitrep to open it"
            )
        if version >= target:
            return []
        applied: list[int] = []
        conn.execution_options(**{WRITE_OPTION: True})
        with conn.begin():
            schema.schema_migrations.create(conn, checkfirst=True)
        for migration in MIGRATIONS:
            if migration.version > target:
                break
            with conn.begin():
                # Re-read inside the write transaction: another process may have migrated.
                if migration.version <= current_version(conn):
                    continue
                migration.apply(conn)
                conn.execute(
                    schema.schema_migrations.insert().values(
                        version=migration.version,
                        name=migration.name,
                        applied_at=datetime.now(UTC).isoformat(timespec="seconds"),
                    )
                )
            applied.append(migration.version)
    return applied
