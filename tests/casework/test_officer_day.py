"""An officer's day on one complaint, through the real outbox to a real SMTP server (aiosmtpd on 127.0.0.1): add a
note and a PDF, extend (the complainant is told, with the new date and why), record the response and send the
stage 1 response letter by email; the letter is in the log and the status page shows each event.

And the other ways of being told: post puts the letter in the list to post, no contact writes nothing."""

from __future__ import annotations

import io

from sqlmodel import select

from content.dates import long_date
from models.complaints import Complaint
from models.db import get_engine
from models.outbox import OutboxMessage
from models.records import CaseEntry
from reminders.calendar import WorkingCalendar
from reminders.sweep import send_due
from tests.casework.test_files import PDF, multipart
from tests.conftest import make_settings
from tests.factories import add_complaint, london, sign_in
from tests.html import Page
from tests.reminders.conftest import SmtpServer, free_port
from web.context import CLOCK
from wsgi import create_app

TOKEN = "an-officers-day-status-token-" + "y" * 20


def text_of(html: str) -> str:
    return Page(html).one("main").text


def body_of(message) -> str:
    return "\n".join(
        part.get_payload(decode=True).decode() for part in message.walk() if part.get_content_type() == "text/plain"
    )


def open_complaint(write, today, **kwargs):
    received = WorkingCalendar().subtract_working_days(today, 3)
    complaint = write(lambda s: add_complaint(s, team="leaving-care", received=london(received), token=TOKEN, **kwargs))
    return complaint.reference, received


def extend_form(received):
    new_date = WorkingCalendar().add_working_days(received, 15)
    return new_date, {
        "extend_to-day": new_date.day,
        "extend_to-month": new_date.month,
        "extend_to-year": new_date.year,
        "reason": "We are waiting to speak to your personal adviser, who is away.",
    }


def test_an_officers_day_ends_with_the_letter_in_the_inbox_the_log_and_the_status_page(
    clean_db, staff_ids, tmp_path, write, db_session, today, clock
):
    smtp = SmtpServer(free_port())
    smtp.start()
    try:
        settings = make_settings(clean_db, tmp_path, mail_backend="smtp", smtp_port=smtp.port)
        app = create_app(settings)
        app.config["WTF_CSRF_ENABLED"] = False
        app.config[CLOCK] = clock  # the day's work happens on the tests' fixed day (today), as the sweep below
        officer = sign_in(app, "officer")
        reference, received = open_complaint(write, today)

        assert officer.post(f"/staff/complaints/{reference}/notes", data={"body": "Rang Sam."}).status_code == 303
        pdf = multipart(f"/staff/complaints/{reference}/files", officer, file=(io.BytesIO(PDF), "flat.pdf"))
        assert pdf.status_code == 303
        new_date, form = extend_form(received)
        assert officer.post(f"/staff/complaints/{reference}/extend", data=form).status_code == 302
        responded = officer.post(
            f"/staff/complaints/{reference}/respond",
            data={
                "responded_on-day": today.day,
                "responded_on-month": today.month,
                "responded_on-year": today.year,
                "outcome": "upheld",
                "learning": "delays",
                "summary": "We were too slow. Your PA will call every Friday.",
            },
        )
        assert responded.status_code == 302
        draft = Page(
            officer.get(f"/staff/complaints/{reference}/letters/new?kind=stage-1-response").get_data(as_text=True)
        )
        sent = officer.post(
            f"/staff/complaints/{reference}/letters",
            data={
                "kind": "stage-1-response",
                "subject": draft.one("#letter-subject").attrs["value"],
                "body": draft.one("#letter-body").text + "\n\nPS: your PA is Jo.",
                "how": "email",
            },
        )
        assert sent.status_code == 303

        # The outbox sends in office hours: a sweep at 11am on the next working day finds both letters due.
        report = send_due(get_engine(clean_db), settings, london(WorkingCalendar().add_working_days(today, 1), 11))

        assert report.sent >= 2
        letters = {m["Subject"]: body_of(m) for m in smtp.inbox.messages if m["To"] == "sam@example.test"}
        extension = letters[f"We need more time to reply - reference {reference}"]
        assert "We are waiting to speak to your personal adviser, who is away." in extension
        assert "We will now reply by" in extension
        reply = letters[f"Our reply to your complaint - reference {reference}"]
        assert "We agreed with your complaint." in reply and "PS: your PA is Jo." in reply and "Tell us by" in reply
        log = text_of(officer.get(f"/staff/complaints/{reference}").get_data(as_text=True)).split(
            "Notes and correspondence"
        )[1]
        assert "Rang Sam." in log and "Our reply to your complaint" in log and "Emailed: sent" in log
        assert "flat.pdf" in text_of(officer.get(f"/staff/complaints/{reference}").get_data(as_text=True))
        status = text_of(app.test_client().get(f"/status/{TOKEN}").get_data(as_text=True))
        assert "We needed more time." in status and "This is why: We are waiting to speak" in status
        assert "We emailed you: We need more time to reply." in status
        assert "We emailed you: Our reply to your complaint." in status
        assert "We replied. We agreed with your complaint." in status
    finally:
        smtp.stop()


