"""The audit trail: every view and every change of a complaint, who and when, before and after."""

from __future__ import annotations

from sqlmodel import Session, select

from models.audit import AuditEvent
from models.db import get_engine
from tests.factories import add_complaint, sign_in

REF = "CS-AUDT-0001"


def events(clean_db, action=None):
    with Session(get_engine(clean_db)) as session:
        statement = select(AuditEvent).where(AuditEvent.complaint_id.is_not(None)).order_by(AuditEvent.id)
        rows = session.exec(statement).all()
    return [row for row in rows if action is None or row.action == action]


def add_the_complaint(write, calendar, today):
    write(
        lambda s: add_complaint(
            s, reference=REF, team="leaving-care", received=calendar.subtract_working_days(today, 3)
        )
    )


def test_every_view_is_an_audit_event(casework_app, staff_ids, write, clean_db, calendar, today):
    add_the_complaint(write, calendar, today)
    officer = sign_in(casework_app, "officer")
    officer.get(f"/staff/complaints/{REF}")
    sign_in(casework_app, "manager").get(f"/staff/complaints/{REF}")
    viewed = events(clean_db, "complaint.viewed")
    assert [event.actor_id for event in viewed] == [staff_ids["officer"], staff_ids["manager"]]
    officer.get(f"/staff/complaints/{REF}/subject-access.json")
    assert len(events(clean_db, "complaint.subject-access-exported")) == 1


def test_a_change_records_before_and_after(casework_app, staff_ids, write, clean_db, calendar, today):
    add_the_complaint(write, calendar, today)
    client = sign_in(casework_app, "officer")
    response = client.post(
        f"/staff/complaints/{REF}/assign", data={"team": "assessments", "reason": "About an assessment"}
    )
    assert response.status_code == 302
    (event,) = events(clean_db, "complaint.team-reassigned")
    assert event.actor_id == staff_ids["officer"]
    assert event.before["status"] == "open" and event.after["team"] == "assessments"
    assert event.after["reason"] == "About an assessment"


def test_a_refused_action_leaves_no_trace(casework_app, staff_ids, write, clean_db, calendar, today):
    add_the_complaint(write, calendar, today)
    client = sign_in(casework_app, "officer")
    response = client.post(f"/staff/complaints/{REF}/assign", data={"team": "assessments", "reason": ""})
    assert response.status_code == 400
    assert "Enter a reason" in response.get_data(as_text=True)
    assert 'href="#assign-reason"' in response.get_data(as_text=True)
    assert events(clean_db) == []


def test_the_audit_trail_is_shown_to_officers_not_managers(casework_app, staff_ids, write, calendar, today):
    add_the_complaint(write, calendar, today)
    officer = sign_in(casework_app, "officer").get(f"/staff/complaints/{REF}")
    assert officer.status_code == 200 and "viewed by Olu Officer" in officer.get_data(as_text=True)
    manager = sign_in(casework_app, "manager").get(f"/staff/complaints/{REF}")
    # The manager sees the complaint itself (else the absence below would prove nothing), but not its trail.
    assert manager.status_code == 200 and REF in manager.get_data(as_text=True)
    assert "viewed by" not in manager.get_data(as_text=True)
    assert "subject access" not in manager.get_data(as_text=True)


def test_there_is_no_way_to_edit_the_audit_trail_through_the_app(casework_app):
    for rule in casework_app.url_map.iter_rules():
        assert "audit" not in rule.rule, rule.rule


def test_the_triage_list_counts_as_a_view_of_each_complaint(signed_in, staff_ids, write, clean_db, today):
    write(lambda s: add_complaint(s, reference="CS-TRIA-0001", team=None, received=today))
    signed_in("officer").get("/staff/triage")
    (event,) = events(clean_db, "complaint.viewed-in-triage")
    assert event.actor_id == staff_ids["officer"]
