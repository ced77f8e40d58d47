"""Casework fixtures: an app with CSRF off (the CSRF tests use the shared `app`, which has it on), and staff of
every role on it (`staff_app`, which the shared `signed_in` fixture signs in to).

`casework_app` reads the time from a fixed clock (`clock`, set again before each test): what its pages show
(deadline states, ages, session expiry) is the same whatever day the suite runs. Tests move it with
`clock.advance()` and build their data from `today` and `now`, which read the same clock."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from reminders.calendar import WorkingCalendar
from tests.clock import Clock
from tests.conftest import DEMO_TODAY
from web.context import CLOCK
from wsgi import create_app

# A Thursday morning in London (UTC in November), the day the demo's live complaints are dated from.
CLOCK_START = datetime(DEMO_TODAY.year, DEMO_TODAY.month, DEMO_TODAY.day, 10, 30, tzinfo=UTC)
CASEWORK_CLOCK = Clock(CLOCK_START)


@pytest.fixture(scope="session")
def casework_app(settings):
    app = create_app(settings)
    app.config["WTF_CSRF_ENABLED"] = False
    app.config[CLOCK] = CASEWORK_CLOCK
    return app


@pytest.fixture(autouse=True)
def clock() -> Clock:
    """casework_app's clock, back at CLOCK_START for each test."""
    CASEWORK_CLOCK.moment = CLOCK_START
    return CASEWORK_CLOCK


@pytest.fixture
def now(clock) -> datetime:
    return clock()


@pytest.fixture
def today(clock, settings):
    return clock().astimezone(settings.timezone).date()


@pytest.fixture
def calendar():
    return WorkingCalendar()


@pytest.fixture
def staff_app(casework_app, staff_ids):
    return casework_app
