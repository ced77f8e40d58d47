"""What staff do to a complaint, each allowed only where the statutory procedure allows it.

Every action checks first and changes nothing when refused (ActionRefused says what to do instead),
then writes an audit event with the fields before and after, and re-plans the stage's reminders.
Free text (summaries) is counted, not copied, into the audit trail: it may hold personal data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlmodel import Session, col, delete, select

from casework import audit
from casework.import_values import read_money
from casework.roles import MANAGER, OFFICER, can_see_complaint, can_triage
from casework.stages import effective_due, latest_stage, open_stage, stages_of
from casework.stages import escalation_window as _escalation_window
from content.dates import plain_date
from models.audit import Action
from models.base import require_id
from models.complaints import (
    Complaint,
    ComplaintStatus,
    LearningCategory,
    OmbudsmanDecision,
    Outcome,
    Procedure,
    ReasonCategory,
    Stage,
    StageLearning,
    StageReason,
    StageRecord,
)
from models.staff import StaffUser
from models.teams import Team
from reminders import replan
from reminders.calendar import WorkingCalendar
from reminders.deadlines import ExtensionError, StageRule, check_extension, rules_for, stage_deadlines
from reminders.policy import STAGE_EXTENDED, STAGE_RECEIVED, StageEvent
from settings import Settings

RESPONSE_OUTCOMES = (Outcome.UPHELD, Outcome.PARTIALLY_UPHELD, Outcome.NOT_UPHELD)
MAX_REASON = 500


class ActionRefused(ValueError):
    """The action is not allowed now; `message` tells staff why, `field` which answer to fix."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class ActionContext:
    session: Session
    actor: StaffUser
    settings: Settings
    now: datetime

    @property
    def calendar(self) -> WorkingCalendar:
        return WorkingCalendar(self.settings.closure_days)

    @property
    def today(self) -> date:
        return self.now.astimezone(self.settings.timezone).date()

    def rules(self, complaint: Complaint) -> Mapping[Stage, StageRule]:
        """The stages and timescales of the complaint's procedure (statutory, or the council's corporate one)."""
        return rules_for(complaint.procedure, self.settings.corporate_working_days)


def _can_act(ctx: ActionContext, complaint: Complaint) -> None:
    if ctx.actor.role not in (OFFICER, MANAGER) or not can_see_complaint(ctx.actor, complaint):
        raise ActionRefused("Your account cannot change this complaint.")


def _reason(text: str, field: str = "reason", what: str = "a reason") -> str:
    text = (text or "").strip()
    if not text:
        raise ActionRefused(f"Enter {what}", field)
    if len(text) > MAX_REASON:
        raise ActionRefused(f"Keep {what} to {MAX_REASON} characters or fewer", field)
    return text


def _day_in_range(day: date | None, field: str, *, earliest: date, today: date, what: str) -> date:
    if day is None:
        # Also what a date that does not exist (31 2 2026) becomes; the example is today, which always exists.
        raise ActionRefused(
            f"Enter a real date {what} as day, month and year, like {today.day} {today.month} {today.year}", field
        )
    if day > today:
        raise ActionRefused(f"The date {what} must be today or in the past", field)
    if day < earliest:
        raise ActionRefused(f"The date {what} must be on or after {plain_date(earliest)}", field)
    return day


def _stage_snapshot(record: StageRecord) -> dict[str, object]:
    return {
        "stage": record.stage,
        "due_on": record.due_on,
        "extended_to": record.extended_to,
        "responded_on": record.responded_on,
        "outcome": record.outcome,
    }


def _close_if_done(complaint: Complaint, stages: list[StageRecord], ctx: ActionContext, status: str) -> None:
    if open_stage(stages) is None:
        complaint.status = status
        complaint.closed_at = ctx.now


def _open_stage_or_refuse(stages: list[StageRecord], what: str) -> StageRecord:
    record = open_stage(stages)
    if record is None:
        raise ActionRefused(f"There is no open stage to {what}.")
    return record


