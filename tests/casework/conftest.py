"""Casework fixtures: an app with CSRF off (the CSRF tests use the shared `app`, which has it on), and staff of
every role on it (`staff_app`, which the shared `signed_in` fixture signs in to)."""

from __future__ import annotations

from datetime import datetime

import pytest

from reminders.calendar import WorkingCalendar
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
def staff_app(casework_app, staff_ids):
    return casework_app
