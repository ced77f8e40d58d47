"""The active scheduler writes a heartbeat after every sweep; a standby writes none."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, select

from models.heartbeat import SchedulerHeartbeat
from reminders.heartbeat import SCHEDULER_NAME, record_sweep
from reminders.scheduler import ReminderJobs
from tests.factories import london

MONDAY_9 = london(date(2026, 11, 30), 9)


def beats(engine) -> list[SchedulerHeartbeat]:
    with Session(engine) as session:
        return list(session.exec(select(SchedulerHeartbeat)))


def test_each_sweep_of_the_active_scheduler_moves_the_heartbeat_on(settings, engine):
    clock = [MONDAY_9]
    active = ReminderJobs(engine, settings, clock=lambda: clock[0])
    standby = ReminderJobs(engine, settings, clock=lambda: clock[0])
    active.tick()
    standby.tick()
    [beat] = beats(engine)
    assert (beat.name, beat.holder, beat.last_sweep_at) == (SCHEDULER_NAME, active.name, MONDAY_9)
    assert 0 <= beat.sweep_seconds < 30
    clock[0] += timedelta(minutes=1)
    standby.tick()  # still idle: the heartbeat is the active one's
    active.tick()
    [beat] = beats(engine)
    assert (beat.holder, beat.last_sweep_at) == (active.name, MONDAY_9 + timedelta(minutes=1))
    active.close()
    clock[0] += timedelta(minutes=1)
    standby.tick()  # takes over, and says so
    [beat] = beats(engine)
    assert (beat.holder, beat.last_sweep_at) == (standby.name, MONDAY_9 + timedelta(minutes=2))
    standby.close()


def test_recording_twice_keeps_one_row(engine):
    record_sweep(engine, "a", MONDAY_9, 1.0)
    record_sweep(engine, "b", MONDAY_9 + timedelta(minutes=1), 2.0)
    [beat] = beats(engine)
    assert (beat.holder, beat.sweep_seconds) == ("b", 2.0)
