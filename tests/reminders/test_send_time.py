"""What goes out is right when it goes out: today's dates, one email per stage per sweep, the Ombudsman's arrival,
and a team's manager accounts. A real SMTP server on 127.0.0.1 receives every email."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select, update

from casework import actions
from content.dates import long_date
from models.complaints import StageRecord
from models.outbox import OutboxMessage, OutboxStatus
from models.staff import Role, StaffUser
from reminders import replan
from reminders.calendar import WorkingCalendar
from reminders.planner import plan_reminders
from reminders.sweep import send_due
from tests.factories import add_complaint, add_officer, add_team, first_stage, london
from wsgi import create_app

CALENDAR = WorkingCalendar()
MONDAY = date(2026, 11, 30)


def bodies(smtp_server) -> list[tuple[str, str, str]]:
    """(to, subject, plain text) of every email the server accepted, in order."""
    return [
        (m["To"], " ".join(m["Subject"].split()), " ".join(m.get_payload(0).get_payload(decode=True).decode().split()))
        for m in smtp_server.inbox.messages
    ]


def test_an_extension_after_the_reminders_were_queued_changes_every_email_sent_afterwards(
    smtp_settings, smtp_server, engine
):
    smtp_server.start()
    settings = smtp_settings
    evening = london(MONDAY, 19)  # the office is shut: everything waits for 08:00 on Tuesday
    with Session(engine, expire_on_commit=False) as session:
        team = add_team(session)
        officer = add_officer(session)
        session.add(StaffUser(email="lead@example.test", name="Lee Lead", role=Role.MANAGER.value, team_id=team.id))
        complaint = add_complaint(session, team=team, officer=officer, received=evening, email="jo@example.test")
        replan.complaint_received(session, complaint, settings, evening)
        # Another stage, due on Thursday: its "due soon" was planned for 08:00 too.
        other = add_complaint(
            session, team=team, received=CALENDAR.subtract_working_days(date(2026, 12, 3), 10), email=""
        )
        plan_reminders(session, settings, london(date(2026, 12, 1), 0, 15))
        session.commit()
        old = first_stage(session, complaint).due_on
        old_other = first_stage(session, other).due_on
    assert old == date(2026, 12, 14) and old_other == date(2026, 12, 3)
    queued = {m.template for m in _rows(engine)}
    assert queued == {"stage-arrived", "acknowledgement", "due-soon"}

    new = CALENDAR.add_working_days(date(2026, 11, 30), 15)  # Monday 21 December
    with Session(engine, expire_on_commit=False) as session:
        # The officer extends the first at 21:00, through the case page's action (which re-plans at once).
        ctx = actions.ActionContext(session, session.get(StaffUser, officer.id), settings, london(MONDAY, 21))
        actions.extend(ctx, session.get(type(complaint), complaint.id), extend_to=new, reason="advocate on leave")
        session.commit()
    # The second is extended at 07:00 by a process the planner has not heard from (an import, another host).
    with Session(engine) as session:
        session.exec(
            update(StageRecord)
            .where(StageRecord.id == first_stage(session, other).id)
            .values(extended_to=date(2026, 12, 10), extension_reason="interpreter needed")
        )
        session.commit()

    # Two weeks of sweeps, without planning in between for the first morning (so only send time can be right).
    send_due(engine, settings, london(date(2026, 12, 1), 8))
    runner = create_app(settings).test_cli_runner()
    day = date(2026, 12, 1)
    while day <= new:
        if CALENDAR.is_working_day(day):
            result = runner.invoke(args=["reminders", "send-due", "--now", london(day, 9).isoformat()])
            assert result.exit_code == 0, result.output
        day = date.fromordinal(day.toordinal() + 1)

    emails = bodies(smtp_server)
    assert emails, "nothing was sent"
    for to, subject, text in emails:
        assert long_date(old) not in subject + text and long_date(old_other) not in subject + text, (to, subject)
    about_first = [e for e in emails if complaint.reference in e[1] + e[2]]
    # The arrival (directory address, manager account, officer), the acknowledgement, then due soon and due today.
    assert {to for to, _s, _t in about_first} == {
        "manager@example.test",
        "lead@example.test",
        "officer@example.test",
        "jo@example.test",
    }
    for to, subject, text in about_first:
        assert long_date(new) in text, (to, subject)
    about_other = [e for e in emails if other.reference in e[1] and e[0] != "lead@example.test"]
    assert [subject.split(":")[0] for _to, subject, _t in about_other] == [
        "Reply due Thursday 10 December 2026",
        "Reply due today",
        "Missed deadline",
    ]
    assert all(long_date(date(2026, 12, 10)) in text for _to, _subject, text in about_other)
    with Session(engine) as session:
        dropped = session.exec(select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.CANCELLED.value)).all()
    # The second's "due soon" for 3 December was dropped at send time (the planner had not run since the change).
    assert {(m.idempotency_key.rsplit(":", 1)[1], m.last_error) for m in dropped} == {
        (old_other.isoformat(), "deadline changed or stage closed")
    }


def _rows(engine) -> list[OutboxMessage]:
    with Session(engine) as session:
        return list(session.exec(select(OutboxMessage)).all())


def test_a_sweep_after_five_days_off_sends_each_stage_one_email_the_most_urgent(smtp_settings, smtp_server, engine):
    """The scheduler went on planning through a week nothing was sent (Monday 7 to Friday 11 December): on the
    Monday after, each stage gets one email, the one that is true now."""
    smtp_server.start()
    settings = smtp_settings
    off = [date(2026, 12, d) for d in (7, 8, 9, 10, 11)]
    with Session(engine, expire_on_commit=False) as session:
        team = add_team(session)

        def due_on(deadline: date) -> str:
            return add_complaint(
                session, team=team, received=CALENDAR.subtract_working_days(deadline, 10), email=""
            ).reference

        missed = due_on(date(2026, 12, 8))  # due soon, due today and missed all happened while nothing was sent
        today = due_on(date(2026, 12, 14))  # due soon during the week, due today now
        soon = due_on(date(2026, 12, 16))  # due soon since Friday
        new = add_complaint(session, team=team, received=london(date(2026, 12, 8), 7), email="").reference
        session.commit()
    runner = create_app(settings).test_cli_runner()
    for day in off:
        result = runner.invoke(args=["reminders", "plan", "--now", london(day, 9).isoformat()])
        assert result.exit_code == 0, result.output
    pending = [m for m in _rows(engine) if m.status == OutboxStatus.PENDING.value]
    assert len(pending) == 6  # three for `missed`, one each for the others: all waiting
    result = runner.invoke(args=["reminders", "send-due", "--now", london(date(2026, 12, 14), 8).isoformat()])
    assert result.exit_code == 0, result.output

    sent = sorted((subject.split(":")[0], to) for to, subject, _text in bodies(smtp_server))
    assert sent == sorted(
        [
            ("Missed deadline", settings.head_of_service_email),
            ("Reply due today", "manager@example.test"),
            ("Reply due Wednesday 16 December 2026", "manager@example.test"),
            (f"New stage 1 complaint {new}", "manager@example.test"),
        ]
    )
    by_reference = {ref: [s for _to, s, t in bodies(smtp_server) if ref in s] for ref in (missed, today, soon, new)}
    assert all(len(subjects) == 1 for subjects in by_reference.values()), by_reference
    # The superseded ones are dropped for good, not sent by the next sweep.
    result = runner.invoke(args=["reminders", "send-due", "--now", london(date(2026, 12, 14), 10).isoformat()])
    assert len(smtp_server.inbox.messages) == 4


def test_the_ombudsman_stage_tells_the_team_and_the_officer(smtp_settings, smtp_server, engine):
    smtp_server.start()
    settings = smtp_settings
    received = london(MONDAY, 10)
    with Session(engine, expire_on_commit=False) as session:
        team = add_team(session)
        officer = add_officer(session)
        complaint = add_complaint(
            session,
            team=team,
            officer=officer,
            received=date(2026, 6, 1),
            stages=1,
            email="",
            responded={1: date(2026, 6, 10)},
            status="open",
        )
        stage = StageRecord(complaint_id=complaint.id, stage=4, received_on=MONDAY, team_id=team.id)
        session.add(stage)
        replan.stage_changed(session, stage, settings, received)
        # The scheduler's full plan a few minutes later keeps it (it used to cancel it: no deadline).
        plan_reminders(session, settings, london(MONDAY, 10, 15))
        session.commit()
    assert send_due(engine, settings, london(MONDAY, 10, 20)).sent == 2
    emails = bodies(smtp_server)
    assert sorted(to for to, _s, _t in emails) == ["manager@example.test", "officer@example.test"]
    for _to, subject, text in emails:
        assert subject == f"The Ombudsman is looking at complaint {complaint.reference}"
        assert "Stage: Ombudsman" in text and "Deadline" not in text


def test_team_emails_go_to_the_team_manager_accounts_too(db_session, settings):
    team = add_team(db_session, manager_email="Team.Inbox@example.test")
    other = add_team(db_session, slug="early-help", manager_email="")
    db_session.add_all(
        [
            StaffUser(email="lead@example.test", name="Lee", role=Role.MANAGER.value, team_id=team.id),
            StaffUser(email="gone@example.test", name="Gus", role=Role.MANAGER.value, team_id=team.id, active=False),
            # The directory's own address as an account: written to once.
            StaffUser(email="team.inbox@example.test", name="Inbox", role=Role.MANAGER.value, team_id=team.id),
            StaffUser(email="eh@example.test", name="Eve", role=Role.MANAGER.value, team_id=other.id),
            StaffUser(email="off@example.test", name="Ola", role=Role.OFFICER.value, team_id=team.id),
        ]
    )
    received = london(MONDAY, 10)
    complaint = add_complaint(db_session, team=team, received=received, email="")
    report = replan.complaint_received(db_session, complaint, settings, received)
    assert report.by_kind["arrival-manager"] == 2
    recipients = sorted(m.recipient for m in db_session.exec(select(OutboxMessage)).all())
    assert recipients == ["Team.Inbox@example.test", "lead@example.test"]
    # A team with no directory address still reaches its manager account.
    helped = add_complaint(db_session, team=other, received=received, email="")
    replan.complaint_received(db_session, helped, settings, received)
    keys = {m.idempotency_key: m.recipient for m in db_session.exec(select(OutboxMessage)).all()}
    stage_id = first_stage(db_session, helped).id
    account = db_session.exec(select(StaffUser).where(StaffUser.email == "eh@example.test")).one()
    assert keys[f"stage:{stage_id}:arrival-manager.staff-{account.id}:2026-11-30"] == "eh@example.test"
