"""Opening stores: file creation, SQLite settings, and clear errors for bad URLs and paths."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from sitrep.config import Settings
from sitrep.errors import StoreError
from sitrep.store import Store


def test_open_creates_file_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with Store.open(f"sqlite:///{path}") as store:
        assert path.exists()
        assert store.stats()["articles"] == 0
        with store._engine.connect() as conn:  # settings are per connection: ask one
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_open_from_settings_uses_url_and_threshold(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 's.db'}", near_duplicate_threshold=0.6)
    with Store.from_settings(settings) as store:
        assert store.near_duplicate_threshold == 0.6
        assert (tmp_path / "s.db").exists()


def test_in_memory_store_works() -> None:
    with Store.open("sqlite://") as store:
        assert store.stats()["quotes"] == 0


@pytest.mark.parametrize("url", ["not a url", "", "sqlite:/x.db:::", "://nothing"])
def test_malformed_url_is_a_store_error(url: str) -> None:
    with pytest.raises(StoreError, match="not a database URL|unsupported"):
        Store.open(url)


def test_unsupported_database_is_named() -> None:
    with pytest.raises(StoreError, match="unsupported database 'mysql'"):
        Store.open("mysql://user:secret@host/db")


def test_error_messages_hide_passwords() -> None:
    with pytest.raises(StoreError) as info:
        Store.open("mysql://user:secret@host/db")
    assert "secret" not in str(info.value)


def test_missing_directory_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "x.db"
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(f"sqlite:///{missing}")
    assert not missing.parent.exists()


def test_directory_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        Store.open(f"sqlite:///{tmp_path}")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_directory(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="not writable"):
            Store.open(f"sqlite:///{locked / 'x.db'}")
    finally:
        locked.chmod(0o700)


def test_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 50)
    with pytest.raises(StoreError, match="cannot open the database"):
        Store.open(f"sqlite:///{path}")


@pytest.mark.parametrize("threshold", [0.0, -0.1, 1.5])
def test_threshold_out_of_range(tmp_path: Path, threshold: float) -> None:
    with pytest.raises(StoreError, match="threshold"):
        Store.open(f"sqlite:///{tmp_path / 'x.db'}", near_duplicate_threshold=threshold)


def test_open_and_read_while_another_process_writes(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    url = f"sqlite:///{path}"
    Store.open(url).close()
    writer = sqlite3.connect(path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # holds the write lock until rollback
        with Store.open(url) as store:  # an up-to-date file is opened without writing
            assert store.stats()["articles"] == 0
            assert store.search("anything") == []
    finally:
        writer.execute("ROLLBACK")
        writer.close()
