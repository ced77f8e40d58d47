"""An officer logs a phone complaint, finds it by the caller's name and opens it, in a real Chromium, with axe."""

from __future__ import annotations

import pytest
from sqlmodel import select

from casework.accounts import create_staff
from models.staff import StaffUser
from tests.factories import PASSWORD

EMAIL = "browser-logger@example.test"
NAME = "Marisol Quennell-Atkins"

pytestmark = pytest.mark.browser


@pytest.fixture
def officer(live_server):
    with live_server.session() as session:
        if session.exec(select(StaffUser.id).where(StaffUser.email == EMAIL)).first() is None:
            create_staff(
                session, live_server.settings, email=EMAIL, name="Lou Logger", role="officer", password=PASSWORD
            )


def test_log_a_phone_complaint_find_it_by_name_and_open_it(live_server, desk, officer, assert_accessible):
    page = desk
    page.goto(f"{live_server.url}/staff/sign-in")
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/queue")

    page.get_by_role("link", name="Log a complaint").click()
    page.wait_for_url("**/staff/complaints/new")
    assert_accessible(page, "log a complaint")
    page.get_by_role("group", name="How did the complaint come in?").get_by_label("Phone").check()
    # The received date starts as today; a call taken yesterday would be changed here.
    page.get_by_label("Care leaver").check()
    page.get_by_label("Their name").fill(NAME)
    page.get_by_role("group", name="How should our reply reach them?").get_by_label("Email").check()
    page.get_by_label("Email address").fill("marisol@example.test")
    page.get_by_label("Team", exact=True).select_option("leaving-care")
    page.get_by_label("What happened").fill("I rang three times about my bursary and nobody called back.")
    page.get_by_role("button", name="Log the complaint").click()
    page.wait_for_url("**/staff/complaints/CS-*")
    reference = page.url.rsplit("/", 1)[-1]
    assert f"Complaint {reference} is logged and went to Leaving Care" in page.content()
    assert_accessible(page, "logged complaint")

    page.get_by_role("link", name="Search", exact=True).click()
    page.wait_for_url("**/staff/search")
    page.get_by_label("Reference, name, email, phone or words they wrote").fill("Quennell-Atkins")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/staff/search?*")
    assert_accessible(page, "search results")
    results = page.locator("table.casework-search tbody tr")
    assert results.count() == 1 and NAME in results.inner_text()
    results.get_by_role("link", name=reference).click()
    page.wait_for_url(f"**/staff/complaints/{reference}")
    assert "I rang three times about my bursary" in page.content()
    assert "Phone" in page.locator("dl").first.inner_text()  # the channel, in the details
