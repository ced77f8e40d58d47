"""An officer takes a complaint from triage to a stage 1 response, in a real Chromium, checked with axe."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import select

from casework.accounts import create_staff
from models.staff import StaffUser
from reminders.calendar import WorkingCalendar
from tests.factories import PASSWORD, add_complaint

EMAIL = "browser-officer@example.test"
REFERENCE = "CS-BRWS-0001"
STATUS_TOKEN = "browser-status-token-0123456789abcdefghijklmnop"

pytestmark = pytest.mark.browser


@pytest.fixture
def triage_complaint(live_server):
    settings = live_server.settings
    today = datetime.now(settings.timezone).date()
    with live_server.session() as session:
        if session.exec(select(StaffUser.id).where(StaffUser.email == EMAIL)).first() is None:
            create_staff(session, settings, email=EMAIL, name="Bea Browser", role="officer", password=PASSWORD)
        complaint = add_complaint(
            session,
            reference=REFERENCE,
            team=None,
            received=WorkingCalendar().subtract_working_days(today, 12),
            token=STATUS_TOKEN,
        )
        complaint.about_text = "my leaving care worker"
        session.add(complaint)


def test_triage_to_stage_1_response(live_server, desk, triage_complaint, assert_accessible):
    page = desk
    page.goto(f"{live_server.url}/staff/sign-in")
    assert_accessible(page, "sign in")
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/queue")
    assert_accessible(page, "queue")

    page.get_by_role("link", name="Triage").first.click()
    page.wait_for_url("**/staff/triage")
    assert_accessible(page, "triage")
    section = page.locator("section", has_text=REFERENCE)
    assert "Leaving Care" in section.inner_text()  # the router's suggestion
    section.get_by_label(f"Team for {REFERENCE}").select_option("leaving-care")
    section.get_by_role("button", name="Assign").click()
    page.wait_for_url("**/staff/triage")
    assert "The team was changed." in page.content()
    assert page.locator("section", has_text=REFERENCE).count() == 0

    page.goto(f"{live_server.url}/staff/queue?state=overdue")
    page.get_by_role("link", name=REFERENCE).click()
    page.wait_for_url(f"**/staff/complaints/{REFERENCE}")
    assert_accessible(page, "complaint")
    page.locator("#action-respond summary").click()
    form = page.locator("#action-respond")
    form.get_by_label("Upheld", exact=True).check()
    form.get_by_label("Poor communication").check()
    form.get_by_label("Summary of the response").fill("We apologised and set up a weekly call.")
    # The keyboard alone can send the form.
    form.get_by_role("button", name="Record the response").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".govuk-error-summary").count() == 0, page.locator(".govuk-error-summary").inner_text()
    assert "The response was recorded." in page.content()
    stage_row = page.locator("table tbody tr").first.inner_text()
    assert "Upheld" in stage_row and "Poor communication" in stage_row
    assert_accessible(page, "complaint after the response")

    # What the complainant now sees through their private link.
    page.goto(f"{live_server.url}/status/{STATUS_TOKEN}")
    assert page.get_by_role("heading", level=1).inner_text() == "We have replied"
    assert_accessible(page, "status page")


def test_admin_pages_are_accessible(live_server, desk, assert_accessible):
    with live_server.session() as session:
        if session.exec(select(StaffUser.id).where(StaffUser.email == "browser-admin@example.test")).first() is None:
            create_staff(
                session,
                live_server.settings,
                email="browser-admin@example.test",
                name="Abe Admin",
                role="admin",
                password=PASSWORD,
            )
    page = desk
    page.goto(f"{live_server.url}/staff/sign-in")
    page.get_by_label("Email address").fill("browser-admin@example.test")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/admin/accounts")
    assert_accessible(page, "staff accounts")
    page.get_by_role("link", name="Team directory").click()
    page.wait_for_url("**/staff/admin/teams")
    assert_accessible(page, "team directory")
