"""Reminders for the Ombudsman's remedies: before, on and after the day the council must have carried one out.

Who gets what is data (`REMEDY_REMINDERS` in reminders/policy.py). Remedies are few (a handful a year), so each
is planned row by row, unlike the set-based stage reminders in reminders/planner.py, which calls this on every
plan. Like them, only what is due by today is planned, and a remedy done or given a new date cancels the rows
still waiting.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from models.base import table_of
from models.complaints import Complaint, Stage, StageRecord
from models.outbox import OutboxMessage, OutboxStatus
from models.staff import StaffUser
from models.teams import Team
from reminders.calendar import WorkingCalendar
from reminders.office_hours import OfficeHours
from reminders.policy import REMEDY_REMINDERS, REMEDY_TEMPLATES, Audience
from settings import Settings

outbox = table_of(OutboxMessage)


def plan_remedy_reminders(
    session: Session,
    settings: Settings,
    now: datetime,
    *,
    complaint_id: int | None = None,
    stage_record_id: int | None = None,
) -> dict[str, int]:
    """Queue the remedy reminders due by `now` (within the scope given; everything by default) and cancel those
    no longer true. Returns the count queued per kind."""
    hours = OfficeHours(WorkingCalendar(settings.closure_days), settings.timezone)
    calendar, today = hours.calendar, hours.local_day(now)
    statement = (
        select(StageRecord, Complaint, Team, StaffUser)
        .join(Complaint, col(Complaint.id) == StageRecord.complaint_id)
        .join(Team, col(Team.id) == Complaint.team_id, isouter=True)
        .join(StaffUser, col(StaffUser.id) == Complaint.assigned_officer_id, isouter=True)
        .where(StageRecord.stage == int(Stage.OMBUDSMAN))
    )
    if complaint_id is not None:
        statement = statement.where(StageRecord.complaint_id == complaint_id)
    if stage_record_id is not None:
        statement = statement.where(StageRecord.id == stage_record_id)
    rows, valid, scoped = [], set(), set()
    for record, complaint, team, officer in session.exec(statement).all():
        scoped.add(record.id)
        due = record.remedy_due_on
        if due is None or record.remedy_done_on is not None or complaint.purged_at is not None:
            continue
        recipients = {
            Audience.MANAGER: team.manager_email if team else "",
            Audience.OFFICER: officer.email if officer is not None and officer.active else "",
            Audience.HEAD_OF_SERVICE: settings.head_of_service_email,
        }
        for reminder in REMEDY_REMINDERS:
            key = f"remedy:{record.id}:{reminder.kind}:{due.isoformat()}"
            valid.add(key)
            target = reminder.target_day(calendar, received=record.received_on, deadline=due)
            stale = reminder.stale_day(calendar, received=record.received_on, deadline=due, ack_days=1)
            recipient = recipients.get(reminder.audience, "")
            if not recipient or target > today or (stale is not None and today >= stale):
                continue
            rows.append(
                {
                    "idempotency_key": key,
                    "recipient": recipient,
                    "template": reminder.template,
                    "context": {
                        "reference": complaint.reference,
                        "stage": "Ombudsman",
                        "team": team.name if team else None,
                        "deadline": due.isoformat(),
                        "received": record.received_on.isoformat(),
                        "ombudsman_reference": record.ombudsman_reference,
                    },
                    "send_after": hours.send_time(target, now),
                    "status": OutboxStatus.PENDING.value,
                    "attempts": 0,
                    "last_error": "",
                    "complaint_id": complaint.id,
                    "stage_record_id": record.id,
                    "created_at": now,
                }
            )
    _cancel_outdated(session, scoped if complaint_id or stage_record_id else None, valid)
    counts = {reminder.kind: 0 for reminder in REMEDY_REMINDERS}
    for key in _insert_ignoring_duplicates(session, rows):
        counts[key.split(":")[2]] += 1
    return counts


def _cancel_outdated(session: Session, stage_ids: set | None, valid: set[str]) -> None:
    conditions = [
        outbox.c.status == OutboxStatus.PENDING.value,
        outbox.c.template.in_(REMEDY_TEMPLATES),
        outbox.c.idempotency_key.not_in(sorted(valid)),
    ]
    if stage_ids is not None:
        conditions.append(outbox.c.stage_record_id.in_(sorted(stage_ids)))
    session.execute(
        update(outbox).where(*conditions).values(status=OutboxStatus.CANCELLED.value, last_error="remedy done or moved")
    )


def _insert_ignoring_duplicates(session: Session, rows: list[dict[str, object]]) -> list[str]:
    if not rows:
        return []
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(outbox)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["idempotency_key"])
        .returning(outbox.c.idempotency_key)
    )
    return list(session.execute(statement).scalars())
