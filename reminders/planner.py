"""Plan the outbox: turn open stages and new complaints into email rows, set-based.

The working-day arithmetic happens in Python once per distinct date (a few hundred at most), then one
INSERT ... SELECT per reminder kind joins those dates to every open stage: 100,000 open stages cost a
handful of statements, not 100,000 round trips. Keys are unique, so `ON CONFLICT DO NOTHING` makes planning
repeatable and safe beside a web request planning the same stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy import (
    CursorResult,
    Date,
    String,
    and_,
    case,
    cast,
    column,
    exists,
    func,
    literal,
    literal_column,
    or_,
    select,
    union_all,
    update,
    values,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql import ColumnElement
from sqlmodel import Session, col

from content.complainant import advocate_words, team_words
from content.i18n import in_language
from content.safety_help import YOUNG, audience_for, help_now
from models.base import require_id, table_of
from models.complaints import Complaint, ComplaintStatus, StageRecord
from models.outbox import OutboxMessage, OutboxStatus
from models.safeguarding import label as category_label
from models.staff import Role, StaffUser
from models.teams import Team
from models.types import UTCDateTime
from reminders.calendar import WorkingCalendar
from reminders.lesson_actions import plan_action_reminders
from reminders.office_hours import OfficeHours
from reminders.policy import (
    ARRIVAL_TEMPLATES,
    COMPLAINT_EMAILS,
    DEADLINE_TEMPLATES,
    DISCLOSURE_ALERT,
    NOW_SENT_ALERT,
    SAFEGUARDING_ALERT,
    STAGE_REMINDERS,
    UNSAFE_ALERT,
    Audience,
    ComplaintEmail,
    StageReminder,
)
from reminders.remedies import plan_remedy_reminders
from settings import Settings

OPEN_COMPLAINT = (ComplaintStatus.OPEN.value, ComplaintStatus.AWAITING_TRIAGE.value)
outbox = table_of(OutboxMessage)
stage = table_of(StageRecord)
complaint = table_of(Complaint)
team = table_of(Team)
staff = table_of(StaffUser)
existing = outbox.alias("existing")


@dataclass
class PlanReport:
    planned: int = 0
    cancelled: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Scope:
    """Which stages to plan: all open ones (the scheduler) or those of one complaint or one stage (events)."""

    complaint_id: int | None = None
    stage_record_id: int | None = None

    def stage_filter(self) -> list[ColumnElement[bool]]:
        conditions = []
        if self.complaint_id is not None:
            conditions.append(stage.c.complaint_id == self.complaint_id)
        if self.stage_record_id is not None:
            conditions.append(stage.c.id == self.stage_record_id)
        return conditions

    @property
    def is_everything(self) -> bool:
        return self.complaint_id is None and self.stage_record_id is None


def deadline_column() -> ColumnElement[date]:
    """A stage's current deadline: the extension when there is one."""
    return func.coalesce(stage.c.extended_to, stage.c.due_on)


def _text(expression) -> ColumnElement[str]:
    # Dates as text read YYYY-MM-DD on both databases (SQLite stores them so; PostgreSQL's DateStyle is ISO).
    return cast(expression, String)


def _json_object(session: Session, pairs: dict[str, ColumnElement]) -> ColumnElement:
    builder = func.json_object if session.get_bind().dialect.name == "sqlite" else func.json_build_object
    args: list[ColumnElement] = []
    for key, value in pairs.items():
        args += [literal_column(f"'{key}'"), value]
    return builder(*args)


def _insert_ignoring_duplicates(session: Session, columns: list[str], query) -> list[str]:
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(outbox)
        .from_select(columns, query)
        .on_conflict_do_nothing(index_elements=["idempotency_key"])
        # Counted from RETURNING: neither driver gives a rowcount for WITH ... INSERT ... SELECT.
        .returning(outbox.c.idempotency_key)
    )
    return list(session.execute(statement).scalars())


