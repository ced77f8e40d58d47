"""The staff queue: open stages with their deadline state, and complaints waiting for triage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, case, col, func, select

from casework.roles import can_triage, scope_to_user
from casework.router import router_for
from casework.safeguarding import category_labels, unsent_disclosures
from casework.stages import STATE_FILTER_LABELS, Urgency, days_overdue, effective_due, last_due_this_week, state_of
from intake.routing import RouteResult
from models.base import require_id
from models.complaints import Complaint, ComplaintStatus, Stage, StageRecord
from models.staff import StaffUser
from models.teams import Team
from reminders.calendar import WorkingCalendar

_STATE_ORDER: dict[Urgency | None, int] = {Urgency.OVERDUE: 0, Urgency.DUE_TODAY: 1, Urgency.DUE_THIS_WEEK: 2}

# The queue's sortable columns (?sort=), each a column of the open-stages statement; "due" is the default: the
# most urgent first. Whatever the sort, safeguarding not yet reviewed heads the queue.
SORT_COLUMNS = ("reference", "complainant", "team", "officer", "stage", "received", "due")


@dataclass(frozen=True)
class QueueFilters:
    team: str = ""  # team slug
    stage: int | None = None
    state: str = ""  # a value of Urgency
    mine: bool = False  # only complaints given to the signed-in member of staff
    flagged: bool = False  # only what is flagged for safeguarding and not yet reviewed

    @classmethod
    def from_args(cls, args) -> QueueFilters:
        stage = args.get("stage", "")
        state = args.get("state", "")
        return cls(
            team=args.get("team", "")[:64],
            stage=int(stage) if stage in ("1", "2", "3", "4") else None,
            state=state if state in STATE_FILTER_LABELS else "",
            mine=args.get("mine") == "yes",
            flagged=args.get("flagged") == "yes",
        )

    @property
    def shows_items_without_a_stage(self) -> bool:
        """Flagged complaints in triage and unsent disclosures have no team, stage or deadline to filter by."""
        return self == QueueFilters() or self == QueueFilters(flagged=True)


@dataclass(frozen=True)
class QueueSort:
    column: str = "due"
    descending: bool = False

    @classmethod
    def from_args(cls, args) -> QueueSort:
        column = args.get("sort", "")
        return cls(column if column in SORT_COLUMNS else "due", args.get("order") == "desc")


@dataclass(frozen=True)
class QueueRow:
    reference: str
    team_name: str
    stage: int
    received_on: date
    due: date | None
    state: Urgency | None
    safeguarding: bool
    officer: str = ""
    complainant: str = ""
    days_overdue: int = 0  # working days past the deadline
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
    what_happened: str = ""  # the first lines of what they told us
    complainant: str = ""
    rejected: tuple[str, ...] = ()  # team slugs the complainant said it is not ("No" to "is it the X team?")
    rejected_names: tuple[str, ...] = ()  # the same teams' names, for the page

    @property
    def preselected(self) -> str:
        """The team the Assign form starts on: the router's best guess that the complainant did not reject."""
        return next((c.team for c in self.suggestion.candidates if c.team not in self.rejected), "")


QUEUE_PAGE_SIZE = 50  # rows a page of the queue shows: a council's whole caseload is thousands


def _open_stages_base(user: StaffUser):
    """Open stages of complaints `user` may see, with the due date they are judged by."""
    due = func.coalesce(StageRecord.extended_to, StageRecord.due_on)
    statement = (
        select(StageRecord, Complaint, Team, StaffUser.name)
        .join(Complaint, col(Complaint.id) == StageRecord.complaint_id)
        .join(Team, col(Team.id) == Complaint.team_id)
        .outerjoin(StaffUser, col(StaffUser.id) == Complaint.assigned_officer_id)
        .where(col(StageRecord.responded_on).is_(None), col(Complaint.status) == ComplaintStatus.OPEN.value)
    )
    return scope_to_user(statement, user), due


def _open_stages_statement(user: StaffUser, calendar: WorkingCalendar, today: date, filters: QueueFilters):
    """Open stages of complaints `user` may see, filtered, with no columns chosen yet."""
    statement, due = _open_stages_base(user)
    if filters.team:
        statement = statement.where(Team.slug == filters.team)
    if filters.stage:
        statement = statement.where(StageRecord.stage == filters.stage)
    if filters.mine:
        statement = statement.where(Complaint.assigned_officer_id == user.id)
    if filters.flagged:
        statement = statement.where(
            col(Complaint.safeguarding_flag).is_(True), col(Complaint.safeguarding_reviewed_at).is_(None)
        )
    # A deadline's state only grows with its date (overdue < due today < due this week < on track), so each state
    # filter is a range of due dates, and the database can filter, order and page.
    week = last_due_this_week(calendar, today)
    if filters.state == Urgency.OVERDUE:
        statement = statement.where(due < today)
    elif filters.state == Urgency.DUE_TODAY:
        statement = statement.where(due == today)
    elif filters.state == Urgency.DUE_THIS_WEEK:
        statement = statement.where(due > today, due <= week)
    elif filters.state == Urgency.ON_TRACK:
        statement = statement.where(due > week)
    return statement, due


