"""Letters from templates: drafted in plain words for the reader, edited, sent by email (the outbox) or put in the
list to post as a PDF, logged; the templates are data admins edit with a preview, rendered in Jinja's sandbox."""

from __future__ import annotations

import re
import zlib

from sqlmodel import select

from casework.letter_wording import DEFAULT_LETTERS
from casework.letters import letter_pdf, new_letter_entry
from models.complaints import Complaint
from models.outbox import OutboxMessage
from models.records import CaseEntry, LetterTemplate
from reminders.calendar import WorkingCalendar
from tests.factories import add_complaint, london
from tests.html import Page


def text_of(html: str) -> str:
    return Page(html).one("main").text


def responded_complaint(write, today, role="care-leaver", **kwargs):
    calendar = WorkingCalendar()
    received = calendar.subtract_working_days(today, 5)
    return write(
        lambda s: add_complaint(s, team="leaving-care", received=london(received), role=role, **kwargs).reference
    )


def record_response(client, reference, today):
    response = client.post(
        f"/staff/complaints/{reference}/respond",
        data={
            "responded_on-day": today.day,
            "responded_on-month": today.month,
            "responded_on-year": today.year,
            "outcome": "partially-upheld",
            "learning": "poor-communication",
            "summary": "We should have called you back. Your PA will now call every Friday.",
        },
    )
    assert response.status_code == 302, text_of(response.get_data(as_text=True))


def test_the_stage_1_response_draft_says_what_we_found_and_how_to_ask_again_in_a_young_persons_words(
    signed_in, write, today
):
    reference = responded_complaint(write, today)
    officer = signed_in("officer")
    record_response(officer, reference, today)

    page = Page(officer.get(f"/staff/complaints/{reference}/letters/new?kind=stage-1-response").get_data(as_text=True))

    body = page.one("#letter-body").text
    assert page.one("#letter-subject").attrs["value"] == "Our reply to your complaint"
    assert body.startswith("Dear Sam Example,")
    assert "We agreed with some of your complaint." in body and "Your PA will now call every Friday." in body
    assert "you can ask us to look again" in body and "Tell us by" in body and reference in body
    assert "Best wishes," in body and "Olu Officer" in body
    assert "stage 1" not in body.lower() and "Leaving Care team" not in body  # no jargon to a care leaver


def test_the_stage_3_response_gives_the_ombudsman_and_a_grown_up_gets_grown_up_words(signed_in, write, today):
    calendar = WorkingCalendar()
    received = calendar.subtract_working_days(today, 15)
    responded = {n: calendar.add_working_days(received, 3 * n) for n in (1, 2, 3)}
    reference = write(
        lambda s: (
            add_complaint(
                s, team="leaving-care", received=london(received), role="parent", stages=3, responded=responded
            ).reference
        )
    )
    body = (
        Page(
            signed_in("officer")
            .get(f"/staff/complaints/{reference}/letters/new?kind=stage-3-response")
            .get_data(as_text=True)
        )
        .one("#letter-body")
        .text
    )

    assert "This is the end of our complaints process." in body
    assert "Local Government and Social Care Ombudsman" in body and "0300 061 0614" in body and "12 months" in body
    assert "Yours sincerely," in body and "ask us to look" not in body


