"""Reading a complaint's stages: which is open, when it is due, and how urgent that is."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sqlmodel import Session, col, select

from models.complaints import Outcome, Stage, StageRecord
from reminders.calendar import WorkingCalendar
from reminders.deadlines import STAGE_RULES, DeadlineState, StageRule, deadline_state, request_deadline

# The queue's tags: red overdue, amber due within 3 working days (or today), green on track.
STATE_TAGS = {
    DeadlineState.OVERDUE: ("Overdue", "govuk-tag--red"),
    DeadlineState.DUE_TODAY: ("Due today", "govuk-tag--orange"),
    DeadlineState.DUE_SOON: ("Due soon", "govuk-tag--orange"),
    DeadlineState.ON_TRACK: ("On track", "govuk-tag--green"),
}
# What staff filter by: the three colours.
STATE_FILTERS = {
    "overdue": (DeadlineState.OVERDUE,),
    "due-soon": (DeadlineState.DUE_TODAY, DeadlineState.DUE_SOON),
    "on-track": (DeadlineState.ON_TRACK,),
}


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


def state_of(calendar: WorkingCalendar, record: StageRecord, today: date) -> DeadlineState | None:
    due = effective_due(record)
    if due is None or record.responded_on is not None:
        return None
    return deadline_state(calendar, due, today)


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
