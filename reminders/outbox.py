"""Reading the outbox, for staff pages and the `reminders status` command; and putting a failed email back."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col

from models.base import table_of
from models.outbox import OutboxMessage, OutboxStatus

outbox = table_of(OutboxMessage)


def queue_once(session: Session, row: dict) -> bool:
    """Insert one outbox row unless its idempotency key is there already (a retry, a double click, two requests
    at once); True when this call queued it. Flushes."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    values = {"status": OutboxStatus.PENDING.value, "attempts": 0, "last_error": "", **row}
    statement = (
        dialect.insert(outbox)
        .values(values)
        .on_conflict_do_nothing(index_elements=["idempotency_key"])
        .returning(outbox.c.id)
    )
    return session.execute(statement).first() is not None


def latest_by_prefix(session: Session, prefix: str) -> OutboxMessage | None:
    """The newest row whose key starts with `prefix` (a draft's safeguarding alerts, say)."""
    query = (
        select(OutboxMessage)
        .where(col(OutboxMessage.idempotency_key).startswith(prefix, autoescape=True))
        .order_by(col(OutboxMessage.created_at).desc(), col(OutboxMessage.id).desc())
        .limit(1)
    )
    return session.execute(query).scalars().first()


def counts_by_status(session: Session) -> dict[str, int]:
    rows = session.execute(select(outbox.c.status, func.count()).group_by(outbox.c.status)).all()
    return {status.value: 0 for status in OutboxStatus} | dict(rows)


def failed_messages(session: Session, *, limit: int = 50) -> list[OutboxMessage]:
    """Emails given up on, newest first: staff should see these and act (wrong address, server refusing)."""
    query = (
        select(OutboxMessage)
        .where(col(OutboxMessage.status) == OutboxStatus.FAILED.value)
        .order_by(col(OutboxMessage.send_after).desc())
        .limit(limit)
    )
    return list(session.execute(query).scalars())


def messages_for_complaint(session: Session, complaint_id: int) -> list[OutboxMessage]:
    """Every email about one complaint, in the order they go out (for the case page)."""
    query = (
        select(OutboxMessage)
        .where(col(OutboxMessage.complaint_id) == complaint_id)
        .order_by(col(OutboxMessage.send_after))
    )
    return list(session.execute(query).scalars())


def retry_failed(session: Session, message_id: int, now: datetime) -> bool:
    """Put a failed email back in the queue with fresh attempts; False when it is not a failed one."""
    statement = (
        update(outbox)
        .where(outbox.c.id == message_id, outbox.c.status == OutboxStatus.FAILED.value)
        .values(status=OutboxStatus.PENDING.value, attempts=0, send_after=now, claimed_at=None)
    )
    result = session.execute(statement)
    assert isinstance(result, CursorResult)  # an UPDATE gives a cursor result, which counts the rows
    return result.rowcount == 1