def _tell_complainant(ctx: ActionContext, complaint: Complaint, record: StageRecord, event: StageEvent) -> None:
    # Imported here: casework/notify.py writes letters, and casework/letters.py uses this module's ActionContext.
    from casework import notify

    notify.stage_event(ctx, complaint, record, event)


# --- assign --------------------------------------------------------------------------------------------


def assign_team(ctx: ActionContext, complaint: Complaint, team_slug: str, reason: str) -> None:
    """Give a complaint from triage its team, or move it to another team (with a reason)."""
    session = ctx.session
    if complaint.status in (ComplaintStatus.CLOSED, ComplaintStatus.WITHDRAWN):
        raise ActionRefused("This complaint is closed; reopen it by recording the next stage instead.")
    triage = complaint.team_id is None
    if triage and not can_triage(ctx.actor):
        raise ActionRefused("Only a complaints officer can assign a complaint from triage.")
    if not triage:
        _can_act(ctx, complaint)
    team = session.exec(select(Team).where(Team.slug == (team_slug or ""), Team.active)).first()
    if team is None:
        raise ActionRefused("Choose the team", "team")
    if team.id == complaint.team_id:
        raise ActionRefused(f"This complaint is already with {team.name}", "team")
    reason = _reason(reason) if not triage else (reason or "").strip()[:MAX_REASON]
    before = {"team_id": complaint.team_id, "status": complaint.status}
    complaint.team_id = team.id
    complaint.routing_decision = "manual"
    if complaint.status == ComplaintStatus.AWAITING_TRIAGE:
        complaint.status = ComplaintStatus.OPEN.value
    stages = stages_of(session, require_id(complaint))
    record = open_stage(stages)
    if record is None and not stages:
        # A complaint routed to triage at intake may not have its first stage yet: it starts the day received.
        received = complaint.received_at.astimezone(ctx.settings.timezone).date()
        deadlines = stage_deadlines(ctx.calendar, Stage.ONE, received, rules=ctx.rules(complaint))
        record = StageRecord(complaint_id=require_id(complaint), stage=1, received_on=received, due_on=deadlines.due)
    if record is not None:
        record.team_id = team.id
        session.add(record)
    session.add(complaint)
    session.flush()
    audit.record(
        session,
        ctx.actor,
        complaint,
        Action.TEAM_ASSIGNED if triage else Action.TEAM_REASSIGNED,
        before=before,
        after={"team_id": team.id, "team": team.slug, "status": complaint.status, "reason": reason},
        at=ctx.now,
    )
    replan.complaint_changed(session, complaint, ctx.settings, ctx.now)


def eligible_officers(session: Session, complaint: Complaint) -> list[StaffUser]:
    """Who may hold a complaint: any active complaints officer, or a manager of its team."""
    statement = (
        select(StaffUser)
        .where(StaffUser.active, col(StaffUser.role).in_([OFFICER, MANAGER]))
        .order_by(col(StaffUser.name))
    )
    return [u for u in session.exec(statement) if u.role == OFFICER or u.team_id == complaint.team_id]


def assign_officer(ctx: ActionContext, complaint: Complaint, officer_id: str) -> None:
    """Name the member of staff who holds the complaint; the officer reminders go to them."""
    _can_act(ctx, complaint)
    if complaint.status != ComplaintStatus.OPEN:
        raise ActionRefused("Only an open complaint with a team can be given to someone.")
    chosen = next((u for u in eligible_officers(ctx.session, complaint) if str(u.id) == (officer_id or "")), None)
    if chosen is None:
        raise ActionRefused("Choose who will look after this complaint", "officer")
    if chosen.id == complaint.assigned_officer_id:
        raise ActionRefused(f"{chosen.name} already has this complaint", "officer")
    before = {"assigned_officer_id": complaint.assigned_officer_id}
    complaint.assigned_officer_id = chosen.id
    ctx.session.add(complaint)
    ctx.session.flush()
    audit.record(
        ctx.session,
        ctx.actor,
        complaint,
        Action.OFFICER_ASSIGNED,
        before=before,
        after={"assigned_officer_id": chosen.id},
        at=ctx.now,
    )
    replan.complaint_changed(ctx.session, complaint, ctx.settings, ctx.now)