def unanswered_stages(scope: Scope):
    """The stages still waiting for a response, of complaints still open (with a deadline or not: the Ombudsman)."""
    return (
        select(stage.c.id)
        .join(complaint, complaint.c.id == stage.c.complaint_id)
        .where(
            stage.c.responded_on.is_(None),
            complaint.c.status.in_(OPEN_COMPLAINT),
            complaint.c.purged_at.is_(None),
            *scope.stage_filter(),
        )
    )


def open_stages(scope: Scope):
    """The open stages worth reminding of a deadline: no response yet, a deadline, a complaint still open."""
    return unanswered_stages(scope).where(deadline_column().is_not(None))


def cancel_outdated(session: Session, scope: Scope) -> int:
    """Cancel pending stage emails whose stage closed or whose deadline changed since they were planned."""
    # An arrival email stays while its stage waits for a response, deadline or not (the Ombudsman's stage has
    # none, and the team and officer must still hear it arrived); a deadline's email only while that deadline holds.
    still_valid = exists(
        unanswered_stages(scope)
        .where(stage.c.id == outbox.c.stage_record_id)
        .where(
            or_(
                outbox.c.template.in_(ARRIVAL_TEMPLATES),
                and_(
                    deadline_column().is_not(None),
                    outbox.c.idempotency_key.like(literal("%:") + _text(deadline_column())),
                ),
            )
        )
    )
    conditions = [
        outbox.c.status == OutboxStatus.PENDING.value,
        outbox.c.stage_record_id.is_not(None),
        outbox.c.template.in_(DEADLINE_TEMPLATES + ARRIVAL_TEMPLATES),
        ~still_valid,
    ]
    if not scope.is_everything:
        scoped = select(stage.c.id).where(*scope.stage_filter())
        conditions.append(outbox.c.stage_record_id.in_(scoped))
    statement = (
        update(outbox)
        .where(*conditions)
        .values(status=OutboxStatus.CANCELLED.value, last_error="deadline changed or stage closed")
    )
    result = session.execute(statement)
    assert isinstance(result, CursorResult)  # an UPDATE gives a cursor result, which counts the rows
    return result.rowcount or 0


@dataclass(frozen=True)
class OpenDays:
    """The distinct days open stages hang on, read once per plan (a few hundred at most)."""

    received: list[date]
    deadlines: list[date]

    @classmethod
    def read(cls, session: Session, scope: Scope) -> OpenDays:
        # Without the complaint join: a day too many only joins to nothing, and this stays an index scan.
        base = select().select_from(stage).where(stage.c.responded_on.is_(None), *scope.stage_filter())
        received = session.execute(base.add_columns(stage.c.received_on).distinct()).scalars().all()
        deadlines = (
            session.execute(base.add_columns(deadline_column()).where(deadline_column().is_not(None)).distinct())
            .scalars()
            .all()
        )
        return cls(list(received), list(deadlines))


def _send_times(
    reminder: StageReminder, days: OpenDays, hours: OfficeHours, now: datetime, ack_days: int
) -> list[tuple[date, datetime]]:
    """For each distinct date the reminder hangs on, when it goes out; dates not due yet today are left out."""
    calendar = hours.calendar
    today = hours.local_day(now)
    plan = []
    for day in days.received if reminder.keyed_on_received else days.deadlines:
        received = deadline = day
        target = reminder.target_day(calendar, received=received, deadline=deadline)
        stale = reminder.stale_day(calendar, received=received, deadline=deadline, ack_days=ack_days)
        # Only what falls due by today is planned; later reminders are planned on their day, so a
        # deadline that moves in between never leaves an outdated email behind.
        if target <= today and (stale is None or today < stale):
            plan.append((day, hours.send_time(target, now)))
    return plan


def team_recipients():
    """Everyone a team's email goes to: the directory's manager address and each active manager account of the
    team (an account whose address is the directory's is not written to twice). `suffix` tells their rows apart in
    the idempotency key: "" for the directory's address, ".staff-<id>" for an account."""
    account = staff.alias("manager_account")
    same_as_directory = exists().where(
        team.c.id == account.c.team_id, func.lower(team.c.manager_email) == func.lower(account.c.email)
    )
    return union_all(
        select(
            team.c.id.label("team_id"),
            team.c.manager_email.label("email"),
            literal("", String).label("suffix"),
        ),
        select(
            account.c.team_id,
            account.c.email,
            literal(".staff-", String) + _text(account.c.id),
        ).where(
            account.c.role == Role.MANAGER.value,
            account.c.active.is_(True),
            account.c.team_id.is_not(None),
            ~same_as_directory,
        ),
    ).cte("team_recipients")


