"""What a view reads about its request: the settings, the clock, and the request's database session."""

from __future__ import annotations

from datetime import UTC, date, datetime

from flask import current_app

from settings import Settings
from web.session import db

__all__ = ["db", "now", "settings", "today"]


def settings() -> Settings:
    return current_app.config["SETTINGS"]


def now() -> datetime:
    """The moment, in UTC (the database stores UTC)."""
    return datetime.now(UTC)


def today() -> date:
    """Today where the council is (deadlines and reports count London days)."""
    return datetime.now(settings().timezone).date()