# --- procedure ----------------------------------------------------------------------------------------


def set_procedure(ctx: ActionContext, complaint: Complaint, procedure: str, reason: str) -> None:
    """Statutory or corporate (a complaint that is not about children's social care functions): the open
    stage's deadline is worked out again under the new procedure's timescales."""
    _can_act(ctx, complaint)
    if procedure not in {p.value for p in Procedure}:
        raise ActionRefused("Choose the procedure", "procedure")
    if procedure == complaint.procedure:
        raise ActionRefused(f"This complaint is already {Procedure(procedure).label.lower()}", "procedure")
    reason = _reason(reason)
    session = ctx.session
    stages = stages_of(session, require_id(complaint))
    rules = rules_for(procedure, ctx.settings.corporate_working_days)
    if any(Stage(record.stage) not in rules for record in stages):
        raise ActionRefused(f"A {procedure} complaint has no stage 3, and this one has had one.", "procedure")
    before: dict[str, object] = {"procedure": complaint.procedure}
    complaint.procedure = procedure
    record = open_stage(stages)
    if record is not None:
        before["due_on"] = record.due_on
        record.due_on = stage_deadlines(ctx.calendar, Stage(record.stage), record.received_on, rules=rules).due
        session.add(record)
    session.add(complaint)
    session.flush()
    after = {"procedure": procedure, "reason": reason} | ({"due_on": record.due_on} if record is not None else {})
    audit.record(session, ctx.actor, complaint, Action.PROCEDURE_CHANGED, before=before, after=after, at=ctx.now)
    if record is not None:
        replan.stage_changed(session, record, ctx.settings, ctx.now)


# --- respond -------------------------------------------------------------------------------------------


def record_response(
    ctx: ActionContext,
    complaint: Complaint,
    *,
    responded_on: date | None,
    outcome: str,
    learning: list[str],
    summary: str,
    reasons: list[str] | None = None,
) -> StageRecord:
    """Record the council's response to the open stage 1, 2 or 3: date, outcome, lessons, what the complaint was
    about (reasons) and a summary."""
    _can_act(ctx, complaint)
    session = ctx.session
    stages = stages_of(session, require_id(complaint))
    record = _open_stage_or_refuse(stages, "respond to")
    if record.stage == Stage.OMBUDSMAN:
        raise ActionRefused("Record the Ombudsman's decision instead.")
    if complaint.team_id is None:
        raise ActionRefused("Assign the complaint to a team before recording a response.")
    responded_on = _day_in_range(
        responded_on, "responded_on", earliest=record.received_on, today=ctx.today, what="of the response"
    )
    if outcome not in {o.value for o in RESPONSE_OUTCOMES}:
        raise ActionRefused("Choose the outcome", "outcome")
    categories = session.exec(select(LearningCategory).where(col(LearningCategory.slug).in_(learning or []))).all()
    if len(categories) != len(set(learning or [])):
        raise ActionRefused("Choose the lessons from the list", "learning")
    about = session.exec(
        select(ReasonCategory).where(col(ReasonCategory.slug).in_(reasons or []), ReasonCategory.active)
    ).all()
    if len(about) != len(set(reasons or [])):
        raise ActionRefused("Choose what it was about from the list", "reasons")
    if record.stage == Stage.ONE and outcome != Outcome.NOT_UPHELD and not categories:
        # Each upheld stage 1 records what the service learned; the annual report counts them.
        raise ActionRefused("Choose at least one lesson learned", "learning")
    summary = (summary or "").strip()
    if not summary:
        raise ActionRefused("Enter a summary of the response", "summary")
    before = _stage_snapshot(record) | {"status": complaint.status}
    record.responded_on = responded_on
    record.outcome = outcome
    record.response_summary = summary
    session.add(record)
    session.flush()
    record_id = require_id(record)
    session.exec(delete(StageLearning).where(col(StageLearning.stage_record_id) == record_id))
    session.add_all(StageLearning(stage_record_id=record_id, category_id=require_id(c)) for c in categories)
    session.exec(delete(StageReason).where(col(StageReason.stage_record_id) == record_id))
    session.add_all(StageReason(stage_record_id=record_id, category_id=require_id(c)) for c in about)
    _close_if_done(complaint, stages, ctx, ComplaintStatus.CLOSED.value)
    session.add(complaint)
    session.flush()
    after = _stage_snapshot(record) | {
        "status": complaint.status,
        "learning": sorted(c.slug for c in categories),
        "reasons": sorted(c.slug for c in about),
        "summary_characters": len(summary),
    }
    audit.record(session, ctx.actor, complaint, Action.STAGE_RESPONDED, before=before, after=after, at=ctx.now)
    replan.stage_changed(session, record, ctx.settings, ctx.now)
    return record


