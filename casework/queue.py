"""The staff queue: open stages with their deadline state, and complaints waiting for triage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, case, col, func, select

from casework.roles import can_triage, scope_to_user
from casework.router import router_for
from casework.safeguarding import category_labels, unsent_disclosures
from casework.stages import STATE_FILTERS, effective_due, state_of
from intake.routing import RouteResult
from models.base import require_id
from models.complaints import Complaint, ComplaintStatus, Stage, StageRecord
from models.staff import StaffUser
from models.teams import Team
from reminders.calendar import WorkingCalendar
from reminders.deadlines import DeadlineState, deadline_state

_STATE_ORDER: dict[DeadlineState | None, int] = {
    DeadlineState.OVERDUE: 0,
    DeadlineState.DUE_TODAY: 1,
    DeadlineState.DUE_SOON: 2,
}


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
    categories: tuple[str, ...] = ()  # staff labels of the kinds of danger
    reviewed: bool = False  # a safeguarding review is recorded since the last new danger
    kind: str = "stage"  # "stage"; "triage": a flagged complaint with no team yet; "draft": "Not sent: disclosure"
    draft_id: int | None = None

    @property
    def stage_label(self) -> str:
        return Stage(self.stage).label


@dataclass(frozen=True)
class TriageRow:
    complaint_id: int
    reference: str
    received_on: date
    safeguarding: bool
    about_text: str
    suggestion: RouteResult
    categories: tuple[str, ...] = ()  # staff labels of the kinds of danger


QUEUE_PAGE_SIZE = 100  # rows a page of the queue shows: a council's whole caseload is thousands


def _open_stages_statement(user: StaffUser, calendar: WorkingCalendar, today: date, filters: QueueFilters):
    """Open stages of complaints `user` may see, filtered, with no columns chosen yet."""
    due = func.coalesce(StageRecord.extended_to, StageRecord.due_on)
    statement = (
        select(StageRecord, Complaint, Team, StaffUser.name)
        .join(Complaint, col(Complaint.id) == StageRecord.complaint_id)
        .join(Team, col(Team.id) == Complaint.team_id)
        .outerjoin(StaffUser, col(StaffUser.id) == Complaint.assigned_officer_id)
        .where(col(StageRecord.responded_on).is_(None), col(Complaint.status) == ComplaintStatus.OPEN.value)
    )
    statement = scope_to_user(statement, user)
    if filters.team:
        statement = statement.where(Team.slug == filters.team)
    if filters.stage:
        statement = statement.where(StageRecord.stage == filters.stage)
    if filters.mine:
        statement = statement.where(Complaint.assigned_officer_id == user.id)
    # A deadline's state only grows with its date (overdue < due today < due soon < on track), so each state
    # filter is a range of due dates, and the database can filter, order and page.
    soon = _last_due_soon(calendar, today)
    if filters.state == "overdue":
        statement = statement.where(due < today)
    elif filters.state == "due-soon":
        statement = statement.where(due >= today, due <= soon)
    elif filters.state == "on-track":
        statement = statement.where(due > soon)
    return statement, due


def _last_due_soon(calendar: WorkingCalendar, today: date) -> date:
    """The last due date that is still "due soon" today (casework/stages.py `state_of`)."""
    day = today
    while deadline_state(calendar, day + timedelta(days=1), today) in STATE_FILTERS["due-soon"]:
        day += timedelta(days=1)
    return day


def open_stages(
    session: Session,
    user: StaffUser,
    calendar: WorkingCalendar,
    today: date,
    filters: QueueFilters,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> list[QueueRow]:
    """Open stages of complaints `user` may see: safeguarding first, then the most urgent (`limit` from `offset`)."""
    statement, due = _open_stages_statement(user, calendar, today, filters)
    # The order of `_queue_order`, in SQL: a later due date is never more urgent, and no deadline comes last.
    statement = statement.order_by(
        col(Complaint.safeguarding_flag).desc(),
        col(Complaint.safeguarding_reviewed_at).is_not(None),
        due.is_(None),
        due,
        col(Complaint.reference),
    )
    if limit is not None:
        statement = statement.limit(limit).offset(offset)
    rows = []
    for record, complaint, team, officer in session.exec(statement):
        rows.append(
            QueueRow(
                reference=complaint.reference,
                team_name=team.name,
                stage=record.stage,
                received_on=record.received_on,
                due=effective_due(record),
                state=state_of(calendar, record, today),
                safeguarding=complaint.safeguarding_flag,
                officer=officer or "",
                categories=tuple(category_labels(complaint.safeguarding_categories)),
                reviewed=complaint.safeguarding_reviewed_at is not None,
            )
        )
    return rows


def count_open_stages(
    session: Session, user: StaffUser, calendar: WorkingCalendar, today: date, filters: QueueFilters
) -> int:
    statement, _due = _open_stages_statement(user, calendar, today, filters)
    return session.exec(select(func.count()).select_from(statement.subquery())).one()


def _queue_order(row: QueueRow):
    # Safeguarding not yet reviewed, then reviewed safeguarding, then the rest; within each, the most urgent.
    return (not row.safeguarding, row.reviewed, _STATE_ORDER.get(row.state, 3), row.due or date.max, row.reference)


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    stages: int  # open stages matching the filters, on every page
    others: int  # flagged complaints in triage and unsent disclosures (on the first page)
    page: int
    pages: int


def queue_rows(
    session: Session,
    user: StaffUser,
    calendar: WorkingCalendar,
    today: date,
    zone,
    filters: QueueFilters,
    page: int = 1,
) -> QueuePage:
    """A page of the main queue: open stages, and on the first page with no filter also what has no stage to file
    it under yet but must not wait: flagged complaints in triage (officers) and conversations never sent that hold
    a disclosure."""
    stages = count_open_stages(session, user, calendar, today, filters)
    pages = max(1, -(-stages // QUEUE_PAGE_SIZE))
    page = min(max(page, 1), pages)
    rows = open_stages(
        session, user, calendar, today, filters, limit=QUEUE_PAGE_SIZE, offset=(page - 1) * QUEUE_PAGE_SIZE
    )
    others: list[QueueRow] = []
    if filters == QueueFilters() and page == 1:
        others += [
            QueueRow(
                reference=row.reference,
                team_name="",
                stage=1,
                received_on=row.received_on,
                due=None,
                state=None,
                safeguarding=True,
                categories=tuple(category_labels(row.categories)),
                reviewed=row.reviewed,
                kind="triage",
            )
            for row in flagged_in_triage(session, user, zone)
        ]
        others += [
            QueueRow(
                reference="",
                team_name="",
                stage=0,
                received_on=row.flagged_at.astimezone(zone).date(),
                due=None,
                state=None,
                safeguarding=True,
                categories=tuple(row.categories),
                reviewed=row.reviewed,
                kind="draft",
                draft_id=row.draft_id,
            )
            for row in unsent_disclosures(session, user)
        ]
        rows = sorted(rows + others, key=_queue_order)
    return QueuePage(rows, stages, len(others), page, pages)


@dataclass(frozen=True)
class FlaggedTriage:
    reference: str
    received_on: date
    categories: list[str]
    reviewed: bool


def flagged_in_triage(session: Session, user: StaffUser, zone) -> list[FlaggedTriage]:
    if not can_triage(user):
        return []
    statement = select(Complaint).where(
        Complaint.status == ComplaintStatus.AWAITING_TRIAGE.value, col(Complaint.safeguarding_flag).is_(True)
    )
    return [
        FlaggedTriage(
            c.reference,
            c.received_at.astimezone(zone).date(),
            list(c.safeguarding_categories or []),
            c.safeguarding_reviewed_at is not None,
        )
        for c in session.exec(statement)
    ]


def triage_queue(session: Session, user: StaffUser, zone) -> list[TriageRow]:
    """Complaints the router could not place, with its best guesses. Only officers triage."""
    if not can_triage(user):
        return []
    statement = (
        select(Complaint)
        .where(Complaint.status == ComplaintStatus.AWAITING_TRIAGE.value)
        .order_by(col(Complaint.safeguarding_flag).desc(), col(Complaint.received_at))
    )
    complaints = session.exec(statement).all()
    if not complaints:
        return []
    router = router_for(session)
    return [
        TriageRow(
            complaint_id=require_id(c),
            reference=c.reference,
            received_on=c.received_at.astimezone(zone).date(),
            safeguarding=c.safeguarding_flag,
            about_text=c.about_text,
            suggestion=router.route(c.about_text or c.what_happened[:300]),
            categories=tuple(category_labels(c.safeguarding_categories)),
        )
        for c in complaints
    ]


def team_choices(session: Session, user: StaffUser | None = None) -> list[Team]:
    """Active teams; with `user`, only those whose complaints they may see (the queue's filter)."""
    statement = select(Team).where(Team.active)
    if user is not None:
        statement = scope_to_user(statement, user, Team.id)
    return list(session.exec(statement.order_by(Team.name)).all())


@dataclass(frozen=True)
class TriageCount:
    waiting: int = 0
    flagged: int = 0  # of those, flagged for safeguarding

    def __bool__(self) -> bool:
        return self.waiting > 0


def triage_count(session: Session, user: StaffUser) -> TriageCount:
    """For the banner: "N waiting for triage, M flagged for safeguarding"."""
    if not can_triage(user):
        return TriageCount()
    flagged = func.sum(case((col(Complaint.safeguarding_flag).is_(True), 1), else_=0))
    statement = select(func.count(), flagged).where(Complaint.status == ComplaintStatus.AWAITING_TRIAGE.value)
    waiting, flagged_count = session.exec(statement).one()
    return TriageCount(waiting, flagged_count or 0)
