"""The working-day calendar and stage deadlines on the dates the guidance checks."""

from datetime import date

import pytest

from models.complaints import Stage
from reminders.calendar import WorkingCalendar
from reminders.deadlines import ExtensionError, check_extension, stage_deadlines

calendar = WorkingCalendar()


def test_stage_one_over_christmas():
    deadlines = stage_deadlines(calendar, Stage.ONE, date(2017, 12, 20))
    assert deadlines.due == date(2018, 1, 8)
    assert deadlines.latest == date(2018, 1, 22)


def test_stage_two_over_easter_and_may_day():
    deadlines = stage_deadlines(calendar, Stage.TWO, date(2018, 3, 26))
    assert deadlines.due == date(2018, 5, 2)
    assert deadlines.latest == date(2018, 6, 29)


def test_easter_monday_and_august_holiday_are_not_working_days():
    assert not calendar.is_working_day(date(2018, 4, 2))  # Easter Monday (missing from plain "GB")
    assert not calendar.is_working_day(date(2018, 8, 27))  # Summer bank holiday in England


def test_closure_days_from_config():
    closed = WorkingCalendar([date(2026, 12, 29)])
    assert closed.add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 30)


def test_extension_needs_a_reason_and_stops_at_the_maximum():
    with pytest.raises(ExtensionError, match="reason"):
        check_extension(calendar, Stage.ONE, date(2017, 12, 20), date(2018, 1, 15), " ")
    with pytest.raises(ExtensionError, match="past"):
        check_extension(calendar, Stage.ONE, date(2017, 12, 20), date(2018, 1, 23), "complex")
    check_extension(calendar, Stage.ONE, date(2017, 12, 20), date(2018, 1, 22), "complex")