def _recipient(settings: Settings, audience, managers) -> ColumnElement[str]:
    """Who a planned row goes to, chosen per row by its audience (one statement serves every kind)."""
    return case(
        (audience == Audience.MANAGER.value, managers.c.email),
        (audience == Audience.OFFICER.value, case((staff.c.active.is_(True), staff.c.email))),
        (audience == Audience.HEAD_OF_SERVICE.value, literal(settings.head_of_service_email, String)),
    )


STAGE_AUDIENCES = (Audience.MANAGER, Audience.OFFICER, Audience.HEAD_OF_SERVICE)


def plan_stage_reminders(
    session: Session,
    reminders: list[StageReminder],
    settings: Settings,
    now: datetime,
    scope: Scope,
    hours: OfficeHours,
    days: OpenDays,
) -> list[str]:
    """Insert the due rows of `reminders` (all keyed on the same kind of day) in one statement; returns their kinds.

    One statement per day column, not per kind: each is a pass over every open stage.
    """
    plan_rows = []
    for reminder in reminders:
        if reminder.audience not in STAGE_AUDIENCES:
            raise ValueError(f"{reminder.kind}: a stage reminder cannot go to {reminder.audience}")
        for day, send_after in _send_times(reminder, days, hours, now, settings.acknowledgement_working_days):
            plan_rows.append((day, reminder.kind, reminder.template, reminder.audience.value, send_after))
    if not plan_rows:
        return []
    plan = (
        values(
            column("day", Date),
            column("kind", String),
            column("template", String),
            column("audience", String),
            column("send_after", UTCDateTime()),
            name="plan_days",
        )
        .data(plan_rows)
        .cte()
    )
    day_column = stage.c.received_on if reminders[0].keyed_on_received else deadline_column()
    managers = team_recipients()
    recipient = _recipient(settings, plan.c.audience, managers)
    suffix = func.coalesce(managers.c.suffix, literal("", String))
    key = literal("stage:") + _text(stage.c.id) + literal(":") + plan.c.kind + suffix + literal(":") + _text(day_column)
    context = _json_object(
        session,
        {
            "reference": complaint.c.reference,
            "stage": stage.c.stage,
            "team": team.c.name,
            "deadline": _text(deadline_column()),
            "received": _text(stage.c.received_on),
        },
    )
    query = (
        select(
            key,
            recipient,
            plan.c.template,
            context,
            plan.c.send_after,
            literal(OutboxStatus.PENDING.value, String),
            literal(0),
            literal("", String),
            complaint.c.id,
            stage.c.id,
            literal(now, UTCDateTime()),
        )
        .select_from(stage)
        .join(complaint, complaint.c.id == stage.c.complaint_id)
        .join(plan, plan.c.day == day_column)
        .outerjoin(team, team.c.id == func.coalesce(stage.c.team_id, complaint.c.team_id))
        .outerjoin(staff, staff.c.id == complaint.c.assigned_officer_id)
        # A team's rows, once per person on the team's list; every other audience's rows once.
        .outerjoin(managers, and_(plan.c.audience == Audience.MANAGER.value, managers.c.team_id == team.c.id))
        .where(
            stage.c.responded_on.is_(None),
            complaint.c.status.in_(OPEN_COMPLAINT),
            complaint.c.purged_at.is_(None),
            *scope.stage_filter(),
            recipient.is_not(None),
            recipient != "",
            # Most rows exist after the first plan of the day: skip them before building their JSON.
            ~exists().where(existing.c.idempotency_key == key),
        )
    )
    columns = [
        "idempotency_key",
        "recipient",
        "template",
        "context",
        "send_after",
        "status",
        "attempts",
        "last_error",
        "complaint_id",
        "stage_record_id",
        "created_at",
    ]
    keys = _insert_ignoring_duplicates(session, columns, query)
    return [k.split(":")[2].split(".")[0] for k in keys]


