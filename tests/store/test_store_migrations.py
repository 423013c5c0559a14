"""Schema migrations: recorded, applied to older files, refused from newer sitreps."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from sitrep.errors import StoreError
from sitrep.ingest.dedupe import article_id
from sitrep.records import Actor, ActorRef, Article, Event, Quote, Record
from sitrep.store import Store, neardup, rows, schema, schema_v1
from sitrep.store.database import create_engine
from sitrep.store.migrations import LATEST, MIGRATIONS, migrate
from sitrep.store.testing import postgres_test_url, scratch_schema_url

TEXT = (
    "Engineers finished a new pontoon bridge across the river in nine days, the army said, "
    "allowing heavy armour to cross during the autumn exercise near the border."
)


def migration_rows(url: str) -> list[tuple[int, str]]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            t = schema.schema_migrations
            found = conn.execute(sa.select(t.c.version, t.c.name).order_by(t.c.version))
            return [(version, name) for version, name in found]
    finally:
        engine.dispose()


def test_fresh_database_records_every_migration(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    with Store.open(url) as store:
        assert store.schema_version() == LATEST
    assert migration_rows(url) == [(m.version, m.name) for m in MIGRATIONS]
    with Store.open(url):  # reopening applies nothing twice
        pass
    assert len(migration_rows(url)) == len(MIGRATIONS)


def test_applied_at_is_an_iso_timestamp(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    Store.open(url).close()
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        stamps = conn.execute(sa.select(schema.schema_migrations.c.applied_at)).scalars().all()
    engine.dispose()
    assert stamps and all(s[:2] == "20" and "T" in s for s in stamps)


def test_older_database_is_migrated_and_backfilled(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    assert migrate(engine, target=1) == [1]
    # An article written by a sitrep that had no full-text index yet.
    article = Article(id=article_id(TEXT), text=TEXT, source="old.txt", title="Bridge built")
    with engine.begin() as conn:
        conn.execute(schema.articles.insert().values(rows.article_values(article, "2025-01-01")))
    engine.dispose()
    assert [v for v, _ in migration_rows(url)] == [1]

    with Store.open(url) as store:
        assert store.schema_version() == LATEST
        assert [hit.id for hit in store.search("pontoon")] == [article.id]
        assert store.get_article(article.id) == article
        # The LSH index was rebuilt for the old article: its copy is recognised.
        copy = Article(id="art_copy", text=TEXT + " Reporting by a staff writer.", source="b")
        assert store.add(copy, []).status == "near_duplicate"


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    Store.open(url).close()
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            schema.schema_migrations.insert().values(
                version=LATEST + 1, name="from the future", applied_at="2030-01-01T00:00:00+00:00"
            )
        )
    engine.dispose()
    with pytest.raises(StoreError, match=f"version {LATEST + 1}.*newer sitrep"):
        Store.open(url)


def test_changed_lsh_configuration_rebuilds_bands(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'lsh.db'}"
    with Store.open(url) as store:
        store.add(Article(id=article_id(TEXT), text=TEXT, source="a"), [])
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(schema.lsh_bands.update().values(hash=schema.lsh_bands.c.hash + 1))
        conn.execute(schema.store_meta.update().values(value="an older configuration"))
    engine.dispose()
    with Store.open(url) as store:
        with store._engine.connect() as conn:
            meta = conn.execute(sa.select(schema.store_meta.c.value)).scalar()
        assert meta == neardup.LSH_CONFIG
        assert (
            store.find_duplicate(Article(id="x", text=TEXT + " Updated.", source="b")).status
            == "near_duplicate"
        )


# -- migration 3: stored listing counts and indexes ---------------------------------------------

OLD_TEXT = (
    'Ines Moretti toured the shipyard. "The frigates are on schedule," Moretti said. '
    "Ines Moretti then met the crews."
)


@contextmanager
def database(kind: str, tmp_path: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'db.sqlite'}"
        return
    url = postgres_test_url()
    if url is None:
        pytest.skip("set SITREP_TEST_POSTGRES_URL to run the PostgreSQL tests")
    with scratch_schema_url(url) as scoped:
        yield scoped


def old_records(aid: str) -> list[Record]:
    def span(part: str, start: int = 0) -> tuple[int, int]:
        at = OLD_TEXT.index(part, start)
        return (at, at + len(part))

    return [
        Actor(
            id="moretti", article=aid, span=span("Ines Moretti"), name="Ines Moretti", kind="person"
        ),
        Quote(
            id="q1",
            article=aid,
            span=span("The frigates are on schedule,"),
            text="The frigates are on schedule,",
            kind="direct",
            speaker="Moretti",
            speaker_id="moretti",
        ),
        Event(
            id="e1",
            article=aid,
            span=span("Ines Moretti toured the shipyard."),
            event_type="CONSULT",
            source=ActorRef("moretti", "Ines Moretti", None, None),
        ),
        Event(
            id="e2",
            article=aid,
            span=span("Ines Moretti then met the crews.", 20),
            event_type="CONSULT",
            source=ActorRef("moretti", "Ines Moretti", None, None),
            date="2024-11-02",
        ),
    ]


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_version_2_database_gains_counts_and_timeline_dates(kind: str, tmp_path: Path) -> None:
    with database(kind, tmp_path) as url:
        engine = create_engine(url)
        assert migrate(engine, target=2) == [1, 2]
        # Rows as a sitrep at schema version 2 wrote them: no counts, no timeline date.
        article = Article(
            id=article_id(OLD_TEXT), text=OLD_TEXT, source="old", published="2025-03-09"
        )
        records = old_records(article.id)
        with engine.begin() as conn:
            conn.execute(
                schema_v1.articles.insert().values(rows.article_values(article, "2025-03-09"))
            )
            conn.execute(
                schema_v1.actors.insert().values(
                    id="moretti", name="Ines Moretti", kind="person", aliases=[], roles=[]
                )
            )
            for record in records:
                table, values = rows.record_values(record)
                conn.execute(schema_v1.metadata.tables[table.name].insert().values(values))
        engine.dispose()

        with Store.open(url) as store:
            assert store.schema_version() == LATEST == 3
            [moretti] = store.actors().items
            assert (moretti.quote_count, moretti.article_count) == (1, 1)
            # e1 is undated: it takes the article's publication date, so it sorts first.
            assert [i.record.id for i in store.events().items] == ["e1", "e2"]
            assert store.event_counts_by_month() == [("2024-11", 1), ("2025-03", 1)]
            assert [i.record.id for i in store.quotes(speaker="MORETTI").items] == ["q1"]
            # New articles keep the counts up to date on the migrated file.
            text = 'Ines Moretti visited the port. "Repairs are done," she said.'
            again = Article(id=article_id(text), text=text, source="new", published="2025-04-01")
            actor = Actor(
                id="moretti", article=again.id, span=(0, 12), name="Ines Moretti", kind="person"
            )
            assert store.add(again, [actor]).status == "new"
            [moretti] = store.actors().items
            assert (moretti.quote_count, moretti.article_count) == (1, 2)


def shape(url: str) -> dict[str, tuple[list[str], list[str]]]:
    """Column names and index names of every table ``schema.py`` declares."""
    engine = sa.create_engine(url)
    # sqlite_master rather than the inspector, which skips expression indexes.
    indexes = sa.text(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = :t "
        "AND name NOT LIKE 'sqlite_autoindex%'"
    )
    try:
        with engine.connect() as conn:
            inspector = sa.inspect(conn)
            return {
                name: (
                    sorted(c["name"] for c in inspector.get_columns(name)),
                    sorted(conn.execute(indexes, {"t": name}).scalars()),
                )
                for name in schema.metadata.tables
            }
    finally:
        engine.dispose()


def test_fresh_and_migrated_databases_match_schema_py(tmp_path: Path) -> None:
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    Store.open(fresh).close()
    old = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(old)
    migrate(engine, target=2)
    engine.dispose()
    Store.open(old).close()
    declared = {
        name: (sorted(table.columns.keys()), sorted(str(i.name) for i in table.indexes))
        for name, table in schema.metadata.tables.items()
    }
    assert shape(fresh) == shape(old) == declared


def test_near_duplicate_lookup_uses_the_lsh_primary_key(tmp_path: Path) -> None:
    # Regression: a row-value IN list made SQLite scan all of lsh_bands on every add().
    url = f"sqlite:///{tmp_path / 'lsh.db'}"
    with Store.open(url) as store:
        store.add(Article(id=article_id(TEXT), text=TEXT, source="a"), [])
        seen: list[tuple[str, Any]] = []

        def capture(_c: Any, _cur: Any, statement: str, params: Any, *_: Any) -> None:
            if "lsh_bands" in statement:
                seen.append((statement, params))

        sa.event.listen(store._engine, "before_cursor_execute", capture)
        assert store.find_duplicate(
            Article(id="x", text=TEXT + " Updated.", source="b")
        ).status == ("near_duplicate")
        [(statement, params)] = seen
        with store._engine.connect() as conn:
            plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params).all()
    details = [str(row[3]) for row in plan]
    assert any("lsh_bands" in d for d in details)
    assert not any(d.startswith("SCAN lsh_bands") for d in details), details
