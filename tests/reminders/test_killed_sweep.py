"""A real sweep process killed with SIGKILL while it talks to the SMTP server: nothing lost, nothing doubled."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
from datetime import date, timedelta
from pathlib import Path

from aiosmtpd.controller import Controller
from sqlmodel import Session, select

from models.outbox import OutboxMessage
from reminders.planner import plan_reminders
from reminders.sweep import send_due
from tests.conftest import make_settings
from tests.factories import add_complaint, add_team, london
from tests.reminders.conftest import Inbox, free_port

ROOT = Path(__file__).resolve().parents[2]


class StallingInbox(Inbox):
    """Holds every RCPT until released: the sender is caught mid-conversation, after claiming."""

    def __init__(self):
        super().__init__()
        self.stalled = threading.Event()
        self.release = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.stalled.set()
        while not self.release.is_set():
            await asyncio.sleep(0.05)
        envelope.rcpt_tos.append(address)
        return "250 OK"


def test_a_sweep_process_killed_mid_send_loses_nothing_and_doubles_nothing(db_session, clean_db, tmp_path, engine):
    team = add_team(db_session)
    for _ in range(3):
        add_complaint(db_session, team=team, received=london(date(2026, 11, 16)), email="")  # due on Monday 30 November
    now = london(date(2026, 11, 30), 9)
    inbox = StallingInbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        env = dict(
            os.environ,
            DATABASE_URL=clean_db,
            INSTANCE_PATH=str(tmp_path),
            APP_ENV="test",
            SECRET_KEY="test-" * 8,
            MAIL_BACKEND="smtp",
            SMTP_PORT=str(port),
        )
        settings = make_settings(clean_db, tmp_path, mail_backend="smtp", smtp_port=port)
        plan_reminders(db_session, settings, now)
        db_session.commit()
        sweep = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "wsgi", "reminders", "send-due", "--now", now.isoformat()],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert inbox.stalled.wait(timeout=60), "the sweep never reached the SMTP server"
        sweep.send_signal(signal.SIGKILL)
        sweep.wait(timeout=10)
        inbox.release.set()
        with Session(engine) as session:
            assert {r.status for r in session.exec(select(OutboxMessage))} == {"sending"}
        assert send_due(engine, settings, now + timedelta(minutes=1)).sent == 0  # claims still fresh
        assert send_due(engine, settings, now + timedelta(minutes=11)).sent == 3  # stale: taken over
        assert len(inbox.messages) == 3
        assert len({m["Message-ID"] for m in inbox.messages}) == 3
    finally:
        inbox.release.set()
        controller.stop()