# --- extend --------------------------------------------------------------------------------------------


def extend(ctx: ActionContext, complaint: Complaint, *, extend_to: date | None, reason: str) -> StageRecord:
    """Extend the open stage 1 (once, to 20 working days) or stage 2 (to at most 65), with a reason."""
    _can_act(ctx, complaint)
    session = ctx.session
    record = _open_stage_or_refuse(stages_of(session, require_id(complaint)), "extend")
    stage = Stage(record.stage)
    rules = ctx.rules(complaint)
    rule = rules.get(stage)
    if rule is None or rule.extendable_to is None:
        raise ActionRefused(f"{stage.label} cannot be extended.")
    if stage == Stage.ONE and record.extended_to is not None:
        raise ActionRefused("Stage 1 can be extended only once.")
    if extend_to is None:
        raise ActionRefused("Enter the new date, like 22 1 2018", "extend_to")
    reason = _reason(reason)
    if record.extended_to is not None and extend_to <= record.extended_to:
        raise ActionRefused(f"The new date must be after {plain_date(record.extended_to)}", "extend_to")
    try:
        check_extension(ctx.calendar, stage, record.received_on, extend_to, reason, rules)
    except ExtensionError as error:
        raise ActionRefused(str(error), "extend_to") from None
    if not ctx.calendar.is_working_day(extend_to):
        raise ActionRefused("Choose a working day (not a weekend or bank holiday)", "extend_to")
    before = _stage_snapshot(record)
    record.extended_to = extend_to
    record.extension_reason = reason
    session.add(record)
    session.flush()
    audit.record(
        session, ctx.actor, complaint, Action.STAGE_EXTENDED, before=before, after=_stage_snapshot(record), at=ctx.now
    )
    replan.stage_changed(session, record, ctx.settings, ctx.now)
    _tell_complainant(ctx, complaint, record, STAGE_EXTENDED)
    return record


