"""How the service writes dates and times: one format per purpose, the same in pages and emails.

- `long_date`: "Monday 8 January 2018", for any day a person acts on (deadlines, when we got it).
- `plain_date`: "8 January 2018", for a date inside a sentence or a range ("1 April 2017 to 31 March 2018",
  "must be after 8 January 2018"), where the weekday would be noise.
- `short_date`: "8 Jan 2018", for dense staff tables (the queue, triage) where a column of weekdays is noise.
- `clock_time`: "3:14pm"; `time_and_date`: "3:14pm on Tuesday 1 December 2026", for when something happened.
docs/content.md says why dates are written this way.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from babel.dates import format_date

from content.i18n import DEFAULT_LANGUAGE, current_language

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def long_date(value: str | date | None) -> str:
    """ "Monday 8 January 2018"."""
    if not value:
        return ""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    if (language := current_language()) != DEFAULT_LANGUAGE:  # a public page or email in another language
        return format_date(day, "EEEE, d MMMM y", locale=language)
    return f"{day:%A} {day.day} {day:%B %Y}"


def plain_date(value: date) -> str:
    """ "8 January 2018" (English month names whatever the machine's locale)."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def short_date(value: date | None) -> str:
    """ "8 Jan 2018"."""
    if not value:
        return ""
    return f"{value.day} {value:%b %Y}"


def clock_time(value: datetime, zone: tzinfo) -> str:
    """ "3:14pm", in `zone`."""
    local = value.astimezone(zone)
    return f"{local:%-I:%M}{'am' if local.hour < 12 else 'pm'}"


def time_and_date(value: datetime, zone: tzinfo) -> str:
    """ "3:14pm on Tuesday 1 December 2026", in `zone`."""
    return f"{clock_time(value, zone)} on {long_date(value.astimezone(zone).date())}"