def _sort_order(sort: QueueSort, due) -> list[Any]:
    """The ORDER BY for `sort`; a missing value (no deadline, nobody yet) comes last either way round."""
    missing: dict[str, Any] = {"officer": col(StaffUser.id).is_(None), "due": due.is_(None)}
    values: dict[str, Any] = {
        "reference": col(Complaint.reference),
        "complainant": func.lower(Complaint.complainant_name),
        "team": col(Team.name),
        "officer": func.lower(StaffUser.name),
        "stage": col(StageRecord.stage),
        "received": col(StageRecord.received_on),
        "due": due,
    }
    value = values[sort.column]
    order = [value.desc() if sort.descending else value]
    return [missing[sort.column], *order] if sort.column in missing else order


def open_stages(
    session: Session,
    user: StaffUser,
    calendar: WorkingCalendar,
    today: date,
    filters: QueueFilters,
    *,
    sort: QueueSort = QueueSort(),
    limit: int | None = None,
    offset: int = 0,
) -> list[QueueRow]:
    """Open stages of complaints `user` may see: safeguarding first, then by `sort` (`limit` from `offset`)."""
    statement, due = _open_stages_statement(user, calendar, today, filters)
    # Safeguarding not yet reviewed, then reviewed, then the rest (as `_queue_order`); within each, the sort.
    statement = statement.order_by(
        col(Complaint.safeguarding_flag).desc(),
        col(Complaint.safeguarding_reviewed_at).is_not(None),
        *_sort_order(sort, due),
        col(Complaint.reference),
        col(StageRecord.stage),
    )
    if limit is not None:
        statement = statement.limit(limit).offset(offset)
    rows = []
    for record, complaint, team, officer in session.exec(statement):
        record_due = effective_due(record)
        rows.append(
            QueueRow(
                reference=complaint.reference,
                team_name=team.name,
                stage=record.stage,
                received_on=record.received_on,
                due=record_due,
                state=state_of(calendar, record, today),
                safeguarding=complaint.safeguarding_flag,
                officer=officer or "",
                complainant=complaint.complainant_name,
                days_overdue=days_overdue(calendar, record_due, today),
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


@dataclass(frozen=True)
class QueueCounts:
    """The figures at the top of the queue; each is a link to the rows it counts."""

    overdue: int = 0
    due_today: int = 0
    due_this_week: int = 0
    in_triage: int = 0
    flagged: int = 0  # flagged for safeguarding and not yet reviewed: open stages, triage, unsent disclosures


def queue_counts(
    session: Session, user: StaffUser, calendar: WorkingCalendar, today: date, triage: TriageCount
) -> QueueCounts:
    """One statement over the open stages `user` may see (the triage figures are the banner's, read once)."""
    statement, due = _open_stages_base(user)
    week = last_due_this_week(calendar, today)

    def count(condition):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    flagged_stage = (col(Complaint.safeguarding_flag).is_(True)) & (col(Complaint.safeguarding_reviewed_at).is_(None))
    figures = statement.with_only_columns(
        count(due < today), count(due == today), count((due > today) & (due <= week)), count(flagged_stage)
    )
    overdue, due_today, this_week, flagged = session.exec(figures).one()
    flagged += triage.flagged_unreviewed
    flagged += sum(1 for row in unsent_disclosures(session, user) if not row.reviewed)
    return QueueCounts(overdue, due_today, this_week, triage.waiting, flagged)


@dataclass(frozen=True)
class TeamLoad:
    """A team's open stages by deadline state, as the queue's filters count them (the dashboard links there)."""

    slug: str
    name: str
    overdue: int
    due_today: int
    due_this_week: int
    on_track: int
    no_deadline: int  # with the Ombudsman: no deadline of ours

    @property
    def total(self) -> int:
        return self.overdue + self.due_today + self.due_this_week + self.on_track + self.no_deadline


def open_by_team(session: Session, user: StaffUser, calendar: WorkingCalendar, today: date) -> list[TeamLoad]:
    """Open stages `user` may see, by team and deadline state: one GROUP BY over the queue's own statement."""
    statement, due = _open_stages_base(user)
    week = last_due_this_week(calendar, today)

    def count(condition):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    figures = (
        statement.with_only_columns(
            Team.slug,
            Team.name,
            count(due < today),
            count(due == today),
            count((due > today) & (due <= week)),
            count(due > week),
            count(due.is_(None)),
        )
        .group_by(Team.slug, Team.name)
        .order_by(Team.name)
    )
    return [TeamLoad(*row) for row in session.exec(figures)]


def _safeguarding_group(row: QueueRow) -> int:
    """0: flagged and not yet reviewed, 1: flagged and reviewed, 2: the rest (the order the SQL sorts by first)."""
    return 2 if not row.safeguarding else int(row.reviewed)


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
    sort: QueueSort = QueueSort(),
) -> QueuePage:
    """A page of the main queue: open stages, and on the first page with no filter (or only "flagged") also what
    has no stage to file it under yet but must not wait: flagged complaints in triage (officers) and conversations
    never sent that hold a disclosure."""
    stages = count_open_stages(session, user, calendar, today, filters)
    pages = max(1, -(-stages // QUEUE_PAGE_SIZE))
    page = min(max(page, 1), pages)
    rows = open_stages(
        session,
        user,
        calendar,
        today,
        filters,
        sort=sort,
        limit=QUEUE_PAGE_SIZE,
        offset=(page - 1) * QUEUE_PAGE_SIZE,
    )
    others: list[QueueRow] = []
    if filters.shows_items_without_a_stage and page == 1:
        others += [
            QueueRow(
                reference=row.reference,
                team_name="",
                stage=1,
                received_on=row.received_on,
                due=None,
                state=None,
                safeguarding=True,
                complainant=row.complainant,
                categories=tuple(category_labels(row.categories)),
                reviewed=row.reviewed,
                kind="triage",
            )
            for row in flagged_in_triage(session, user, zone)
            if not (filters.flagged and row.reviewed)
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
            if not (filters.flagged and row.reviewed)
        ]
        # The stages keep the chosen sort among themselves; these go first within their safeguarding group.
        others.sort(key=_queue_order)
        rows = sorted(others + rows, key=_safeguarding_group)  # a stable sort: each group keeps its order
    return QueuePage(rows, stages, len(others), page, pages)


@dataclass(frozen=True)
class FlaggedTriage:
    reference: str
    received_on: date
    categories: list[str]
    reviewed: bool
    complainant: str = ""


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
            c.complainant_name,
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
    names = dict(session.exec(select(Team.slug, Team.name)).all())
    return [
        TriageRow(
            complaint_id=require_id(c),
            reference=c.reference,
            received_on=c.received_at.astimezone(zone).date(),
            safeguarding=c.safeguarding_flag,
            about_text=c.about_text,
            suggestion=router.route(c.about_text or c.what_happened[:300]),
            categories=tuple(category_labels(c.safeguarding_categories)),
            what_happened=first_lines(c.what_happened),
            complainant=c.complainant_name,
            rejected=tuple(c.rejected_teams or ()),
            rejected_names=tuple(names.get(slug, slug) for slug in c.rejected_teams or ()),
        )
        for c in complaints
    ]


FIRST_LINES_CHARACTERS = 280  # about three lines of the triage page at a desk


def first_lines(text: str, limit: int = FIRST_LINES_CHARACTERS) -> str:
    """The start of what someone wrote, cut at a word and marked as cut, so triage can be done from the list."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(",;:") + " …"


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
    flagged_unreviewed: int = 0  # of those, with no safeguarding review recorded yet

    def __bool__(self) -> bool:
        return self.waiting > 0


def triage_count(session: Session, user: StaffUser) -> TriageCount:
    """For the banner: "N waiting for triage, M flagged for safeguarding"."""
    if not can_triage(user):
        return TriageCount()
    is_flagged = col(Complaint.safeguarding_flag).is_(True)
    flagged = func.sum(case((is_flagged, 1), else_=0))
    unreviewed = func.sum(case((is_flagged & col(Complaint.safeguarding_reviewed_at).is_(None), 1), else_=0))
    statement = select(func.count(), flagged, unreviewed).where(
        Complaint.status == ComplaintStatus.AWAITING_TRIAGE.value
    )
    waiting, flagged_count, unreviewed_count = session.exec(statement).one()
    return TriageCount(waiting, flagged_count or 0, unreviewed_count or 0)
