"""Reading a complaint's stages: which is open, when it is due, and how urgent that is."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from enum import StrEnum

from sqlmodel import Session, col, select

from models.complaints import Outcome, Stage, StageRecord
from reminders.calendar import WorkingCalendar
from reminders.deadlines import STAGE_RULES, StageRule, request_deadline


class Urgency(StrEnum):
    """How urgent an open stage is on the staff screens (the queue, its counts, the case page, the dashboard).

    Finer than the reminders' `DeadlineState`: officers plan by the week, so "due this week" is its own colour.
    """

    OVERDUE = "overdue"
    DUE_TODAY = "due-today"
    DUE_THIS_WEEK = "due-this-week"
    ON_TRACK = "on-track"


# Each state has its own colour AND its own words, so nobody needs to tell red from orange to read it.
STATE_TAGS = {
    Urgency.OVERDUE: ("Overdue", "govuk-tag--red"),
    Urgency.DUE_TODAY: ("Due today", "govuk-tag--orange"),
    Urgency.DUE_THIS_WEEK: ("Due this week", "govuk-tag--yellow"),
    Urgency.ON_TRACK: ("On track", "govuk-tag--green"),
}
# What staff filter by (the queue's ?state=).
STATE_FILTER_LABELS = {
    Urgency.OVERDUE.value: "Overdue",
    Urgency.DUE_TODAY.value: "Due today",
    Urgency.DUE_THIS_WEEK.value: "Due this week",
    Urgency.ON_TRACK.value: "On track",
}


def urgency(calendar: WorkingCalendar, due: date, today: date) -> Urgency:
    if today > due:
        return Urgency.OVERDUE
    if today == due:
        return Urgency.DUE_TODAY
    if due <= last_due_this_week(calendar, today):
        return Urgency.DUE_THIS_WEEK
    return Urgency.ON_TRACK


def last_due_this_week(calendar: WorkingCalendar, today: date) -> date:
    """The last due date that is still "due this week" today: this week's Sunday, as `ask` counts "due this week"
    (queries/engine.py; there it includes today, here today has its own state). Each state is a range of due
    dates, so the database can filter and count by them."""
    return today + timedelta(days=6 - today.weekday())


def days_overdue(calendar: WorkingCalendar, due: date | None, today: date) -> int:
    """Working days past the deadline (0 when it is not past): statutory timescales count working days."""
    if due is None or today <= due:
        return 0
    return calendar.working_days_between(due, today)


def stage_label(stage: int) -> str:
    return Stage(stage).label


def stages_of(session: Session, complaint_id: int) -> list[StageRecord]:
    statement = select(StageRecord).where(StageRecord.complaint_id == complaint_id).order_by(col(StageRecord.stage))
    return list(session.exec(statement).all())


def open_stage(stages: list[StageRecord]) -> StageRecord | None:
    """The stage waiting for a response (at most one: a stage opens only after the one before it closes)."""
    pending = [record for record in stages if record.responded_on is None]
    return pending[-1] if pending else None


def latest_stage(stages: list[StageRecord]) -> StageRecord | None:
    return stages[-1] if stages else None


def effective_due(record: StageRecord) -> date | None:
    return record.extended_to or record.due_on


def state_of(calendar: WorkingCalendar, record: StageRecord, today: date) -> Urgency | None:
    due = effective_due(record)
    if due is None or record.responded_on is not None:
        return None
    return urgency(calendar, due, today)


def escalation_window(
    calendar: WorkingCalendar, stages: list[StageRecord], rules: Mapping[Stage, StageRule] = STAGE_RULES
) -> tuple[Stage, date] | None:
    """The next stage the complainant may ask for and the last day to ask in time, or None.

    One rule for staff (may they escalate?) and for the complainant's status page (may they ask for a review?).
    `rules` are the complaint's procedure's (a corporate complaint has no stage 3).
    """
    latest = latest_stage(stages)
    if latest is None or latest.responded_on is None or latest.stage >= Stage.THREE:
        return None
    if latest.outcome in (Outcome.WITHDRAWN, Outcome.RESOLVED_EARLY):
        return None
    next_stage = Stage(latest.stage + 1)
    if next_stage not in rules:
        return None
    deadline = request_deadline(calendar, next_stage, latest.responded_on, rules)  # stages 2 and 3 always have one
    return (next_stage, deadline) if deadline is not None else None
