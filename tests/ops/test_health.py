"""/healthz: the database, the scheduler's heartbeat and the outbox, for load balancers and monitoring."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from models.types import utcnow
from ops.health import check
from reminders.heartbeat import record_sweep
from tests.child_process import run_json_script
from tests.conftest import make_settings
from tests.factories import london
from tests.ops.outbox_rows import outbox_row
from wsgi import create_app


def test_an_empty_service_with_no_scheduler_is_degraded_but_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {
        "status": "degraded",
        "database": "ok",
        "scheduler": {"last_sweep": None, "stale": True},
        "outbox": {"pending": 0, "failed": 0, "oldest_pending_minutes": 0},
    }
    assert response.headers["X-Request-Id"]


def test_a_fresh_heartbeat_and_nothing_late_is_ok(client, engine):
    swept = utcnow() - timedelta(seconds=40)
    record_sweep(engine, "host-a:123:abcd", swept, 0.25)
    body = client.get("/healthz").get_json()
    assert body["status"] == "ok"
    assert body["scheduler"] == {"last_sweep": swept.isoformat(), "stale": False}


def test_a_scheduler_silent_for_more_than_five_minutes_is_stale(client, engine):
    record_sweep(engine, "host-a:123:abcd", utcnow() - timedelta(minutes=5, seconds=5), 0.25)
    body = client.get("/healthz").get_json()
    assert body["scheduler"]["stale"] is True
    assert body["status"] == "degraded"


def test_the_outbox_counts_waiting_and_failed_emails_and_how_late_the_oldest_is(client, engine, write):
    now = utcnow()
    record_sweep(engine, "host-a:123:abcd", now, 0.1)

    def rows(session):
        # Urgent, so late at any hour (a reminder waits for office hours: see the next test).
        session.add(outbox_row("a", "safeguarding-unsafe", "pending", now - timedelta(minutes=20, seconds=5)))
        session.add(outbox_row("b", "due-soon", "pending", now + timedelta(hours=3)))  # planned for later: not late
        session.add(outbox_row("c", "safeguarding-alert", "failed", now - timedelta(hours=1)))
        session.add(outbox_row("d", "acknowledgement", "sent", now - timedelta(days=1)))

    write(rows)
    body = client.get("/healthz").get_json()
    assert body["outbox"] == {"pending": 2, "failed": 1, "oldest_pending_minutes": 20}
    assert body["status"] == "degraded"
    # Counts and times only: nobody's address, nothing anyone wrote.
    assert "example.test" not in client.get("/healthz").get_data(as_text=True)


def test_no_database_is_down_with_503(tmp_path):
    settings = make_settings(f"sqlite:///{tmp_path}/missing-folder/complaints.sqlite3", tmp_path)
    response = create_app(settings).test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {
        "status": "down",
        "database": "error",
        "scheduler": {"last_sweep": None, "stale": True},
        "outbox": {"pending": 0, "failed": 0, "oldest_pending_minutes": 0},
    }


# In a child process: the limiter is one object per process, and switching it on must not reach other tests.
NEVER_LIMITED = """
import json, sys, tempfile
from pathlib import Path
from tests.child_process import run_json_script
from tests.conftest import make_settings
from tests.factories import london
from wsgi import create_app

client = create_app(make_settings(sys.argv[1], Path(tempfile.mkdtemp()), ratelimit_enabled=True)).test_client()
starts = [client.post("/api/v1/conversations").status_code for _ in range(25)]
print(json.dumps({"starts": starts, "health": [client.get("/healthz").status_code for _ in range(60)]}))
"""


def test_healthz_is_never_rate_limited(clean_db, tmp_path):
    data = run_json_script(NEVER_LIMITED, clean_db, tmp_path)
    assert 429 in data["starts"]  # the limiter is on, and this visitor has used up a limit
    assert set(data["health"]) == {200}


def test_the_time_is_utc_iso(client, engine):
    record_sweep(engine, "host-a:1:x", datetime(2026, 12, 1, 9, 30, tzinfo=UTC), 1.5)
    assert client.get("/healthz").get_json()["scheduler"]["last_sweep"] == "2026-12-01T09:30:00+00:00"


def test_a_reminder_waiting_for_the_morning_is_not_late(engine, write, settings):
    friday_evening = london(date(2026, 11, 27), 18)
    monday_morning = london(date(2026, 11, 30), 10)
    record_sweep(engine, "host-a:1:x", friday_evening, 0.1)
    write(lambda session: session.add(outbox_row("a", "due-soon", "pending", friday_evening - timedelta(minutes=30))))
    evening = check(engine, settings, friday_evening)
    assert (evening.pending, evening.oldest_pending_minutes, evening.status) == (1, 0, "ok")
    record_sweep(engine, "host-a:1:x", monday_morning, 0.1)
    morning = check(engine, settings, monday_morning)
    assert morning.oldest_pending_minutes == 30 + 60 * 64  # office hours, and still not sent: late
    assert morning.status == "degraded"
