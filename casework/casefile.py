"""One complaint as staff see it: what was said, its stages, its timeline, and what may be done next."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from sqlmodel import Session, col, select

from casework import actions
from casework.audit import events_for
from casework.roles import OFFICER, can_see_complaint, can_triage
from casework.stages import Urgency, effective_due, open_stage, stages_of, state_of
from content.dates import clock_time, plain_date
from models.audit import Action, AuditEvent, action_label
from models.base import require_id
from models.complaints import (
    Complaint,
    LearningCategory,
    Outcome,
    ReasonCategory,
    Stage,
    StageLearning,
    StageReason,
    StageRecord,
)
from models.outbox import OutboxMessage
from models.staff import StaffUser
from models.teams import Team
from reminders.policy import STAGE_REMINDERS


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime  # when it was recorded; for history that holds no record of that, the morning of `effective`
    kind: str  # "stage", "email" or "audit"
    title: str
    detail: str = ""
    effective: date | None = None  # the day it took effect (a stage received or answered), beside when recorded
    recorded: bool = True  # False: `at` is not a moment anyone recorded it (history imported without one)


@dataclass
class StageView:
    record: StageRecord
    label: str
    due: date | None
    state: Urgency | None
    learning: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


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


def _reasons(session: Session, record_ids: list[int]) -> dict[int, list[str]]:
    statement = (
        select(StageReason.stage_record_id, ReasonCategory.label)
        .join(ReasonCategory, col(ReasonCategory.id) == StageReason.category_id)
        .where(col(StageReason.stage_record_id).in_(record_ids))
        .order_by(col(ReasonCategory.label))
    )
    out: dict[int, list[str]] = {}
    for record_id, label in session.exec(statement):
        out.setdefault(record_id, []).append(label)
    return out


def _on(day: date, zone) -> datetime:
    return datetime.combine(day, time(9, 0), tzinfo=zone).astimezone(UTC)


# The audit actions that record each stage event: when an officer recorded it is the moment the timeline shows, and
# the date it took effect (received, answered) goes beside it: an extension done on 1 December is not "19 November".
_ARRIVED = frozenset({Action.COMPLAINT_RECEIVED, Action.COMPLAINT_IMPORTED})
_OPENED = frozenset({Action.STAGE_ESCALATED, Action.OMBUDSMAN_RECORDED})
_CLOSED = frozenset(
    {Action.STAGE_RESPONDED, Action.OMBUDSMAN_DECIDED, Action.COMPLAINT_WITHDRAWN, Action.COMPLAINT_RESOLVED_EARLY}
)


def _recorded_at(events: list[AuditEvent], actions: frozenset[Action], stage: int | None) -> datetime | None:
    """The last of `events` among `actions` about `stage` (any stage when None), or None."""
    found = [
        event.at
        for event in events
        if event.action in actions and (stage is None or (event.after or {}).get("stage") == stage)
    ]
    return found[-1] if found else None


def _stage_entries(stages: list[StageRecord], events: list[AuditEvent], zone) -> list[TimelineEntry]:
    arrived = _recorded_at(events, _ARRIVED, None)

    def entry(recorded: datetime | None, effective: date | None, title: str, detail: str = "") -> TimelineEntry:
        if recorded is None:  # nothing says when: the history was imported before the trail, or without it
            recorded = arrived
        if recorded is None:
            return TimelineEntry(_on(effective or date.min, zone), "stage", title, detail, effective, recorded=False)
        return TimelineEntry(recorded, "stage", title, detail, effective)

    entries = []
    for record in stages:
        label = Stage(record.stage).label
        opened = _recorded_at(events, _OPENED, record.stage) if record.stage > Stage.ONE else arrived
        entries.append(entry(opened, record.received_on, f"{label} received"))
        if record.extended_to:
            extended = _recorded_at(events, frozenset({Action.STAGE_EXTENDED}), record.stage)
            title = f"{label} extended to {plain_date(record.extended_to)}"
            entries.append(entry(extended, None, title, record.extension_reason))
        if record.responded_on:
            outcome = Outcome(record.outcome).value.replace("-", " ") if record.outcome else "no outcome"
            closed = _recorded_at(events, _CLOSED, record.stage)
            entries.append(entry(closed, record.responded_on, f"{label} closed: {outcome}"))
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


# Views are folded into one line per person per day: they are for the record, and forty of them must not bury
# the one extension between them.
_VIEWS = frozenset({Action.COMPLAINT_VIEWED, Action.COMPLAINT_VIEWED_IN_TRIAGE, Action.SAFEGUARDING_DRAFT_VIEWED})
# Ids in the trail's before/after, and the words and names the timeline shows instead ("officer: Olu Officer").
_STAFF_IDS = {"assigned_officer_id": "officer", "officer_id": "officer", "reviewed_by_id": "reviewed by"}
_TEAM_IDS = {"team_id": "team"}


@dataclass(frozen=True)
class _Names:
    staff: dict[int, str]
    teams: dict[int, str]
    team_slugs: dict[str, str]

    @classmethod
    def read(cls, session: Session, events: list[AuditEvent]) -> _Names:
        """The names behind the ids the events hold: one statement for staff, one for teams."""
        staff_ids = {
            value
            for event in events
            for values in (event.before or {}, event.after or {})
            for key, value in values.items()
            if key in _STAFF_IDS and isinstance(value, int)
        }
        users = session.exec(select(StaffUser).where(col(StaffUser.id).in_(staff_ids)))
        staff = {require_id(user): user.name for user in users}
        teams = session.exec(select(Team.id, Team.slug, Team.name)).all()
        return cls(
            staff,
            {team_id: name for team_id, _slug, name in teams if team_id is not None},
            {slug: name for _id, slug, name in teams},
        )

    def describe(self, event: AuditEvent) -> str:
        """What changed, in words: ids become names, and a changed person or team says who or what it was before."""
        after, before = event.after or {}, event.before or {}
        parts = []
        for key, value in after.items():
            if value in (None, "", []) or (key in _TEAM_IDS and "team" in after):
                continue
            words, shown = self._words(key, value)
            was = ""
            if key in _STAFF_IDS or key in _TEAM_IDS:
                was = self._words(key, before[key])[1] if before.get(key) is not None else ""
            elif key == "team" and before.get("team_id") is not None:  # the team before is kept by its id
                was = self._words("team_id", before["team_id"])[1]
            if was and was != shown:
                shown += f" (was {was})"
            parts.append(f"{words}: {shown}")
        return "; ".join(parts)

    def _words(self, key: str, value) -> tuple[str, str]:
        if key in _STAFF_IDS:
            return _STAFF_IDS[key], self.staff.get(value, "someone no longer listed")
        if key in _TEAM_IDS:
            return _TEAM_IDS[key], self.teams.get(value, "a team no longer listed")
        if key == "team":
            return "team", self.team_slugs.get(value, str(value))
        return key.replace("_", " "), ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def _audit_entries(session: Session, events: list[AuditEvent], zone) -> list[TimelineEntry]:
    names = _Names.read(session, events)
    entries = []
    views: dict[tuple[str, date], list[AuditEvent]] = {}
    for event in events:
        if event.action in _VIEWS:
            views.setdefault((event.actor_label, event.at.astimezone(zone).date()), []).append(event)
            continue
        title = f"{action_label(event.action)} by {event.actor_label}"
        entries.append(TimelineEntry(event.at, "audit", title, names.describe(event)))
    for (who, _day), seen in views.items():
        first, last = seen[0].at, seen[-1].at
        times = f"{len(seen)} times, {clock_time(first, zone)} to {clock_time(last, zone)}" if len(seen) > 1 else "once"
        entries.append(TimelineEntry(first, "audit", f"viewed by {who}", f"Viewed {times} that day"))
    return entries


def allowed_actions(ctx: actions.ActionContext, complaint: Complaint, stages: list[StageRecord]) -> set[str]:
    """Which action forms to show; the actions themselves check again when submitted."""
    if complaint.status == "awaiting-triage":
        return {"assign"} if can_triage(ctx.actor) else set()
    allowed: set[str] = set()
    current = open_stage(stages)
    if complaint.status == "open":
        allowed |= {"assign-officer", "procedure"}
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
    if actions.escalation_window(ctx, stages, complaint) is not None:
        allowed.add("escalate")
    if actions.ombudsman_allowed(ctx, stages, complaint):
        allowed.add("ombudsman")
    ombudsman = next((record for record in stages if record.stage == Stage.OMBUDSMAN), None)
    if ombudsman is not None and ombudsman.responded_on is not None and ombudsman.remedy_done_on is None:
        allowed.add("ombudsman-remedy")
        if ombudsman.remedy_due_on is not None:
            allowed.add("remedy-done")
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
    reasons = _reasons(session, [require_id(record) for record in stages])
    views = [
        StageView(
            record=record,
            label=Stage(record.stage).label,
            due=effective_due(record),
            state=state_of(ctx.calendar, record, ctx.today),
            learning=learning.get(require_id(record), []),
            reasons=reasons.get(require_id(record), []),
        )
        for record in stages
    ]
    events = events_for(session, complaint_id)
    timeline = _stage_entries(stages, events, zone) + _email_entries(session, complaint_id)
    if ctx.actor.role == OFFICER:  # the audit trail is shown to complaints officers
        timeline += _audit_entries(session, events, zone)
    timeline.sort(key=lambda entry: entry.at)
    team = session.get(Team, complaint.team_id) if complaint.team_id else None
    return CaseFile(
        complaint=complaint,
        team=team,
        stages=views,
        timeline=timeline,
        allowed=allowed_actions(ctx, complaint, stages),
        escalation=actions.escalation_window(ctx, stages, complaint),
        reminders=reminder_plan(ctx, open_stage(stages)),
        officer=session.get(StaffUser, complaint.assigned_officer_id) if complaint.assigned_officer_id else None,
        officers=actions.eligible_officers(session, complaint) if complaint.team_id else [],
    )
