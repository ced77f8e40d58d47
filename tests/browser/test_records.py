"""The records pages in a real Chromium, checked with axe at a desk and on a phone: feedback, the reasons list and
the Ombudsman record with its remedy."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from sqlmodel import select

from casework.accounts import create_staff
from models.complaints import StageRecord
from models.staff import StaffUser
from reminders.calendar import WorkingCalendar
from tests.factories import PASSWORD, add_complaint

OFFICER, ADMIN = "records-officer@example.test", "records-admin@example.test"
REFERENCE = "CS-RCRD-0001"

pytestmark = pytest.mark.browser


@pytest.fixture(params=[(1366, 768), (360, 740)], ids=["desk", "phone"])
def screen(browser, request):
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def records(live_server):
    settings = live_server.settings
    today = datetime.now(settings.timezone).date()
    calendar = WorkingCalendar()
    with live_server.session() as session:
        for email, name, role in ((OFFICER, "Rory Records", "officer"), (ADMIN, "Ada Admin", "admin")):
            if session.exec(select(StaffUser.id).where(StaffUser.email == email)).first() is None:
                create_staff(session, settings, email=email, name=name, role=role, password=PASSWORD)
        done = session.exec(select(StageRecord).where(StageRecord.ombudsman_reference == "24 001 999")).first()
        if done is not None:  # the other screen size's run carried it out: waiting again
            done.remedy_done_on = None
            session.add(done)
            return
        complaint = add_complaint(
            session,
            reference=REFERENCE,
            team="leaving-care",
            received=calendar.subtract_working_days(today, 90),
            stages=4,
            responded={n: calendar.subtract_working_days(today, 80 - 20 * n) for n in (1, 2, 3, 4)},
        )
        record = session.exec(
            select(StageRecord).where(StageRecord.complaint_id == complaint.id, StageRecord.stage == 4)
        ).one()
        record.ombudsman_reference, record.ombudsman_decision = "24 001 999", "upheld"
        record.remedy, record.remedy_amount = "Apologise and pay for the missed support", Decimal(150)
        record.remedy_due_on = calendar.add_working_days(today, 5)
        session.add(record)


def sign_in(page, url: str, email: str) -> None:
    page.goto(f"{url}/staff/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_feedback_and_the_ombudsman_record(live_server, screen, records, assert_accessible):
    page = screen
    sign_in(page, live_server.url, OFFICER)
    page.goto(f"{live_server.url}/staff/feedback")
    assert_accessible(page, "feedback")
    page.get_by_label("Kind").select_option("compliment")
    page.get_by_label("Summary").fill("A card thanking the leaving care team")
    page.get_by_role("button", name="Record feedback").click()
    page.wait_for_url("**/staff/feedback")
    assert "A card thanking the leaving care team" in page.content()

    page.goto(f"{live_server.url}/staff/complaints/{REFERENCE}")
    assert "24 001 999" in page.content() and "£150.00" in page.content()
    page.locator("#action-remedy-done summary").click()
    assert_accessible(page, "complaint with an Ombudsman remedy")
    page.locator("#action-remedy-done").get_by_role("button", name="Record the remedy as done").click()
    page.wait_for_url(f"**/staff/complaints/{REFERENCE}")
    assert "The remedy was recorded as carried out." in page.content()


def test_the_reasons_list(live_server, screen, records, assert_accessible):
    page = screen
    sign_in(page, live_server.url, ADMIN)
    page.goto(f"{live_server.url}/staff/admin/reasons")
    assert_accessible(page, "reasons")
    page.get_by_role("button", name="Add reason").click()  # empty: the error is shown against the field
    assert_accessible(page, "reasons with an error")
    assert "Enter the words staff will see" in page.content()
