"""Deadlines as data: every stage, extensions, states, and the `deadlines` command."""

import json
from datetime import date

import pytest

from models.complaints import Stage, StageRecord
from reminders.calendar import WorkingCalendar
from reminders.deadlines import (
    STAGE_RULES,
    DeadlineState,
    ExtensionError,
    check_extension,
    deadline_state,
    request_deadline,
    rules_for,
    stage_deadlines,
    stage_state,
)

calendar = WorkingCalendar()


def test_stage_three_panel_report_and_response():
    d = stage_deadlines(calendar, Stage.THREE, date(2026, 11, 2))
    assert d.panel_by == date(2026, 12, 14)  # 30 working days
    assert d.report_by == date(2026, 12, 21)  # 5 after the panel
    assert d.response_by == date(2027, 1, 14)  # 15 after the report, over Christmas and New Year
    assert d.due == d.response_by


def test_stage_three_follows_the_real_panel_and_report_dates():
    d = stage_deadlines(calendar, Stage.THREE, date(2026, 11, 2), panel_on=date(2026, 12, 1))
    assert d.report_by == date(2026, 12, 8)
    d = stage_deadlines(calendar, Stage.THREE, date(2026, 11, 2), report_on=date(2026, 12, 8))
    assert d.response_by == date(2026, 12, 31)


def test_stage_two_extension_stops_at_65_working_days():
    received = date(2018, 3, 26)
    check_extension(calendar, Stage.TWO, received, date(2018, 6, 29), "independent investigator needs time")
    with pytest.raises(ExtensionError, match="past"):
        check_extension(calendar, Stage.TWO, received, date(2018, 7, 2), "more time")
    with pytest.raises(ExtensionError, match="cannot be extended"):
        check_extension(calendar, Stage.THREE, received, date(2018, 7, 2), "more time")


def test_how_long_the_complainant_has_to_ask_for_the_next_stage():
    assert request_deadline(calendar, Stage.TWO, date(2026, 11, 2)) == date(2026, 11, 30)
    assert request_deadline(calendar, Stage.ONE, date(2026, 11, 2)) is None


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (date(2026, 11, 24), DeadlineState.ON_TRACK),  # 4 working days before Monday 30 November
        (date(2026, 11, 25), DeadlineState.DUE_SOON),  # 3
        (date(2026, 11, 28), DeadlineState.DUE_SOON),  # a Saturday, 1 working day before
        (date(2026, 11, 30), DeadlineState.DUE_TODAY),
        (date(2026, 12, 1), DeadlineState.OVERDUE),
    ],
)
def test_deadline_states(today, state):
    assert deadline_state(calendar, date(2026, 11, 30), today) is state


def test_an_extension_moves_the_state_and_an_answer_ends_it():
    record = StageRecord(complaint_id=1, stage=1, received_on=date(2026, 11, 16), due_on=date(2026, 11, 30))
    assert stage_state(calendar, record, date(2026, 12, 1)) is DeadlineState.OVERDUE
    record.extended_to, record.extension_reason = date(2026, 12, 14), "advocate being arranged"
    assert stage_state(calendar, record, date(2026, 12, 1)) is DeadlineState.ON_TRACK
    record.responded_on = date(2026, 12, 2)
    assert stage_state(calendar, record, date(2026, 12, 20)) is None


def test_deadlines_command_json(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["deadlines", "--stage", "1", "--from", "2017-12-20", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "stage": 1,
        "received": "2017-12-20",
        "due": "2018-01-08",
        "latest": "2018-01-22",
    }
    result = runner.invoke(args=["deadlines", "--stage", "3", "--from", "2026-11-02", "--json"])
    assert json.loads(result.output) == {
        "stage": 3,
        "received": "2026-11-02",
        "due": "2027-01-14",
        "latest": "2027-01-14",
        "panel_by": "2026-12-14",
        "report_by": "2026-12-21",
        "response_by": "2027-01-14",
    }


def test_deadlines_command_refuses_a_bad_date(app):
    result = app.test_cli_runner().invoke(args=["deadlines", "--stage", "2", "--from", "26/11/2026"])
    assert result.exit_code != 0
    assert "YYYY-MM-DD" in result.output or "%Y-%m-%d" in result.output


def test_deadlines_command_for_a_corporate_complaint(app):
    runner = app.test_cli_runner()
    args = ["deadlines", "--procedure", "corporate", "--from", "2017-12-20", "--json", "--stage"]
    result = runner.invoke(args=[*args, "2"])
    assert result.exit_code == 0, result.output
    # 20 working days (statutory: 25), an extension to 30 at most.
    assert json.loads(result.output) == {
        "stage": 2,
        "received": "2017-12-20",
        "due": "2018-01-22",
        "latest": "2018-02-05",
    }
    refused = runner.invoke(args=[*args, "3"])
    assert refused.exit_code != 0 and "a corporate complaint has no stage 3" in refused.output


def test_corporate_rules_have_no_stage_3_and_follow_the_days_given():
    rules = rules_for("corporate", (15, 25))
    assert Stage.THREE not in rules
    assert (rules[Stage.ONE].respond_within, rules[Stage.TWO].respond_within) == (15, 25)
    assert rules_for("statutory") is STAGE_RULES
