"""Turning a database URL into a configured SQLAlchemy engine, or a clear StoreError.

SQLite needs three things the driver does not do by default:

* ``PRAGMA foreign_keys=ON`` on every connection (SQLite ships with it off), a busy timeout so a
  second process waits for the writer instead of failing at once, and WAL journaling so readers
  (web pages, the API) never block the one writer (the datasette habit).
* Real transactions. Python's ``sqlite3`` module only opens a transaction before DML and lets
  DDL autocommit, which would make migrations non-atomic. Following SQLAlchemy's documented
  recipe ("Serializable isolation / Savepoints / Transactional DDL") we switch the driver's own
  handling off and emit ``BEGIN`` ourselves.
* Write transactions start with ``BEGIN IMMEDIATE``: ``add()`` reads (is this article known?)
  before it writes, and a deferred transaction that later upgrades to a write lock fails with
  SQLITE_BUSY without waiting. Connections opt in with the ``sitrep_write`` execution option.

PostgreSQL URLs without a driver get psycopg 3 (the ``postgres`` extra), not SQLAlchemy's
default psycopg2.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from sitrep.errors import StoreError

#: Milliseconds a SQLite connection waits for another process's write lock.
BUSY_TIMEOUT_MS = 30_000
#: Execution option that makes a SQLite transaction take the write lock up front.
WRITE_OPTION = "sitrep_write"

_EXAMPLES = "expected e.g. sqlite:///sitrep.db or postgresql://user@host/dbname"


def display_url(url: URL) -> str:
    """The URL as shown in messages: never with the password."""
    return url.render_as_string(hide_password=True)


def parse_url(url: str) -> URL:
    """Parse and normalise ``url``; StoreError when it is not a supported database URL."""
    try:
        parsed = sa.make_url(url)
    except ArgumentError:
        raise StoreError(f"{url!r} is not a database URL ({_EXAMPLES})") from None
    backend = parsed.get_backend_name()
    if backend == "postgresql" and "+" not in parsed.drivername:
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif backend not in ("postgresql", "sqlite"):
        raise StoreError(
            f"{display_url(parsed)}: unsupported database {backend!r}; sitrep stores into "
            f"SQLite or PostgreSQL ({_EXAMPLES})"
        )
    return parsed


def sqlite_file(url: URL) -> Path | None:
    """The database file of a SQLite URL, or None for an in-memory database."""
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file::memory:"):
        return None
    return Path(database)


def _check_sqlite_path(url: URL, path: Path) -> None:
    where = display_url(url)
    if path.is_dir():
        raise StoreError(f"{where}: {path} is a directory; give the path of a database file")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise StoreError(f"{where}: directory {parent} does not exist; create it first")
    if path.exists():
        if not os.access(path, os.R_OK | os.W_OK):
            raise StoreError(f"{where}: {path} is not readable and writable by this user")
    elif not os.access(parent, os.W_OK | os.X_OK):
        raise StoreError(f"{where}: cannot create {path}: directory {parent} is not writable")


def create_engine(url: str) -> sa.Engine:
    """A configured engine for ``url`` (nothing is connected yet)."""
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_file(parsed)
        if path is not None:
            _check_sqlite_path(parsed, path)
        engine = sa.create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine, on_disk=path is not None)
        return engine
    try:
        return sa.create_engine(parsed, pool_pre_ping=True)
    except (NoSuchModuleError, ImportError) as exc:
        raise StoreError(
            f"{display_url(parsed)}: no PostgreSQL driver ({exc}); "
            "install it with: pip install 'sitrep[postgres]'"
        ) from None


def _configure_sqlite(engine: sa.Engine, *, on_disk: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # We emit BEGIN ourselves (see module docstring).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            if on_disk:
                cursor.execute("PRAGMA journal_mode=WAL")
                # WAL makes NORMAL durable across application crashes; FULL only adds safety
                # against power loss at the cost of an fsync per transaction.
                cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        mode = "IMMEDIATE" if connection.get_execution_options().get(WRITE_OPTION) else "DEFERRED"
        connection.exec_driver_sql(f"BEGIN {mode}")
