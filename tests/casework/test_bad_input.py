"""Bad input to the staff pages gets a 4xx with a message, never a 500, on SQLite and on PostgreSQL alike.

Each case here was a 500 once: a date too big for Python, a NUL byte (PostgreSQL refuses it in any text
parameter), a value longer than its column (PostgreSQL refuses it, SQLite keeps it), an id too big to be one.
"""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from models.db import get_engine
from models.staff import StaffUser
from tests.factories import add_complaint

REF = "CS-BADI-0001"


@pytest.fixture
def officer(signed_in, write, today, calendar):
    write(
        lambda s: add_complaint(
            s, reference=REF, team="leaving-care", received=calendar.subtract_working_days(today, 3)
        )
    )
    return signed_in("officer")


@pytest.mark.parametrize("day", ["99999999999999999999", "²"])
@pytest.mark.parametrize(
    ("action", "field"),
    [("respond", "responded_on"), ("extend", "extend_to"), ("escalate", "requested_on"), ("withdraw", "on")],
)
def test_a_date_that_is_no_date_is_asked_for_again(officer, action, field, day):
    data = {f"{field}-day": day, f"{field}-month": "1", f"{field}-year": "2026", "outcome": "upheld", "reason": "r"}
    response = officer.post(f"/staff/complaints/{REF}/{action}", data=data)
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/staff/queue?team=%00", None),
        ("get", "/staff/complaints/CS-%00", None),
        ("post", f"/staff/complaints/{REF}/assign", {"team": "early-help\x00", "reason": "moved"}),
        ("post", f"/staff/complaints/{REF}/respond", {"outcome": "upheld", "learning": ["delays", "\x00"]}),
    ],
)
def test_a_nul_byte_is_refused_before_it_reaches_the_database(officer, method, path, data):
    response = getattr(officer, method)(path, data=data)
    assert response.status_code == 400
    assert "character we cannot read" in response.get_data(as_text=True)


def test_a_nul_byte_at_sign_in_is_refused(casework_app, clean_db):
    response = casework_app.test_client().post("/staff/sign-in", data={"email": "a\x00@example.test", "password": "x"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "x" * 320 + "@example.test", "Enter an email address like name@example.com"),
        ("name", "N" * 201, "Enter a name of 200 characters or fewer"),
    ],
)
def test_an_account_too_long_for_its_columns_is_refused(signed_in, clean_db, field, value, message):
    data = {"name": "Nia New", "email": "nia@example.test", "role": "officer"} | {field: value}
    response = signed_in("admin").post("/staff/admin/accounts", data=data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    with Session(get_engine(clean_db)) as session:
        assert len(session.exec(select(StaffUser)).all()) == 3  # the three of the fixture, no more


def test_an_account_id_too_big_for_the_database_is_no_account(signed_in):
    response = signed_in("admin").post("/staff/admin/accounts/99999999999999999999/disable")
    assert response.status_code == 404
