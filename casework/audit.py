"""The audit trail: who saw and changed what, and when. Rows are only ever added, never edited or deleted
by the app (the purge keeps them too, without personal data)."""

from __future__ import annotations

import logging
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlmodel import Session, col, or_, select

from models.audit import AuditEvent
from models.complaints import Complaint
from models.drafts import ConversationDraft
from models.staff import StaffUser

log = logging.getLogger(__name__)


def jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def record(
    session: Session,
    actor: StaffUser | str | None,
    complaint: Complaint | int | None,
    action: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    *,
    draft_id: int | None = None,
) -> AuditEvent:
    """Add an audit event (the caller's transaction commits it with the change it describes).

    `actor` is a staff member or a label such as "system" or "complainant"; `before`/`after` hold only
    the fields that changed. Dates and enums are stored as text so the JSON column accepts them. `draft_id` names an
    unsent conversation (a disclosure staff opened or reviewed before it was a complaint).
    """
    if isinstance(actor, StaffUser):
        actor_id, actor_label = actor.id, actor.name
    else:
        actor_id, actor_label = None, actor or "system"
    complaint_id = complaint.id if isinstance(complaint, Complaint) else complaint
    event = AuditEvent(
        actor_id=actor_id,
        actor_label=actor_label[:200],
        complaint_id=complaint_id,
        draft_id=draft_id,
        action=action,
        before=jsonable(before) if before is not None else None,
        after=jsonable(after) if after is not None else None,
    )
    session.add(event)
    # A structured line for the log shipper; ids only, never what the complaint says.
    log.info("audit action=%s complaint_id=%s draft_id=%s actor_id=%s", action, complaint_id, draft_id, actor_id)
    return event


def events_for(session: Session, complaint_id: int) -> list[AuditEvent]:
    """The complaint's events, and those of the conversation it was sent from while it was still unsent."""
    drafts = select(ConversationDraft.id).where(ConversationDraft.complaint_id == complaint_id)
    statement = select(AuditEvent).where(
        or_(AuditEvent.complaint_id == complaint_id, col(AuditEvent.draft_id).in_(drafts.scalar_subquery()))
    )
    return list(session.exec(statement.order_by(col(AuditEvent.at), col(AuditEvent.id))).all())


def events_for_draft(session: Session, draft_id: int) -> list[AuditEvent]:
    statement = select(AuditEvent).where(AuditEvent.draft_id == draft_id)
    return list(session.exec(statement.order_by(col(AuditEvent.at), col(AuditEvent.id))).all())
