"""When a non-urgent email may go out: working days, from opening time, Europe/London.

Staff hate reminders at midnight or on a Sunday; only a safeguarding alert ignores these hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from reminders.calendar import WorkingCalendar


@dataclass(frozen=True)
class OfficeHours:
    calendar: WorkingCalendar
    zone: ZoneInfo
    opens: time = time(8, 0)
    closes: time = time(18, 0)

    def local_day(self, moment: datetime) -> date:
        return moment.astimezone(self.zone).date()

    def opening(self, day: date) -> datetime:
        """Opening time on `day`, in UTC (zoneinfo takes care of the clocks changing)."""
        return datetime.combine(day, self.opens, tzinfo=self.zone).astimezone(UTC)

    def is_open(self, moment: datetime) -> bool:
        local = moment.astimezone(self.zone)
        return self.calendar.is_working_day(local.date()) and self.opens <= local.time() < self.closes

    def next_open(self, moment: datetime) -> datetime:
        """`moment` itself when the office is open then, otherwise the next opening time (UTC)."""
        if self.is_open(moment):
            return moment.astimezone(UTC)
        local = moment.astimezone(self.zone)
        day = local.date()
        if local.time() >= self.opens:
            day += timedelta(days=1)
        return self.opening(self.calendar.next_working_day(day))

    def send_time(self, day: date, now: datetime) -> datetime:
        """When a reminder meant for `day` goes out: opening time that day, or the next open moment after `now`."""
        return self.next_open(max(self.opening(self.calendar.next_working_day(day)), now))
