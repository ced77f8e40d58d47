"""Every shape of complaint in the demo data renders for an officer, and a manager sees only their team.
On our own seeded copy: viewing writes audit rows, and the shared demo database is read-only."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from casework.demo_accounts import ensure_demo_accounts
from models.complaints import Complaint
from models.db import get_engine, session_scope
from reminders.calendar import WorkingCalendar
from tests.casework.conftest import CLOCK_START
from tests.clock import Clock
from tests.conftest import seeded_demo_copy
from tests.html import Page
from web.context import CLOCK
from wsgi import create_app


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory):
    url, settings = seeded_demo_copy("casework_demo_pages", tmp_path_factory)
    with session_scope(get_engine(url)) as session:
        passwords = {role: password for _, role, password in ensure_demo_accounts(session, settings)}
    app = create_app(settings)
    app.config["WTF_CSRF_ENABLED"] = False
    app.config[CLOCK] = Clock(CLOCK_START)  # the day the demo was loaded as of (DEMO_TODAY)
    return app, url, passwords


def sign_in_demo_account(app, role, passwords):
    client = app.test_client()
    email = f"{role}@example-council.gov.uk"
    assert client.post("/staff/sign-in", data={"email": email, "password": passwords[role]}).status_code == 302
    return client


def test_every_open_and_a_sample_of_closed_complaints_render(demo_copy):
    app, url, passwords = demo_copy
    with Session(get_engine(url)) as session:
        open_refs = session.exec(select(Complaint.reference).where(Complaint.status != "closed")).all()
        closed_refs = session.exec(select(Complaint.reference).where(Complaint.status == "closed")).all()[::25]
    client = sign_in_demo_account(app, "officer", passwords)
    assert client.get("/staff/queue").status_code == 200
    assert client.get("/staff/triage").status_code == 200
    for reference in [*open_refs, *closed_refs]:
        response = client.get(f"/staff/complaints/{reference}")
        assert response.status_code == 200, reference


def test_the_leaving_care_manager_sees_only_leaving_care(demo_copy):
    app, url, passwords = demo_copy
    client = sign_in_demo_account(app, "manager", passwords)
    page = Page(client.get("/staff/queue").get_data(as_text=True))
    teams = {row.cells()[2] for row in page.select("table.casework-queue tbody tr")}  # reference, complainant, team
    assert teams == {"Leaving Care"}


def test_done_when_on_the_demo_data(demo_copy):
    """Clear triage, respond to an overdue stage 1, escalate it to stage 2, see its new deadline and reminders."""
    app, url, passwords = demo_copy
    client = sign_in_demo_account(app, "officer", passwords)
    with Session(get_engine(url)) as session:
        waiting = session.exec(select(Complaint.reference).where(Complaint.status == "awaiting-triage")).all()
    assert waiting
    for reference in waiting:
        response = client.post(
            f"/staff/complaints/{reference}/assign", data={"team": "early-help", "return_to": "triage"}
        )
        assert response.headers["Location"] == "/staff/triage"
    assert "Nothing is waiting for triage." in client.get("/staff/triage").get_data(as_text=True)

    queue = client.get("/staff/queue?state=overdue&stage=1").get_data(as_text=True)
    # The first complaint in the table (the staff menu links /staff/complaints/new before it).
    reference = "CS-" + queue.split('href="/staff/complaints/CS-', 1)[1].split('"', 1)[0]
    today = CLOCK_START.date()
    day = {"day": str(today.day), "month": str(today.month), "year": str(today.year)}
    response = client.post(
        f"/staff/complaints/{reference}/respond",
        data={f"responded_on-{k}": v for k, v in day.items()}
        | {"outcome": "upheld", "learning": "delays", "summary": "We are sorry it took so long."},
    )
    assert response.status_code == 302
    response = client.post(
        f"/staff/complaints/{reference}/escalate", data={f"requested_on-{k}": v for k, v in day.items()}
    )
    assert response.status_code == 302
    page = client.get(f"/staff/complaints/{reference}").get_data(as_text=True)
    due = WorkingCalendar().add_working_days(today, 25)
    assert f"{due:%A} {due.day} {due:%B %Y}" in page
    assert "Reminders for the current deadline" in page and "Due soon" in page
