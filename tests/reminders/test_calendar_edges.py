"""Working days at their edges: the cases mutation testing (`make mutation`) found no test held."""

from __future__ import annotations

from datetime import date

import pytest

from reminders.calendar import WorkingCalendar

calendar = WorkingCalendar()


def test_working_days_between_counts_back_as_a_negative_number():
    assert calendar.working_days_between(date(2026, 11, 2), date(2026, 11, 16)) == 10
    assert calendar.working_days_between(date(2026, 11, 16), date(2026, 11, 2)) == -10
    # Over Christmas and New Year 2026/27: Friday 25 and Monday 28 December and Friday 1 January are holidays.
    assert calendar.working_days_between(date(2027, 1, 4), date(2026, 12, 24)) == -4


def test_the_next_working_day_is_later_never_earlier():
    assert calendar.next_working_day(date(2026, 11, 28)) == date(2026, 11, 30)  # Saturday -> Monday
    assert calendar.next_working_day(date(2026, 12, 25)) == date(2026, 12, 29)  # Christmas -> Tuesday
    assert calendar.next_working_day(date(2026, 11, 26)) == date(2026, 11, 26)  # a Thursday is itself


def test_a_negative_count_of_working_days_is_refused_with_a_reason():
    with pytest.raises(ValueError, match="^days must not be negative$"):
        calendar.add_working_days(date(2026, 11, 2), -1)
