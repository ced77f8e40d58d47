"""Findings: a locked account said so and answered in 11 ms against 483 ms for an unknown email, so accounts could
be found and locked out by anyone; "aaaaaaaaaaaa" was a staff password; an earlier reset link still worked."""

from __future__ import annotations

import dataclasses
import re

import pytest
from argon2 import PasswordHasher, extract_parameters
from sqlmodel import col, select

from casework import accounts, staff_admin
from casework.password_rules import password_problem
from models.outbox import OutboxMessage
from models.staff import StaffUser
from tests.child_process import run_json_script
from tests.factories import PASSWORD, STAFF

OFFICER = STAFF["officer"][0]
CSRF_VALUE = re.compile(r'(?<=content=")[^"]+(?=">)|(?<=name="csrf_token" value=")[^"]+')
NOT_SIGNED_IN = "Enter the email address and password of a staff account"


@pytest.fixture
def verified(monkeypatch) -> list[str]:
    """The parameters of every argon2 hash verified (the real verify still runs: this only records)."""
    seen: list[str] = []
    real = PasswordHasher.verify

    def recording(self, hash, password):
        seen.append(str(extract_parameters(hash)))
        return real(self, hash, password)

    monkeypatch.setattr(PasswordHasher, "verify", recording)
    return seen


def test_unknown_wrong_and_switched_off_take_the_same_path_and_words(staff_app, staff_ids, write, verified):
    write(
        lambda session: staff_admin.set_active(
            session, session.get(StaffUser, staff_ids["admin"]), staff_ids["manager"], False, None
        )
    )
    client = staff_app.test_client()
    answers = {}
    for case, email in (("unknown", "who@example.test"), ("wrong", OFFICER), ("switched off", STAFF["manager"][0])):
        verified.clear()
        response = client.post("/staff/sign-in", data={"email": email, "password": "not the password at all"})
        # One argon2 verification each, with the same parameters: the same work, so the same time.
        page = CSRF_VALUE.sub("TOKEN", response.get_data(as_text=True).replace(email, "EMAIL"))
        answers[case] = (response.status_code, page, verified[:])
    assert answers["unknown"] == answers["wrong"] == answers["switched off"]
    status, page, hashes = answers["unknown"]
    assert status == 200 and NOT_SIGNED_IN in page and len(hashes) == 1
    assert hashes[0] == str(extract_parameters(accounts.hasher(staff_app.config["SETTINGS"]).hash("x")))
    assert "locked" not in page.lower()


def test_the_dummy_hash_has_the_parameters_of_real_ones_in_production(settings):
    production = dataclasses.replace(settings, environment="production")
    real = accounts.hasher(production).hash("a real password here")
    assert extract_parameters(accounts.dummy_hash(production)) == extract_parameters(real)


THROTTLE = """
import json, sys, tempfile
from pathlib import Path
from models.db import get_engine, session_scope
from tests.conftest import make_settings
from tests.factories import PASSWORD, STAFF, add_staff
from wsgi import create_app

settings = make_settings(sys.argv[1], Path(tempfile.mkdtemp()), ratelimit_enabled=True)
with session_scope(get_engine(sys.argv[1])) as session:
    add_staff(session, settings)
app = create_app(settings)
app.config["WTF_CSRF_ENABLED"] = False
officer = STAFF["officer"][0]

def attempt(email, password, address):
    client = app.test_client()
    return client.post("/staff/sign-in", data={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": address}).status_code

stranger = [attempt(officer, "guess number one!", "203.0.113.9") for _ in range(6)]
unknown = [attempt("nobody@example.test", "guess number one!", "203.0.113.10") for _ in range(6)]
print(json.dumps({
    "stranger": stranger,
    "unknown": unknown,
    "stranger_right_password": attempt(officer, PASSWORD, "203.0.113.9"),
    "staff_elsewhere": attempt(officer, PASSWORD, "198.51.100.7"),
}))
"""


def test_a_stranger_is_slowed_down_but_cannot_lock_staff_out(tmp_path, clean_db):
    data = run_json_script(THROTTLE, clean_db, tmp_path)
    assert data["stranger"] == [200] * 5 + [429]
    assert data["unknown"] == data["stranger"]  # an account that does not exist is slowed the same way
    assert data["stranger_right_password"] == 429  # even a right guess waits at that address
    assert data["staff_elsewhere"] == 302  # the officer, at their own computer, signs in


@pytest.mark.parametrize(
    "password",
    [
        "aaaaaaaaaaaa",
        "Password1234",
        "ChildrensServices2026",
        "ExampleCouncil2026!",
        "Olu Officer 2026",
        "123456789012",
    ],
)
def test_weak_passwords_are_refused(settings, password):
    assert password_problem(password, council_name="Example Council", personal=("Olu Officer", OFFICER)) is not None


@pytest.mark.parametrize("password", [PASSWORD, "kettle orbit velvet ninety", "Tq8#vLm2!pXz9w"])
def test_strong_passwords_are_taken(password):
    assert password_problem(password, council_name="Example Council", personal=("Olu Officer", OFFICER)) is None


def test_only_the_newest_reset_link_works(staff_app, staff_ids, db_session):
    client = staff_app.test_client()
    for _ in range(2):
        client.post("/staff/forgot-password", data={"email": OFFICER})
    rows = db_session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id))).all()
    first, second = (row.context["reset_url"].split("8000", 1)[1] for row in rows)
    assert client.get(first).status_code == 404  # a newer link was asked for: this one ended
    assert client.get(second).status_code == 200
    form = {"password": "kettle orbit velvet ninety", "confirm": "kettle orbit velvet ninety"}
    assert client.post(second, data=form).status_code == 302
    assert client.get(second).status_code == 404
