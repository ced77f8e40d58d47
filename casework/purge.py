"""Retention: remove the personal data of complaints closed long ago, keep what the reports count.

Kept: the reference, dates, stages, outcomes, teams, learning, complainant role, channel and flags
(the annual report's figures). Removed: names, contact details, what was said, staff free text about it,
the private status link, email addresses and wording of its emails, free text in its audit events, the words of
its notes, letters and correspondence, and its files (bytes and rows).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlmodel import Session, col, select

from casework import audit, files
from models.audit import Action, AuditEvent
from models.base import require_id
from models.complaints import Complaint, ComplaintStatus, StageRecord
from models.drafts import ConversationDraft
from models.lessons import LessonAction
from models.outbox import OutboxMessage, OutboxStatus
from models.records import CaseEntry
from models.safeguarding import SafeguardingReview
from models.search_index import compact
from settings import Settings

RETENTION_YEARS = 6
PERSONAL_FIELDS = {
    "complainant_name": "",
    "on_behalf_of": "",
    "email": "",
    "phone": "",
    "advocate_name": "",
    "postal_address": "",
    "safe_contact": "",
    "about_text": "",
    "what_happened": "",
    "wanted_outcome": "",
    "happened_text": "",
    "happened_on": None,
    "status_token_hash": None,
    "external_id": None,
}
STAGE_TEXT = ("extension_reason", "late_request_reason", "response_summary")
AUDIT_TEXT_KEYS = {"reason", "summary", "note", "text"}


@dataclass(frozen=True)
class PurgeReport:
    complaints: int
    emails: int
    files: int = 0


def default_cutoff(today: date) -> date:
    try:
        return today.replace(year=today.year - RETENTION_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year - RETENTION_YEARS, day=28)


def purge_closed_before(
    session: Session, cutoff: date, zone, now: datetime, settings: Settings | None = None
) -> PurgeReport:
    """Purge every complaint closed (or withdrawn) before `cutoff` and not purged yet. Running it twice is harmless.

    With `settings`, its files go too (where they are kept depends on the settings).
    """
    boundary = datetime.combine(cutoff, time(0, 0), tzinfo=zone)
    statement = select(Complaint).where(
        col(Complaint.status).in_([ComplaintStatus.CLOSED.value, ComplaintStatus.WITHDRAWN.value]),
        col(Complaint.closed_at).is_not(None),
        col(Complaint.closed_at) < boundary,
        col(Complaint.purged_at).is_(None),
    )
    complaints = emails = removed_files = 0
    for complaint in session.exec(statement).all():
        for name, empty in PERSONAL_FIELDS.items():
            setattr(complaint, name, empty)
        complaint.purged_at = now
        session.add(complaint)
        for record in session.exec(select(StageRecord).where(StageRecord.complaint_id == complaint.id)):
            for name in STAGE_TEXT:
                setattr(record, name, "")
            if record.extended_to is not None:
                record.extension_reason = "(removed)"  # the table insists an extension has a reason
            session.add(record)
            for action in session.exec(select(LessonAction).where(LessonAction.stage_record_id == record.id)):
                action.description = "(removed)"  # the owner, dates and status stay; staff words may name people
                session.add(action)
        for message in session.exec(select(OutboxMessage).where(OutboxMessage.complaint_id == complaint.id)):
            message.recipient = ""
            message.context = {}
            if message.status == OutboxStatus.PENDING.value:
                message.status = OutboxStatus.CANCELLED.value
            session.add(message)
            emails += 1
        for entry in session.exec(select(CaseEntry).where(CaseEntry.complaint_id == complaint.id)):
            # What happened when stays (a letter sent on a day); what was said goes.
            entry.summary, entry.body = "(removed)", ""
            session.add(entry)
        if settings is not None:
            removed_files += files.delete_all(session, settings, require_id(complaint))
        for draft in session.exec(select(ConversationDraft).where(ConversationDraft.complaint_id == complaint.id)):
            session.delete(draft)
        for review in session.exec(select(SafeguardingReview).where(SafeguardingReview.complaint_id == complaint.id)):
            review.note = "(removed)"  # the decision, who and when stay; the note may name people
            session.add(review)
        for event in session.exec(select(AuditEvent).where(AuditEvent.complaint_id == complaint.id)):
            # Who did what and when stays; only free text that may name people goes.
            event.before = _without_text(event.before)
            event.after = _without_text(event.after)
            session.add(event)
        session.flush()
        audit.record(session, "retention-purge", complaint, Action.COMPLAINT_PURGED, after={"closed_before": cutoff})
        complaints += 1
    session.flush()
    if complaints:
        # The session hook rewrote their search rows from the blanks; this drops the old words from the file too.
        compact(session.connection())
    return PurgeReport(complaints, emails, removed_files)


def _without_text(payload):
    if not payload:
        return payload
    return {key: ("(removed)" if key in AUDIT_TEXT_KEYS and value else value) for key, value in payload.items()}
