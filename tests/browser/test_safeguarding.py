"""Staff on a phone: an unsent disclosure heads the queue, opens read-only, and is reviewed; checked with axe."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from casework.accounts import create_staff
from models.staff import StaffUser
from tests.casework.test_safeguarding import make_flagged_draft
from tests.factories import PASSWORD

EMAIL = "browser-duty@example.test"

pytestmark = pytest.mark.browser


def test_the_duty_manager_reads_and_reviews_an_unsent_disclosure(live_server, phone, assert_accessible):
    with live_server.session() as session:
        if session.exec(select(StaffUser.id).where(StaffUser.email == EMAIL)).first() is None:
            create_staff(session, live_server.settings, email=EMAIL, name="Dee Duty", role="officer", password=PASSWORD)
        draft_id = make_flagged_draft(session, live_server.settings, datetime.now(UTC), categories=("self-harm",))
    page = phone
    page.goto(f"{live_server.url}/staff/disclosures/{draft_id}")  # the alert's link: sign in, then straight there
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**/staff/disclosures/{draft_id}")
    assert "Self-harm or suicide" in page.content() and "No safe way to reach" in page.content()
    assert_accessible(page, "unsent disclosure")

    page.get_by_role("button", name="Record the review").click()  # nothing chosen: told what to fix
    assert page.locator(".govuk-error-summary").count() == 1
    assert_accessible(page, "review errors")
    page.get_by_label("Referred to MASH").check()
    page.get_by_label("Note").fill("Called MASH; a social worker visits today.")
    page.get_by_role("button", name="Record the review").click()
    assert "The safeguarding review was recorded." in page.content()
    assert "Referred to MASH" in page.locator(".casework-safeguarding__reviews").inner_text()

    page.goto(f"{live_server.url}/staff/queue")
    row = page.locator("tr", has=page.get_by_role("link", name="Not sent: disclosure")).filter(has_text="Self-harm")
    assert "Safeguarding: reviewed" in row.first.inner_text()
    assert_accessible(page, "queue with a disclosure")
