"""The database engine and sessions. One engine per process, created from settings."""

from __future__ import annotations

import fcntl
import os
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
        queue = _writers_queues.get(connection.engine.url.database or "")
        if queue is not None:
            queue.wait_turn(connection.connection.record_info)
        raw.isolation_level = None  # the driver leaves transactions to us
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        raw.isolation_level = ""  # the driver's default: BEGIN before the first write


_writers_queues: dict[str, WritersQueue] = {}  # by database file: one per process, shared by its engines


class WritersQueue:
    """Writers to one SQLite file take turns through a kernel lock (flock) on a file beside it, held from the
    transaction's BEGIN IMMEDIATE until its connection goes back to the pool (after the commit or rollback).

    SQLite alone makes a writer that finds the database locked sleep and retry (1, 2, 5 ... 100 ms apart), and a
    writer that arrives just as the lock comes free takes it ahead of the sleepers. Under load one gunicorn worker
    could then win turn after turn while the other slept: answers waited hundreds of milliseconds for a lock held
    a few. Here a waiting writer wakes as soon as the lock is free. SQLite's lock still decides who writes; this
    only orders the queue, so anything that writes without it (another tool, a read-only request that writes)
    still waits on busy_timeout as before. A thread that holds its turn and opens a second writer (which SQLite
    would refuse after busy_timeout) goes straight to SQLite, never waiting here on itself.
    """

    def __init__(self, database: str):
        self.path = f"{database}.writers"
        private_file(Path(self.path))
        self._holders: dict[int, int] = {}  # thread id -> turns held (each on its own pooled connection)
        self._guard = threading.Lock()

    def wait_turn(self, info: dict) -> None:
        """Wait for this connection's turn (`info`: its pool record's record_info, kept while it is pooled)."""
        if "writers_turn" in info:
            return  # this connection holds the turn already (a second transaction before it went back)
        me = threading.get_ident()
        with self._guard:
            if self._holders.get(me):
                return
        if info.get("writers_pid") != os.getpid():
            # Opened in this process: a descriptor inherited through a fork would share the lock with its parent.
            info["writers_fd"] = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            info["writers_pid"] = os.getpid()
        fcntl.flock(info["writers_fd"], fcntl.LOCK_EX)
        info["writers_turn"] = me
        with self._guard:
            self._holders[me] = self._holders.get(me, 0) + 1

    def end_turn(self, info: dict) -> None:
        holder = info.pop("writers_turn", None)
        if holder is None:
            return
        fcntl.flock(info["writers_fd"], fcntl.LOCK_UN)
        with self._guard:
            left = self._holders.get(holder, 1) - 1
            if left:
                self._holders[holder] = left
            else:
                self._holders.pop(holder, None)

    def forget(self, info: dict) -> None:
        self.end_turn(info)
        if info.pop("writers_pid", None) == os.getpid():
            os.close(info.pop("writers_fd"))

    def listen(self, engine: Engine) -> None:
        event.listen(engine, "checkin", lambda _dbapi, record: self.end_turn(record.record_info))
        # A connection closed or thrown away (an error) ends its turn too.
        event.listen(engine, "close", lambda _dbapi, record: self.forget(record.record_info))
        event.listen(engine, "invalidate", lambda _dbapi, record, _error: self.end_turn(record.record_info))


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
        if database and database != ":memory:" and not database.startswith("file:"):
            queue = _writers_queues.get(database)
            if queue is None:
                queue = _writers_queues[database] = WritersQueue(database)
            queue.listen(engine)
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
