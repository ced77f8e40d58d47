"""The statutory timescales the README and the pages promise, as literal dates counted by hand: stage 1 in 10
working days (20 with an extension), stage 2 in 25 (65 at most), a further stage asked for within 20, and the
"due soon" reminder 3 working days before. Received on Monday 2 November 2026; no bank holiday in November,
and 25 and 28 December 2026 and 1 January 2027 are holidays in England."""

from __future__ import annotations

from datetime import date

import pytest

from models.complaints import Stage
from reminders.calendar import WorkingCalendar
from reminders.deadlines import DeadlineState, deadline_state, request_deadline, stage_deadlines

calendar = WorkingCalendar()
RECEIVED = date(2026, 11, 2)


@pytest.mark.parametrize(
    ("stage", "due", "latest"),
    [
        (Stage.ONE, date(2026, 11, 16), date(2026, 11, 30)),  # 10 working days; 20 at most
        (Stage.TWO, date(2026, 12, 7), date(2027, 2, 4)),  # 25; 65 at most (13 weeks and the 3 holidays)
    ],
)
def test_stage_timescales(stage, due, latest):
    deadlines = stage_deadlines(calendar, stage, RECEIVED)
    assert (deadlines.due, deadlines.latest) == (due, latest)


def test_the_next_stage_is_asked_for_within_20_working_days():
    assert request_deadline(calendar, Stage.TWO, RECEIVED) == date(2026, 11, 30)
    assert request_deadline(calendar, Stage.THREE, RECEIVED) == date(2026, 11, 30)


def test_due_soon_is_3_working_days_before():
    due = date(2026, 11, 16)
    assert deadline_state(calendar, due, date(2026, 11, 11)) is DeadlineState.DUE_SOON  # Wednesday: 3 before
    assert deadline_state(calendar, due, date(2026, 11, 10)) is DeadlineState.ON_TRACK  # Tuesday: 4 before
