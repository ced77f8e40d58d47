"""Casework fixtures: an app with CSRF off (the CSRF tests use the shared `app`, which has it on), and staff of
every role on it (`staff_app`, which the shared `signed_in` fixture signs in to)."""

from __future__ import annotations

from datetime import datetime

import pytest

from models.db import get_engine, session_scope
from reminders.calendar import WorkingCalendar
from tests.factories import add_staff
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


@pytest.fixture
def staff_app(casework_app, staff_ids):
    return casework_app
