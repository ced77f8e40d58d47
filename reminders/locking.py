"""One scheduler at a time: a second one started by mistake (or on a second host) stays idle.

PostgreSQL: a session advisory lock, held by a connection kept open for the scheduler's life; if the process
dies, the server drops the lock with the connection. SQLite: a row in `lease` that the holder renews every
sweep; a dead holder's lease simply expires.
"""

from __future__ import annotations

import os
import socket
import uuid
import zlib
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import delete, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from models.base import table_of
from models.locks import Lease

LOCK_NAME = "reminders-scheduler"
LEASE_SECONDS = 180  # three missed sweeps before another scheduler may take over
lease = table_of(Lease)


class SchedulerLock(Protocol):
    def acquire(self, now: datetime) -> bool:
        """Take or keep the lock; False while another scheduler holds it."""

    def release(self) -> None: ...


def holder_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class AdvisoryLock:
    def __init__(self, engine: Engine, name: str = LOCK_NAME):
        self.engine = engine
        self.key = zlib.crc32(name.encode())
        self.connection: Connection | None = None

    def acquire(self, now: datetime) -> bool:
        if self.connection is not None:
            try:
                self.connection.execute(text("SELECT 1"))
                self.connection.commit()
                return True
            except DBAPIError:
                # The connection (and so the lock) is gone: try again from scratch below.
                self.connection.invalidate()
                self.connection = None
        connection = self.engine.connect()
        got = connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": self.key}).scalar()
        connection.commit()
        if got:
            self.connection = connection
        else:
            connection.close()
        return bool(got)

    def release(self) -> None:
        if self.connection is None:
            return
        try:
            self.connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": self.key})
            self.connection.commit()
        finally:
            # Closed for real, not returned to the pool: whatever happened above, the lock goes with it.
            self.connection.invalidate()
            self.connection.close()
            self.connection = None


class LeaseLock:
    def __init__(self, engine: Engine, name: str = LOCK_NAME, holder: str | None = None, seconds: int = LEASE_SECONDS):
        self.engine = engine
        self.name = name
        self.holder = holder or holder_name()
        self.duration = timedelta(seconds=seconds)

    def acquire(self, now: datetime) -> bool:
        expires = now + self.duration
        with self.engine.begin() as connection:
            renewed = connection.execute(
                update(lease)
                .where(lease.c.name == self.name, (lease.c.holder == self.holder) | (lease.c.expires_at < now))
                .values(holder=self.holder, expires_at=expires)
            ).rowcount
            if renewed:
                return True
            dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
            created = connection.execute(
                dialect.insert(lease)
                .values(name=self.name, holder=self.holder, expires_at=expires)
                .on_conflict_do_nothing(index_elements=["name"])
                .returning(lease.c.name)  # rowcount is not reported for ON CONFLICT on every driver
            ).first()
            return created is not None

    def release(self) -> None:
        with self.engine.begin() as connection:
            connection.execute(delete(lease).where(lease.c.name == self.name, lease.c.holder == self.holder))


def scheduler_lock(engine: Engine) -> SchedulerLock:
    return AdvisoryLock(engine) if engine.dialect.name == "postgresql" else LeaseLock(engine)
