"""Test support for code that uses the store: a throwaway PostgreSQL schema per test.

Tests that run against PostgreSQL (only when ``SITREP_TEST_POSTGRES_URL`` is set) must never
touch data already in that database. ``scratch_schema_url`` creates a new, uniquely named schema,
yields a URL whose connections use it as their ``search_path``, and drops it afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from sitrep.store.database import parse_url

#: Environment variable naming a PostgreSQL database the tests may create schemas in.
POSTGRES_ENV = "SITREP_TEST_POSTGRES_URL"


def postgres_test_url() -> str | None:
    """The PostgreSQL URL tests may use, or None (then PostgreSQL tests are skipped)."""
    return os.environ.get(POSTGRES_ENV) or None


@contextmanager
def scratch_schema_url(url: str) -> Iterator[str]:
    """A URL to a fresh empty schema of the database at ``url``; dropped on exit."""
    name = f"sitrep_test_{uuid.uuid4().hex[:12]}"
    parsed = parse_url(url)
    admin = sa.create_engine(parsed)
    try:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{name}"')
        try:
            scoped = parsed.update_query_dict({"options": f"-csearch_path={name}"})
            yield scoped.render_as_string(hide_password=False)
        finally:
            with admin.begin() as conn:
                conn.exec_driver_sql(f'DROP SCHEMA "{name}" CASCADE')
    finally:
        admin.dispose()
