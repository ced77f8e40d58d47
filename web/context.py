"""What a view reads about its request: the settings, the clock, and the request's database session."""

from __future__ import annotations

from datetime import UTC, date, datetime

from flask import current_app

from settings import Settings
from web.session import db

__all__ = ["CLOCK", "db", "now", "settings", "today"]


def settings() -> Settings:
    return current_app.config["SETTINGS"]


# app.config[CLOCK], when set, is a callable returning the moment (aware, UTC): tests fix the time with it, so what
# a page shows (deadlines, "overdue", session ages) does not depend on the day the tests run.
CLOCK = "CLOCK"


def now() -> datetime:
    """The moment, in UTC (the database stores UTC)."""
    clock = current_app.config.get(CLOCK)
    return clock() if clock is not None else datetime.now(UTC)


def today() -> date:
    """Today where the council is (deadlines and reports count London days)."""
    return now().astimezone(settings().timezone).date()