def record_panel(
    ctx: ActionContext, complaint: Complaint, *, panel_on: date | None, report_on: date | None
) -> StageRecord:
    """Stage 3: the day the review panel met (and its report, when there is one). The council's response is
    due 15 working days after the report, which is due 5 working days after the panel."""
    _can_act(ctx, complaint)
    session = ctx.session
    record = _open_stage_or_refuse(stages_of(session, require_id(complaint)), "record a panel for")
    if record.stage != Stage.THREE:
        raise ActionRefused("Only stage 3 has a review panel.")
    panel_on = _day_in_range(panel_on, "panel_on", earliest=record.received_on, today=ctx.today, what="of the panel")
    if report_on is not None:
        report_on = _day_in_range(
            report_on, "report_on", earliest=panel_on, today=ctx.today, what="of the panel's report"
        )
    before = _stage_snapshot(record) | {"panel_on": record.panel_on, "report_on": record.report_on}
    record.panel_on, record.report_on = panel_on, report_on
    record.due_on = stage_deadlines(
        ctx.calendar, Stage.THREE, record.received_on, panel_on=panel_on, report_on=report_on
    ).due
    session.add(record)
    session.flush()
    after = _stage_snapshot(record) | {"panel_on": panel_on, "report_on": report_on}
    audit.record(session, ctx.actor, complaint, Action.STAGE_PANEL_RECORDED, before=before, after=after, at=ctx.now)
    replan.stage_changed(session, record, ctx.settings, ctx.now)
    return record


# --- escalate ------------------------------------------------------------------------------------------


def escalation_window(
    ctx: ActionContext, stages: list[StageRecord], complaint: Complaint | None = None
) -> tuple[Stage, date] | None:
    """The next stage the complainant may ask for and the last day to ask in time, or None."""
    rules = ctx.rules(complaint) if complaint is not None else rules_for(Procedure.STATUTORY)
    return _escalation_window(ctx.calendar, stages, rules)


def escalate(ctx: ActionContext, complaint: Complaint, *, requested_on: date | None, late_reason: str) -> StageRecord:
    """Open stage 2 or 3 from the day the complainant asked; a late request needs the reason it was accepted."""
    _can_act(ctx, complaint)
    session = ctx.session
    stages = stages_of(session, require_id(complaint))
    window = escalation_window(ctx, stages, complaint)
    if window is None:
        raise ActionRefused("This complaint cannot move to another stage now.")
    next_stage, ask_by = window
    previous = latest_stage(stages)
    assert previous is not None and previous.responded_on is not None  # a window opens only after a response
    requested_on = _day_in_range(
        requested_on, "requested_on", earliest=previous.responded_on, today=ctx.today, what="they asked"
    )
    late_reason = (late_reason or "").strip()
    if requested_on > ask_by:
        late_reason = _reason(late_reason, "late_reason", "why the late request was accepted")
    else:
        late_reason = ""
    deadlines = stage_deadlines(ctx.calendar, next_stage, requested_on, rules=ctx.rules(complaint))
    record = StageRecord(
        complaint_id=require_id(complaint),
        stage=int(next_stage),
        received_on=requested_on,
        due_on=deadlines.due,
        team_id=complaint.team_id,
        late_request_reason=late_reason,
    )
    before = {"status": complaint.status, "stage": previous.stage}
    complaint.status = ComplaintStatus.OPEN.value
    complaint.closed_at = None
    session.add_all([record, complaint])
    session.flush()
    audit.record(
        session,
        ctx.actor,
        complaint,
        Action.STAGE_ESCALATED,
        before=before,
        after=_stage_snapshot(record) | {"status": complaint.status, "late": bool(late_reason), "reason": late_reason},
        at=ctx.now,
    )
    replan.stage_changed(session, record, ctx.settings, ctx.now)
    _tell_complainant(ctx, complaint, record, STAGE_RECEIVED)
    return record


# --- Ombudsman -----------------------------------------------------------------------------------------


def ombudsman_allowed(ctx: ActionContext, stages: list[StageRecord], complaint: Complaint | None = None) -> bool:
    """After a response at the last stage (3; 2 for a corporate complaint), or when the council has missed a
    deadline (it failed to respond)."""
    latest = latest_stage(stages)
    if latest is None or latest.stage == Stage.OMBUDSMAN:
        return False
    if latest.responded_on is not None:
        rules = ctx.rules(complaint) if complaint is not None else rules_for(Procedure.STATUTORY)
        last = max(stage for stage in rules if stage != Stage.OMBUDSMAN)
        return latest.stage == last and latest.outcome not in (Outcome.WITHDRAWN, Outcome.RESOLVED_EARLY)
    due = effective_due(latest)
    return due is not None and ctx.today > due


