"""Two hosts on one database (docs/operations.md, "Several hosts"), for real: two gunicorn servers on different
ports against one PostgreSQL and one Redis, with a scheduler beside each. Complaints go through both (each
request of a conversation to the other host), and then: every complaint is stored once, every email is sent
once (one scheduler active, the other idle), the rate limit is shared, and a staff session works on either host.
"""

from __future__ import annotations

import http.cookiejar
import json
import logging
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from email import message_from_bytes
from itertools import cycle

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import create_engine, text
from sqlmodel import Session, select

import migrations
from intake.views.limits import START_LIMIT
from models.complaints import Complaint
from models.db import dispose_engines, get_engine, session_scope
from models.heartbeat import SchedulerHeartbeat
from models.outbox import OutboxMessage
from reminders.policy import URGENT_TEMPLATES
from tests.conftest import make_settings
from tests.databases import backend
from tests.factories import PASSWORD, STAFF, add_staff
from tests.needs import missing_here
from tests.ops.postgres_cluster import PGBIN, free_port, postgres_cluster
from tests.ops.redis_server import REDIS_SERVER, redis_server
from tests.ops.servers import gunicorn, scheduler, service_env

pytestmark = [
    pytest.mark.skipif(
        missing_here(PGBIN is None or REDIS_SERVER is None),
        reason="needs the Debian packages postgresql and redis-server",
    ),
    # It starts its own cluster whatever the suite runs on: once per `make test` is enough (the SQLite run).
    pytest.mark.skipif(backend() == "postgresql", reason="run once, in the SQLite run of the suite"),
]
COMPLAINTS = 6
UNSAFE = {1, 4}  # these two press "I don't feel safe" first: an urgent alert each, sent at any hour
STARTS_PER_HOUR = int(START_LIMIT.split()[0])


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted"


class Browser:
    """One person's browser: a cookie jar for 127.0.0.1, whichever port (host) it talks to."""

    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def open(self, url: str, *, data: bytes | None = None, headers: dict | None = None) -> tuple[int, str]:
        request = urllib.request.Request(url, data=data, headers=headers or {})
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def json(self, url: str, body: dict | None = None, token: str | None = None) -> tuple[int, dict]:
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        status, answer = self.open(url, data=json.dumps(body or {}).encode(), headers=headers)
        return status, json.loads(answer)

    def form(self, url: str, fields: dict) -> tuple[int, str]:
        return self.open(url, data=urllib.parse.urlencode(fields).encode())


def answers(number: int) -> list[tuple[str, str]]:
    return [
        ("role", "parent"),
        ("about", "dont-know"),
        ("what_happened", f"Nobody came to the meeting, number {number}."),
        ("when", "not-sure"),
        ("wanted", "An apology"),
        ("contact", "email"),
        ("email", f"parent{number}@example.test"),
        ("name", "Pat"),
    ]


def send_complaint(browser: Browser, hosts, number: int) -> str:
    status, started = browser.json(f"{next(hosts)}/api/v1/conversations")
    assert status == 201, started
    path, token = f"/api/v1/conversations/{started['id']}", started["token"]
    if number in UNSAFE:
        status, body = browser.json(f"{next(hosts)}{path}/unsafe", token=token)
        assert status == 200 and "safety" in body, body
    for step, answer in answers(number):
        status, body = browser.json(f"{next(hosts)}{path}/answers", {"step": step, "answer": answer}, token)
        assert status == 200, (step, body)
    status, sent = browser.json(f"{next(hosts)}{path}/submit", token=token)
    assert status == 201, sent
    return sent["reference"]


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.25)


def test_two_hosts_one_database_one_redis_two_schedulers(tmp_path):
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    try:
        with postgres_cluster() as server, redis_server() as redis_url:
            admin = create_engine(server, isolation_level="AUTOCOMMIT")
            with admin.connect() as connection:
                connection.execute(text("CREATE DATABASE complaints"))
            admin.dispose()
            database_url = server.rsplit("/", 1)[0] + "/complaints"
            migrations.upgrade(database_url)
            engine = get_engine(database_url)
            with session_scope(engine) as session:
                add_staff(session, make_settings(database_url, tmp_path))
            _run(tmp_path, database_url, redis_url, smtp.port, inbox, engine)
    finally:
        smtp.stop()
        dispose_engines()


