"""Casework fixtures: an app with CSRF off (the CSRF tests use the shared `app`, which has it on),
staff of every role, and a signed-in client per role."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from flask.testing import FlaskClient

from models.db import get_engine, session_scope
from reminders.calendar import WorkingCalendar
from tests.casework.builders import PASSWORD, STAFF, add_staff
from wsgi import create_app


@pytest.fixture(scope="session")
def casework_app(settings):
    app = create_app(settings)
    app.config["WTF_CSRF_ENABLED"] = False
    return app


@pytest.fixture
def today(settings):
    return datetime.now(settings.timezone).date()


@pytest.fixture
def calendar():
    return WorkingCalendar()


@pytest.fixture
def staff_ids(clean_db, settings) -> dict[str, int]:
    with session_scope(get_engine(clean_db)) as session:
        return add_staff(session, settings)


@pytest.fixture
def write(clean_db):
    """Run `fn(session)` in a committed transaction on the test database; returns what it returns."""

    def run(fn):
        with session_scope(get_engine(clean_db)) as session:
            return fn(session)

    return run


def sign_in_client(app, role: str) -> FlaskClient:
    client = app.test_client()
    email = STAFF[role][0]
    response = client.post("/staff/sign-in", data={"email": email, "password": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return client


@pytest.fixture
def signed_in(casework_app, staff_ids) -> Callable[[str], FlaskClient]:
    return lambda role: sign_in_client(casework_app, role)
