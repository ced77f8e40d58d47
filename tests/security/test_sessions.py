"""Finding: signing out did not end the session; a copied cookie opened the queue and an export for 8 hours.

Each test copies the signed-in cookie into a second browser, ends the session the way staff or an admin would,
and replays the copy.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from casework import accounts
from models.staff import StaffUser
from tests.factories import PASSWORD, STAFF, add_complaint, sign_in

QUEUE = "/staff/queue"


def copy_of(client, app):
    """A second browser holding the same session cookie."""
    other = app.test_client()
    other.set_cookie("session", client.get_cookie("session").value)
    return other


def signed_out(client, path: str = QUEUE) -> bool:
    response = client.get(path)
    return response.status_code == 302 and "/staff/sign-in" in response.headers["Location"]


@pytest.fixture
def complaint_reference(staff_app, write):
    return write(lambda session: add_complaint(session, team="leaving-care", received=date(2026, 11, 2)).reference)


def test_a_copied_cookie_stops_working_when_its_owner_signs_out(staff_app, complaint_reference):
    officer = sign_in(staff_app, "officer")
    thief = copy_of(officer, staff_app)
    export = f"/staff/complaints/{complaint_reference}/subject-access.json"
    assert thief.get(QUEUE).status_code == 200 and thief.get(export).status_code == 200  # the copy works at first
    assert officer.post("/staff/sign-out").status_code == 302
    assert signed_out(thief) and signed_out(thief, export)


def test_signing_out_ends_every_session_of_the_account(staff_app):
    phone, laptop = sign_in(staff_app, "officer"), sign_in(staff_app, "officer")
    phone.post("/staff/sign-out")
    assert signed_out(laptop)
    assert sign_in(staff_app, "officer").get(QUEUE).status_code == 200  # signing in again works


def test_a_password_change_ends_other_sessions(staff_app, write, settings):
    thief = copy_of(sign_in(staff_app, "officer"), staff_app)

    def change(session):
        user = session.exec(select(StaffUser).where(StaffUser.email == STAFF["officer"][0])).one()
        accounts.set_password(session, settings, user, PASSWORD + " and more")

    write(change)
    assert signed_out(thief)


def test_a_role_change_and_switching_off_end_sessions(staff_app, staff_ids):
    officer = copy_of(sign_in(staff_app, "officer"), staff_app)
    manager = copy_of(sign_in(staff_app, "manager"), staff_app)
    admin = sign_in(staff_app, "admin")
    response = admin.post(
        "/staff/admin/accounts/role", data={"account": staff_ids["officer"], "role": "manager", "team": "leaving-care"}
    )
    assert response.status_code == 302
    assert signed_out(officer)
    assert admin.post(f"/staff/admin/accounts/{staff_ids['manager']}/disable").status_code == 302
    assert signed_out(manager)


def test_the_session_is_bound_to_the_browser(staff_app):
    # Flask-Login's strong protection: a cookie replayed from a different browser (another user agent) is dropped.
    officer = sign_in(staff_app, "officer")
    thief = copy_of(officer, staff_app)
    response = thief.get(QUEUE, headers={"User-Agent": "curl/8.0"})
    assert response.status_code == 302
