"""The permissions matrix: each role (and an anonymous visitor) against each route and action.

A = Leaving Care's complaint (the manager's team), B = Assessments' complaint, T = waiting for triage.
404 (not 403) for a complaint outside a manager's team: its existence is not theirs to know.
"""

from __future__ import annotations

import pytest

from tests.factories import add_complaint, sign_in

A, B, T = "CS-AAAA-AAAA", "CS-BBBB-BBBB", "CS-TTTT-TTTT"
SIGN_IN = "sign-in"  # a redirect to the sign-in page


# (method, path, form, {role: expected}); a refused action with valid rights answers 400 (it re-shows the form).
MATRIX = [
    ("GET", "/staff/", None, {"anonymous": SIGN_IN, "officer": 302, "manager": 302, "admin": 302}),
    ("GET", "/staff/sign-in", None, {"anonymous": 200, "officer": 302, "manager": 302, "admin": 302}),
    ("GET", "/staff/queue", None, {"anonymous": SIGN_IN, "officer": 200, "manager": 200, "admin": 403}),
    ("GET", "/staff/triage", None, {"anonymous": SIGN_IN, "officer": 200, "manager": 403, "admin": 403}),
    ("GET", "/staff/account", None, {"anonymous": SIGN_IN, "officer": 200, "manager": 200, "admin": 200}),
    ("GET", f"/staff/complaints/{A}", None, {"anonymous": SIGN_IN, "officer": 200, "manager": 200, "admin": 403}),
    ("GET", f"/staff/complaints/{B}", None, {"anonymous": SIGN_IN, "officer": 200, "manager": 404, "admin": 403}),
    ("GET", f"/staff/complaints/{T}", None, {"anonymous": SIGN_IN, "officer": 200, "manager": 404, "admin": 403}),
    (
        "GET",
        f"/staff/complaints/{A}/subject-access.json",
        None,
        {"anonymous": SIGN_IN, "officer": 200, "manager": 403, "admin": 403},
    ),
    (
        "POST",
        f"/staff/complaints/{A}/extend",
        {"reason": "complex"},  # no date: a signed-in member allowed to act gets the form back
        {"anonymous": SIGN_IN, "officer": 400, "manager": 400, "admin": 403},
    ),
    (
        "POST",
        f"/staff/complaints/{B}/respond",
        {},
        {"anonymous": SIGN_IN, "officer": 400, "manager": 404, "admin": 403},
    ),
    (
        "POST",
        f"/staff/complaints/{T}/assign",
        {"team": "leaving-care"},
        {"anonymous": SIGN_IN, "officer": 302, "manager": 404, "admin": 403},
    ),
    (
        "POST",
        f"/staff/complaints/{A}/withdraw",
        {"on-day": "1", "on-month": "1", "on-year": "2100", "note": "x"},
        {"anonymous": SIGN_IN, "officer": 400, "manager": 400, "admin": 403},
    ),
    ("GET", "/staff/admin/accounts", None, {"anonymous": SIGN_IN, "officer": 403, "manager": 403, "admin": 200}),
    (
        "POST",
        "/staff/admin/accounts",
        {"name": "New", "email": "bad", "role": "officer"},  # an admin gets the form back with the error
        {"anonymous": SIGN_IN, "officer": 403, "manager": 403, "admin": 400},
    ),
    (
        "POST",
        "/staff/admin/accounts/999/disable",
        {},
        {"anonymous": SIGN_IN, "officer": 403, "manager": 403, "admin": 400},
    ),
    ("GET", "/staff/admin/teams", None, {"anonymous": SIGN_IN, "officer": 403, "manager": 403, "admin": 200}),
    ("GET", "/staff/admin/teams.csv", None, {"anonymous": SIGN_IN, "officer": 403, "manager": 403, "admin": 200}),
    ("POST", "/staff/sign-out", {}, {"anonymous": SIGN_IN, "officer": 302, "manager": 302, "admin": 302}),
]
ROLES = ("anonymous", "officer", "manager", "admin")


@pytest.fixture
def complaints(write, staff_ids, today, calendar):
    received = calendar.subtract_working_days(today, 2)

    def build(session):
        add_complaint(session, reference=A, team="leaving-care", received=received)
        add_complaint(session, reference=B, team="assessments", received=received)
        add_complaint(session, reference=T, team=None, received=received)

    write(build)


@pytest.mark.parametrize("role", ROLES)
def test_permissions_matrix(casework_app, complaints, role):
    wrong = []
    for method, path, form, expected in MATRIX:
        client = casework_app.test_client() if role == "anonymous" else sign_in(casework_app, role)
        response = client.open(path, method=method, data=form)
        want = expected[role]
        if want == SIGN_IN:
            ok = response.status_code == 302 and "/staff/sign-in" in response.headers["Location"]
        else:
            ok = response.status_code == want
        if not ok:
            wrong.append(f"{method} {path}: expected {want}, got {response.status_code}")
    assert wrong == []


@pytest.mark.parametrize(("role", "status"), [("anonymous", 401), ("officer", 200), ("manager", 200), ("admin", 200)])
def test_route_api_needs_any_signed_in_staff(casework_app, staff_ids, role, status):
    client = casework_app.test_client() if role == "anonymous" else sign_in(casework_app, role)
    response = client.post("/api/v1/route", json={"text": "my leaving care worker"})
    assert response.status_code == status


def test_a_manager_sees_only_their_team_in_the_queue(casework_app, complaints):
    html = sign_in(casework_app, "manager").get("/staff/queue").get_data(as_text=True)
    assert A in html and B not in html and T not in html
    assert "waiting for triage" not in html
    officer = sign_in(casework_app, "officer").get("/staff/queue").get_data(as_text=True)
    assert A in officer and B in officer and "1 complaint waiting for triage" in officer


def test_a_manager_cannot_filter_their_way_into_another_team(casework_app, complaints):
    html = sign_in(casework_app, "manager").get("/staff/queue?team=assessments").get_data(as_text=True)
    assert B not in html
