"""Statutory deadlines for each complaint stage (Children Act 1989 s26; SI 2006/1738).

The rules are data: change `STAGE_RULES`, not the code, when the guidance changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from content.dates import plain_date
from models.complaints import Procedure, Stage, StageRecord
from reminders.calendar import WorkingCalendar


@dataclass(frozen=True)
class StageRule:
    respond_within: int | None  # working days from receipt to the council's response
    extendable_to: int | None  # the furthest an extension may go, in working days from receipt
    request_within: int | None  # working days after the previous stage's response to ask for this one


STAGE_RULES: dict[Stage, StageRule] = {
    Stage.ONE: StageRule(respond_within=10, extendable_to=20, request_within=None),
    Stage.TWO: StageRule(respond_within=25, extendable_to=65, request_within=20),
    # Stage 3's response date follows from the panel; see PANEL_RULES.
    Stage.THREE: StageRule(respond_within=None, extendable_to=None, request_within=20),
    Stage.OMBUDSMAN: StageRule(respond_within=None, extendable_to=None, request_within=None),
}


# Corporate complaints (about children's services but outside the statutory procedure) follow the council's own
# policy: stage 1 and stage 2 within the working days set by CORPORATE_STAGE_1_WORKING_DAYS and
# CORPORATE_STAGE_2_WORKING_DAYS (10 and 20 by default), no stage 3, then the Ombudsman. An extension may add at
# most CORPORATE_EXTENSION_WORKING_DAYS, and stage 2 is asked for within CORPORATE_REQUEST_WITHIN of stage 1's reply.
DEFAULT_CORPORATE_WORKING_DAYS = (10, 20)
CORPORATE_EXTENSION_WORKING_DAYS = 10
CORPORATE_REQUEST_WITHIN = 20


def rules_for(
    procedure: str, corporate_working_days: tuple[int, int] = DEFAULT_CORPORATE_WORKING_DAYS
) -> Mapping[Stage, StageRule]:
    """The stages a complaint under `procedure` has, and their timescales (a corporate one has no stage 3)."""
    if procedure != Procedure.CORPORATE:
        return STAGE_RULES
    stage_1, stage_2 = corporate_working_days
    return {
        Stage.ONE: StageRule(stage_1, stage_1 + CORPORATE_EXTENSION_WORKING_DAYS, None),
        Stage.TWO: StageRule(stage_2, stage_2 + CORPORATE_EXTENSION_WORKING_DAYS, CORPORATE_REQUEST_WITHIN),
        Stage.OMBUDSMAN: STAGE_RULES[Stage.OMBUDSMAN],
    }


@dataclass(frozen=True)
class PanelRule:
    panel_within: int = 30  # working days from the stage 3 request
    report_within: int = 5  # working days from the panel
    response_within: int = 15  # working days from the panel's report


PANEL_RULES = PanelRule()
DUE_SOON_WORKING_DAYS = 3


class DeadlineState(StrEnum):
    ON_TRACK = "on-track"
    DUE_SOON = "due-soon"
    DUE_TODAY = "due-today"
    OVERDUE = "overdue"


class ExtensionError(ValueError):
    """An extension without a reason, or past the statutory maximum."""


@dataclass(frozen=True)
class StageDeadlines:
    stage: Stage
    received: date
    due: date | None
    latest: date | None  # the furthest an extension may go
    panel_by: date | None = None
    report_by: date | None = None
    response_by: date | None = None

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "stage": "ombudsman" if self.stage is Stage.OMBUDSMAN else int(self.stage),
            "received": self.received.isoformat(),
            "due": self.due.isoformat() if self.due else None,
            "latest": self.latest.isoformat() if self.latest else None,
        }
        if self.stage is Stage.THREE:
            for name, value in (
                ("panel_by", self.panel_by),
                ("report_by", self.report_by),
                ("response_by", self.response_by),
            ):
                out[name] = value.isoformat() if value else None
        return out


def stage_deadlines(
    calendar: WorkingCalendar,
    stage: Stage,
    received: date,
    *,
    panel_on: date | None = None,
    report_on: date | None = None,
    rules: Mapping[Stage, StageRule] = STAGE_RULES,
) -> StageDeadlines:
    """The deadlines of a stage received on `received` (and, for stage 3, the panel and report dates if known).

    `rules` are the procedure's (`rules_for`); a stage the procedure does not have has no deadline.
    """
    rule = rules.get(stage, StageRule(None, None, None))
    if stage is Stage.THREE:
        panel_by = calendar.add_working_days(received, PANEL_RULES.panel_within)
        report_by = calendar.add_working_days(panel_on or panel_by, PANEL_RULES.report_within)
        response_by = calendar.add_working_days(report_on or report_by, PANEL_RULES.response_within)
        return StageDeadlines(stage, received, response_by, response_by, panel_by, report_by, response_by)
    if rule.respond_within is None:
        return StageDeadlines(stage, received, None, None)
    due = calendar.add_working_days(received, rule.respond_within)
    latest = calendar.add_working_days(received, rule.extendable_to) if rule.extendable_to else due
    return StageDeadlines(stage, received, due, latest)


def check_extension(
    calendar: WorkingCalendar,
    stage: Stage,
    received: date,
    extend_to: date,
    reason: str,
    rules: Mapping[Stage, StageRule] = STAGE_RULES,
) -> None:
    """Raise ExtensionError unless extending the stage to `extend_to` is allowed."""
    if not reason.strip():
        raise ExtensionError("Give a reason for the extension")
    deadlines = stage_deadlines(calendar, stage, received, rules=rules)
    # `latest` is None exactly when `due` is (a stage with no deadline); both are named for the type checker.
    rule = rules.get(stage)
    if deadlines.due is None or deadlines.latest is None or rule is None or rule.extendable_to is None:
        raise ExtensionError(f"{stage.label} cannot be extended")
    if extend_to <= deadlines.due:
        raise ExtensionError(f"The new date must be after the current deadline, {plain_date(deadlines.due)}")
    if extend_to > deadlines.latest:
        raise ExtensionError(f"{stage.label} cannot be extended past {plain_date(deadlines.latest)}")


def request_deadline(
    calendar: WorkingCalendar, stage: Stage, previous_response: date, rules: Mapping[Stage, StageRule] = STAGE_RULES
) -> date | None:
    """The last day the complainant may ask for `stage` after the previous stage's response."""
    rule = rules.get(stage)
    within = rule.request_within if rule else None
    return calendar.add_working_days(previous_response, within) if within else None


def deadline_state(calendar: WorkingCalendar, due: date, today: date) -> DeadlineState:
    if today > due:
        return DeadlineState.OVERDUE
    if today == due:
        return DeadlineState.DUE_TODAY
    if calendar.working_days_between(today, due) <= DUE_SOON_WORKING_DAYS:
        return DeadlineState.DUE_SOON
    return DeadlineState.ON_TRACK


def current_deadline(record: StageRecord) -> date | None:
    """A stage's deadline now: the extension when one was agreed, otherwise the statutory date."""
    return record.extended_to or record.due_on


def stage_state(calendar: WorkingCalendar, record: StageRecord, today: date) -> DeadlineState | None:
    """The state of an open stage (None once it is answered or when it has no deadline, like the Ombudsman)."""
    deadline = current_deadline(record)
    if record.responded_on is not None or deadline is None:
        return None
    return deadline_state(calendar, deadline, today)