def _complainant_words(
    item: Complaint, team_names: dict[int | None, str], public_names: dict[int | None, str], settings: Settings
) -> dict[str, object]:
    """What the complainant's email says that is worded for them, in the language they complained in, however
    and whenever it is planned (content/i18n.py); `language` makes reminders/mail.py render it in that language."""
    with in_language(item.language):
        return {
            "language": item.language,
            "advocate_words": advocate_words(item.advocacy_requested, item.complainant_role),
            # The team in this person's words: a child or care leaver never reads its official name.
            "team_words": team_words(
                team_names.get(item.team_id), public_names.get(item.team_id), item.complainant_role
            ),
            # Help in the words for this person: Childline and "you won't get in trouble" for a young person, the
            # NSPCC and the council's numbers for a grown-up (content/safety_help.py, as on the pages).
            "young": audience_for(item.complainant_role) == YOUNG,
            "help_lines": [line.for_email() for line in help_now(item.complainant_role, settings)],
        }


def _complaint_rows(
    session: Session,
    email: ComplaintEmail,
    settings: Settings,
    now: datetime,
    hours: OfficeHours,
    complaints: list[Complaint],
    extra: dict[str, object],
    teams: dict[int | None, tuple[str, str]],
) -> list[dict[str, object]]:
    calendar = hours.calendar
    rows = []
    team_names: dict[int | None, str] = {team_id: name for team_id, (name, _public) in teams.items()}
    public_names: dict[int | None, str] = {team_id: public for team_id, (_name, public) in teams.items()}
    for item in complaints:
        template = email.template
        if email.audience is Audience.COMPLAINANT:
            if not item.email:
                continue
            recipient = item.email
        elif email.audience is Audience.DUTY_MANAGER:
            if not item.safeguarding_flag:
                continue
            alert = _duty_manager_template(session, require_id(item))
            if alert is None:
                continue
            template = alert
            recipient = settings.duty_manager_email
        else:
            raise ValueError(f"{email.kind}: a complaint email cannot go to {email.audience}")
        reply_by = session.execute(
            select(func.min(deadline_column())).where(stage.c.complaint_id == item.id, stage.c.responded_on.is_(None))
        ).scalar()
        received = hours.local_day(item.received_at)
        context = {
            "reference": item.reference,
            "team": team_names.get(item.team_id),
            "received": received.isoformat(),
            "received_at": item.received_at.isoformat(),
            "deadline": reply_by.isoformat() if reply_by else None,
            "acknowledge_by": calendar.add_working_days(received, settings.acknowledgement_working_days).isoformat(),
            "name": item.complainant_name if email.audience is Audience.COMPLAINANT else "",
            **extra,
        }
        if email.audience is Audience.DUTY_MANAGER:  # the kinds of danger, as staff name them; never the words
            context["categories"] = [category_label(slug) for slug in item.safeguarding_categories or []]
            context.pop("status_url", None)  # the complainant's private link is theirs alone
        if email.audience is Audience.COMPLAINANT:  # the advocate line, worded as on the status page
            context.update(_complainant_words(item, team_names, public_names, settings))
        rows.append(
            {
                "idempotency_key": f"complaint:{item.id}:{email.kind}",
                "recipient": recipient,
                "template": template,
                "context": context,
                "send_after": now if email.urgent else hours.next_open(now),
                "status": OutboxStatus.PENDING.value,
                "attempts": 0,
                "last_error": "",
                "complaint_id": item.id,
                "stage_record_id": None,
                "created_at": now,
            }
        )
    return rows


def _duty_manager_template(session: Session, complaint_id: int) -> str | None:
    """The complaint's own alert, unless intake/disclosure.py alerted the duty manager already.

    Alerted while the conversation was unsent: a short note that it is now this complaint (NOW_SENT_ALERT).
    Alerted from the status page only ("I don't feel safe" on a complaint never flagged before): nothing more,
    that alert named the reference already.
    """
    earlier = set(
        session.execute(
            select(outbox.c.template).where(
                outbox.c.complaint_id == complaint_id, outbox.c.template.in_((DISCLOSURE_ALERT, UNSAFE_ALERT))
            )
        ).scalars()
    )
    if DISCLOSURE_ALERT in earlier:
        return NOW_SENT_ALERT
    return None if earlier else SAFEGUARDING_ALERT.template


