"""Signing in: argon2 passwords, sessions that end, reset links. Throttling and enumeration: tests/security/."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from models.db import get_engine
from models.outbox import OutboxMessage
from models.staff import PasswordResetToken, StaffUser
from tests.factories import PASSWORD, STAFF, sign_in

OFFICER_EMAIL = STAFF["officer"][0]


def user(clean_db, email=OFFICER_EMAIL) -> StaffUser:
    with Session(get_engine(clean_db)) as session:
        return session.exec(select(StaffUser).where(StaffUser.email == email)).one()


def test_passwords_are_stored_as_argon2_hashes(staff_ids, clean_db):
    stored = user(clean_db).password_hash
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_sign_in_goes_to_the_queue_and_back_to_the_page_asked_for(casework_app, staff_ids):
    client = casework_app.test_client()
    response = client.get("/staff/complaints/CS-AAAA-AAAA")
    assert response.headers["Location"].startswith("/staff/sign-in?next=")
    response = client.post(
        "/staff/sign-in?next=/staff/triage", data={"email": OFFICER_EMAIL.upper(), "password": PASSWORD}
    )
    assert response.headers["Location"] == "/staff/triage"
    assert client.get("/staff/queue").status_code == 200


@pytest.mark.parametrize(
    "target",
    # A tab or a newline is dropped by browsers, and a backslash read as a slash: each of these leaves the site.
    ["//evil.example/x", "/%09/evil.example", "/%0a/evil.example", "/%5C/evil.example", "https://evil.example"],
)
def test_next_never_leaves_the_site(casework_app, staff_ids, target):
    client = casework_app.test_client()
    response = client.post(f"/staff/sign-in?next={target}", data={"email": OFFICER_EMAIL, "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/staff/queue"


def test_wrong_password_and_unknown_email_get_the_same_answer(casework_app, staff_ids):
    client = casework_app.test_client()
    wrong = client.post("/staff/sign-in", data={"email": OFFICER_EMAIL, "password": "nope nope nope"})
    unknown = client.post("/staff/sign-in", data={"email": "who@example.test", "password": "nope nope nope"})
    assert wrong.status_code == unknown.status_code == 200
    message = "Enter the email address and password of a staff account"
    assert message in wrong.get_data(as_text=True) and message in unknown.get_data(as_text=True)
    assert client.get("/staff/queue").status_code == 302


def test_empty_fields_say_what_to_enter(casework_app, staff_ids):
    html = casework_app.test_client().post("/staff/sign-in", data={}).get_data(as_text=True)
    assert "Enter your email address" in html and "Enter your password" in html
    assert 'href="#email"' in html


def test_a_session_ends_after_eight_hours(casework_app, staff_ids, clock):
    client = sign_in(casework_app, "officer")
    assert client.get("/staff/queue").status_code == 200
    clock.advance(timedelta(hours=8, minutes=1))
    assert client.get("/staff/queue").status_code == 302
    assert casework_app.permanent_session_lifetime == timedelta(hours=8)


def test_sign_out_ends_the_session(casework_app, staff_ids):
    client = sign_in(casework_app, "officer")
    assert client.post("/staff/sign-out").status_code == 302
    assert client.get("/staff/queue").status_code == 302


def test_a_disabled_account_is_signed_out_at_once(casework_app, staff_ids, clean_db):
    client = sign_in(casework_app, "officer")
    with Session(get_engine(clean_db)) as session:
        row = session.get(StaffUser, staff_ids["officer"])
        row.active = False
        session.add(row)
        session.commit()
    assert client.get("/staff/queue").status_code == 302


def test_session_cookie_is_http_only(casework_app, staff_ids):
    client = casework_app.test_client()
    response = client.post("/staff/sign-in", data={"email": OFFICER_EMAIL, "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Expires=" in cookie


def reset_link(clean_db) -> str:
    with Session(get_engine(clean_db)) as session:
        message = session.exec(select(OutboxMessage).where(OutboxMessage.template == "password-reset")).one()
        assert message.recipient == OFFICER_EMAIL
        return message.context["reset_url"].split("127.0.0.1:8000", 1)[1]


def test_reset_by_emailed_single_use_link(casework_app, staff_ids, clean_db):
    client = sign_in(casework_app, "officer")  # an old session, which the reset must end
    other = casework_app.test_client()
    response = other.post("/staff/forgot-password", data={"email": OFFICER_EMAIL})
    assert "Check your email" in response.get_data(as_text=True)
    link = reset_link(clean_db)
    assert other.get(link).status_code == 200
    short = other.post(link, data={"password": "short", "confirm": "short"})
    assert short.status_code == 400 and "at least 12 characters" in short.get_data(as_text=True)
    mismatch = other.post(link, data={"password": "a new long password", "confirm": "another one"})
    assert mismatch.status_code == 400
    done = other.post(link, data={"password": "a new long password", "confirm": "a new long password"})
    assert done.headers["Location"] == "/staff/sign-in?reset=done"
    assert other.get(link).status_code == 404  # used once, gone
    assert client.get("/staff/queue").status_code == 302  # the session from before the reset has ended
    response = other.post("/staff/sign-in", data={"email": OFFICER_EMAIL, "password": "a new long password"})
    assert response.status_code == 302


def test_reset_for_an_unknown_email_looks_the_same_and_sends_nothing(casework_app, staff_ids, clean_db):
    response = casework_app.test_client().post("/staff/forgot-password", data={"email": "nobody@example.test"})
    assert "Check your email" in response.get_data(as_text=True)
    with Session(get_engine(clean_db)) as session:
        assert session.exec(select(OutboxMessage)).all() == []


def test_an_expired_reset_link_is_refused(casework_app, staff_ids, clean_db, now):
    casework_app.test_client().post("/staff/forgot-password", data={"email": OFFICER_EMAIL})
    link = reset_link(clean_db)
    with Session(get_engine(clean_db)) as session:
        row = session.exec(select(PasswordResetToken)).one()
        row.expires_at = now - timedelta(minutes=1)
        session.add(row)
        session.commit()
    response = casework_app.test_client().get(link)
    assert response.status_code == 404 and "This link has expired" in response.get_data(as_text=True)


def test_staff_pages_have_no_exit_button_but_the_status_page_does(casework_app, staff_ids):
    html = casework_app.test_client().get("/staff/sign-in").get_data(as_text=True)
    assert "Exit this page" not in html
