"""A lesson action's reminders: its owner a few working days before the due date; the owner and the team's managers
(the directory's address and each manager account) the working day after it was missed; none once it is done, and
a new date moves them. A real SMTP server on 127.0.0.1 receives them."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from models.lessons import ActionStatus, LessonAction
from models.outbox import OutboxMessage, OutboxStatus
from models.staff import Role, StaffUser
from reminders import replan
from tests.factories import add_complaint, add_officer, add_team, first_stage, london
from wsgi import create_app

DUE = date(2026, 12, 10)  # a Thursday: due soon from Monday 7, missed on Friday 11


def _subjects(smtp_server) -> list[tuple[str, str]]:
    return sorted((m["To"], " ".join(m["Subject"].split())) for m in smtp_server.inbox.messages)


def test_owner_before_owner_and_managers_after_nothing_once_done(smtp_settings, smtp_server, engine):
    smtp_server.start()
    settings = smtp_settings
    with Session(engine, expire_on_commit=False) as session:
        team = add_team(session)
        owner = add_officer(session, email="owner@example.test")
        session.add(StaffUser(email="lead@example.test", name="Lee", role=Role.MANAGER.value, team_id=team.id))
        complaint = add_complaint(session, team=team, received=date(2026, 11, 2), responded={1: date(2026, 11, 13)})
        stage = first_stage(session, complaint)
        stage.outcome = "upheld"
        first = LessonAction(
            stage_record_id=stage.id, description="Retrain the duty desk", owner_id=owner.id, due_on=DUE
        )
        second = LessonAction(stage_record_id=stage.id, description="New leaflet", owner_id=owner.id, due_on=DUE)
        session.add_all([stage, first, second])
        session.flush()
        replan.lesson_action_changed(session, first, settings, london(date(2026, 12, 1)))
        session.commit()
    runner = create_app(settings).test_cli_runner()

    def sweep(day: date, hour: int = 9) -> None:
        result = runner.invoke(args=["reminders", "send-due", "--now", london(day, hour).isoformat()])
        assert result.exit_code == 0, result.output

    sweep(date(2026, 12, 4))
    assert smtp_server.inbox.messages == []  # not yet: 3 working days before is Monday 7
    sweep(date(2026, 12, 7))
    due_soon = f"Action due Thursday 10 December 2026: lesson from complaint {complaint.reference}"
    assert _subjects(smtp_server) == [("owner@example.test", due_soon)] * 2
    # The second is done on Wednesday; the first is still open on Friday, the day after it was due.
    with Session(engine) as session:
        action = session.get(LessonAction, second.id)
        action.status, action.done_on = ActionStatus.DONE.value, date(2026, 12, 9)
        session.add(action)
        replan.lesson_action_changed(session, action, settings, london(date(2026, 12, 9)))
        session.commit()
    smtp_server.inbox.messages.clear()
    sweep(date(2026, 12, 11))
    sweep(date(2026, 12, 14))
    overdue = f"Action overdue: lesson from complaint {complaint.reference} was due Thursday 10 December 2026"
    assert _subjects(smtp_server) == [
        ("lead@example.test", overdue),
        ("manager@example.test", overdue),
        ("owner@example.test", overdue),
    ]
    text = smtp_server.inbox.messages[0].get_payload(0).get_payload(decode=True).decode()
    assert "Retrain the duty desk" not in text and complaint.reference in text


def test_a_new_date_cancels_the_old_reminder_even_at_send_time(smtp_settings, smtp_server, engine):
    smtp_server.start()
    settings = smtp_settings
    with Session(engine, expire_on_commit=False) as session:
        team = add_team(session)
        owner = add_officer(session, email="owner@example.test")
        complaint = add_complaint(session, team=team, received=date(2026, 11, 2), responded={1: date(2026, 11, 13)})
        stage = first_stage(session, complaint)
        stage.outcome = "partially-upheld"
        action = LessonAction(stage_record_id=stage.id, description="x", owner_id=owner.id, due_on=DUE)
        session.add_all([stage, action])
        session.flush()
        # Planned at 07:00 on Monday 7 for 08:00.
        replan.lesson_action_changed(session, action, settings, london(date(2026, 12, 7), 7))
        session.commit()
    with Session(engine) as session:
        # Moved at 07:30 by a process that does not re-plan (the planner has not run since).
        row = session.get(LessonAction, action.id)
        row.due_on = date(2026, 12, 18)
        session.add(row)
        session.commit()
    from reminders.sweep import send_due

    assert send_due(engine, settings, london(date(2026, 12, 7), 8)).sent == 0
    with Session(engine) as session:
        (message,) = session.exec(select(OutboxMessage)).all()
        assert message.status == OutboxStatus.CANCELLED.value
    assert smtp_server.inbox.messages == []
