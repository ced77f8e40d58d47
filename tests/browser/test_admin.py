"""An admin adds a worker to a team in the page; the next complaint naming that worker is routed to the team.

Chromium at 1366x768 (the admin's desk) and 360x740 (the same page on a phone), axe on every page; the complaint
is made through the live server's own JSON API, the one the chat uses.
"""

from __future__ import annotations

import pytest
from sqlmodel import select

from casework.accounts import create_staff
from models.complaints import Complaint
from models.staff import StaffUser
from models.teams import Team
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

EMAIL = "browser-directory-admin@example.test"
WORKER = "Tamsin Achterberg"
ANSWERS = {
    "role": "parent",
    "about": f"{WORKER}, my son's worker",
    "team_confirm": "yes",
    "what_happened": "Nobody came to the review.",
    "when": "not-sure",
    "wanted": "An apology",
    "contact": "none",
    "status_email": "no",
    "name": "Pat",
}


@pytest.fixture
def desk(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def make_complaint(request, url: str) -> str:
    """Answer every question through /api/v1/conversations and send; returns the reference."""
    started = request.post(f"{url}/api/v1/conversations")
    assert started.status == 201, started.text()
    data = started.json()
    headers = {"Authorization": f"Bearer {data['token']}"}
    question = data["question"]
    for _ in range(20):
        if question is None:
            break
        step = question["id"]
        answered = request.post(
            f"{url}/api/v1/conversations/{data['id']}/answers",
            data={"step": step, "answer": ANSWERS[step]},
            headers=headers,
        )
        assert answered.status == 200, answered.text()
        question = answered.json()["question"]
    sent = request.post(f"{url}/api/v1/conversations/{data['id']}/submit", headers=headers)
    assert sent.status == 201, sent.text()
    return sent.json()["reference"]


def test_an_admin_adds_a_worker_and_the_next_complaint_naming_them_goes_to_their_team(
    live_server, desk, phone, assert_accessible
):
    with live_server.session() as session:
        if session.exec(select(StaffUser.id).where(StaffUser.email == EMAIL)).first() is None:
            create_staff(
                session, live_server.settings, email=EMAIL, name="Dee Directory", role="admin", password=PASSWORD
            )
    page = desk
    page.goto(f"{live_server.url}/staff/sign-in")
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/admin/accounts")
    page.get_by_role("link", name="Team directory").click()
    page.wait_for_url("**/staff/admin/teams")
    assert_accessible(page, "team directory")
    page.get_by_role("link", name="Change Children with Disabilities").click()
    page.wait_for_url("**/staff/admin/teams/children-disabilities")
    assert_accessible(page, "a team's page")
    workers = page.get_by_label("Workers")
    workers.fill(workers.input_value() + f"\n{WORKER} (social worker)")
    page.get_by_role("button", name="Save the team").click()
    page.wait_for_url("**/staff/admin/teams/children-disabilities")
    assert "Routing uses the change now" in page.content()
    assert f"{WORKER} (social worker)" in page.get_by_label("Workers").input_value()
    assert_accessible(page, "a team's page after saving")
    # The same page on a phone: nothing wider than the screen.
    page.set_viewport_size({"width": 360, "height": 740})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page, "a team's page on a phone")

    # The other admin screens of this work, on the phone too: an account's page and the categories.
    page.get_by_role("link", name="Staff accounts").click()
    page.wait_for_url("**/staff/admin/accounts")
    page.locator("table").get_by_role("link", name="Dee Directory").click()
    page.wait_for_url("**/staff/admin/accounts/*")
    assert_accessible(page, "an account's page on a phone")
    page.get_by_role("link", name="Categories").click()
    page.wait_for_url("**/staff/admin/categories")
    page.get_by_label("Add to lessons learned").fill("Records not shared in time")
    page.get_by_role("button", name="Add").click()
    page.wait_for_url("**/staff/admin/categories")
    assert "Records not shared in time added to lessons learned." in page.content()
    assert_accessible(page, "categories on a phone")

    reference = make_complaint(phone.request, live_server.url)
    with live_server.session() as session:
        complaint = session.exec(select(Complaint).where(Complaint.reference == reference)).one()
        team = session.exec(select(Team).where(Team.id == complaint.team_id)).one()
        assert (team.slug, complaint.routing_decision) == ("children-disabilities", "auto")
