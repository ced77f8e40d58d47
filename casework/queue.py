"""The staff queue: open stages with their deadline state, and complaints waiting for triage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, func, select

from casework.roles import can_triage, scope_to_user
from casework.router import router_for
from casework.stages import STATE_FILTERS, effective_due, state_of
from intake.routing import RouteResult
from models.complaints import Complaint, ComplaintStatus, StageRecord
from models.staff import StaffUser
from models.teams import Team
from reminders.calendar import WorkingCalendar
from reminders.deadlines import DeadlineState

_STATE_ORDER = {DeadlineState.OVERDUE: 0, DeadlineState.DUE_TODAY: 1, DeadlineState.DUE_SOON: 2}


@dataclass(frozen=True)
class QueueFilters:
    team: str = ""  # team slug
    stage: int | None = None
    state: str = ""  # a key of STATE_FILTERS
    mine: bool = False  # only complaints given to the signed-in member of staff

    @classmethod
    def from_args(cls, args) -> QueueFilters:
        stage = args.get("stage", "")
        state = args.get("state", "")
        return cls(
            team=args.get("team", "")[:64],
            stage=int(stage) if stage in ("1", "2", "3", "4") else None,
            state=state if state in STATE_FILTERS else "",
            mine=args.get("mine") == "yes",
        )


@dataclass(frozen=True)
class QueueRow:
    reference: str
    team_name: str
    stage: int
    received_on: date
    due: date | None
    state: DeadlineState | None
    safeguarding: bool
    officer: str = ""


@dataclass(frozen=True)
class TriageRow:
    complaint_id: int
    reference: str
    received_on: date
    safeguarding: bool
    about_text: str
    suggestion: RouteResult


def open_stages(
    session: Session, user: StaffUser, calendar: WorkingCalendar, today: date, filters: QueueFilters
) -> list[QueueRow]:
    """Open stages of complaints `user` may see: safeguarding first, then the most urgent."""
    statement = (
        select(StageRecord, Complaint, Team, StaffUser.name)
        .join(Complaint, Complaint.id == StageRecord.complaint_id)
        .join(Team, Team.id == Complaint.team_id)
        .outerjoin(StaffUser, StaffUser.id == Complaint.assigned_officer_id)
        .where(StageRecord.responded_on.is_(None), Complaint.status == ComplaintStatus.OPEN.value)
    )
    statement = scope_to_user(statement, user)
    if filters.team:
        statement = statement.where(Team.slug == filters.team)
    if filters.stage:
        statement = statement.where(StageRecord.stage == filters.stage)
    if filters.mine:
        statement = statement.where(Complaint.assigned_officer_id == user.id)
    rows = []
    wanted = STATE_FILTERS.get(filters.state)
    for record, complaint, team, officer in session.exec(statement):
        state = state_of(calendar, record, today)
        if wanted is not None and state not in wanted:
            continue
        rows.append(
            QueueRow(
                reference=complaint.reference,
                team_name=team.name,
                stage=record.stage,
                received_on=record.received_on,
                due=effective_due(record),
                state=state,
                safeguarding=complaint.safeguarding_flag,
                officer=officer or "",
            )
        )
    rows.sort(key=lambda r: (not r.safeguarding, _STATE_ORDER.get(r.state, 3), r.due or date.max, r.reference))
    return rows


def triage_queue(session: Session, user: StaffUser, zone) -> list[TriageRow]:
    """Complaints the router could not place, with its best guesses. Only officers triage."""
    if not can_triage(user):
        return []
    statement = (
        select(Complaint)
        .where(Complaint.status == ComplaintStatus.AWAITING_TRIAGE.value)
        .order_by(Complaint.safeguarding_flag.desc(), Complaint.received_at)
    )
    complaints = session.exec(statement).all()
    if not complaints:
        return []
    router = router_for(session)
    return [
        TriageRow(
            complaint_id=c.id,
            reference=c.reference,
            received_on=c.received_at.astimezone(zone).date(),
            safeguarding=c.safeguarding_flag,
            about_text=c.about_text,
            suggestion=router.route(c.about_text or c.what_happened[:300]),
        )
        for c in complaints
    ]


def team_choices(session: Session, user: StaffUser | None = None) -> list[Team]:
    """Active teams; with `user`, only those whose complaints they may see (the queue's filter)."""
    statement = select(Team).where(Team.active)
    if user is not None:
        statement = scope_to_user(statement, user, Team.id)
    return list(session.exec(statement.order_by(Team.name)).all())


def triage_count(session: Session, user: StaffUser) -> int:
    if not can_triage(user):
        return 0
    statement = (
        select(func.count()).select_from(Complaint).where(Complaint.status == ComplaintStatus.AWAITING_TRIAGE.value)
    )
    return session.exec(statement).one()
