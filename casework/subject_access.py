"""A complaint's data as JSON, for a subject access request: what was said, its stages, emails and audit trail."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from casework.audit import events_for, jsonable
from casework.stages import stages_of
from models.base import require_id
from models.complaints import Complaint, LearningCategory, ReasonCategory, StageLearning, StageReason
from models.outbox import OutboxMessage
from models.records import Attachment, CaseEntry, EntryKind
from models.teams import Team

COMPLAINT_FIELDS = (
    "reference",
    "received_at",
    "channel",
    "complainant_role",
    "complainant_name",
    "on_behalf_of",
    "child_consent",
    "contact_method",
    "email",
    "phone",
    "advocate_name",
    "postal_address",
    "safe_contact",
    "safe_contact_declined",
    "about_text",
    "what_happened",
    "wanted_outcome",
    "happened_on",
    "happened_text",
    "over_a_year_ago",
    "advocacy_requested",
    "safeguarding_flag",
    "safeguarding_categories",
    "status",
    "closed_at",
    "purged_at",
    "procedure",
    "via_advocate",
    # The equalities answers they chose to give are theirs too.
    "age_band",
    "gender",
    "ethnicity",
    "disability",
)
STAGE_FIELDS = (
    "stage",
    "received_on",
    "due_on",
    "extended_to",
    "extension_reason",
    "responded_on",
    "outcome",
    "late_request_reason",
    "response_summary",
    "panel_on",
    "report_on",
    "ombudsman_reference",
    "ombudsman_decision",
    "remedy",
    "remedy_amount",
    "remedy_due_on",
    "remedy_done_on",
)


def _recipient(address: str, complaint: Complaint) -> str:
    # The reminders to officers and managers are listed, but a colleague's address is not the requester's data.
    own = complaint.email and address.strip().lower() == complaint.email.strip().lower()
    return address if own else "staff"


def export_complaint(session: Session, complaint: Complaint) -> dict[str, Any]:
    team = session.get(Team, complaint.team_id) if complaint.team_id else None
    stages = []
    for record in stages_of(session, require_id(complaint)):
        learning = session.exec(
            select(LearningCategory.slug)
            .join(StageLearning, col(StageLearning.category_id) == LearningCategory.id)
            .where(StageLearning.stage_record_id == record.id)
        ).all()
        reasons = session.exec(
            select(ReasonCategory.slug)
            .join(StageReason, col(StageReason.category_id) == ReasonCategory.id)
            .where(StageReason.stage_record_id == record.id)
        ).all()
        stages.append(
            {name: getattr(record, name) for name in STAGE_FIELDS}
            | {"learning": sorted(learning), "reasons": sorted(reasons)}
        )
    emails = session.exec(
        select(OutboxMessage).where(OutboxMessage.complaint_id == complaint.id).order_by(col(OutboxMessage.id))
    ).all()
    return jsonable(
        {
            "complaint": {name: getattr(complaint, name) for name in COMPLAINT_FIELDS}
            | {"team": team.slug if team else None},
            "stages": stages,
            "emails": [
                {
                    "template": m.template,
                    "recipient": _recipient(m.recipient, complaint),
                    "status": m.status,
                    "send_after": m.send_after,
                    "sent_at": m.sent_at,
                }
                for m in emails
            ],
            # What was written to and from them, and the files kept. Internal notes are staff's records about
            # the complaint and are listed too: a subject access request covers them (the officer redacts
            # before sending, as with any SAR).
            "correspondence": [
                {
                    "at": e.happened_at,
                    "kind": e.kind,
                    "direction": e.direction,
                    "channel": e.channel,
                    "summary": e.summary,
                    "body": e.body,
                    "delivery": e.delivery,
                    "internal_note": e.kind == EntryKind.NOTE.value,
                }
                for e in session.exec(
                    select(CaseEntry).where(CaseEntry.complaint_id == complaint.id).order_by(col(CaseEntry.id))
                )
            ],
            "files": [
                {
                    "filename": f.filename,
                    "type": f.content_type,
                    "size": f.size,
                    "sha256": f.sha256,
                    "added": f.created_at,
                }
                for f in session.exec(
                    select(Attachment).where(Attachment.complaint_id == complaint.id).order_by(col(Attachment.id))
                )
            ],
            # Staff are named by role only: the request is for the complainant's data, not colleagues'.
            "audit": [
                {"at": e.at, "action": e.action, "by": "staff" if e.actor_id else e.actor_label}
                for e in events_for(session, require_id(complaint))
            ],
        }
    )
