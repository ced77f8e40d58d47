"""Security fixtures: staff of every role on an app with CSRF off (`staff_app`, for the shared `signed_in`);
the tests that need CSRF on use the shared `app`."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from models.db import get_engine, session_scope
from models.staff import StaffUser
from models.teams import Team
from tests.factories import PASSWORD, add_staff
from wsgi import create_app


@pytest.fixture(scope="session")
def security_app(settings):
    app = create_app(settings)
    app.config["WTF_CSRF_ENABLED"] = False
    return app


@pytest.fixture
def staff_app(security_app, staff_ids):
    return security_app


@pytest.fixture
def signed_in_api(app, clean_db, settings):
    """A client of the shared app (CSRF on) signed in as an officer, sending the CSRF token as the API wants."""
    with session_scope(get_engine(clean_db)) as session:
        if session.exec(select(StaffUser.id)).first() is None:
            add_staff(session, settings, directory=session.exec(select(Team.id)).first() is None)
    client = app.test_client()
    page = client.get("/staff/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    form = {"csrf_token": token, "email": "officer@example.test", "password": PASSWORD}
    assert client.post("/staff/sign-in", data=form).status_code == 302
    page = client.get("/staff/queue").get_data(as_text=True)
    client.environ_base["HTTP_X_CSRFTOKEN"] = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    return client
