"""The audit trail as staff read it: a complaint's events, and an unsent conversation's. Rows are only ever added,
never edited or deleted by the app (the purge keeps them too, without personal data); every layer writes them
through `models.audit.record`, re-exported here for casework's actions."""

from __future__ import annotations

from sqlmodel import Session, col, or_, select

from models.audit import Action, AuditEvent, jsonable, record
from models.drafts import ConversationDraft

__all__ = ["Action", "events_for", "events_for_draft", "jsonable", "record"]


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
