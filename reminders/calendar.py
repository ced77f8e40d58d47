"""Working days in England: not a weekend, not a bank holiday, not a day the council closes.

The day something is received is day 0; a deadline of N working days is the Nth working day after it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=256)
def bank_holidays(year: int) -> frozenset[date]:
    # Never plain "GB": it lacks Easter Monday and the August holiday in England.
    # The list holds both a Christmas on a Saturday and its weekday substitute; weekends are skipped anyway.
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def warm_up(today: date) -> None:
    """Load this year's and next year's bank holidays now: the first deadline a process works out would otherwise
    import the holidays package and build the list (a fifth of a second), inside the transaction that files the
    complaint, holding SQLite's write lock while it does."""
    bank_holidays(today.year)
    bank_holidays(today.year + 1)


class WorkingCalendar:
    def __init__(self, closure_days: Iterable[date] = ()):
        self.closure_days = frozenset(closure_days)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in bank_holidays(day.year) and day not in self.closure_days

    def add_working_days(self, start: date, days: int) -> date:
        """The `days`-th working day after `start` (start itself is day 0, whatever day it is)."""
        if days < 0:
            raise ValueError("days must not be negative")
        current = start
        remaining = days
        while remaining:
            current += timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        return current

    def subtract_working_days(self, end: date, days: int) -> date:
        """The working day `days` working days before `end`."""
        current = end
        remaining = days
        while remaining:
            current -= timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        return current

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (negative when `end` is earlier)."""
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        current = start
        while current < end:
            current += timedelta(days=1)
            if self.is_working_day(current):
                count += 1
        return count

    def next_working_day(self, day: date) -> date:
        """`day` itself when it is a working day, otherwise the next one."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day
