"""How fast the outbox plans and sends: 100,000 open stages, a local SMTP server. Prints figures; asserts nothing.

    .venv/bin/python -m bench.reminders [--stages 100000] [--emails 3000]
    scripts/with-postgres.sh .venv/bin/python -m bench.reminders      # SQLite, then PostgreSQL too

Stages are received over the last 60 working days, so at the bench's "now" most are overdue (the worst
case: one escalation each), some are due soon or today, and the rest are on track.

Baselines, in the same run: planning beside a bare read of every open stage's dates (the least any planner must
read), and the sweep beside bare smtplib sending the same number of small messages over one connection to the
same server (the least any sender must do). The machine's load is printed first and last.
"""

from __future__ import annotations

import argparse
import os
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from datetime import time as clock_time
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select, text
from sqlmodel import col

from bench import machine_load
from models.complaints import Complaint, StageRecord
from models.db import get_engine, session_scope
from models.outbox import OutboxMessage
from models.teams import Team
from reminders.calendar import WorkingCalendar
from reminders.deadlines import stage_deadlines
from reminders.planner import plan_reminders
from reminders.sweep import send_due
from settings import Settings
from tests.databases import migrated_database

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 11, 30)  # a Monday
NOW = datetime.combine(TODAY, clock_time(9, 0), tzinfo=LONDON)
CHUNK = 10_000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int) -> None:
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the SMTP server did not start on port {port}")


def load(url: str, stages: int) -> None:
    calendar = WorkingCalendar()
    engine = get_engine(url)
    received_days = [calendar.subtract_working_days(TODAY, n) for n in range(60)]
    with engine.begin() as connection:
        connection.execute(
            insert(Team),
            [{"slug": f"team-{n}", "name": f"Team {n}", "manager_email": f"manager{n}@example.test"} for n in range(9)],
        )
        team_ids = connection.execute(select(Team.id)).scalars().all()
        for start in range(0, stages, CHUNK):
            numbers = range(start, min(start + CHUNK, stages))
            complaints = [
                {
                    "reference": f"CS-B{n:07d}",
                    "received_at": datetime.combine(received_days[n % 60], clock_time(10), tzinfo=LONDON),
                    "complainant_role": "parent",
                    "team_id": team_ids[n % len(team_ids)],
                    "status": "open",
                    "routing_decision": "manual",
                    "created_at": NOW,
                }
                for n in numbers
            ]
            connection.execute(insert(Complaint), complaints)
            ids = connection.execute(
                select(Complaint.id).where(Complaint.reference >= f"CS-B{start:07d}").order_by(Complaint.id)
            ).scalars()
            rows = []
            for complaint_id, n in zip(ids, numbers, strict=False):
                received = received_days[n % 60]
                rows.append(
                    {
                        "complaint_id": complaint_id,
                        "stage": 1,
                        "received_on": received,
                        "due_on": stage_deadlines(calendar, 1, received).due,
                        "team_id": team_ids[n % len(team_ids)],
                    }
                )
            connection.execute(insert(StageRecord), rows)
    if engine.dialect.name == "postgresql":
        # As autovacuum would soon after a real bulk load: without statistics the planner guesses tiny tables.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("ANALYZE"))


def timed(label: str, action):
    started = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - started
    print(f"  {label}: {elapsed:.2f} s")
    return result, elapsed


def bare_read(engine) -> int:
    """Every open stage's dates and team: the floor under planning."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(StageRecord.id, StageRecord.due_on, StageRecord.team_id).where(
                col(StageRecord.responded_on).is_(None)
            )
        ).all()
    return len(rows)


def bare_smtp(port: int, count: int) -> None:
    """`count` small messages over one connection with smtplib: the floor under the sweep."""
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as connection:
        for n in range(count):
            message = f"Subject: baseline {n}\r\nFrom: bench@example.test\r\nTo: x@example.test\r\n\r\nA reminder.\r\n"
            connection.sendmail("bench@example.test", ["x@example.test"], message)


def bench(url: str, name: str, stages: int, emails: int, instance: Path) -> None:
    print(f"{name}: {stages:,} open stages")
    timed("load", lambda: load(url, stages))
    settings = Settings(environment="test", database_url=url, secret_key="bench", instance_dir=instance)
    engine = get_engine(url)

    def plan():
        with session_scope(engine) as session:
            return plan_reminders(session, settings, NOW)

    count, _ = timed("baseline: bare read of the open stages", lambda: bare_read(engine))
    print(f"    {count:,} open stages read")
    report, _ = timed("plan, first run", plan)
    print(f"    planned {report.planned:,} emails: {report.by_kind}")
    report, _ = timed("plan again, nothing changed", plan)
    print(f"    planned {report.planned:,}, cancelled {report.cancelled:,}")

    port = free_port()
    # The SMTP server runs in a process of its own, as a real one would: no sharing of our GIL.
    server = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Sink", "-l", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        smtp = Settings(
            environment="test",
            database_url=url,
            secret_key="bench",
            instance_dir=instance,
            mail_backend="smtp",
            smtp_port=port,
        )
        sweep, elapsed = timed(
            f"sweep {emails:,} due emails to aiosmtpd", lambda: send_due(engine, smtp, NOW, limit=emails)
        )
        print(f"    sent {sweep.sent:,}, failed {sweep.retrying + sweep.failed}: {sweep.sent / elapsed:,.0f} emails/s")
        _, bare = timed(f"baseline: bare smtplib, {emails:,} messages, one connection", lambda: bare_smtp(port, emails))
        print(f"    {emails / bare:,.0f} emails/s; the sweep sends at {bare / elapsed:.2f} x that")
    finally:
        server.terminate()
        server.wait(timeout=10)
    with session_scope(engine) as session:
        # Mark the rest sent so the next sweep measures the steady state: due rows, none left.
        session.execute(OutboxMessage.__table__.update().values(status="sent"))
    timed("sweep with nothing due", lambda: send_due(engine, settings, NOW))
    # The steady state, every 15 minutes: 100,000 open stages, their reminders already sent.
    report, _ = timed("plan again, everything sent", plan)
    print(f"    planned {report.planned:,}, cancelled {report.cancelled:,}")
    with session_scope(engine) as session:
        total = session.execute(select(func.count()).select_from(OutboxMessage)).scalar_one()
    print(f"    outbox rows: {total:,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stages", type=int, default=100_000)
    parser.add_argument("--emails", type=int, default=3_000)
    args = parser.parse_args()
    print(machine_load())
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory)
        server = os.environ.pop("TEST_DATABASE_URL", None)
        bench(migrated_database("bench_reminders", path), "SQLite", args.stages, args.emails, path)
        if server:
            os.environ["TEST_DATABASE_URL"] = server
            bench(migrated_database("bench_reminders", path), "PostgreSQL", args.stages, args.emails, path)
    print(machine_load())


if __name__ == "__main__":
    main()
