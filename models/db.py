"""The database engine and sessions. One engine per process, created from settings."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

import models.lengths  # noqa: F401  (every session checks sized columns before a flush)
from settings import private_file

_engines: dict[str, Engine] = {}
T = TypeVar("T")


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets the scheduler write while gunicorn workers read; foreign keys are off by default in SQLite.
    cursor.execute("PRAGMA journal_mode=WAL")
    # With WAL, NORMAL sync is safe from corruption and spares a disk sync on every commit.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


# The execution option that makes a SQLite transaction take the write lock when it begins (see `writing`).
SQLITE_BEGIN = "sqlite_begin"


def _sqlite_begin(connection) -> None:
    """Each transaction's start on SQLite: IMMEDIATE for work that will write (`writing`), else the driver's own.

    The driver begins a transaction only at the first INSERT/UPDATE/DELETE, so a request's reads before it run
    outside the transaction, and its write may rest on what another request has changed since. A transaction
    begun IMMEDIATE takes the write lock first, waiting (busy_timeout) before any work is done, and reads and
    writes see one state. (A DEFERRED transaction that reads and then writes would have to upgrade its lock, and
    SQLite refuses that at once, without waiting, when another writer committed in between.) Plain reads keep
    the driver's way: no lock, each statement sees the latest commit, as on PostgreSQL.
    """
    raw = connection.connection.dbapi_connection
    if connection.get_execution_options().get(SQLITE_BEGIN) == "IMMEDIATE":
        raw.isolation_level = None  # the driver leaves transactions to us
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        raw.isolation_level = ""  # the driver's default: BEGIN before the first write


def create_db_engine(url: str) -> Engine:
    # hide_parameters: a database error's message would otherwise carry the statement's values (a child's
    # story, a name, an email), and every unhandled error is logged with its message.
    if url.startswith("sqlite"):
        database = make_url(url).database
        if database and database != ":memory:" and not database.startswith("file:"):
            # Created 0600 before SQLite opens it; its -wal and -shm files take the same permissions.
            private_file(Path(database))
        engine = create_engine(url, connect_args={"check_same_thread": False}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    else:
        # psycopg prepares a statement after 5 runs and PostgreSQL may then reuse a generic plan that ignores the
        # dates asked about; reports run the same statements with different periods, so plan each one afresh.
        engine = create_engine(url, pool_pre_ping=True, hide_parameters=True, connect_args={"prepare_threshold": None})
    return engine


def get_engine(url: str) -> Engine:
    """The shared engine for a URL (pools are per process; gunicorn forks before first use)."""
    engine = _engines.get(url)
    if engine is None:
        engine = _engines[url] = create_db_engine(url)
    return engine


def writing(engine: Engine) -> Engine:
    """The same engine (and pool) for work that will write: on SQLite each transaction begins IMMEDIATE, taking
    the write lock before its first read, so writers queue at the start instead of failing halfway. PostgreSQL
    ignores the option: its row locks need nothing of the kind."""
    return engine.execution_options(**{SQLITE_BEGIN: "IMMEDIATE"})


def dispose_engines() -> None:
    for engine in _engines.values():
        engine.dispose()
    _engines.clear()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits when the block ends cleanly and rolls back otherwise (CLI, jobs). It may write, so
    on SQLite it holds the write lock from its first statement: keep the block short."""
    session = Session(writing(engine), expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


_built: dict[tuple[str, str], tuple[tuple, Any]] = {}
_built_lock = threading.Lock()


def built_once_per_database(session: Session, name: str, fingerprint: tuple, build: Callable[[], T]) -> T:
    """`build()`'s result for this session's database, kept until `fingerprint` (cheap to read) changes.

    For things every request needs but that only change with their source tables (the router, the question
    vocabulary): a gunicorn worker builds each once, not once per request.
    """
    # .engine: the session may be bound to an engine or to a connection (tests bind one).
    key = (name, session.get_bind().engine.url.render_as_string(hide_password=True))
    cached = _built.get(key)
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    value = build()
    with _built_lock:
        _built[key] = (fingerprint, value)
    return value
