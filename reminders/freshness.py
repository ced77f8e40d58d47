"""What an email says is read when it is sent, not when it was planned.

A row can wait hours in the outbox (planned in the evening for 08:00, or through days the office was shut); a
deadline extended meanwhile must never go out as the old date. So each claimed batch reads its stages' current
deadlines (one statement for the batch): the date in every email is today's, and a reminder about a deadline that
has since moved or a stage since answered is dropped, not sent. Lesson actions' reminders likewise: the due date is
read again, and a reminder for an action since done, cancelled or moved is dropped.

And a sweep sends one moment per stage, the most urgent (`drop_superseded`): "due soon", "due today" and "missed
deadline" for the same stage in one sweep would be noise, and the first two are no longer true.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from sqlalchemy import and_, case, func, literal, select, update
from sqlalchemy.engine import Connection

from models.base import table_of
from models.complaints import StageRecord
from models.outbox import OutboxMessage, OutboxStatus
from reminders.lesson_actions import current_actions, parse_key
from reminders.mail import Outgoing
from reminders.policy import ACTION_TEMPLATES, DEADLINE_TEMPLATES, URGENCY

outbox = table_of(OutboxMessage)
stage = table_of(StageRecord)
OUTDATED = "deadline changed or stage closed"
SUPERSEDED = "superseded by a more urgent reminder for the same stage"


def _urgency(template):
    return case(*((template == name, literal(rank)) for name, rank in URGENCY.items()), else_=literal(-1))


def drop_superseded(connection: Connection, now: datetime) -> int:
    """Cancel the due stage emails that a more urgent email for the same stage, due now too, supersedes.

    Set-based (each stage's most urgent due email by GROUP BY, then a join), never a lookup per row: after a
    long stop tens of thousands of rows can be due at once.
    """
    due = (
        select(outbox.c.id, outbox.c.stage_record_id, _urgency(outbox.c.template).label("urgency"))
        .where(
            outbox.c.status == OutboxStatus.PENDING.value,
            outbox.c.send_after <= now,
            outbox.c.stage_record_id.is_not(None),
            outbox.c.template.in_(tuple(URGENCY)),
        )
        .cte("due")
    )
    top = (
        select(due.c.stage_record_id, func.max(due.c.urgency).label("urgency"))
        .group_by(due.c.stage_record_id)
        .having(func.count(func.distinct(due.c.urgency)) > 1)
        .cte("top")
    )
    superseded = select(due.c.id).join(
        top, and_(top.c.stage_record_id == due.c.stage_record_id, due.c.urgency < top.c.urgency)
    )
    statement = (
        update(outbox)
        .where(outbox.c.id.in_(superseded.scalar_subquery()), outbox.c.status == OutboxStatus.PENDING.value)
        .values(status=OutboxStatus.CANCELLED.value, last_error=SUPERSEDED)
    )
    # Counted first: SQLite's driver reports no row count (-1) for an UPDATE that starts with WITH.
    count = connection.execute(select(func.count()).select_from(superseded.subquery())).scalar_one()
    if count:
        connection.execute(statement)
    connection.commit()
    return count


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def with_current_dates(connection: Connection, batch: list[Outgoing]) -> tuple[list[Outgoing], list[Outgoing]]:
    """(the batch to send, each email's deadline as it is now; the outdated ones, which must not be sent)."""
    stage_ids = {o.stage_record_id for o in batch if o.stage_record_id is not None}
    complaint_ids = {
        o.complaint_id
        for o in batch
        if o.stage_record_id is None and o.complaint_id is not None and "deadline" in o.context
    }
    deadline = func.coalesce(stage.c.extended_to, stage.c.due_on)
    stages: dict[int, tuple[date | None, bool]] = {}
    replies: dict[int, date | None] = {}
    if stage_ids:
        rows = connection.execute(
            select(stage.c.id, deadline, stage.c.responded_on.is_(None)).where(stage.c.id.in_(stage_ids))
        )
        stages = {row[0]: (row[1], bool(row[2])) for row in rows}
    if complaint_ids:
        # A complaint's email (the acknowledgement) gives the date the open stage must be answered by.
        rows = connection.execute(
            select(stage.c.complaint_id, func.min(deadline))
            .where(stage.c.complaint_id.in_(complaint_ids), stage.c.responded_on.is_(None))
            .group_by(stage.c.complaint_id)
        )
        replies = {row[0]: row[1] for row in rows}
    action_keys = {o.id: parse_key(o.idempotency_key) for o in batch if o.template in ACTION_TEMPLATES}
    actions = current_actions(connection, {key[0] for key in action_keys.values() if key is not None})
    fresh, outdated = [], []
    for outgoing in batch:
        if outgoing.id in action_keys:
            key = action_keys[outgoing.id]
            due, still_open = actions.get(key[0], ("", False)) if key else ("", False)
            if key is None or not still_open or due != key[1]:
                outdated.append(outgoing)
            else:
                fresh.append(replace(outgoing, context={**outgoing.context, "due": due}))
        elif outgoing.stage_record_id in stages:
            current, waiting = stages[outgoing.stage_record_id]
            about_a_deadline = outgoing.template in DEADLINE_TEMPLATES
            if about_a_deadline and not (
                waiting and current and outgoing.idempotency_key.endswith(f":{_iso(current)}")
            ):
                outdated.append(outgoing)
                continue
            fresh.append(replace(outgoing, context={**outgoing.context, "deadline": _iso(current)}))
        elif outgoing.complaint_id in replies:
            fresh.append(
                replace(outgoing, context={**outgoing.context, "deadline": _iso(replies[outgoing.complaint_id])})
            )
        else:
            fresh.append(outgoing)
    return fresh, outdated