MAX_REFERENCE = 50
MAX_REMEDY = 2000
# The decisions a response form offered before the Ombudsman's own categories: read as the nearest decision.
DECISION_FOR_OUTCOME = {
    Outcome.UPHELD.value: OmbudsmanDecision.UPHELD,
    Outcome.PARTIALLY_UPHELD.value: OmbudsmanDecision.PARTLY_UPHELD,
    Outcome.NOT_UPHELD.value: OmbudsmanDecision.NOT_UPHELD,
}


def _ombudsman_reference(text: str | None) -> str:
    reference = " ".join((text or "").split())
    if len(reference) > MAX_REFERENCE:
        raise ActionRefused(f"Keep the Ombudsman's reference to {MAX_REFERENCE} characters or fewer", "reference")
    return reference


def record_ombudsman(
    ctx: ActionContext, complaint: Complaint, *, received_on: date | None, reference: str = ""
) -> StageRecord:
    _can_act(ctx, complaint)
    session = ctx.session
    stages = stages_of(session, require_id(complaint))
    if not ombudsman_allowed(ctx, stages, complaint):
        raise ActionRefused(
            "The Ombudsman can be recorded after the last stage's response, or when a deadline has been missed."
        )
    received_on = _day_in_range(
        received_on, "received_on", earliest=stages[0].received_on, today=ctx.today, what="the Ombudsman contacted us"
    )
    record = StageRecord(
        complaint_id=require_id(complaint),
        stage=int(Stage.OMBUDSMAN),
        received_on=received_on,
        team_id=complaint.team_id,
        ombudsman_reference=_ombudsman_reference(reference),
    )
    before = {"status": complaint.status}
    complaint.status = ComplaintStatus.OPEN.value
    complaint.closed_at = None
    session.add_all([record, complaint])
    session.flush()
    after = _stage_snapshot(record) | {"ombudsman_reference": record.ombudsman_reference}
    audit.record(session, ctx.actor, complaint, Action.OMBUDSMAN_RECORDED, before=before, after=after, at=ctx.now)
    replan.stage_changed(session, record, ctx.settings, ctx.now)
    return record


@dataclass(frozen=True)
class Remedy:
    """What the Ombudsman asked the council to do, checked: words, an amount and the day it must be done by."""

    text: str
    amount: Decimal | None
    due_on: date | None

    @classmethod
    def read(cls, text: str, amount: str, due_on: date | None, *, decided_on: date, due_typed: bool) -> Remedy:
        text = (text or "").strip()
        if len(text) > MAX_REMEDY:
            raise ActionRefused(f"Keep the remedy to {MAX_REMEDY} characters or fewer", "remedy")
        try:
            money = read_money(amount or "")
        except ValueError:
            raise ActionRefused("Enter the amount in pounds, like 250 or 1250.50", "remedy_amount") from None
        if due_on is None and due_typed:
            raise ActionRefused("Enter a real date for the remedy, like 31 3 2026", "remedy_due_on")
        if (text or money is not None) and due_on is None:
            raise ActionRefused("Enter the date the Ombudsman asked the remedy to be done by", "remedy_due_on")
        if due_on is not None and not text:
            raise ActionRefused("Say what the Ombudsman asked us to do", "remedy")
        if due_on is not None and due_on < decided_on:
            raise ActionRefused("The remedy's date must be on or after the decision", "remedy_due_on")
        return cls(text, money, due_on)

    def snapshot(self) -> dict[str, object]:
        return {
            "remedy_characters": len(self.text),
            "remedy_amount": str(self.amount) if self.amount is not None else None,
            "remedy_due_on": self.due_on,
        }


def _ombudsman_stage(stages: list[StageRecord]) -> StageRecord | None:
    return next((record for record in stages if record.stage == Stage.OMBUDSMAN), None)