def test_by_post_the_extension_letter_waits_in_the_list_to_post(signed_in, write, db_session, today):
    reference, received = open_complaint(write, today, email="")
    write(lambda s: _set_contact(s, reference, "post", "1 High Street\nExampletown\nEX1 2AB"))
    officer = signed_in("officer")
    _, form = extend_form(received)

    assert officer.post(f"/staff/complaints/{reference}/extend", data=form).status_code == 302

    entry = db_session.exec(select(CaseEntry)).one()
    assert (entry.letter_kind, entry.delivery, entry.by_label) == ("extension", "to-post", "system")
    assert "We will now reply by" in entry.body
    assert db_session.exec(select(OutboxMessage).where(OutboxMessage.template == "letter")).all() == []
    assert reference in text_of(officer.get("/staff/to-post").get_data(as_text=True))
    pdf = officer.get(f"/staff/complaints/{reference}/letters/{entry.id}.pdf")
    assert pdf.data.startswith(b"%PDF")


def test_no_contact_means_no_letter_but_the_status_page_shows_the_new_date(
    signed_in, write, db_session, today, staff_app
):
    reference, received = open_complaint(write, today, email="")
    write(lambda s: _set_contact(s, reference, "none", ""))
    new_date, form = extend_form(received)

    assert signed_in("officer").post(f"/staff/complaints/{reference}/extend", data=form).status_code == 302

    assert db_session.exec(select(CaseEntry)).all() == []
    events = Page(staff_app.test_client().get(f"/status/{TOKEN}").get_data(as_text=True)).one(".casework-status-events")
    assert f"We needed more time. We will now reply by {long_date(new_date)}." in events.text
    assert "This is why: We are waiting to speak to your personal adviser, who is away." in events.text


def test_a_stage_2_request_tells_them_the_new_reply_by_date(signed_in, write, db_session, today):
    calendar = WorkingCalendar()
    received = calendar.subtract_working_days(today, 6)
    responded = calendar.add_working_days(received, 2)
    reference = write(
        lambda s: add_complaint(
            s, team="leaving-care", received=london(received), responded={1: responded}, token=TOKEN
        )
    ).reference
    form = {"requested_on-day": today.day, "requested_on-month": today.month, "requested_on-year": today.year}

    assert signed_in("officer").post(f"/staff/complaints/{reference}/escalate", data=form).status_code == 302

    entry = db_session.exec(select(CaseEntry)).one()
    assert entry.letter_kind == "stage-received" and entry.stage == 2 and entry.delivery == "emailed"
    assert "Someone who does not work in the team you told us about will look into it." in entry.body
    assert "We will reply by" in entry.body


def _set_contact(session, reference, method, address):
    complaint = session.exec(select(Complaint).where(Complaint.reference == reference)).one()
    complaint.contact_method, complaint.postal_address = method, address
    session.add(complaint)


def test_by_phone_the_letter_waits_marked_phone_them(signed_in, write, db_session, today):
    reference, received = open_complaint(write, today, email="")
    write(lambda s: _set_contact(s, reference, "phone", ""))
    officer = signed_in("officer")
    _, form = extend_form(received)

    assert officer.post(f"/staff/complaints/{reference}/extend", data=form).status_code == 302

    entry = db_session.exec(select(CaseEntry)).one()
    assert (entry.letter_kind, entry.delivery) == ("extension", "to-phone")
    row = Page(officer.get("/staff/to-post").get_data(as_text=True)).one(f"tr:has(a[href$='{reference}'])")
    assert "Phone them" in row.text
