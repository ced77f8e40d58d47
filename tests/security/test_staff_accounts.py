"""Finding: an admin could create an officer with any outside email address, and nobody else would know."""

from __future__ import annotations

import dataclasses

import pytest
from sqlmodel import select

from casework import accounts, staff_admin
from models.audit import Action, AuditEvent
from models.outbox import OutboxMessage
from models.staff import StaffUser
from reminders.policy import STAFF_ACCOUNT_ALERT, URGENT_TEMPLATES
from tests.factories import STAFF


def alerts(session) -> list[OutboxMessage]:
    query = select(OutboxMessage).where(OutboxMessage.template == STAFF_ACCOUNT_ALERT).order_by(OutboxMessage.id)
    return list(session.exec(query).all())


def test_staff_accounts_only_in_the_council_domains(db_session, settings, staff_ids):
    council = dataclasses.replace(settings, staff_email_domains=("example-council.gov.uk",))
    admin = db_session.get(StaffUser, staff_ids["admin"])
    with pytest.raises(accounts.AccountError, match="ending @example-council.gov.uk"):
        staff_admin.add_staff(
            db_session,
            council,
            admin,
            email="spy@evil.example",
            name="Spy",
            role="officer",
            team_slug="",
            now=admin.created_at,
        )
    user = staff_admin.add_staff(
        db_session,
        council,
        admin,
        email="New@Example-Council.gov.uk",
        name="Nia",
        role="officer",
        team_slug="",
        now=admin.created_at,
    )
    assert user.email == "new@example-council.gov.uk"


@pytest.mark.parametrize("email", ["a,victim@evil.example", "Spy <spy@evil.example>", "x@localhost", "a@b"])
def test_a_staff_email_is_exactly_one_address(db_session, settings, email):
    with pytest.raises(accounts.AccountError):
        accounts.create_staff(db_session, settings, email=email, name="X", role="officer", password="x" * 20)


def test_the_admin_page_refuses_an_outside_address(staff_app, signed_in, write, monkeypatch):
    council = dataclasses.replace(staff_app.config["SETTINGS"], staff_email_domains=("example.test",))
    monkeypatch.setitem(staff_app.config, "SETTINGS", council)
    admin = signed_in("admin")
    response = admin.post("/staff/admin/accounts", data={"email": "spy@evil.example", "name": "Spy", "role": "officer"})
    assert response.status_code == 400
    assert "Staff accounts must use a council email address ending @example.test" in response.get_data(as_text=True)


def test_every_new_account_and_role_change_is_emailed_to_every_admin_and_audited(staff_app, signed_in, db_session):
    admin = signed_in("admin")
    form = {"email": "nia@example.test", "name": "Nia New", "role": "officer"}
    assert admin.post("/staff/admin/accounts", data=form).status_code == 302
    nia = db_session.exec(select(StaffUser).where(StaffUser.email == "nia@example.test")).one()
    form = {"account": nia.id, "role": "manager", "team": "leaving-care"}
    assert admin.post("/staff/admin/accounts/role", data=form).status_code == 302
    sent = alerts(db_session)
    assert {(m.recipient, m.context["change"]) for m in sent} == {
        (STAFF["admin"][0], staff_admin.ADDED),
        (STAFF["admin"][0], staff_admin.ROLE_CHANGED),
    }
    assert sent[1].context["role"] == "Team manager, Leaving Care"
    assert STAFF_ACCOUNT_ALERT in URGENT_TEMPLATES  # sent at once, not next working morning
    actions = [e.action for e in db_session.exec(select(AuditEvent).order_by(AuditEvent.id)).all()]
    assert Action.STAFF_ADDED in actions and Action.STAFF_ROLE_CHANGED in actions


def test_create_staff_tells_every_admin(staff_app, db_session, staff_ids):
    runner = staff_app.test_cli_runner()
    result = runner.invoke(
        args=["create-staff", "--email", "kid@example.test", "--name", "Kim", "--role", "officer", "--password-stdin"],
        input="a long and unusual passphrase 7\n",
    )
    assert result.exit_code == 0, result.output
    assert [m.recipient for m in alerts(db_session)] == [STAFF["admin"][0]]
