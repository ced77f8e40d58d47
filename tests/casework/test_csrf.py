"""CSRF protection on every staff form and on the JSON API, with the shared app (CSRF on, as in production)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from sqlmodel import select

from casework.views.complaint import DONE_MESSAGES
from models.complaints import StageRecord
from tests.factories import PASSWORD, STAFF, add_complaint

OPEN, CLOSED, OMBUDSMAN, TRIAGE = "CS-OPEN-0001", "CS-CLSD-0001", "CS-OMBD-0001", "CS-TRIA-0001"
PANEL, REMEDY = "CS-PANL-0001", "CS-RMDY-0001"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


class _PostForms(HTMLParser):
    """Each POST form's action and whether it carries a csrf_token field."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self.forms.append({"action": attrs.get("action") or "", "token": False})
        elif tag == "input" and attrs.get("name") == "csrf_token" and self.forms:
            self.forms[-1]["token"] = bool(attrs.get("value"))


def post_forms(html: str) -> list[dict]:
    parser = _PostForms()
    parser.feed(html)
    return parser.forms


@pytest.fixture
def cases(write, staff_ids, calendar, today):
    def build(session):
        long_ago = calendar.subtract_working_days(today, 40)
        add_complaint(session, reference=OPEN, team="leaving-care", received=calendar.subtract_working_days(today, 12))
        add_complaint(session, reference=CLOSED, team="leaving-care", received=long_ago, responded={1: long_ago})
        add_complaint(session, reference=TRIAGE, team=None, received=today)
        complaint = add_complaint(
            session,
            reference=OMBUDSMAN,
            team="leaving-care",
            received=calendar.subtract_working_days(today, 70),
            stages=4,
            responded={n: calendar.subtract_working_days(today, 80 - 20 * n) for n in (1, 2, 3)},
        )
        assert complaint.status == "open"
        add_complaint(
            session,
            reference=PANEL,
            team="leaving-care",
            received=calendar.subtract_working_days(today, 50),
            stages=3,
            responded={n: calendar.subtract_working_days(today, 60 - 20 * n) for n in (1, 2)},
        )

        remedy = add_complaint(
            session,
            reference=REMEDY,
            team="leaving-care",
            received=calendar.subtract_working_days(today, 90),
            stages=4,
            responded={n: calendar.subtract_working_days(today, 80 - 20 * n) for n in (1, 2, 3, 4)},
        )
        record = session.exec(
            select(StageRecord).where(StageRecord.complaint_id == remedy.id, StageRecord.stage == 4)
        ).one()
        record.remedy, record.remedy_due_on = "Apologise in writing", today
        session.add(record)

    write(build)


def signed_in_with_csrf(app, role="officer"):
    client = app.test_client()
    token = TOKEN.search(client.get("/staff/sign-in").get_data(as_text=True)).group(1)
    response = client.post("/staff/sign-in", data={"email": STAFF[role][0], "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    return client


def test_every_post_form_carries_a_token(app, cases):
    client = signed_in_with_csrf(app)
    seen_actions = set()
    for path in (
        "/staff/queue",
        "/staff/triage",
        f"/staff/complaints/{OPEN}",
        f"/staff/complaints/{CLOSED}",
        f"/staff/complaints/{OMBUDSMAN}",
        f"/staff/complaints/{PANEL}",
        f"/staff/complaints/{REMEDY}",
        "/staff/account",
    ):
        html = client.get(path).get_data(as_text=True)
        forms = post_forms(html)
        assert forms, path
        assert all(form["token"] for form in forms), path
        seen_actions |= {form["action"].rsplit("/", 1)[-1] for form in forms}
    assert set(DONE_MESSAGES) <= seen_actions  # every action's form was among them
    admin = signed_in_with_csrf(app, "admin")
    forms = post_forms(admin.get("/staff/admin/accounts").get_data(as_text=True))
    assert len(forms) >= 4 and all(form["token"] for form in forms)  # sign out, add, and one per other account
    anonymous = app.test_client()
    for path in ("/staff/sign-in", "/staff/forgot-password"):
        forms = post_forms(anonymous.get(path).get_data(as_text=True))
        assert forms and all(form["token"] for form in forms), path


@pytest.mark.parametrize("action", sorted(DONE_MESSAGES))
def test_actions_without_a_token_are_refused(app, cases, action):
    client = signed_in_with_csrf(app)
    response = client.post(f"/staff/complaints/{OPEN}/{action}", data={"team": "assessments", "reason": "x"})
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)


def test_an_action_with_the_token_from_the_page_goes_through(app, cases, today):
    client = signed_in_with_csrf(app)
    token = TOKEN.search(client.get(f"/staff/complaints/{OPEN}").get_data(as_text=True)).group(1)
    response = client.post(
        f"/staff/complaints/{OPEN}/assign", data={"team": "assessments", "reason": "wrong team", "csrf_token": token}
    )
    assert response.status_code == 302


def test_sign_in_sign_out_and_reset_forms_need_the_token(app, cases):
    anonymous = app.test_client()
    assert (
        anonymous.post("/staff/sign-in", data={"email": STAFF["officer"][0], "password": PASSWORD}).status_code == 400
    )
    assert anonymous.post("/staff/forgot-password", data={"email": STAFF["officer"][0]}).status_code == 400
    client = signed_in_with_csrf(app)
    assert client.post("/staff/sign-out").status_code == 400
    assert client.get("/staff/queue").status_code == 200  # still signed in


def test_the_api_takes_the_token_in_a_header(app, cases):
    client = signed_in_with_csrf(app)
    without = client.post("/api/v1/route", json={"text": "leaving care"})
    assert without.status_code == 400 and without.get_json()["error"]["code"] == "bad_request"
    token = re.search(r'<meta name="csrf-token" content="([^"]+)"', client.get("/staff/queue").get_data(as_text=True))
    response = client.post("/api/v1/route", json={"text": "leaving care"}, headers={"X-CSRFToken": token.group(1)})
    assert response.status_code == 200
    assert response.get_json()["team"] == "leaving-care"


def test_admin_forms_without_a_token_are_refused(app, cases, staff_ids):
    client = signed_in_with_csrf(app, "admin")
    add = client.post("/staff/admin/accounts", data={"name": "N", "email": "n@example.test", "role": "officer"})
    assert add.status_code == 400
    switch_off = client.post(f"/staff/admin/accounts/{staff_ids['officer']}/disable")
    assert switch_off.status_code == 400
