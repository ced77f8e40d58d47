"""The scheduler process: `flask --app wsgi scheduler`. Never run inside gunicorn workers.

Every minute it takes (or renews) the database lock, plans reminders when the last plan is 15 minutes old,
and sweeps the outbox. A scheduler that cannot get the lock does nothing but try again next minute.
"""

from __future__ import annotations

import logging
import signal
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.engine import Engine

from models.db import session_scope
from models.types import utcnow
from reminders.heartbeat import record_sweep
from reminders.locking import SchedulerLock, holder_name, scheduler_lock
from reminders.planner import plan_reminders
from reminders.sweep import send_due
from settings import Settings

log = logging.getLogger(__name__)
SWEEP_EVERY = timedelta(minutes=1)
PLAN_EVERY = timedelta(minutes=15)


class ReminderJobs:
    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        *,
        lock: SchedulerLock | None = None,
        clock: Callable[[], datetime] = utcnow,
    ):
        self.engine = engine
        self.settings = settings
        self.lock = lock or scheduler_lock(engine)
        self.clock = clock
        self.last_planned: datetime | None = None
        self.holding: bool | None = None  # unknown until the first tick, which always logs which it is
        self.name = holder_name()  # in the heartbeat, so an operator sees which host is the active one

    def tick(self) -> None:
        now = self.clock()
        holding = self.lock.acquire(now)
        if holding != self.holding:
            log.info("this scheduler took the lock" if holding else "scheduler idle: another one is running")
            self.holding = holding
        if not holding:
            return  # a standby writes no heartbeat: the heartbeat says that emails are being sent
        started = time.monotonic()
        if self.last_planned is None or now - self.last_planned >= PLAN_EVERY:
            with session_scope(self.engine) as session:
                report = plan_reminders(session, self.settings, now)
            self.last_planned = now
            log.info("planned %s reminders, cancelled %s", report.planned, report.cancelled)
        send_due(self.engine, self.settings, now)
        # Only a sweep that finished counts: one that raised leaves the heartbeat to go stale, and staff are told.
        record_sweep(self.engine, self.name, now, time.monotonic() - started)

    def close(self) -> None:
        if self.holding:
            self.lock.release()
            self.holding = False


def run_scheduler(engine: Engine, settings: Settings) -> None:
    jobs = ReminderJobs(engine, settings)
    scheduler = BlockingScheduler(timezone=UTC)
    scheduler.add_job(
        jobs.tick,
        IntervalTrigger(seconds=SWEEP_EVERY.total_seconds()),
        id="reminders-tick",
        next_run_time=datetime.now(UTC),  # plan and sweep at start, then every minute
        max_instances=1,  # a slow sweep is never overlapped by the next
        coalesce=True,
        misfire_grace_time=30,
    )

    def stop(signum, _frame):
        log.info("scheduler stopping (signal %s)", signum)
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log.info("scheduler started: sweep every %s, plan every %s", SWEEP_EVERY, PLAN_EVERY)
    try:
        scheduler.start()
    finally:
        jobs.close()
