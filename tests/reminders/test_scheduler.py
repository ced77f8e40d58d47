"""One scheduler at a time: the lease (SQLite) and the advisory lock (PostgreSQL), and the real process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from models.outbox import OutboxMessage
from reminders.locking import AdvisoryLock, LeaseLock
from reminders.scheduler import ReminderJobs
from tests.databases import backend
from tests.factories import add_complaint, add_team, london

ROOT = Path(__file__).resolve().parents[2]
MONDAY_9 = london(date(2026, 11, 30), 9)


def sent_keys(engine) -> list[str]:
    with Session(engine) as session:
        return sorted(r.idempotency_key for r in session.exec(select(OutboxMessage)) if r.status == "sent")


def test_a_second_scheduler_waits_for_the_lease_to_expire(engine):
    first, second = LeaseLock(engine, holder="first"), LeaseLock(engine, holder="second")
    assert first.acquire(MONDAY_9)
    assert not second.acquire(MONDAY_9 + timedelta(seconds=30))
    assert first.acquire(MONDAY_9 + timedelta(minutes=1))  # renewed by its sweep
    assert not second.acquire(MONDAY_9 + timedelta(minutes=3))
    # The first one died: three minutes after its last renewal the second takes over.
    assert second.acquire(MONDAY_9 + timedelta(minutes=4, seconds=1))
    assert not first.acquire(MONDAY_9 + timedelta(minutes=4, seconds=2))
    second.release()
    assert first.acquire(MONDAY_9 + timedelta(minutes=4, seconds=3))


@pytest.mark.skipif(backend() != "postgresql", reason="advisory locks are PostgreSQL's")
def test_advisory_lock_is_held_until_its_connection_goes(engine):
    first, second = AdvisoryLock(engine), AdvisoryLock(engine)
    assert first.acquire(MONDAY_9)
    assert first.acquire(MONDAY_9)  # still ours on the next sweep
    assert not second.acquire(MONDAY_9)
    first.connection.invalidate()  # as if the process died: the server drops the lock with the connection
    first.connection = None
    # The server ends the dead connection's backend a moment later; the next sweep, a minute on, would find it free.
    deadline = time.monotonic() + 10
    while not second.acquire(MONDAY_9) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert second.connection is not None
    second.release()


def test_only_the_scheduler_holding_the_lock_plans_and_sends(db_session, settings, engine):
    team = add_team(db_session)
    add_complaint(db_session, team=team, received=london(date(2026, 11, 16)), email="")  # due today, Monday 30 November
    db_session.commit()
    clock = [MONDAY_9]
    first = ReminderJobs(engine, settings, clock=lambda: clock[0])
    second = ReminderJobs(engine, settings, clock=lambda: clock[0])
    first.tick()
    second.tick()
    assert first.holding and not second.holding
    assert sent_keys(engine) == [f"stage:{r}:due-today-manager:2026-11-30" for r in _stage_ids(engine)]
    clock[0] += timedelta(minutes=1)
    second.tick()
    assert not second.holding
    first.close()
    second.tick()
    assert second.holding
    second.close()


def _stage_ids(engine) -> list[int]:
    with Session(engine) as session:
        return [r.stage_record_id for r in session.exec(select(OutboxMessage))]


def test_two_scheduler_processes_send_once_and_stop_on_sigterm(db_session, clean_db, tmp_path, engine):
    # The processes run on the real clock: a safeguarding alert is the one email due at any hour.
    add_complaint(db_session, team=None, received=datetime.now(UTC), safeguarding=True, email="")
    db_session.commit()
    env = dict(os.environ, DATABASE_URL=clean_db, INSTANCE_PATH=str(tmp_path), APP_ENV="test", SECRET_KEY="test-" * 8)
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "scheduler"]
    processes = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for _ in range(2)
    ]
    outputs: list[list[str]] = [[], []]
    readers = [
        threading.Thread(target=lambda p=p, out=out: out.extend(p.stdout), daemon=True)
        for p, out in zip(processes, outputs, strict=True)
    ]
    for reader in readers:
        reader.start()

    def first_tick_done(lines: list[str]) -> bool:
        return any("took the lock" in line or "scheduler idle" in line for line in lines)

    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (sent_keys(engine) and all(map(first_tick_done, outputs))):
            time.sleep(0.2)
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process, reader in zip(processes, readers, strict=True):
            process.wait(timeout=20)
            reader.join(timeout=5)
            process.stdout.close()
    outputs = ["".join(lines) for lines in outputs]
    assert [p.returncode for p in processes] == [0, 0], outputs
    assert len(sent_keys(engine)) == 1, outputs
    assert sorted("took the lock" in out for out in outputs) == [False, True], outputs
    assert sum("scheduler idle" in out for out in outputs) == 1, outputs
    assert list((tmp_path / "outbox").glob("*.eml"))
