"""Notes and correspondence on the case page: added, listed, audited, searchable; refused clearly; role scope."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from casework.correspondence import searchable_text
from models.audit import Action, AuditEvent
from models.outbox import OutboxMessage
from models.records import CaseEntry
from reminders.policy import LETTER_EMAIL
from tests.factories import add_complaint, london
from tests.html import Page

TODAY = date(2026, 11, 26)


def page_text(html: str) -> str:
    return Page(html).one("main").text


def complaint_of(write, team="leaving-care"):
    return write(lambda s: add_complaint(s, team=team, received=london(TODAY)).reference)


def test_an_officer_adds_a_note_that_lands_in_the_log_and_the_search_text(signed_in, write, db_session):
    reference = complaint_of(write)
    officer = signed_in("officer")

    response = officer.post(f"/staff/complaints/{reference}/notes", data={"body": "Rang Sam's PA: callback booked."})

    assert response.status_code == 303
    page = page_text(officer.get(f"/staff/complaints/{reference}").get_data(as_text=True))
    assert "Rang Sam's PA: callback booked." in page and "Note" in page
    [entry] = db_session.exec(select(CaseEntry)).all()
    assert entry.kind == "note" and entry.direction == "internal" and entry.by_label == "Olu Officer"
    assert "callback booked" in searchable_text(db_session, entry.complaint_id)
    event = db_session.exec(select(AuditEvent).where(AuditEvent.action == Action.NOTE_ADDED)).one()
    # Counted, not copied: the audit trail never holds what the note says.
    assert event.after == {"entry": entry.id, "characters": len("Rang Sam's PA: callback booked.")}


def test_an_empty_note_is_a_clear_400_and_nothing_is_saved(signed_in, write, db_session):
    reference = complaint_of(write)
    response = signed_in("officer").post(f"/staff/complaints/{reference}/notes", data={"body": "   "})

    assert response.status_code == 400
    assert "Enter the note" in page_text(response.get_data(as_text=True))
    assert 'href="#note-body"' in response.get_data(as_text=True)
    assert db_session.exec(select(CaseEntry)).all() == []


def test_a_call_is_recorded_with_its_date_direction_and_summary_and_a_future_date_keeps_the_words(
    signed_in, write, db_session
):
    reference = complaint_of(write)
    officer = signed_in("officer")
    form = {"kind": "call", "direction": "in", "on-day": "1", "on-month": "1", "on-year": "2099", "summary": "Sam rang"}

    refused = officer.post(f"/staff/complaints/{reference}/contacts", data=form)

    assert refused.status_code == 400
    html = refused.get_data(as_text=True)
    assert "The date must be today or in the past" in page_text(html) and 'value="Sam rang"' in html
    done = officer.post(
        f"/staff/complaints/{reference}/contacts",
        data=form | {"on-year": "2025", "body": "Asked when the visit is."},
    )
    assert done.status_code == 303
    [entry] = db_session.exec(select(CaseEntry)).all()
    assert (entry.kind, entry.direction, entry.channel, entry.summary) == ("call", "in", "phone", "Sam rang")
    page = page_text(officer.get(f"/staff/complaints/{reference}").get_data(as_text=True))
    assert "Phone call" in page and "From them" in page and "1 January 2025" in page


def test_a_manager_of_another_team_can_neither_read_nor_write_the_log(signed_in, write, db_session):
    reference = complaint_of(write, team="assessments")  # the manager is Leaving Care's
    manager = signed_in("manager")

    assert manager.post(f"/staff/complaints/{reference}/notes", data={"body": "hello"}).status_code == 404
    assert db_session.exec(select(CaseEntry)).all() == []


def test_the_acknowledgement_the_outbox_sends_appears_in_the_log_by_itself(signed_in, write):
    def setup(session):
        complaint = add_complaint(session, team="leaving-care", received=london(TODAY))
        session.add(
            OutboxMessage(
                idempotency_key=f"complaint:{complaint.id}:acknowledgement",
                recipient=complaint.email,
                template="acknowledgement",
                context={},
                send_after=london(TODAY),
                complaint_id=complaint.id,
            )
        )
        # A staff reminder about the same complaint is not correspondence with the complainant.
        session.add(
            OutboxMessage(
                idempotency_key="stage:1:due-soon-manager:2026-12-01",
                recipient="manager@example.test",
                template="due-soon",
                context={},
                send_after=london(TODAY),
                complaint_id=complaint.id,
            )
        )
        return complaint.reference

    reference = write(setup)
    page = page_text(signed_in("officer").get(f"/staff/complaints/{reference}").get_data(as_text=True))
    log = page.split("Notes and correspondence", 1)[1].split("Files", 1)[0]
    assert "Email from the service" in log and "We got your complaint (acknowledgement)" in log
    assert "Waiting to send" in log
    assert "due soon" not in log.lower()
    assert LETTER_EMAIL == "letter"
