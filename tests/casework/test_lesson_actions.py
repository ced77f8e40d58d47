"""Lessons become actions: added to an upheld stage with an owner and a due date, marked done or cancelled,
listed per team (a manager sees their own), each change audited."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, select

from casework.purge import purge_closed_before
from models.audit import AuditEvent
from models.complaints import StageRecord
from models.db import get_engine
from models.lessons import LessonAction
from models.outbox import OutboxMessage
from tests.factories import add_complaint, add_officer, add_team, first_stage


@pytest.fixture
def upheld(write, today, staff_ids):
    """CS-TEST-0001 (Leaving Care), stage 1 upheld; CS-TEST-0002 (Early Help), stage 1 not upheld."""

    def make(session):
        done = add_complaint(session, team="leaving-care", received=today - timedelta(days=30), responded={1: today})
        stage = first_stage(session, done)
        stage.outcome = "upheld"
        session.add(stage)
        add_complaint(session, team="early-help", received=today - timedelta(days=30), responded={1: today})
        return done.reference

    return write(make)


def _add(client, reference, due, **changes):
    form = {
        "stage": "1",
        "description": "Team meeting: call back within two working days",
        "owner": "",
        "due_on-day": str(due.day),
        "due_on-month": str(due.month),
        "due_on-year": str(due.year),
    } | changes
    return client.post(f"/staff/complaints/{reference}/lesson-actions", data=form)


def test_an_action_is_added_to_an_upheld_stage_and_reminded_and_audited(signed_in, upheld, staff_ids, clean_db, today):
    officer = signed_in("officer")
    page = officer.get(f"/staff/complaints/{upheld}").get_data(as_text=True)
    assert "Actions from the lessons" in page and "Add an action to stage 1" in page
    due = today + timedelta(days=14)
    response = _add(officer, upheld, due, owner=str(staff_ids["manager"]))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    page = officer.get(f"/staff/complaints/{upheld}").get_data(as_text=True)
    assert "Team meeting: call back within two working days" in page and "Maya Manager" in page
    with Session(get_engine(clean_db)) as session:
        action = session.exec(select(LessonAction)).one()
        assert (action.owner_id, action.due_on, action.status) == (staff_ids["manager"], due, "open")
        event = session.exec(select(AuditEvent).where(AuditEvent.action == "stage.lesson-action-added")).one()
        assert event.after["due_on"] == due.isoformat() and event.actor_label == "Olu Officer"

    for change, status in (("done", "done"), ("reopen", "open"), ("cancel", "cancelled")):
        assert officer.post(f"/staff/complaints/{upheld}/lesson-actions/{action.id}/{change}").status_code == 302
        with Session(get_engine(clean_db)) as session:
            assert session.get(LessonAction, action.id).status == status
    with Session(get_engine(clean_db)) as session:
        changes = session.exec(
            select(AuditEvent).where(AuditEvent.action == "stage.lesson-action-changed").order_by(AuditEvent.id)
        ).all()
        assert [e.after["status"] for e in changes] == ["done", "open", "cancelled"]
        assert session.get(LessonAction, action.id).done_on is None
    # Reminders were planned for it: none are due yet (two weeks away), so nothing is queued and nothing is lost.
    with Session(get_engine(clean_db)) as session:
        assert not [m for m in session.exec(select(OutboxMessage)).all() if m.idempotency_key.startswith("action:")]


def test_bad_actions_are_refused_with_the_field_and_nothing_saved(signed_in, upheld, staff_ids, clean_db, today):
    officer = signed_in("officer")
    due = today + timedelta(days=7)
    cases = [
        ({"owner": str(staff_ids["manager"]), "description": " "}, "Say what will change"),
        ({}, "Choose who will see the action through"),
        ({"owner": str(staff_ids["admin"])}, "Choose who will see the action through"),
        ({"owner": "99999999999999"}, "Choose who will see the action through"),
        ({"owner": str(staff_ids["manager"]), "due_on-day": "31", "due_on-month": "2"}, "Enter the date it is due"),
        ({"owner": str(staff_ids["manager"]), "description": "x" * 1001}, "1000 characters or fewer"),
        ({"owner": str(staff_ids["manager"]), "stage": "2"}, "upheld or partly upheld"),
    ]
    for change, message in cases:
        response = _add(officer, upheld, due, **change)
        assert response.status_code == 400, change
        assert message in response.get_data(as_text=True), change
    past = _add(officer, upheld, today - timedelta(days=1), owner=str(staff_ids["manager"]))
    assert past.status_code == 400 and "or later" in past.get_data(as_text=True)
    # Stage 1 of the other complaint was not upheld.
    other = _add(officer, "CS-TEST-0002", due, owner=str(staff_ids["manager"]))
    assert other.status_code == 400 and "upheld or partly upheld" in other.get_data(as_text=True)
    assert officer.post(f"/staff/complaints/{upheld}/lesson-actions/12345/done").status_code == 400
    with Session(get_engine(clean_db)) as session:
        assert session.exec(select(LessonAction)).all() == []


def test_open_actions_are_listed_per_team_and_a_manager_sees_their_own(
    signed_in, upheld, staff_ids, write, clean_db, today
):
    officer = signed_in("officer")
    assert _add(officer, upheld, today + timedelta(days=1), owner=str(staff_ids["officer"])).status_code == 302

    def early_help_action(session):
        other = session.exec(select(StageRecord).where(StageRecord.outcome == "not-upheld")).first()
        other.outcome = "partially-upheld"
        session.add(other)
        session.add(
            LessonAction(
                stage_record_id=other.id,
                description="Early help leaflet rewritten",
                owner_id=staff_ids["officer"],
                due_on=today - timedelta(days=3),
            )
        )

    write(early_help_action)
    page = officer.get("/staff/actions").get_data(as_text=True)
    assert "2 open actions" in page and "Early help leaflet rewritten" in page and "Overdue" in page
    only = officer.get("/staff/actions?team=leaving-care").get_data(as_text=True)
    assert "1 open action" in only and "Early help leaflet rewritten" not in only
    manager = signed_in("manager")  # Leaving Care's manager
    theirs = manager.get("/staff/actions").get_data(as_text=True)
    assert "1 open action" in theirs and "Early help leaflet rewritten" not in theirs
    assert manager.get("/staff/actions?team=early-help").status_code == 404
    assert signed_in("admin").get("/staff/actions").status_code == 403


def test_the_retention_purge_removes_an_actions_words_and_keeps_the_action(db_session, settings):
    owner = add_officer(db_session)
    old = add_complaint(
        db_session, team=add_team(db_session), received=date(2018, 1, 8), responded={1: date(2018, 1, 19)}
    )
    stage = first_stage(db_session, old)
    stage.outcome = "upheld"
    db_session.add(
        LessonAction(
            stage_record_id=stage.id,
            description="Apologise to Sam's grandmother",
            owner_id=owner.id,
            due_on=date(2018, 2, 1),
            status="done",
            done_on=date(2018, 1, 30),
        )
    )
    db_session.flush()
    now = datetime(2026, 11, 26, 12, tzinfo=UTC)
    assert purge_closed_before(db_session, date(2020, 11, 26), settings.timezone, now).complaints == 1
    action = db_session.exec(select(LessonAction)).one()
    assert (action.description, action.status, action.due_on) == ("(removed)", "done", date(2018, 2, 1))


def test_an_action_gets_a_new_date_and_a_past_one_is_refused(signed_in, upheld, staff_ids, clean_db, today):
    officer = signed_in("officer")
    assert _add(officer, upheld, today + timedelta(days=3), owner=str(staff_ids["officer"])).status_code == 302
    with Session(get_engine(clean_db)) as session:
        action = session.exec(select(LessonAction)).one()
    later = today + timedelta(days=30)
    url = f"/staff/complaints/{upheld}/lesson-actions/{action.id}/update"
    form = {"action_id": str(action.id), "due_on-day": str(later.day), "due_on-month": str(later.month)}
    assert officer.post(url, data=form | {"due_on-year": str(later.year)}).status_code == 302
    refused = officer.post(url, data=form | {"due_on-year": str(today.year - 1)})
    assert refused.status_code == 400 and "or later" in refused.get_data(as_text=True)
    assert f'href="#action-{action.id}-due_on-day"' in refused.get_data(as_text=True)
    with Session(get_engine(clean_db)) as session:
        assert session.get(LessonAction, action.id).due_on == later
        (event,) = session.exec(select(AuditEvent).where(AuditEvent.action == "stage.lesson-action-changed")).all()
        assert event.before["due_on"] == (today + timedelta(days=3)).isoformat()
        assert event.after["due_on"] == later.isoformat()
