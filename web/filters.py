"""What every template may use, registered once: the date formats (content/dates.py) as filters, and the help
lines for the page's help panel, and what a date input shows. Views pass data, never helpers:
`{{ s.due | long_date }}`."""

from __future__ import annotations

from datetime import datetime

from flask import Flask

from content import dates
from content.safety_help import HelpLine, help_now
from web.context import settings
from web.forms import date_parts


def time_and_date(value: datetime) -> str:
    """ "3:14pm on Tuesday 1 December 2026", in the council's time zone."""
    return dates.time_and_date(value, settings().timezone)


def local_date(value: datetime) -> str:
    """The day a moment fell on where the council is, as a long date (a complaint received at 00:30 in June
    was received that day in London, not the day before in UTC)."""
    return dates.long_date(value.astimezone(settings().timezone).date())


def _help_now(role: str | None = None) -> tuple[HelpLine, ...]:
    return help_now(role, settings())


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(
        long_date=dates.long_date,
        plain_date=dates.plain_date,
        short_date=dates.short_date,
        local_date=local_date,
        time_and_date=time_and_date,
    )
    # templates/pages/_help_now_panel.html: `help_now(help_role)` gives the lines for the person on the page.
    app.jinja_env.globals["help_now"] = _help_now
    # templates/casework/_action_fields.html: what to put back in a date input's three boxes.
    app.jinja_env.globals["date_parts"] = date_parts
