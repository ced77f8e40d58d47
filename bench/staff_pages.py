"""The staff queue with many open complaints, and a complaint page with a long history: median ms per page.

    .venv/bin/python -m bench.staff_pages [--complaints 10000] [--events 200] [--runs 15]

A throwaway SQLite file (the service's own engine and settings): the demo team directory, the staff accounts, then
`--complaints` open stage 1 complaints spread over the teams and the last year, one of which has `--events` audit
events. An officer signed in to the app (Flask's test client, in this process: no network) reads /staff/queue and
that complaint's page `--runs` times each; the first read of each is left out (it builds the worker's caches).
Prints figures and the statements each page made; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import event, insert, select

import migrations
from models.audit import Action, AuditEvent
from models.complaints import Complaint, ComplaintStatus, Stage, StageRecord
from models.db import dispose_engines, get_engine, session_scope
from models.teams import Team
from settings import Settings
from tests.factories import add_staff, sign_in
from wsgi import create_app


def load(url: str, settings: Settings, complaints: int, events: int) -> str:
    """The data; returns the reference of the complaint with the long history."""
    today = date.today()
    with session_scope(get_engine(url)) as session:
        add_staff(session, settings)
        teams = session.execute(select(Team.id).where(Team.active)).scalars().all()
        rows = [
            {
                "reference": f"CS-BNCH-{number:05d}",
                "received_at": datetime.combine(today - timedelta(days=number % 365), datetime.min.time(), UTC),
                "complainant_role": "care-leaver",
                "what_happened": "Nobody called me back.",
                "team_id": teams[number % len(teams)],
                "status": ComplaintStatus.OPEN.value,
                "routing_decision": "auto",
                "safeguarding_flag": number % 50 == 0,
                "safeguarding_categories": [],
                "created_at": datetime.now(UTC),
            }
            for number in range(complaints)
        ]
        ids = session.execute(insert(Complaint).returning(Complaint.id), rows).scalars().all()
        session.execute(
            insert(StageRecord),
            [
                {
                    "complaint_id": complaint_id,
                    "stage": Stage.ONE.value,
                    "received_on": row["received_at"].date(),
                    "due_on": row["received_at"].date() + timedelta(days=14),
                    "team_id": row["team_id"],
                }
                for complaint_id, row in zip(ids, rows, strict=True)
            ],
        )
        session.execute(
            insert(AuditEvent),
            [
                {
                    "at": datetime.now(UTC) - timedelta(minutes=events - number),
                    "actor_label": "Olu Officer",
                    "complaint_id": ids[0],
                    "action": Action.COMPLAINT_VIEWED.value,
                    "before": {},
                    "after": {},
                }
                for number in range(events)
            ],
        )
    dispose_engines()
    return rows[0]["reference"]


def timed(client, path: str, runs: int, url: str) -> tuple[float, int]:
    """Median ms of `runs` reads of `path` after one warm-up read, and the statements one read makes."""
    assert client.get(path).status_code == 200, path
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        if not statement.startswith("BEGIN"):
            statements.append(statement)

    engine = get_engine(url)
    event.listen(engine, "before_cursor_execute", count)
    client.get(path)
    event.remove(engine, "before_cursor_execute", count)
    times = []
    for _run in range(runs):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, path
    return statistics.median(times), len(statements)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--complaints", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    load_average = os.getloadavg()
    print(f"load average before: {load_average[0]:.2f} {load_average[1]:.2f} {load_average[2]:.2f}")
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'staff_pages.sqlite3'}"
        migrations.upgrade(url)
        settings = Settings(
            environment="test",
            database_url=url,
            secret_key="bench-secret-key-not-for-production",
            instance_dir=Path(folder),
            ratelimit_enabled=False,
            mail_backend="file",
        )
        started = time.perf_counter()
        reference = load(url, settings, args.complaints, args.events)
        seconds = time.perf_counter() - started
        print(f"loaded {args.complaints} open complaints and {args.events} events in {seconds:.1f} s")
        app = create_app(settings)
        app.config["WTF_CSRF_ENABLED"] = False  # the sign-in form is posted by the bench, as the tests do
        client = sign_in(app, "officer")
        for name, path in (
            (f"queue, {args.complaints} open", "/staff/queue"),
            (f"complaint page, {args.events} events", f"/staff/complaints/{reference}"),
        ):
            median, statements = timed(client, path, args.runs, url)
            print(f"  {name:<32} median {median:7.1f} ms  ({statements} statements)")
        dispose_engines()
    load_average = os.getloadavg()
    print(f"load average after: {load_average[0]:.2f} {load_average[1]:.2f} {load_average[2]:.2f}")


if __name__ == "__main__":
    main()
