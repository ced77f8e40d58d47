"""An officer's day in a real Chromium: a note and a PDF, an extension, the stage 1 response, the response letter
edited and emailed; the letter is in the log and the complainant's status page says so. Checked with axe."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import select

from casework.accounts import create_staff
from models.db import get_engine
from models.staff import StaffUser
from reminders.calendar import WorkingCalendar
from reminders.sweep import send_due
from tests.casework.test_files import PDF
from tests.factories import PASSWORD, add_complaint, london

EMAIL = "letters-officer@example.test"
REFERENCE = "CS-LTRS-0001"
STATUS_TOKEN = "letters-status-token-0123456789abcdefghijklmnop"

pytestmark = pytest.mark.browser


@pytest.fixture
def open_complaint(live_server):
    settings = live_server.settings
    today = datetime.now(settings.timezone).date()
    received = WorkingCalendar().subtract_working_days(today, 3)
    with live_server.session() as session:
        if session.exec(select(StaffUser.id).where(StaffUser.email == EMAIL)).first() is None:
            create_staff(session, settings, email=EMAIL, name="Lee Letters", role="officer", password=PASSWORD)
        add_complaint(session, reference=REFERENCE, team="leaving-care", received=london(received), token=STATUS_TOKEN)
    return today, received


def test_an_officer_sends_the_response_letter_and_it_shows_in_the_log_and_the_status_page(
    live_server, desk, open_complaint, assert_accessible, tmp_path
):
    today, received = open_complaint
    page = desk
    page.goto(f"{live_server.url}/staff/sign-in")
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/queue")
    page.goto(f"{live_server.url}/staff/complaints/{REFERENCE}")

    # An empty note is refused, and says so next to the box.
    page.locator("#action-note summary").click()
    page.get_by_role("button", name="Add the note").click()
    assert "Enter the note" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("Note").fill("Rang Sam: PA off sick this week.")
    page.get_by_role("button", name="Add the note").click()
    assert "The note was added." in page.content()

    pdf = tmp_path / "letter from landlord.pdf"
    pdf.write_bytes(PDF)
    page.locator("#action-file summary").click()
    page.get_by_label("File", exact=True).set_input_files(str(pdf))
    page.get_by_role("button", name="Add the file").click()
    assert "letter from landlord.pdf was added." in page.content()

    new_date = WorkingCalendar().add_working_days(received, 15)
    page.locator("#action-extend summary").click()
    extend = page.locator("#action-extend")
    extend.get_by_label("Day").fill(str(new_date.day))
    extend.get_by_label("Month").fill(str(new_date.month))
    extend.get_by_label("Year").fill(str(new_date.year))
    extend.get_by_label("Reason").fill("Waiting to speak to the PA, who is off sick.")
    extend.get_by_role("button", name="Extend").click()
    assert "The deadline was extended." in page.content()

    page.locator("#action-respond summary").click()
    respond = page.locator("#action-respond")
    respond.get_by_label("Upheld", exact=True).check()
    respond.get_by_label("Poor communication").check()
    respond.get_by_label("Summary of the response").fill("We were slow to call back. Your PA will call every Friday.")
    respond.get_by_role("button", name="Record the response").click()
    assert "The response was recorded." in page.content()

    page.locator("#action-letter summary").click()
    page.get_by_label("Which letter?").select_option("stage-1-response")
    page.get_by_role("button", name="Write the letter").click()
    page.wait_for_url("**/letters/new?kind=stage-1-response")
    assert_accessible(page, "letter draft")
    letter = page.get_by_label("Letter", exact=True)
    assert "Your PA will call every Friday." in letter.input_value()
    letter.fill(letter.input_value() + "\n\nPS: Jo is your new PA.")
    page.get_by_role("button", name="Send the letter").click()
    page.wait_for_url(f"**/staff/complaints/{REFERENCE}#records")
    assert "The letter will be emailed." in page.content()
    log = page.locator(".casework-log").inner_text()
    assert "Our reply to your complaint" in log and "PS: Jo is your new PA." in log
    assert "We need more time to reply" in log  # the extension letter the service wrote by itself
    assert "Rang Sam: PA off sick this week." in log
    assert_accessible(page, "complaint with its log")

    # The scheduler's sweep sends both letters in office hours (the file mail backend here).
    next_morning = london(WorkingCalendar().add_working_days(today, 1), 11)
    send_due(get_engine(live_server.database_url), live_server.settings, next_morning)
    page.goto(f"{live_server.url}/staff/to-post")
    assert_accessible(page, "letters to post")
    page.goto(f"{live_server.url}/status/{STATUS_TOKEN}")
    events = page.locator(".casework-status-events").inner_text()
    assert "We needed more time." in events and "We replied. We agreed with your complaint." in events
    assert "We emailed you: Our reply to your complaint." in events
    assert "We emailed you: We need more time to reply." in events
    assert_accessible(page, "status page")
