"""Staff log a complaint that came by phone, letter, email or in person: the chat's deadlines, routing,
safeguarding check and acknowledgement; bad input is said and kept; nothing half-written."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, col, select

from intake.submission import stage_one_due
from models.audit import Action, AuditEvent
from models.complaints import Complaint, StageRecord
from models.db import get_engine
from models.outbox import OutboxMessage
from models.teams import Team

pytestmark = pytest.mark.usefixtures("staff_ids")


def form(today: date, **changes) -> dict[str, str]:
    received = changes.pop("received", today)
    values = {
        "channel": "phone",
        "received_on-day": str(received.day),
        "received_on-month": str(received.month),
        "received_on-year": str(received.year),
        "role": "care-leaver",
        "name": "Jordan Okafor-Whitlock",
        "contact": "email",
        "email": "jordan@example.test",
        "phone": "07700 900 321",
        "team": "leaving-care",
        "about": "my PA",
        "what_happened": "My setting up home grant has not come and my flat has no cooker.",
        "wanted": "The grant paid this week.",
    }
    values.update(changes)
    return {key: value for key, value in values.items() if value is not None}


def logged(clean_db, **where) -> list[Complaint]:
    with Session(get_engine(clean_db)) as session:
        return list(session.exec(select(Complaint).filter_by(**where)).all())


def test_an_officer_logs_a_phone_call_from_last_week(signed_in, clean_db, today, settings, staff_ids):
    received = today - timedelta(days=6)
    officer = signed_in("officer")
    assert "Log a complaint" in officer.get("/staff/complaints/new").get_data(as_text=True)
    response = officer.post("/staff/complaints/new", data=form(today, received=received))
    assert response.status_code == 302
    [complaint] = logged(clean_db)
    assert response.headers["Location"] == f"/staff/complaints/{complaint.reference}"
    assert complaint.channel == "phone" and complaint.routing_decision == "manual"
    assert complaint.received_at.astimezone(settings.timezone).date() == received
    assert complaint.status_token_hash  # the acknowledgement carries a private status link
    with Session(get_engine(clean_db)) as session:
        [stage] = session.exec(select(StageRecord).where(StageRecord.complaint_id == complaint.id)).all()
        assert stage.received_on == received and stage.due_on == stage_one_due(settings, received)
        [event] = session.exec(select(AuditEvent).where(AuditEvent.complaint_id == complaint.id)).all()
        assert event.action == Action.COMPLAINT_RECEIVED and event.actor_id == staff_ids["officer"]
        assert event.after == {"channel": "phone", "routing_decision": "manual", "team": "leaving-care"}
        templates = set(session.exec(select(OutboxMessage.template).where(OutboxMessage.complaint_id == complaint.id)))
    assert "acknowledgement" in templates
    page = officer.get(response.headers["Location"]).get_data(as_text=True)
    assert "is logged and went to Leaving Care" in page
    found = officer.get("/staff/search", query_string={"q": "Okafor-Whitlock"}).get_data(as_text=True)
    assert complaint.reference in found


def test_left_to_the_service_it_is_routed_as_the_chat_routes_and_danger_is_flagged(signed_in, clean_db, today):
    officer = signed_in("officer")
    danger = "My stepdad hits me when mum is at work and I have bruises."
    response = officer.post(
        "/staff/complaints/new",
        data=form(today, team="", about="my PA in leaving care", what_happened=danger, channel="in-person"),
    )
    assert response.status_code == 302
    [complaint] = logged(clean_db)
    with Session(get_engine(clean_db)) as session:
        team = session.get(Team, complaint.team_id)
        alerts = session.exec(
            select(OutboxMessage.template).where(
                OutboxMessage.complaint_id == complaint.id, col(OutboxMessage.template).contains("safeguarding")
            )
        ).all()
    assert team is not None and team.slug == "leaving-care" and complaint.routing_decision == "auto"
    assert complaint.safeguarding_flag and "physical-harm" in complaint.safeguarding_categories
    assert alerts
    assert "duty manager has been alerted" in officer.get(response.headers["Location"]).get_data(as_text=True)


def test_nothing_clear_goes_to_triage_and_a_worry_flags_it(signed_in, clean_db, today):
    officer = signed_in("officer")
    data = form(today, team="", about="", what_happened="Nobody answers the phone.", worried="yes", contact="none")
    data["email"] = ""
    assert officer.post("/staff/complaints/new", data=data).status_code == 302
    [complaint] = logged(clean_db)
    assert complaint.status == "awaiting-triage" and complaint.team_id is None
    assert complaint.safeguarding_categories == ["feels-unsafe"]


def test_a_received_date_next_year_is_said_and_everything_typed_is_kept(signed_in, clean_db, today):
    officer = signed_in("officer")
    next_year = today.replace(year=today.year + 1, day=min(today.day, 28))
    response = officer.post("/staff/complaints/new", data=form(today, received=next_year))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "There is a problem" in html
    assert "The date it was received must be today or in the past" in html
    assert 'href="#received_on-day"' in html
    assert f'value="{next_year.year}"' in html
    assert 'value="Jordan Okafor-Whitlock"' in html and "my flat has no cooker" in html
    assert 'value="phone" checked' in html
    assert logged(clean_db) == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"received": date(1989, 12, 31)}, "must be after 1 January 1990"),
        ({"received_on-day": "31", "received_on-month": "2"}, "Enter a real date it was received"),
        ({"received_on-day": "", "received_on-month": "", "received_on-year": ""}, "Enter the date the complaint"),
        ({"channel": "online"}, "Choose how the complaint came to us"),
        ({"role": ""}, "Choose who is complaining"),
        ({"what_happened": "  "}, "Enter what happened"),
        ({"email": "jordan@"}, "Enter an email address like name@example.com"),
        ({"contact": "phone", "phone": "12"}, "Enter a phone number"),
        ({"contact": "post"}, "Enter their postal address"),
        ({"contact": "advocate"}, "Enter their advocate&#39;s name"),
        ({"role": "parent", "on_behalf_of": "Mia"}, "Choose whether the child or young person agreed"),
        ({"team": "no-such-team"}, "Choose a team from the list"),
        ({"what_happened": "x" * 5001}, "5000 characters or fewer"),
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_is_written(signed_in, clean_db, today, changes, message):
    response = signed_in("officer").post("/staff/complaints/new", data=form(today, **changes))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert logged(clean_db) == []


def test_for_a_child_with_consent_and_a_letter(signed_in, clean_db, today):
    officer = signed_in("officer")
    data = form(
        today, role="parent", on_behalf_of="Mia", consent="given", channel="letter", contact="post", address="1 Road"
    )
    assert officer.post("/staff/complaints/new", data=data).status_code == 302
    [complaint] = logged(clean_db)
    assert (complaint.on_behalf_of, complaint.child_consent, complaint.channel) == ("Mia", "given", "letter")
    assert complaint.postal_address == "1 Road" and complaint.contact_method == "post"


def test_a_manager_who_logs_one_for_another_team_is_sent_back_to_the_queue(signed_in, clean_db, today):
    response = signed_in("manager").post("/staff/complaints/new", data=form(today, team="", about="child protection"))
    [complaint] = logged(clean_db)
    assert complaint.team_id is not None
    assert response.headers["Location"] == "/staff/queue"


def test_admins_cannot_log_complaints(signed_in, today):
    admin = signed_in("admin")
    assert admin.get("/staff/complaints/new").status_code == 403
    assert admin.post("/staff/complaints/new", data=form(today)).status_code == 403


def test_received_today_is_received_now(signed_in, clean_db, today, now):
    before = now
    assert signed_in("officer").post("/staff/complaints/new", data=form(today)).status_code == 302
    [complaint] = logged(clean_db)
    assert complaint.received_at >= before.replace(microsecond=0)
