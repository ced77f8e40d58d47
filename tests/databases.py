"""Throwaway databases for the tests: SQLite files by default, PostgreSQL when TEST_DATABASE_URL is set.

`make test` runs the suite twice, the second time under scripts/with-postgres.sh, which sets
TEST_DATABASE_URL to a cluster it started; each test database is created fresh on it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

import migrations
from models.base import SQLModel
from models.db import get_engine
from models.search_index import SEARCH_TABLE


def backend() -> str:
    return "postgresql" if os.environ.get("TEST_DATABASE_URL") else "sqlite"


def fresh_database(name: str, directory: Path) -> str:
    """An empty database called `name`; returns its URL."""
    server = os.environ.get("TEST_DATABASE_URL")
    if not server:
        path = directory / f"{name}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def migrated_database(name: str, directory: Path) -> str:
    url = fresh_database(name, directory)
    migrations.upgrade(url)
    return url


def empty_all_tables(url: str) -> None:
    """Delete every row, children first, so the next test starts from an empty schema."""
    engine = get_engine(url)
    with engine.begin() as connection:
        # The full-text index has no model (models/search_index.py): its rows go first, with the complaints'.
        connection.execute(text(f"DELETE FROM {SEARCH_TABLE}"))
        for table in reversed(SQLModel.metadata.sorted_tables):
            connection.execute(table.delete())


@contextmanager
def counting_statements(url: str) -> Iterator[list[str]]:
    """The SQL statements sent to `url`'s database inside the block, as the driver sees them."""
    statements: list[str] = []

    def count(_conn, _cursor, statement, _parameters, _context, _executemany):
        # SQLite's BEGIN IMMEDIATE (models/db.py) marks the transaction; psycopg's own BEGIN is not seen here.
        if not statement.startswith("BEGIN"):
            statements.append(statement)

    engine = get_engine(url)
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)
