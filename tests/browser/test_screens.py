"""The officer's screens at a desk (1366 x 768) and on a phone (360 x 740): the queue's figures, triage with a team
the complainant said it is not, the dashboard; each checked with axe."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import select

from casework.accounts import create_staff
from models.complaints import Complaint
from models.staff import StaffUser
from reminders.calendar import WorkingCalendar
from tests.browser.conftest import PHONE
from tests.factories import PASSWORD, add_complaint

EMAIL = "screens-officer@example.test"
DESK = {"width": 1366, "height": 768}

pytestmark = pytest.mark.browser


@pytest.fixture(params=[DESK, PHONE], ids=["desk", "phone"])
def screen(request, browser):
    context = browser.new_context(viewport=request.param)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def officer(live_server):
    with live_server.session() as session:
        if session.exec(select(StaffUser.id).where(StaffUser.email == EMAIL)).first() is None:
            create_staff(
                session, live_server.settings, email=EMAIL, name="Sol Screens", role="officer", password=PASSWORD
            )
    return EMAIL


def sign_in(page, live_server, email: str) -> None:
    page.goto(f"{live_server.url}/staff/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/**")


@pytest.fixture(scope="module")
def caseload(live_server):
    """One overdue, one due today, one due this week (references SCR-...), whatever else other tests added."""
    today = datetime.now(live_server.settings.timezone).date()
    calendar = WorkingCalendar()
    with live_server.session() as session:
        for reference, days_ago in (("CS-SCRN-0001", 12), ("CS-SCRN-0002", 10), ("CS-SCRN-0003", 8)):
            add_complaint(
                session,
                reference=reference,
                team="leaving-care",
                received=calendar.subtract_working_days(today, days_ago),
            )


def test_queue_figures_link_to_what_they_count(live_server, screen, officer, caseload, assert_accessible, screenshot):
    page = screen
    sign_in(page, live_server, officer)
    page.goto(f"{live_server.url}/staff/queue")
    screenshot(page, f"queue-{page.viewport_size['width']}")
    figures = page.locator(".casework-counts")
    overdue = figures.get_by_role("link", name="Overdue")
    assert int(overdue.locator(".casework-counts__value").inner_text()) >= 1
    for label in ("Due today", "Due this week", "In triage", "Flagged, not yet reviewed"):
        assert figures.get_by_role("link", name=label).count() == 1
    # The page never scrolls sideways; on a desk the table uses the whole width (not GOV.UK's 960 px).
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1"
        " && !e.parentElement.closest('.council-table-scroll'))"
        ".map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 8)"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"], wide
    if page.viewport_size["width"] > 1000:
        table_width = page.locator("table.casework-queue").bounding_box()["width"]
        assert table_width > 1100
    assert_accessible(page, "queue")
    overdue.click()
    page.wait_for_url("**/staff/queue?state=overdue")
    row = page.locator("table.casework-queue tbody tr", has_text="CS-SCRN-0001")
    assert "working days late" in row.inner_text() and "Overdue" in row.inner_text()
    assert page.locator("table.casework-queue tbody tr", has_text="CS-SCRN-0002").count() == 0
    page.get_by_role("link", name="Due today").click()
    page.wait_for_url("**/staff/queue?state=due-today")
    assert page.locator("table.casework-queue tbody tr", has_text="CS-SCRN-0002").count() == 1
    # Sorting by a column keeps the filter and says how it is sorted.
    page.locator("thead").get_by_role("link", name="Team").click()
    assert page.locator("th[aria-sort='ascending']").inner_text().startswith("Team")
    assert "state=due-today" in page.url
    assert_accessible(page, "queue, due today, sorted by team")


def test_triage_never_chooses_a_team_the_child_rejected(live_server, screen, officer, assert_accessible):
    width = screen.viewport_size["width"]
    reference = f"CS-REJ{width:>04}"[:12]
    today = datetime.now(live_server.settings.timezone).date()
    with live_server.session() as session:
        if session.exec(select(Complaint.id).where(Complaint.reference == reference)).first() is None:
            complaint = add_complaint(
                session, reference=reference, team=None, received=today, role="child", what_happened="Nobody came."
            )
            complaint.about_text = "the child protection team"
            complaint.rejected_teams = ["child-protection"]
            session.add(complaint)
    page = screen
    sign_in(page, live_server, officer)
    page.goto(f"{live_server.url}/staff/triage")
    row = page.locator("section", has_text=reference)
    assert "they said it is not this team" in row.inner_text()
    team = row.get_by_label(f"Team for {reference}")
    assert team.input_value() == ""  # "Choose a team": never the team the child said no to
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page, "triage with a rejected team")
    # Assign with no team: still on triage, with the error beside this row's team.
    row.get_by_role("button", name="Assign").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.get_by_role("heading", level=1).inner_text() == "Triage"
    assert_accessible(page, "triage with an error")
    page.locator("section", has_text=reference).get_by_label(f"Team for {reference}").select_option("early-help")
    page.locator("section", has_text=reference).get_by_role("button", name="Assign").click()
    page.wait_for_url("**/staff/triage")
    assert "The team was changed." in page.content()


def test_dashboard_charts_have_their_numbers_and_links(
    live_server, screen, officer, caseload, assert_accessible, screenshot
):
    page = screen
    sign_in(page, live_server, officer)
    page.goto(f"{live_server.url}/staff/dashboard")
    screenshot(page, f"dashboard-{page.viewport_size['width']}")
    assert page.locator("svg.dashboard-chart[role='img']").count() == 4
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert_accessible(page, "dashboard")
    # The open stages' table links each number to the queue, filtered.
    open_now = page.locator("table.dashboard__table", has_text="Open now")
    open_now.locator("tr", has_text="Leaving Care").get_by_role("link").first.click()
    page.wait_for_url("**/staff/queue?team=leaving-care&state=overdue")
    assert page.locator("table.casework-queue tbody tr", has_text="CS-SCRN-0001").count() == 1
    page.go_back()
    received = page.locator("table.dashboard__table", has_text="Received, by month and stage")
    received.get_by_role("link").last.click()
    page.wait_for_url("**/staff/dashboard/complaints?**")
    assert page.locator("tbody th").count() >= 1
    assert_accessible(page, "the complaints behind a figure")