def _run(tmp_path, database_url, redis_url, smtp_port, inbox, engine):
    settings = {
        "RATELIMIT_ENABLED": "true",
        "RATELIMIT_STORAGE_URI": redis_url,
        "MAIL_BACKEND": "smtp",
        "SMTP_PORT": str(smtp_port),
        "DUTY_MANAGER_EMAIL": "duty@example.test",
        "WEB_HOSTS": "2",
    }
    env = {name: service_env(database_url, tmp_path / name, **settings) for name in ("a", "b")}
    with (
        gunicorn(env["a"], free_port(), tmp_path / "a.log", workers=1) as host_a,
        gunicorn(env["b"], free_port(), tmp_path / "b.log", workers=1) as host_b,
    ):
        hosts = cycle((host_a, host_b))
        public = Browser()
        references = [send_complaint(public, hosts, number) for number in range(COMPLAINTS)]

        # Every complaint stored once.
        with Session(engine) as session:
            stored = [c.reference for c in session.exec(select(Complaint))]
        assert sorted(stored) == sorted(references) and len(set(references)) == COMPLAINTS

        # The start limit is one count over both hosts: what is left of it is used up, whichever host is asked.
        answered = [public.json(f"{next(hosts)}/api/v1/conversations")[0] for _ in range(STARTS_PER_HOUR)]
        assert answered.count(201) == STARTS_PER_HOUR - COMPLAINTS
        assert set(answered[STARTS_PER_HOUR - COMPLAINTS :]) == {429}

        # A staff member signed in on host A is signed in on host B.
        staff = Browser()
        _status, page = staff.open(f"{host_a}/staff/sign-in")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        email = STAFF["officer"][0]
        staff.form(f"{host_a}/staff/sign-in", {"csrf_token": csrf, "email": email, "password": PASSWORD})
        # The complaints said "don't know" about the team: they wait in triage.
        status, triage = staff.open(f"{host_b}/staff/triage")
        assert status == 200 and all(reference in triage for reference in references), triage[:3000]
        assert staff.open(f"{host_a}/staff/triage")[0] == 200

        # Two schedulers, one per host: one sends, the other waits; every email goes once.
        with scheduler(env["a"], tmp_path / "scheduler-a.log"), scheduler(env["b"], tmp_path / "scheduler-b.log"):
            logs = [tmp_path / "scheduler-a.log", tmp_path / "scheduler-b.log"]
            wait_for(lambda: all(_first_tick_logged(log) for log in logs), 60, "both schedulers' first tick")
            wait_for(lambda: _urgent_all_sent(engine), 60, "the safeguarding alerts")
            with Session(engine) as session:
                rows = session.exec(select(OutboxMessage)).all()
                beat = session.exec(select(SchedulerHeartbeat)).one()
        sent = [row for row in rows if row.status == "sent"]
        message_ids = [message["Message-ID"] for message in inbox.messages]
        assert len(message_ids) == len(set(message_ids)) == len(sent)
        assert not [row for row in rows if row.status in ("sending", "failed")]
        assert sum(row.template in URGENT_TEMPLATES for row in sent) >= len(UNSAFE)
        outputs = [log.read_text() for log in logs]
        assert sorted("took the lock" in out for out in outputs) == [False, True], outputs
        assert sum("scheduler idle" in out for out in outputs) == 1, outputs
        # The figures for the record: `pytest -o log_cli=true -o log_cli_level=INFO tests/ops/test_two_hosts.py`.
        logging.getLogger(__name__).info(
            "two hosts: %s complaints stored once; %s emails sent, %s received; start limit %s/hour shared "
            "(%s refused); active scheduler %s",
            COMPLAINTS,
            len(sent),
            len(message_ids),
            STARTS_PER_HOUR,
            answered.count(429),
            beat.holder,
        )


def _first_tick_logged(log) -> bool:
    out = log.read_text()
    return "took the lock" in out or "scheduler idle" in out


def _urgent_all_sent(engine) -> bool:
    with Session(engine) as session:
        rows = session.exec(select(OutboxMessage)).all()
    urgent = [row for row in rows if row.template in URGENT_TEMPLATES]
    return len(urgent) >= len(UNSAFE) and all(row.status == "sent" for row in urgent)
