"""An officer adds an action to an upheld stage and finds it in the open actions list: Chromium at 1366x768 and
360x740, axe on every page."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlmodel import select

from casework.accounts import create_staff
from models.complaints import Complaint
from models.staff import StaffUser
from tests.factories import PASSWORD, add_complaint, first_stage

pytestmark = pytest.mark.browser

EMAIL = "browser-lessons@example.test"
REFERENCE = "CS-LSSN-0001"
ACTION = "Weekly call with every care leaver waiting for a flat"


@pytest.fixture
def upheld_complaint(live_server):
    settings = live_server.settings
    today = datetime.now(settings.timezone).date()
    with live_server.session() as session:
        if session.exec(select(StaffUser.id).where(StaffUser.email == EMAIL)).first() is None:
            create_staff(session, settings, email=EMAIL, name="Lou Lessons", role="officer", password=PASSWORD)
        if session.exec(select(Complaint.id).where(Complaint.reference == REFERENCE)).first() is None:
            complaint = add_complaint(
                session,
                reference=REFERENCE,
                team="leaving-care",
                received=today - timedelta(days=20),
                responded={1: today},
            )
            stage = first_stage(session, complaint)
            stage.outcome = "partially-upheld"
            session.add(stage)
    return today


@pytest.mark.parametrize("size", [{"width": 1366, "height": 768}, {"width": 360, "height": 740}])
def test_an_action_is_added_and_listed(live_server, browser, upheld_complaint, assert_accessible, size):
    context = browser.new_context(viewport=size)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/staff/sign-in")
        page.get_by_label("Email address").fill(EMAIL)
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/staff/queue**")
        page.goto(f"{live_server.url}/staff/complaints/{REFERENCE}")
        page.get_by_text("Add an action to stage 1").click()
        due = upheld_complaint + timedelta(days=21)
        section = page.locator("#lesson-actions ~ details").first
        section.get_by_label("What will change").fill(f"{ACTION} ({size['width']})")
        section.get_by_label("Who will see it through").select_option(label="Lou Lessons")
        section.get_by_label("Day").fill(str(due.day))
        section.get_by_label("Month").fill(str(due.month))
        section.get_by_label("Year").fill(str(due.year))
        section.get_by_role("button", name="Add the action").click()
        page.wait_for_url(f"**/staff/complaints/{REFERENCE}#lesson-actions")
        assert "The action was added." in page.content()
        assert f"{ACTION} ({size['width']})" in page.locator("#lesson-actions ~ table").first.inner_text()
        assert_accessible(page, "complaint with a lesson action")

        page.get_by_role("link", name="Lesson actions").first.click()
        page.wait_for_url("**/staff/actions")
        row = page.locator("tr", has_text=f"{ACTION} ({size['width']})")
        assert REFERENCE in row.inner_text() and "Lou Lessons" in row.inner_text()
        assert_accessible(page, "open lesson actions")
    finally:
        context.close()