def test_a_letter_sent_by_email_goes_through_the_outbox_and_lands_in_the_log_with_a_pdf(
    signed_in, write, db_session, today
):
    reference = responded_complaint(write, today)
    officer = signed_in("officer")

    response = officer.post(
        f"/staff/complaints/{reference}/letters",
        data={"kind": "stage-1-response", "subject": "Our reply", "body": "Dear Sam,\n\nWe are sorry.", "how": "email"},
    )

    assert response.status_code == 303
    entry = db_session.exec(select(CaseEntry)).one()
    message = db_session.exec(select(OutboxMessage).where(OutboxMessage.template == "letter")).one()
    assert entry.outbox_message_id == message.id and entry.delivery == "emailed"
    assert message.recipient == "sam@example.test" and message.context["body"] == "Dear Sam,\n\nWe are sorry."
    assert message.idempotency_key == f"complaint:{message.complaint_id}:letter:{entry.id}"
    page = officer.get(f"/staff/complaints/{reference}").get_data(as_text=True)
    log = text_of(page).split("Notes and correspondence", 1)[1]
    assert "Letter" in log and "Our reply" in log and "Emailed: waiting to send" in log
    pdf = officer.get(f"/staff/complaints/{reference}/letters/{entry.id}.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert pdf.headers["Content-Disposition"].startswith("attachment;")


def test_a_letter_for_post_waits_in_the_list_to_post_until_marked_posted(signed_in, write, db_session, today):
    reference = responded_complaint(write, today)
    officer = signed_in("officer")
    officer.post(
        f"/staff/complaints/{reference}/letters",
        data={"kind": "extension", "subject": "We need more time", "body": "Dear Sam,\n\nSorry.", "how": "post"},
    )
    entry = db_session.exec(select(CaseEntry)).one()

    listed = text_of(officer.get("/staff/to-post").get_data(as_text=True))
    assert reference in listed and "We need more time" in listed
    posted = officer.post(f"/staff/complaints/{reference}/letters/{entry.id}/posted")
    assert posted.status_code == 303
    assert reference not in text_of(officer.get("/staff/to-post").get_data(as_text=True))


def test_a_letter_with_no_words_or_no_address_is_refused_and_keeps_what_was_typed(signed_in, write, db_session, today):
    reference = responded_complaint(write, today, email="")
    officer = signed_in("officer")

    empty = officer.post(
        f"/staff/complaints/{reference}/letters",
        data={"kind": "stage-1-response", "subject": "Our reply", "body": "  ", "how": "post"},
    )
    no_email = officer.post(
        f"/staff/complaints/{reference}/letters",
        data={"kind": "stage-1-response", "subject": "Our reply", "body": "Dear Sam", "how": "email"},
    )

    assert empty.status_code == 400 and "Enter the letter" in text_of(empty.get_data(as_text=True))
    assert Page(empty.get_data(as_text=True)).one("#letter-subject").attrs["value"] == "Our reply"
    assert no_email.status_code == 400
    assert "There is no email address for them. Send it by post instead." in text_of(no_email.get_data(as_text=True))
    assert Page(no_email.get_data(as_text=True)).one("#letter-body").text == "Dear Sam"
    assert db_session.exec(select(CaseEntry)).all() == []


def test_an_admin_previews_and_saves_a_template_and_the_next_draft_uses_it(signed_in, write, db_session, today):
    admin = signed_in("admin")
    body = "{% if young %}Hi{% else %}Dear{% endif %} {{ name }}, we will reply by {{ reply_by }}. Ref {{ reference }}."

    preview = admin.post(
        "/staff/admin/letters/acknowledgement", data={"subject": "Got it", "body": body, "do": "preview"}
    )
    assert preview.status_code == 200
    shown = text_of(preview.get_data(as_text=True))
    assert "Dear Sam, we will reply by" in shown and "Hi Sam, we will reply by" in shown and "CS-ABCD-2345" in shown
    assert db_session.exec(select(LetterTemplate)).all() == []  # a preview saves nothing

    saved = admin.post("/staff/admin/letters/acknowledgement", data={"subject": "Got it", "body": body, "do": "save"})
    assert saved.status_code == 303
    reference = responded_complaint(write, today, role="parent")
    draft = Page(
        signed_in("officer")
        .get(f"/staff/complaints/{reference}/letters/new?kind=acknowledgement")
        .get_data(as_text=True)
    )
    assert draft.one("#letter-body").text.startswith("Dear Sam Example, we will reply by")
    assert draft.one("#letter-subject").attrs["value"] == "Got it"


def test_a_template_that_reaches_outside_the_sandbox_or_does_not_parse_is_refused(signed_in, db_session):
    admin = signed_in("admin")
    for body in ("{{ reference.__class__.__mro__ }}", "{% if young %}unfinished", "{{ no_such_name }}"):
        response = admin.post("/staff/admin/letters/extension", data={"subject": "x", "body": body, "do": "save"})
        assert response.status_code == 400, body
        assert "The template has a mistake" in text_of(response.get_data(as_text=True))
        assert Page(response.get_data(as_text=True)).one("#template-body").text == body
    assert db_session.exec(select(LetterTemplate)).all() == []


def test_only_admins_edit_templates_and_every_default_renders(signed_in):
    assert signed_in("officer").get("/staff/admin/letters").status_code == 403
    admin = signed_in("admin")
    for slug, kind in DEFAULT_LETTERS.items():
        response = admin.post(
            f"/staff/admin/letters/{slug}", data={"subject": kind.subject, "body": kind.body, "do": "preview"}
        )
        assert response.status_code == 200, slug


def test_the_list_to_post_shows_a_manager_only_their_teams_letters(signed_in, write, today):
    calendar = WorkingCalendar()
    received = london(calendar.subtract_working_days(today, 2))
    theirs = write(lambda s: add_complaint(s, team="leaving-care", received=received).reference)
    other = write(lambda s: add_complaint(s, team="assessments", received=received).reference)
    officer = signed_in("officer")
    for reference in (theirs, other):
        sent = officer.post(
            f"/staff/complaints/{reference}/letters",
            data={"kind": "acknowledgement", "subject": "Got it", "body": "Dear Sam", "how": "post"},
        )
        assert sent.status_code == 303

    everyone = text_of(officer.get("/staff/to-post").get_data(as_text=True))
    leaving_care = text_of(signed_in("manager").get("/staff/to-post").get_data(as_text=True))

    assert theirs in everyone and other in everyone
    assert theirs in leaving_care and other not in leaving_care


def test_the_letter_pdf_is_tagged_for_screen_readers(staff_ids, write, db_session, settings, today):
    reference = responded_complaint(write, today)
    complaint = db_session.exec(select(Complaint).where(Complaint.reference == reference)).one()
    entry = new_letter_entry(
        complaint,
        slug="acknowledgement",
        stage=1,
        subject="Got it",
        body="Dear Sam,\n\nWe got it.",
        at=london(today),
        by=None,
    )

    pdf = letter_pdf(complaint, entry, settings)

    assert pdf.startswith(b"%PDF")
    inside = b"".join(inflated(pdf))
    assert b"StructTreeRoot" in inside and b"/Lang" in inside and b"pdfuaid" in inside


def inflated(pdf: bytes) -> list[bytes]:
    """The PDF's compressed streams, opened: the structure tree and the metadata are inside them."""
    out = []
    for stream in re.findall(rb"stream\n(.*?)\nendstream", pdf, re.S):
        try:
            out.append(zlib.decompress(stream))
        except zlib.error:  # a font, say, compressed another way
            continue
    return out
