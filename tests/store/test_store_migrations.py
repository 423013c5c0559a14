"""Schema migrations: recorded, applied to older files, refused from newer sitreps."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from sitrep.errors import StoreError
from sitrep.ingest.dedupe import article_id
from sitrep.records import Article
from sitrep.store import Store, neardup, rows, schema
from sitrep.store.database import create_engine
from sitrep.store.migrations import LATEST, MIGRATIONS, migrate

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
