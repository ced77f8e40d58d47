"""Reminders about lesson actions: to the owner a few working days before the due date, and to the owner and the
team's managers the working day after it was missed (`ACTION_REMINDERS` in the policy).

Open actions are few (tens, not the 100,000 stages the stage planner is built for), so this plans in Python: one
read of the open actions with their complaint, team and owner, then one insert of the rows due by now. A pending
row whose action was done, cancelled or given a new date is cancelled here, and again at send time
(reminders/freshness.py).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CursorResult, String, and_, cast, func, literal, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from models.base import table_of
from models.complaints import Complaint, StageRecord
from models.lessons import ActionStatus, LessonAction
from models.outbox import OutboxMessage, OutboxStatus
from models.staff import Role, StaffUser
from models.teams import Team
from reminders.calendar import WorkingCalendar
from reminders.office_hours import OfficeHours
from reminders.policy import ACTION_REMINDERS, ACTION_TEMPLATES, Audience, Moment
from settings import Settings

outbox = table_of(OutboxMessage)
lesson = table_of(LessonAction)
stage = table_of(StageRecord)
complaint = table_of(Complaint)
team = table_of(Team)
staff = table_of(StaffUser)
KEY_PREFIX = "action:"
OUTDATED = "the action was done, cancelled or given a new date"


def action_key(action_id: int, kind: str, due_iso: str, suffix: str = "") -> str:
    return f"{KEY_PREFIX}{action_id}:{kind}{suffix}:{due_iso}"


def parse_key(key: str) -> tuple[int, str] | None:
    """(action id, due date as text) of an action reminder's key; None for any other key."""
    if not key.startswith(KEY_PREFIX):
        return None
    parts = key.split(":")
    return (int(parts[1]), parts[-1]) if len(parts) == 4 and parts[1].isdigit() else None


def cancel_outdated_action_emails(session: Session, action_id: int | None = None) -> int:
    """Cancel pending action reminders whose action is no longer open or whose due date changed."""
    still_valid = (
        select(lesson.c.id)
        .where(
            lesson.c.status == ActionStatus.OPEN.value,
            outbox.c.idempotency_key.like(literal(KEY_PREFIX) + cast(lesson.c.id, String) + literal(":%")),
            outbox.c.idempotency_key.like(literal("%:") + cast(lesson.c.due_on, String)),
        )
        .exists()
    )
    conditions = [
        outbox.c.status == OutboxStatus.PENDING.value,
        outbox.c.template.in_(ACTION_TEMPLATES),
        ~still_valid,
    ]
    if action_id is not None:
        conditions.append(outbox.c.idempotency_key.like(f"{KEY_PREFIX}{action_id}:%"))
    result = session.execute(
        update(outbox).where(*conditions).values(status=OutboxStatus.CANCELLED.value, last_error=OUTDATED)
    )
    assert isinstance(result, CursorResult)  # an UPDATE gives a cursor result, which counts the rows
    return result.rowcount or 0


def _managers(session: Session, team_ids: set[int]) -> dict[int, list[tuple[str, str]]]:
    """Each team's (address, key suffix): the directory's address, then each active manager account."""
    found: dict[int, list[tuple[str, str]]] = {team_id: [] for team_id in team_ids}
    if not team_ids:
        return found
    for team_id, email in session.execute(select(team.c.id, team.c.manager_email).where(team.c.id.in_(team_ids))):
        if email:
            found[team_id].append((email, ""))
    accounts = select(staff.c.id, staff.c.team_id, staff.c.email).where(
        staff.c.team_id.in_(team_ids), staff.c.role == Role.MANAGER.value, staff.c.active.is_(True)
    )
    for account_id, team_id, email in session.execute(accounts):
        if email.lower() not in {address.lower() for address, _suffix in found[team_id]}:
            found[team_id].append((email, f".staff-{account_id}"))
    return found


def plan_action_reminders(
    session: Session, settings: Settings, now: datetime, *, action_id: int | None = None
) -> dict[str, int]:
    """Queue the action reminders due by `now` (for every open action, or one). Flushes; never commits."""
    hours = OfficeHours(WorkingCalendar(settings.closure_days), settings.timezone)
    calendar, today = hours.calendar, hours.local_day(now)
    counts = {reminder.kind: 0 for reminder in ACTION_REMINDERS}
    cancel_outdated_action_emails(session, action_id)
    owner = staff.alias("owner")
    query = (
        select(
            lesson.c.id,
            lesson.c.due_on,
            complaint.c.id,
            complaint.c.reference,
            func.coalesce(stage.c.team_id, complaint.c.team_id),
            team.c.name,
            owner.c.email,
            owner.c.active,
        )
        .join(stage, stage.c.id == lesson.c.stage_record_id)
        .join(complaint, complaint.c.id == stage.c.complaint_id)
        .join(owner, owner.c.id == lesson.c.owner_id)
        .outerjoin(team, team.c.id == func.coalesce(stage.c.team_id, complaint.c.team_id))
        .where(lesson.c.status == ActionStatus.OPEN.value, complaint.c.purged_at.is_(None))
    )
    if action_id is not None:
        query = query.where(lesson.c.id == action_id)
    actions = session.execute(query).all()
    managers = _managers(session, {row[4] for row in actions if row[4] is not None})
    rows = []
    for action, due, complaint_id, reference, team_id, team_name, owner_email, owner_active in actions:
        for reminder in ACTION_REMINDERS:
            if reminder.moment is Moment.BEFORE:
                target, stale = calendar.subtract_working_days(due, reminder.working_days), due
            else:
                target, stale = calendar.add_working_days(due, reminder.working_days), None
            if target > today or (stale is not None and today >= stale):
                continue
            if reminder.audience is Audience.ACTION_OWNER:
                recipients = [(owner_email, "")] if owner_active else []
            else:
                recipients = managers.get(team_id, []) if team_id is not None else []
            for address, suffix in recipients:
                rows.append(
                    {
                        "idempotency_key": action_key(action, reminder.kind, due.isoformat(), suffix),
                        "recipient": address,
                        "template": reminder.template,
                        "context": {"reference": reference, "team": team_name, "due": due.isoformat()},
                        "send_after": hours.send_time(target, now),
                        "status": OutboxStatus.PENDING.value,
                        "attempts": 0,
                        "last_error": "",
                        "complaint_id": complaint_id,
                        "stage_record_id": None,
                        "created_at": now,
                    }
                )
    if rows:
        dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        statement = (
            dialect.insert(outbox)
            .values(rows)
            .on_conflict_do_nothing(index_elements=["idempotency_key"])
            .returning(outbox.c.idempotency_key)
        )
        for key in session.execute(statement).scalars():
            counts[key.split(":")[2].split(".")[0]] += 1
    session.flush()
    return counts


def current_actions(connection, action_ids: set[int]) -> dict[int, tuple[str, bool]]:
    """Each action's due date (as text) and whether it is still open, read at send time."""
    if not action_ids:
        return {}
    rows = connection.execute(
        select(lesson.c.id, lesson.c.due_on, lesson.c.status).where(and_(lesson.c.id.in_(action_ids)))
    )
    return {row[0]: (row[1].isoformat(), row[2] == ActionStatus.OPEN.value) for row in rows}
