"""Admin pages: add an account (its owner chooses the password by emailed link), switch accounts off and on."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from models.db import get_engine
from models.outbox import OutboxMessage
from models.staff import PasswordResetToken, StaffUser
from reminders.mail import Outgoing, render
from tests.factories import sign_in


def test_add_an_account_emails_an_invitation_to_choose_a_password(casework_app, signed_in, clean_db, settings, now):
    client = signed_in("admin")
    response = client.post(
        "/staff/admin/accounts",
        data={"name": "Nia New", "email": "Nia@Example.test", "role": "manager", "team": "early-help"},
    )
    assert response.status_code == 302
    page = client.get("/staff/admin/accounts").get_data(as_text=True)
    assert "We have emailed nia@example.test a link" in page and "Nia New" in page
    with Session(get_engine(clean_db)) as session:
        message = session.exec(select(OutboxMessage).where(OutboxMessage.recipient == "nia@example.test")).one()
        assert message.template == "staff-invitation"
        user = session.exec(select(StaffUser).where(StaffUser.email == "nia@example.test")).one()
        link = session.exec(select(PasswordResetToken).where(PasswordResetToken.staff_user_id == user.id)).one()
        assert link.expires_at - now > timedelta(hours=71)  # from the moment it was made (the app's clock)
    # Its own words: an invitation, valid 72 hours; not "someone asked to reset" and not 60 minutes.
    email = render(Outgoing(1, message.idempotency_key, message.recipient, message.template, message.context), settings)
    text = email.get_body(("plain",)).get_content()
    assert email["Subject"] == "Your staff account for Example Council complaints"
    assert "made you a staff account" in text and "for 72 hours" in text
    assert "reset" not in text.replace(message.context["reset_url"], "") and "minutes" not in text
    # The link opens the page to choose a password.
    path = message.context["reset_url"].removeprefix(settings.base_url)
    assert casework_app.test_client().get(path).status_code == 200


def test_add_account_errors_are_shown_against_the_field(signed_in):
    response = signed_in("admin").post(
        "/staff/admin/accounts", data={"name": "X", "email": "x@example.test", "role": "manager"}
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "A team manager needs a team" in html and 'href="#add-team"' in html


def test_switching_an_account_off_ends_its_sessions(casework_app, signed_in, staff_ids):
    officer = sign_in(casework_app, "officer")
    admin = signed_in("admin")
    assert admin.post(f"/staff/admin/accounts/{staff_ids['officer']}/disable").status_code == 302
    assert officer.get("/staff/queue").status_code == 302
    failed = casework_app.test_client().post(
        "/staff/sign-in", data={"email": "officer@example.test", "password": "correct horse battery staple"}
    )
    assert failed.status_code == 200
    assert admin.post(f"/staff/admin/accounts/{staff_ids['officer']}/enable").status_code == 302
    assert sign_in(casework_app, "officer").get("/staff/queue").status_code == 200


def test_an_admin_cannot_switch_themselves_off(signed_in, staff_ids, clean_db):
    response = signed_in("admin").post(f"/staff/admin/accounts/{staff_ids['admin']}/disable")
    assert response.status_code == 400 and "cannot switch off your own account" in response.get_data(as_text=True)
    with Session(get_engine(clean_db)) as session:
        assert session.get(StaffUser, staff_ids["admin"]).active


def test_team_directory_page_and_csv(signed_in):
    client = signed_in("admin")
    assert "Leaving Care" in client.get("/staff/admin/teams").get_data(as_text=True)
    csv = client.get("/staff/admin/teams.csv")
    assert csv.mimetype == "text/csv" and csv.get_data(as_text=True).startswith("slug,name,")