def record_ombudsman_decision(
    ctx: ActionContext,
    complaint: Complaint,
    *,
    decided_on: date | None,
    outcome: str = "",
    summary: str = "",
    decision: str = "",
    reference: str | None = None,
    remedy: str = "",
    remedy_amount: str = "",
    remedy_due_on: date | None = None,
    remedy_due_typed: bool = False,
) -> StageRecord:
    """The Ombudsman's decision (its own categories), its reference, and any remedy with the day it is due."""
    _can_act(ctx, complaint)
    session = ctx.session
    stages = stages_of(session, require_id(complaint))
    record = open_stage(stages)
    if record is None or record.stage != Stage.OMBUDSMAN:
        raise ActionRefused("There is no Ombudsman complaint waiting for a decision.")
    decided_on = _day_in_range(
        decided_on, "decided_on", earliest=record.received_on, today=ctx.today, what="of the decision"
    )
    chosen = DECISION_FOR_OUTCOME.get(outcome) if not decision else None
    if decision in {d.value for d in OmbudsmanDecision}:
        chosen = OmbudsmanDecision(decision)
    if chosen is None:
        raise ActionRefused("Choose the Ombudsman's decision", "decision")
    found = Remedy.read(remedy, remedy_amount, remedy_due_on, decided_on=decided_on, due_typed=remedy_due_typed)
    if reference is not None:
        reference = _ombudsman_reference(reference)
    summary = (summary or "").strip()
    before = _stage_snapshot(record) | {"status": complaint.status}
    record.responded_on = decided_on
    record.ombudsman_decision = chosen.value
    record.outcome = chosen.outcome
    record.response_summary = summary
    if reference is not None:
        record.ombudsman_reference = reference
    record.remedy, record.remedy_amount, record.remedy_due_on = found.text, found.amount, found.due_on
    _close_if_done(complaint, stages, ctx, ComplaintStatus.CLOSED.value)
    session.add_all([record, complaint])
    session.flush()
    after = _stage_snapshot(record) | {
        "status": complaint.status,
        "decision": chosen.value,
        "ombudsman_reference": record.ombudsman_reference,
        "summary_characters": len(summary),
        **found.snapshot(),
    }
    audit.record(session, ctx.actor, complaint, Action.OMBUDSMAN_DECIDED, before=before, after=after, at=ctx.now)
    replan.stage_changed(session, record, ctx.settings, ctx.now)
    return record


def update_ombudsman_record(
    ctx: ActionContext,
    complaint: Complaint,
    *,
    reference: str,
    remedy: str,
    remedy_amount: str,
    remedy_due_on: date | None,
    remedy_due_typed: bool = False,
) -> StageRecord:
    """Correct the reference, or add or change the remedy after the decision (the Ombudsman's final decision often
    follows a draft), until the remedy is done."""
    _can_act(ctx, complaint)
    record = _ombudsman_stage(stages_of(ctx.session, require_id(complaint)))
    if record is None or record.responded_on is None:
        raise ActionRefused("Record the Ombudsman's decision first.")
    if record.remedy_done_on is not None:
        raise ActionRefused("The remedy has been carried out; the record is complete.")
    found = Remedy.read(
        remedy, remedy_amount, remedy_due_on, decided_on=record.responded_on, due_typed=remedy_due_typed
    )
    reference = _ombudsman_reference(reference)
    old = Remedy(record.remedy, record.remedy_amount, record.remedy_due_on)
    if (reference, found) == (record.ombudsman_reference, old):
        raise ActionRefused("Nothing was changed.", "reference")
    before = {"ombudsman_reference": record.ombudsman_reference} | old.snapshot()
    record.ombudsman_reference = reference
    record.remedy, record.remedy_amount, record.remedy_due_on = found.text, found.amount, found.due_on
    after = {"ombudsman_reference": reference} | found.snapshot()
    ctx.session.add(record)
    ctx.session.flush()
    audit.record(
        ctx.session, ctx.actor, complaint, Action.OMBUDSMAN_DETAILS_RECORDED, before=before, after=after, at=ctx.now
    )
    replan.stage_changed(ctx.session, record, ctx.settings, ctx.now)
    return record


