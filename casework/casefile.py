"""One complaint as staff see it: what was said, its stages, its timeline, and what may be done next."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from sqlmodel import Session, col, select

from casework import actions
from casework.audit import events_for
from casework.roles import OFFICER, can_see_complaint, can_triage
from casework.stages import Urgency, effective_due, open_stage, stages_of, state_of
from content.dates import plain_date
from models.audit import action_label
from models.base import require_id
from models.complaints import Complaint, LearningCategory, Outcome, Stage, StageLearning, StageRecord
from models.outbox import OutboxMessage
from models.staff import StaffUser
from models.teams import Team
from reminders.policy import STAGE_REMINDERS


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str  # "stage", "email" or "audit"
    title: str
    detail: str = ""


@dataclass
class StageView:
    record: StageRecord
    label: str
    due: date | None
    state: Urgency | None
    learning: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PlannedReminder:
    day: date
    template: str
    audiences: tuple[str, ...]


@dataclass
class CaseFile:
    complaint: Complaint
    team: Team | None
    stages: list[StageView]
    timeline: list[TimelineEntry]
    allowed: set[str]
    escalation: tuple[Stage, date] | None
    reminders: list[PlannedReminder] = field(default_factory=list)
    officer: StaffUser | None = None
    officers: list[StaffUser] = field(default_factory=list)


def find_complaint(session: Session, user: StaffUser, reference: str, *, for_update: bool = False) -> Complaint | None:
    """The complaint if it exists and `user` may see it (otherwise None, so a 404 reveals nothing).

    `for_update` locks its row until the transaction ends (PostgreSQL), so two actions on one complaint at
    once (a double click) run one after the other and the second sees what the first did.
    """
    statement = select(Complaint).where(Complaint.reference == reference.upper())
    complaint = session.exec(statement.with_for_update() if for_update else statement).first()
    if complaint is None or user.role not in ("officer", "manager"):
        return None
    if complaint.team_id is None:
        return complaint if can_triage(user) else None
    return complaint if can_see_complaint(user, complaint) else None


def _learning(session: Session, record_ids: list[int]) -> dict[int, list[str]]:
    statement = (
        select(StageLearning.stage_record_id, LearningCategory.label)
        .join(LearningCategory, col(LearningCategory.id) == StageLearning.category_id)
        .where(col(StageLearning.stage_record_id).in_(record_ids))
    )
    out: dict[int, list[str]] = {}
    for record_id, label in session.exec(statement):
        out.setdefault(record_id, []).append(label)
    return out


def _on(day: date, zone) -> datetime:
    return datetime.combine(day, time(9, 0), tzinfo=zone).astimezone(UTC)


def _stage_entries(stages: list[StageRecord], zone) -> list[TimelineEntry]:
    entries = []
    for record in stages:
        label = Stage(record.stage).label
        entries.append(TimelineEntry(_on(record.received_on, zone), "stage", f"{label} received"))
        if record.extended_to:
            entries.append(
                TimelineEntry(
                    _on(record.received_on, zone),
                    "stage",
                    f"{label} extended to {plain_date(record.extended_to)}",
                    record.extension_reason,
                )
            )
        if record.responded_on:
            outcome = Outcome(record.outcome).value.replace("-", " ") if record.outcome else "no outcome"
            entries.append(TimelineEntry(_on(record.responded_on, zone), "stage", f"{label} closed: {outcome}"))
    return entries


def _email_entries(session: Session, complaint_id: int) -> list[TimelineEntry]:
    messages = session.exec(select(OutboxMessage).where(OutboxMessage.complaint_id == complaint_id)).all()
    return [
        TimelineEntry(
            message.sent_at or message.send_after,
            "email",
            f"Email {message.template.replace('_', ' ').replace('-', ' ')}: {message.status}",
            message.recipient,
        )
        for message in messages
    ]


def _audit_entries(session: Session, complaint_id: int) -> list[TimelineEntry]:
    entries = []
    for event in events_for(session, complaint_id):
        changes = "; ".join(
            f"{key.replace('_', ' ')}: {', '.join(map(str, value)) if isinstance(value, list) else value}"
            for key, value in (event.after or {}).items()
            if value not in (None, "", [])
        )
        entries.append(
            TimelineEntry(event.at, "audit", f"{action_label(event.action)} by {event.actor_label}", changes)
        )
    return entries


def allowed_actions(ctx: actions.ActionContext, complaint: Complaint, stages: list[StageRecord]) -> set[str]:
    """Which action forms to show; the actions themselves check again when submitted."""
    if complaint.status == "awaiting-triage":
        return {"assign"} if can_triage(ctx.actor) else set()
    allowed: set[str] = set()
    current = open_stage(stages)
    if complaint.status == "open":
        allowed.add("assign-officer")
    if current is not None:
        allowed.add("assign")
        if current.stage == Stage.OMBUDSMAN:
            allowed.add("ombudsman-decision")
        else:
            allowed |= {"respond", "withdraw"}
            if current.stage == Stage.ONE:
                allowed.add("resolve-early")
            if current.stage == Stage.THREE:
                allowed.add("panel")
            if current.stage in (Stage.ONE, Stage.TWO) and not (current.stage == Stage.ONE and current.extended_to):
                allowed.add("extend")
    if actions.escalation_window(ctx, stages) is not None:
        allowed.add("escalate")
    if actions.ombudsman_allowed(ctx, stages):
        allowed.add("ombudsman")
    return allowed


def reminder_plan(ctx: actions.ActionContext, record: StageRecord | None) -> list[PlannedReminder]:
    """The reminder emails the policy plans for the open stage's current deadline (each is queued on its day)."""
    due = effective_due(record) if record is not None else None
    if record is None or due is None:
        return []
    by_key: dict[tuple[date, str], list[str]] = {}
    for reminder in STAGE_REMINDERS:
        day = reminder.target_day(ctx.calendar, received=record.received_on, deadline=due)
        by_key.setdefault((day, reminder.template), []).append(reminder.audience.value.replace("-", " "))
    return [PlannedReminder(day, template, tuple(who)) for (day, template), who in sorted(by_key.items())]


def load_case_file(ctx: actions.ActionContext, complaint: Complaint) -> CaseFile:
    session, zone = ctx.session, ctx.settings.timezone
    complaint_id = require_id(complaint)
    stages = stages_of(session, complaint_id)
    learning = _learning(session, [require_id(record) for record in stages])
    views = [
        StageView(
            record=record,
            label=Stage(record.stage).label,
            due=effective_due(record),
            state=state_of(ctx.calendar, record, ctx.today),
            learning=learning.get(require_id(record), []),
        )
        for record in stages
    ]
    timeline = _stage_entries(stages, zone) + _email_entries(session, complaint_id)
    if ctx.actor.role == OFFICER:  # the audit trail is shown to complaints officers
        timeline += _audit_entries(session, complaint_id)
    timeline.sort(key=lambda entry: entry.at)
    team = session.get(Team, complaint.team_id) if complaint.team_id else None
    return CaseFile(
        complaint=complaint,
        team=team,
        stages=views,
        timeline=timeline,
        allowed=allowed_actions(ctx, complaint, stages),
        escalation=actions.escalation_window(ctx, stages),
        reminders=reminder_plan(ctx, open_stage(stages)),
        officer=session.get(StaffUser, complaint.assigned_officer_id) if complaint.assigned_officer_id else None,
        officers=actions.eligible_officers(session, complaint) if complaint.team_id else [],
    )
