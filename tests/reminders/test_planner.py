"""Planning the outbox: keys, re-arming on a changed deadline, office hours, who gets what."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlmodel import select

from content.complainant import advocate_words
from models.outbox import OutboxMessage, OutboxStatus
from reminders import replan
from reminders.mail import Outgoing, render
from reminders.planner import plan_reminders
from tests.factories import add_complaint, add_officer, add_team, first_stage, london

# Monday 16 November 2026 10:00; stage 1 is then due on Monday 30 November.
RECEIVED = london(date(2026, 11, 16))


def rows(session, status: str | None = OutboxStatus.PENDING.value) -> dict[str, OutboxMessage]:
    query = select(OutboxMessage)
    if status:
        query = query.where(OutboxMessage.status == status)
    return {row.idempotency_key: row for row in session.exec(query)}


def test_arrival_acknowledgement_and_keys(db_session, settings):
    team = add_team(db_session)
    complaint = add_complaint(db_session, team=team, received=RECEIVED, email="jo@example.test")
    stage = first_stage(db_session, complaint)
    report = replan.complaint_received(
        db_session, complaint, settings, RECEIVED, status_url="https://example.test/status/abc"
    )
    planned = rows(db_session)
    assert set(planned) == {
        f"stage:{stage.id}:arrival-manager:2026-11-16",
        f"complaint:{complaint.id}:acknowledgement",
    }
    assert report.planned == 2
    arrival = planned[f"stage:{stage.id}:arrival-manager:2026-11-16"]
    assert arrival.recipient == "manager@example.test"
    assert arrival.context["reference"] == complaint.reference
    assert arrival.context["deadline"] == "2026-11-30"
    assert arrival.send_after == RECEIVED.astimezone(UTC)  # office hours: at once
    ack = planned[f"complaint:{complaint.id}:acknowledgement"]
    assert ack.recipient == "jo@example.test"
    assert ack.context["status_url"] == "https://example.test/status/abc"
    assert "story" not in str(arrival.context) + str(ack.context)


def test_planning_again_adds_nothing(db_session, settings):
    team = add_team(db_session)
    add_complaint(db_session, team=team, received=RECEIVED, email="jo@example.test")
    first = plan_reminders(db_session, settings, RECEIVED)
    again = plan_reminders(db_session, settings, RECEIVED)
    assert first.planned == 2
    assert again.planned == 0 and again.cancelled == 0


def test_reminders_before_on_and_after_the_deadline(db_session, settings):
    team = add_team(db_session)
    officer = add_officer(db_session)
    stage = first_stage(db_session, add_complaint(db_session, team=team, received=RECEIVED, officer=officer, email=""))
    # Wednesday 25 November, 3 working days before: due soon, to the manager and the officer, at 08:00.
    plan_reminders(db_session, settings, london(date(2026, 11, 25), 0, 5))
    due_soon = {k: v for k, v in rows(db_session).items() if ":due-soon-" in k}
    assert set(due_soon) == {
        f"stage:{stage.id}:due-soon-manager:2026-11-30",
        f"stage:{stage.id}:due-soon-officer:2026-11-30",
    }
    assert {v.send_after for v in due_soon.values()} == {datetime(2026, 11, 25, 8, 0, tzinfo=UTC)}
    assert due_soon[f"stage:{stage.id}:due-soon-officer:2026-11-30"].recipient == "officer@example.test"
    plan_reminders(db_session, settings, london(date(2026, 11, 30), 0, 5))
    assert f"stage:{stage.id}:due-today-manager:2026-11-30" in rows(db_session)
    plan_reminders(db_session, settings, london(date(2026, 12, 1), 0, 5))
    overdue = rows(db_session)[f"stage:{stage.id}:overdue-head:2026-11-30"]
    assert overdue.recipient == settings.head_of_service_email
    assert overdue.send_after == datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def test_a_changed_deadline_cancels_the_old_reminders_and_arms_new_ones(db_session, settings):
    team = add_team(db_session)
    stage = first_stage(db_session, add_complaint(db_session, team=team, received=RECEIVED, email=""))
    plan_reminders(db_session, settings, london(date(2026, 11, 25), 7))
    assert f"stage:{stage.id}:due-soon-manager:2026-11-30" in rows(db_session)
    stage.extended_to, stage.extension_reason = date(2026, 12, 14), "advocate being arranged"
    db_session.add(stage)
    report = replan.stage_changed(db_session, stage, settings, london(date(2026, 11, 25), 7, 30))
    assert report.cancelled == 1
    cancelled = rows(db_session, OutboxStatus.CANCELLED.value)
    assert set(cancelled) == {f"stage:{stage.id}:due-soon-manager:2026-11-30"}
    # The new deadline's reminder comes 3 working days before it, and only once.
    plan_reminders(db_session, settings, london(date(2026, 12, 9), 9))
    plan_reminders(db_session, settings, london(date(2026, 12, 9), 10))
    assert f"stage:{stage.id}:due-soon-manager:2026-12-14" in rows(db_session)
    assert len(rows(db_session, None)) == 2  # the old due-soon (cancelled) and the new one


def test_an_answered_stage_gets_no_more_reminders(db_session, settings):
    team = add_team(db_session)
    stage = first_stage(db_session, add_complaint(db_session, team=team, received=RECEIVED, email=""))
    plan_reminders(db_session, settings, london(date(2026, 11, 25), 7))
    stage.responded_on, stage.outcome = date(2026, 11, 25), "upheld"
    db_session.add(stage)
    replan.stage_changed(db_session, stage, settings, london(date(2026, 11, 25), 7, 30))
    assert rows(db_session) == {}
    plan_reminders(db_session, settings, london(date(2026, 12, 2), 9))
    assert rows(db_session) == {}


def test_safeguarding_alert_goes_at_once_even_on_a_saturday_night(db_session, settings):
    saturday_night = london(date(2026, 11, 28), 23, 30)
    complaint = add_complaint(
        db_session, team=None, received=saturday_night, safeguarding=True, email="kid@example.test"
    )
    replan.complaint_received(db_session, complaint, settings, saturday_night)
    planned = rows(db_session)
    alert = planned[f"complaint:{complaint.id}:safeguarding-alert"]
    assert alert.recipient == settings.duty_manager_email
    assert alert.send_after == saturday_night.astimezone(UTC)
    # The acknowledgement waits for Monday 08:00; no team yet, so no arrival email to a manager.
    assert planned[f"complaint:{complaint.id}:acknowledgement"].send_after == datetime(2026, 11, 30, 8, tzinfo=UTC)
    assert not any(":arrival-" in key for key in planned)


def test_old_imported_complaints_get_no_arrival_or_acknowledgement(db_session, settings):
    team = add_team(db_session)
    add_complaint(db_session, team=team, received=london(date(2026, 11, 2)), email="jo@example.test")
    plan_reminders(db_session, settings, london(date(2026, 11, 10), 9))
    assert rows(db_session) == {}


def test_summer_time_opening_is_seven_utc(db_session, settings):
    team = add_team(db_session)
    friday_evening_in_june = london(date(2026, 6, 5), 20)
    stage = first_stage(db_session, add_complaint(db_session, team=team, received=friday_evening_in_june, email=""))
    plan_reminders(db_session, settings, london(date(2026, 6, 5), 20))
    arrival = rows(db_session)[f"stage:{stage.id}:arrival-manager:2026-06-05"]
    assert arrival.send_after == datetime(2026, 6, 8, 7, 0, tzinfo=UTC)  # Monday 08:00 BST


@pytest.mark.parametrize(
    ("requested", "role", "said", "not_said"),
    [
        (True, "child", "we will ask an advocate to get in touch", "If you would like one"),
        (False, "child", "If you would like one, tell us", "ask an advocate to get in touch"),
        (None, "child", "If you would like one, tell us", "ask an advocate to get in touch"),
        (None, "foster-carer", "The child or young person can have an advocate", "If you would like one"),
    ],
)
def test_the_acknowledgement_says_an_advocate_is_coming_when_one_was_asked_for(
    db_session, settings, requested, role, said, not_said
):
    """A child who said "Yes, please" is not offered one again: the words come from the one shared rule."""
    team = add_team(db_session)
    complaint = add_complaint(db_session, team=team, received=RECEIVED, email="jo@example.test")
    complaint.advocacy_requested, complaint.complainant_role = requested, role
    replan.complaint_received(db_session, complaint, settings, RECEIVED)
    ack = rows(db_session)[f"complaint:{complaint.id}:acknowledgement"]
    assert ack.context["advocate_words"] == advocate_words(requested, role)
    email = render(Outgoing(ack.id, ack.idempotency_key, ack.recipient, ack.template, ack.context), settings)
    for part in ("text/plain", "text/html"):
        body = email.get_body((part.split("/")[1],)).get_content()
        assert said in body and not_said not in body, part
