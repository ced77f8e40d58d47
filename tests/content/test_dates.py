"""One date format per purpose (docs/content.md, "Dates and times")."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from content.dates import clock_time, long_date, plain_date, short_date, time_and_date

LONDON = ZoneInfo("Europe/London")


def test_each_purpose_has_its_format():
    day = date(2018, 1, 8)
    assert long_date(day) == long_date("2018-01-08") == "Monday 8 January 2018"
    assert plain_date(day) == "8 January 2018"
    assert short_date(day) == "8 Jan 2018"


def test_times_are_london_time_with_am_or_pm():
    moment = datetime(2026, 6, 1, 23, 30, tzinfo=UTC)  # 00:30 in London, the next day
    assert clock_time(moment, LONDON) == "12:30am"
    assert time_and_date(moment, LONDON) == "12:30am on Tuesday 2 June 2026"