def record_remedy_done(ctx: ActionContext, complaint: Complaint, *, done_on: date | None) -> StageRecord:
    """The council carried out the Ombudsman's remedy: its reminders stop."""
    _can_act(ctx, complaint)
    record = _ombudsman_stage(stages_of(ctx.session, require_id(complaint)))
    if record is None or record.remedy_due_on is None or record.remedy_done_on is not None:
        raise ActionRefused("There is no remedy waiting to be carried out.")
    assert record.responded_on is not None  # a remedy is recorded with the decision
    done_on = _day_in_range(
        done_on, "done_on", earliest=record.responded_on, today=ctx.today, what="the remedy was carried out"
    )
    record.remedy_done_on = done_on
    ctx.session.add(record)
    ctx.session.flush()
    audit.record(
        ctx.session,
        ctx.actor,
        complaint,
        Action.REMEDY_DONE,
        before={"remedy_done_on": None},
        after={
            "remedy_done_on": done_on,
            "remedy_due_on": record.remedy_due_on,
            "late": done_on > record.remedy_due_on,
        },
        at=ctx.now,
    )
    replan.stage_changed(ctx.session, record, ctx.settings, ctx.now)
    return record


# --- withdraw / resolve early --------------------------------------------------------------------------


def _finish(ctx: ActionContext, complaint: Complaint, *, on: date | None, outcome: Outcome, note: str, action: Action):
    _can_act(ctx, complaint)
    session = ctx.session
    stages = stages_of(session, require_id(complaint))
    record = _open_stage_or_refuse(stages, "close")
    if outcome is Outcome.RESOLVED_EARLY and record.stage != Stage.ONE:
        raise ActionRefused("Only a stage 1 complaint can be resolved early.")
    if record.stage == Stage.OMBUDSMAN:
        raise ActionRefused("Record the Ombudsman's decision instead.")
    what = "it was withdrawn" if outcome is Outcome.WITHDRAWN else "it was resolved"
    on = _day_in_range(on, "on", earliest=record.received_on, today=ctx.today, what=what)
    note = _reason(note, "note", "what was agreed" if outcome is Outcome.RESOLVED_EARLY else "a reason")
    before = _stage_snapshot(record) | {"status": complaint.status}
    record.responded_on = on
    record.outcome = outcome.value
    record.response_summary = note
    status = ComplaintStatus.WITHDRAWN if outcome is Outcome.WITHDRAWN else ComplaintStatus.CLOSED
    _close_if_done(complaint, stages, ctx, status.value)
    session.add_all([record, complaint])
    session.flush()
    after = _stage_snapshot(record) | {"status": complaint.status, "note_characters": len(note)}
    audit.record(session, ctx.actor, complaint, action, before=before, after=after, at=ctx.now)
    replan.stage_changed(session, record, ctx.settings, ctx.now)
    return record


def withdraw(ctx: ActionContext, complaint: Complaint, *, on: date | None, reason: str) -> StageRecord:
    """The complainant withdrew: the open stage closes as withdrawn and the complaint with it."""
    return _finish(ctx, complaint, on=on, outcome=Outcome.WITHDRAWN, note=reason, action=Action.COMPLAINT_WITHDRAWN)


def resolve_early(ctx: ActionContext, complaint: Complaint, *, on: date | None, summary: str) -> StageRecord:
    """Stage 1 put right quickly, to the complainant's satisfaction."""
    return _finish(
        ctx, complaint, on=on, outcome=Outcome.RESOLVED_EARLY, note=summary, action=Action.COMPLAINT_RESOLVED_EARLY
    )
