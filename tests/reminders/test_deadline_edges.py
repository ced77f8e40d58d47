"""Deadlines at their edges, and the exact words staff are shown when an extension is refused: the cases that
mutation testing (`make mutation`) found no test held."""

from __future__ import annotations

from datetime import date

import pytest

from models.complaints import Stage
from reminders.calendar import WorkingCalendar
from reminders.deadlines import ExtensionError, check_extension, stage_deadlines

calendar = WorkingCalendar()
RECEIVED = date(2026, 11, 2)  # a Monday: stage 1 is due Monday 16 November, 30 November at the latest


def test_the_ombudsman_stage_has_no_deadline_of_ours():
    deadlines = stage_deadlines(calendar, Stage.OMBUDSMAN, RECEIVED)
    assert (deadlines.stage, deadlines.received, deadlines.due, deadlines.latest) == (
        Stage.OMBUDSMAN,
        RECEIVED,
        None,
        None,
    )
    assert deadlines.as_dict() == {"stage": "ombudsman", "received": "2026-11-02", "due": None, "latest": None}


def test_a_numbered_stage_is_a_number_in_json():
    assert stage_deadlines(calendar, Stage.ONE, RECEIVED).as_dict() == {
        "stage": 1,
        "received": "2026-11-02",
        "due": "2026-11-16",
        "latest": "2026-11-30",
    }


@pytest.mark.parametrize(
    ("stage", "extend_to", "reason", "message"),
    [
        (Stage.ONE, date(2026, 11, 20), " ", "Give a reason for the extension"),
        (Stage.THREE, date(2027, 3, 1), "panel moved", "Stage 3 cannot be extended"),
        (Stage.OMBUDSMAN, date(2027, 3, 1), "more time", "Ombudsman cannot be extended"),
        # The deadline itself is no extension: the new date must be later.
        (
            Stage.ONE,
            date(2026, 11, 16),
            "more time",
            "The new date must be after the current deadline, 16 November 2026",
        ),
        (Stage.ONE, date(2026, 12, 1), "more time", "Stage 1 cannot be extended past 30 November 2026"),
    ],
)
def test_a_refused_extension_says_why_in_words(stage, extend_to, reason, message):
    with pytest.raises(ExtensionError) as refused:
        check_extension(calendar, stage, RECEIVED, extend_to, reason)
    assert str(refused.value) == message


def test_the_day_after_the_deadline_and_the_last_allowed_day_are_taken():
    check_extension(calendar, Stage.ONE, RECEIVED, date(2026, 11, 17), "the family asked for a meeting")
    check_extension(calendar, Stage.ONE, RECEIVED, date(2026, 11, 30), "the family asked for a meeting")
