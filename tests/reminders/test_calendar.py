"""Working days in England on the awkward dates: Easter, Christmas at a weekend, the one-off holidays."""

from datetime import date

import pytest

from reminders.calendar import WorkingCalendar

calendar = WorkingCalendar()


@pytest.mark.parametrize(
    ("day", "why"),
    [
        (date(2026, 4, 3), "Good Friday 2026"),
        (date(2026, 4, 6), "Easter Monday 2026"),
        (date(2027, 3, 26), "Good Friday 2027"),
        (date(2027, 3, 29), "Easter Monday 2027"),
        (date(2026, 12, 25), "Christmas Day 2026, a Friday"),
        (date(2026, 12, 28), "Boxing Day 2026 is a Saturday: the Monday instead"),
        (date(2027, 12, 27), "Christmas Day 2027 is a Saturday: the Monday instead"),
        (date(2027, 12, 28), "Boxing Day 2027 is a Sunday: the Tuesday instead"),
        (date(2022, 6, 2), "Spring bank holiday moved for the Platinum Jubilee"),
        (date(2022, 6, 3), "Platinum Jubilee"),
        (date(2022, 9, 19), "State funeral of Queen Elizabeth II"),
        (date(2023, 5, 8), "Coronation of King Charles III"),
        (date(2026, 11, 28), "a Saturday"),
    ],
)
def test_days_that_are_not_working_days(day, why):
    assert not calendar.is_working_day(day), why


@pytest.mark.parametrize(
    "day",
    [date(2026, 12, 24), date(2026, 12, 29), date(2027, 12, 29), date(2022, 5, 30), date(2023, 5, 9)],
)
def test_ordinary_weekdays_around_them_are_working_days(day):
    assert calendar.is_working_day(day)


def test_counting_over_christmas_2027_skips_both_substitute_days():
    # Friday 24 December 2027 is day 0; the 27th and 28th are the substitutes, the 31st is a Friday.
    assert calendar.add_working_days(date(2027, 12, 24), 1) == date(2027, 12, 29)
    assert calendar.add_working_days(date(2027, 12, 24), 3) == date(2027, 12, 31)
    assert calendar.add_working_days(date(2027, 12, 24), 4) == date(2028, 1, 4)  # 3 January 2028 is a substitute


def test_counting_over_easter_2026():
    assert calendar.add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)


def test_counting_over_the_jubilee_and_the_coronation():
    assert calendar.add_working_days(date(2022, 6, 1), 1) == date(2022, 6, 6)
    assert calendar.add_working_days(date(2023, 5, 5), 1) == date(2023, 5, 9)


def test_day_received_on_a_weekend_still_counts_from_that_day():
    # Received on Saturday: Monday is day 1.
    assert calendar.add_working_days(date(2026, 11, 28), 1) == date(2026, 11, 30)


def test_closure_days_are_not_working_days():
    closed = WorkingCalendar([date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)])
    assert not closed.is_working_day(date(2026, 12, 30))
    assert closed.add_working_days(date(2026, 12, 24), 1) == date(2027, 1, 4)
    assert closed.working_days_between(date(2026, 12, 24), date(2027, 1, 4)) == 1


def test_subtract_and_between_agree_with_add():
    start = date(2026, 12, 18)
    for days in range(0, 30):
        end = calendar.add_working_days(start, days)
        assert calendar.working_days_between(start, end) == days
        if days:
            assert calendar.subtract_working_days(end, days) == calendar.next_working_day(start)
