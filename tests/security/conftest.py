"""Security fixtures: staff of every role on an app with CSRF off (`staff_app`, for the shared `signed_in`);
the tests that need CSRF on use the shared `app`."""

from __future__ import annotations

import pytest

from models.db import get_engine, session_scope
from tests.factories import add_staff
from wsgi import create_app


@pytest.fixture(scope="session")
def security_app(settings):
    app = create_app(settings)
    app.config["WTF_CSRF_ENABLED"] = False
    return app


@pytest.fixture
def staff_ids(clean_db, settings) -> dict[str, int]:
    with session_scope(get_engine(clean_db)) as session:
        return add_staff(session, settings)


@pytest.fixture
def staff_app(security_app, staff_ids):
    return security_app


@pytest.fixture
def write(clean_db):
    """Run `fn(session)` in a committed transaction on the test database; returns what it returns."""

    def run(fn):
        with session_scope(get_engine(clean_db)) as session:
            return fn(session)

    return run