def plan_complaint_emails(
    session: Session,
    settings: Settings,
    now: datetime,
    hours: OfficeHours,
    *,
    complaint_id: int | None = None,
    extra: dict[str, object] | None = None,
) -> dict[str, int]:
    """Acknowledgements and safeguarding alerts for complaints received lately (or for one complaint).

    Few complaints arrive in a day, so these are built in Python and inserted in bulk.
    """
    query = select(Complaint).where(
        col(Complaint.status).in_(OPEN_COMPLAINT),
        col(Complaint.purged_at).is_(None),
        or_(col(Complaint.email) != "", col(Complaint.safeguarding_flag).is_(True)),  # someone to write to
    )
    if complaint_id is not None:
        query = query.where(col(Complaint.id) == complaint_id)
    else:
        # A safety net for complaints no event planned for: recent ones only, never years of imports.
        today = hours.local_day(now)
        since = hours.calendar.subtract_working_days(today, max(settings.acknowledgement_working_days, 1))
        query = query.where(col(Complaint.received_at) >= datetime.combine(since, time(0), tzinfo=hours.zone))
    complaints = list(session.execute(query).scalars().all())
    counts = {}
    # Every email names the team (officially for staff and grown-ups, in a child's words for a young person): one
    # read of the directory for all of them, not one per kind of email.
    teams = {
        row.id: (row.name, row.public_name)
        for row in session.execute(select(team.c.id, team.c.name, team.c.public_name))
    }
    for email in COMPLAINT_EMAILS:
        rows = _complaint_rows(session, email, settings, now, hours, complaints, extra or {}, teams)
        counts[email.kind] = _bulk_insert_ignoring_duplicates(session, rows)
    return counts


def _bulk_insert_ignoring_duplicates(session: Session, rows: list[dict[str, object]]) -> int:
    if not rows:
        return 0
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(outbox)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["idempotency_key"])
        .returning(outbox.c.id)
    )
    return len(session.execute(statement).all())


def plan_reminders(
    session: Session,
    settings: Settings,
    now: datetime,
    *,
    scope: Scope = Scope(),
    extra: dict[str, object] | None = None,
    remedies: bool | None = None,
) -> PlanReport:
    """Bring the outbox up to date for `scope` as of `now`. Flushes; never commits. `remedies`: plan the
    Ombudsman remedies' reminders too (by default only when planning everything)."""
    hours = OfficeHours(WorkingCalendar(settings.closure_days), settings.timezone)
    report = PlanReport()
    report.cancelled = cancel_outdated(session, scope)
    days = OpenDays.read(session, scope)
    report.by_kind = {reminder.kind: 0 for reminder in STAGE_REMINDERS}
    for keyed_on_received in (True, False):
        group = [r for r in STAGE_REMINDERS if r.keyed_on_received is keyed_on_received]
        for kind in plan_stage_reminders(session, group, settings, now, scope, hours, days) if group else []:
            report.by_kind[kind] += 1
    if scope.stage_record_id is None:
        report.by_kind.update(
            plan_complaint_emails(session, settings, now, hours, complaint_id=scope.complaint_id, extra=extra)
        )
    # Remedies are planned by the scheduler's full plan and when an Ombudsman stage changes; other events skip
    # the query (the intake's and the staff pages' statement counts are pinned).
    if remedies if remedies is not None else scope.is_everything:
        report.by_kind.update(
            plan_remedy_reminders(
                session, settings, now, complaint_id=scope.complaint_id, stage_record_id=scope.stage_record_id
            )
        )
    if scope.is_everything:  # the scheduler's plan; an action's own changes plan it at once (replan.py)
        report.by_kind.update(plan_action_reminders(session, settings, now))
    report.planned = sum(report.by_kind.values())
    session.flush()
    return report
