"""Sending: a real SMTP server on 127.0.0.1, crashes, a server that is down, office hours, two sweepers."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from models.outbox import OutboxMessage, OutboxStatus
from reminders import replan
from reminders.calendar import WorkingCalendar
from reminders.mail import SmtpMailer
from reminders.planner import plan_reminders
from reminders.policy import MAX_ATTEMPTS
from reminders.sweep import send_due
from tests.conftest import make_settings
from tests.factories import add_complaint, add_team, london
from wsgi import create_app

MONDAY = date(2026, 11, 30)
CALENDAR = WorkingCalendar()


def statuses(engine) -> dict[str, str]:
    with Session(engine) as session:
        return {row.idempotency_key: row.status for row in session.exec(select(OutboxMessage))}


def three_due_reminders(db_session, settings, now):
    """Three complaints whose stage 1 is due today: one 'due today' email each, at 08:00."""
    team = add_team(db_session)
    for _ in range(3):
        add_complaint(db_session, team=team, received=london(date(2026, 11, 16)), email="")
    plan_reminders(db_session, settings, now)
    db_session.commit()


def test_same_sweep_twice_sends_nothing_twice(db_session, smtp_settings, smtp_server, engine):
    smtp_server.start()
    now = london(MONDAY, 9)
    three_due_reminders(db_session, smtp_settings, now)
    assert send_due(engine, smtp_settings, now).sent == 3
    assert send_due(engine, smtp_settings, now).sent == 0
    assert send_due(engine, smtp_settings, now + timedelta(hours=1)).sent == 0
    assert len(smtp_server.inbox.messages) == 3
    assert len({m["Message-ID"] for m in smtp_server.inbox.messages}) == 3


class SimulatedCrash(BaseException):
    """Like a SIGKILL: nothing after it runs, no except Exception catches it."""


class CrashingMailer(SmtpMailer):
    def __init__(self, settings, crash_on: int):
        super().__init__(settings)
        self.calls = 0
        self.crash_on = crash_on

    def send(self, outgoing, message):
        self.calls += 1
        if self.calls == self.crash_on:
            raise SimulatedCrash
        super().send(outgoing, message)


def test_a_sweep_killed_between_claim_and_mark_loses_nothing_and_doubles_nothing(
    db_session, smtp_settings, smtp_server, engine
):
    smtp_server.start()
    now = london(MONDAY, 9)
    three_due_reminders(db_session, smtp_settings, now)
    with pytest.raises(SimulatedCrash):
        send_due(engine, smtp_settings, now, mailer=CrashingMailer(smtp_settings, crash_on=2))
    assert sorted(statuses(engine).values()) == ["sending", "sending", "sent"]
    # Restarted a minute later: the dead sweep's claims are still fresh, so nobody sends them yet.
    assert send_due(engine, smtp_settings, now + timedelta(minutes=1)).sent == 0
    # Once the claims are stale they are taken over and sent, once.
    assert send_due(engine, smtp_settings, now + timedelta(minutes=11)).sent == 2
    assert sorted(statuses(engine).values()) == ["sent", "sent", "sent"]
    assert len(smtp_server.inbox.messages) == 3
    assert len({m["Message-ID"] for m in smtp_server.inbox.messages}) == 3


def test_smtp_down_then_back_loses_nothing(db_session, smtp_settings, smtp_server, engine):
    now = london(MONDAY, 9)
    three_due_reminders(db_session, smtp_settings, now)
    down = send_due(engine, smtp_settings, now)  # nothing listens on the port yet
    assert (down.sent, down.retrying) == (0, 3)
    with Session(engine) as session:
        rows = session.exec(select(OutboxMessage)).all()
    assert {(r.status, r.attempts) for r in rows} == {("pending", 1)}
    assert all("Connection" in r.last_error for r in rows)
    smtp_server.start()
    assert send_due(engine, smtp_settings, now).sent == 0  # waits for its back-off
    assert send_due(engine, smtp_settings, now + timedelta(minutes=2)).sent == 3
    assert len(smtp_server.inbox.messages) == 3


class RefusingMailer:
    def send(self, outgoing, message):
        raise ValueError("mailbox unavailable")

    def close(self):
        pass


def test_after_the_last_attempt_a_message_is_marked_failed(db_session, settings, engine):
    three_due_reminders(db_session, settings, london(MONDAY, 9))
    for attempt in range(MAX_ATTEMPTS):
        # A working day apart: past the longest back-off, always in office hours.
        send_due(engine, settings, london(CALENDAR.add_working_days(MONDAY, attempt), 9), mailer=RefusingMailer())
    with Session(engine) as session:
        rows = session.exec(select(OutboxMessage)).all()
    assert {r.status for r in rows} == {OutboxStatus.FAILED.value}
    assert {r.attempts for r in rows} == {MAX_ATTEMPTS}
    assert rows[0].last_error == "ValueError: mailbox unavailable"


def test_nothing_is_sent_at_night_or_at_the_weekend_except_safeguarding(db_session, settings, engine):
    team = add_team(db_session)
    friday_noon = london(date(2026, 11, 27), 12)
    add_complaint(db_session, team=team, received=friday_noon, email="jo@example.test")
    plan_reminders(db_session, settings, friday_noon)
    # Due rows exist, but a sweep on Friday night and on Saturday sends none of them...
    rows = db_session.exec(select(OutboxMessage)).all()
    for row in rows:
        row.send_after = friday_noon
        db_session.add(row)
    db_session.commit()
    assert send_due(engine, settings, london(date(2026, 11, 27), 19)).sent == 0
    assert send_due(engine, settings, london(date(2026, 11, 28), 10)).sent == 0
    # ...while a safeguarding complaint on Saturday night goes to the duty manager at once.
    saturday_night = london(date(2026, 11, 28), 23, 40)
    flagged = add_complaint(db_session, team=None, received=saturday_night, safeguarding=True, email="")
    replan.complaint_received(db_session, flagged, settings, saturday_night)
    db_session.commit()
    sweep = send_due(engine, settings, saturday_night)
    assert sweep.sent == 1
    assert statuses(engine)[f"complaint:{flagged.id}:safeguarding-alert"] == "sent"
    assert send_due(engine, settings, london(date(2026, 11, 30), 7, 59)).sent == 0
    assert send_due(engine, settings, london(date(2026, 11, 30), 8, 0)).sent == len(rows)


def test_file_backend_writes_readable_emails_without_the_story(db_session, clean_db, tmp_path, engine):
    settings = make_settings(clean_db, tmp_path)
    team = add_team(db_session)
    received = london(MONDAY, 10)
    complaint = add_complaint(db_session, team=team, received=received, role="parent", email="jo@example.test")
    replan.complaint_received(db_session, complaint, settings, received, status_url="http://127.0.0.1:8000/status/t0k")
    db_session.commit()
    assert send_due(engine, settings, received).sent == 2
    outbox_dir = settings.instance_dir / "outbox"
    ack = (outbox_dir / f"complaint-{complaint.id}-acknowledgement.eml").read_text()
    assert "Subject: We've got your complaint - reference " + complaint.reference in ack
    assert "reply by Monday 14 December 2026" in ack
    assert "http://127.0.0.1:8000/status/t0k" in ack
    # Jo is a parent: grown-up help (the NSPCC, the council's numbers), never Childline or "trouble".
    assert "NSPCC helpline: 0808 800 5000" in ack and settings.emergency_duty_phone in ack
    assert "Childline" not in ack and "trouble" not in ack
    staff = next(p for p in outbox_dir.glob("stage-*-arrival-manager-*.eml")).read_text()
    assert f"{settings.base_url}/staff/complaints/{complaint.reference}" in staff
    assert "Monday 14 December 2026" in staff
    for text in (ack, staff):
        assert "private story" not in text
    with Session(engine) as session:
        contexts = [row.context for row in session.exec(select(OutboxMessage))]
    assert all("status_url" not in context for context in contexts)  # the private link is not kept once sent


def test_a_young_persons_acknowledgement_gives_childline(db_session, clean_db, tmp_path, engine):
    settings = make_settings(clean_db, tmp_path)
    received = london(MONDAY, 10)
    complaint = add_complaint(db_session, team=add_team(db_session), received=received, email="sam@example.test")
    complaint.complainant_role = "care-leaver"
    replan.complaint_received(db_session, complaint, settings, received)
    db_session.commit()
    send_due(engine, settings, received)
    ack = (settings.instance_dir / "outbox" / f"complaint-{complaint.id}-acknowledgement.eml").read_text()
    assert "Childline: 0800 1111" in ack and "You won't get in trouble for telling us." in ack
    assert "NSPCC" not in ack


def test_two_sweepers_at_once_send_each_email_once(db_session, smtp_settings, smtp_server, engine):
    smtp_server.start()
    now = london(MONDAY, 9)
    team = add_team(db_session)
    for _ in range(40):
        add_complaint(db_session, team=team, received=london(date(2026, 11, 16)), email="")
    plan_reminders(db_session, smtp_settings, now)
    db_session.commit()
    start = threading.Barrier(2)
    reports = []

    def sweeper():
        start.wait()
        reports.append(send_due(engine, smtp_settings, now))

    threads = [threading.Thread(target=sweeper) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sum(r.sent for r in reports) == 40
    assert len(smtp_server.inbox.messages) == 40
    assert len({m["Message-ID"] for m in smtp_server.inbox.messages}) == 40
    assert set(statuses(engine).values()) == {"sent"}


def test_status_and_retry_commands(db_session, clean_db, tmp_path, engine):
    settings = make_settings(clean_db, tmp_path)
    three_due_reminders(db_session, settings, london(MONDAY, 9))
    for attempt in range(MAX_ATTEMPTS):
        send_due(engine, settings, london(CALENDAR.add_working_days(MONDAY, attempt), 9), mailer=RefusingMailer())
    runner = create_app(settings).test_cli_runner()
    status = runner.invoke(args=["reminders", "status"])
    assert "failed 3" in status.output
    assert "due-today to manager@example.test: ValueError: mailbox unavailable" in status.output
    failed_id = db_session.exec(select(OutboxMessage.id)).first()
    assert "will be sent" in runner.invoke(args=["reminders", "retry", str(failed_id)]).output
    assert runner.invoke(args=["reminders", "retry", str(failed_id)]).exit_code == 1
    assert send_due(engine, settings, london(date(2026, 12, 9), 9)).sent == 1


def test_console_backend_and_plan_command(db_session, clean_db, tmp_path, engine, capsys):
    settings = make_settings(clean_db, tmp_path, mail_backend="console")
    team = add_team(db_session)
    add_complaint(db_session, team=team, received=london(date(2026, 11, 16)), email="")
    db_session.commit()
    runner = create_app(settings).test_cli_runner()
    planned = runner.invoke(args=["reminders", "plan", "--now", "2026-11-30T07:00"])
    assert planned.output == "Planned 1 email, cancelled 0.\n"
    assert send_due(engine, settings, london(MONDAY, 7, 59)).sent == 0
    assert send_due(engine, settings, london(MONDAY, 8)).sent == 1
    assert "Subject: Reply due today: complaint CS-TEST-" in capsys.readouterr().out
    refused = runner.invoke(args=["reminders", "send-due", "--now", "Monday morning"])
    assert refused.exit_code == 2 and "is not a time like" in refused.output


def test_a_sweep_too_slow_to_finish_leaves_the_rest_for_later_not_for_two(
    db_session, smtp_settings, smtp_server, engine, monkeypatch
):
    smtp_server.start()
    now = london(MONDAY, 9)
    three_due_reminders(db_session, smtp_settings, now)
    monkeypatch.setattr("reminders.sweep.STALE_CLAIM_MINUTES", 0)  # as if each email took minutes
    assert send_due(engine, smtp_settings, now).sent == 0
    monkeypatch.undo()
    assert sorted(statuses(engine).values()) == ["sending"] * 3
    assert send_due(engine, smtp_settings, now + timedelta(minutes=11)).sent == 3
    assert len(smtp_server.inbox.messages) == 3


def test_private_links_are_dropped_from_the_outbox_once_sent(db_session, clean_db, tmp_path, engine):
    settings = make_settings(clean_db, tmp_path)
    now = london(MONDAY, 10)
    link = "http://127.0.0.1:8000/staff/reset-password/s3cret"
    db_session.add(
        OutboxMessage(
            idempotency_key="staff:1:password-reset:test",
            recipient="officer@example.test",
            template="password-reset",
            context={"name": "Olu", "reset_url": link, "minutes": 60, "resume_url": "http://x/resume/t"},
            send_after=now,
        )
    )
    db_session.commit()
    assert send_due(engine, settings, now).sent == 1
    assert link in next((settings.instance_dir / "outbox").glob("*.eml")).read_text()
    with Session(engine) as session:
        (row,) = session.exec(select(OutboxMessage)).all()
    assert row.context == {"name": "Olu", "minutes": 60}
