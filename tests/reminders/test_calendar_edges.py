"""Working days counted backwards: the case mutation testing (`make mutation`) found no test held."""

from __future__ import annotations

from datetime import date

from reminders.calendar import WorkingCalendar

calendar = WorkingCalendar()


def test_working_days_between_counts_back_as_a_negative_number():
    assert calendar.working_days_between(date(2026, 11, 2), date(2026, 11, 16)) == 10
    assert calendar.working_days_between(date(2026, 11, 16), date(2026, 11, 2)) == -10
    # Over Christmas and New Year 2026/27: Friday 25 and Monday 28 December and Friday 1 January are holidays.
    assert calendar.working_days_between(date(2027, 1, 4), date(2026, 12, 24)) == -4
