"""Who saw and changed what. Rows are only ever inserted, through `record()`; the app has no way to edit them.

`record()` is the one way every layer writes the trail (the intake when a complaint arrives, the importer,
casework's actions, the report's narratives), so each event also gets the same log line. Actions are named
"<thing>.<what happened>" (`Action`); a row holds its action as text, so the names are a stored vocabulary:
renaming one needs a data migration, as 0004 did when the undotted names became these.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from enum import Enum, StrEnum
from typing import Any

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, Session

from models.base import SQLModel
from models.complaints import Complaint
from models.staff import StaffUser
from models.types import UTCDateTime, utcnow

log = logging.getLogger(__name__)


class Action(StrEnum):
    """Every action the trail records, with the words the case page's timeline shows for it."""

    COMPLAINT_RECEIVED = "complaint.received"
    COMPLAINT_IMPORTED = "complaint.imported"
    COMPLAINT_VIEWED = "complaint.viewed"
    COMPLAINT_VIEWED_IN_TRIAGE = "complaint.viewed-in-triage"
    COMPLAINT_EXPORTED = "complaint.subject-access-exported"
    TEAM_ASSIGNED = "complaint.team-assigned"
    TEAM_REASSIGNED = "complaint.team-reassigned"
    OFFICER_ASSIGNED = "complaint.officer-assigned"
    COMPLAINT_WITHDRAWN = "complaint.withdrawn"
    COMPLAINT_RESOLVED_EARLY = "complaint.resolved-early"
    COMPLAINT_PURGED = "complaint.purged"
    NOTE_ADDED = "complaint.note-added"
    CONTACT_RECORDED = "complaint.contact-recorded"
    FILE_ADDED = "complaint.file-added"
    FILE_DOWNLOADED = "complaint.file-downloaded"
    ADDED_BY_COMPLAINANT = "complaint.added-to-by-complainant"
    LETTER_EMAILED = "complaint.letter-emailed"
    LETTER_TO_POST = "complaint.letter-queued-for-post"
    LETTER_POSTED = "complaint.letter-posted"
    LETTER_PRINTED = "complaint.letter-printed"
    COMPLAINANT_TOLD = "complaint.complainant-told"
    STAGE_RESPONDED = "stage.response-recorded"
    STAGE_EXTENDED = "stage.extended"
    STAGE_PANEL_RECORDED = "stage.panel-recorded"
    STAGE_ESCALATED = "stage.escalated"
    OMBUDSMAN_RECORDED = "stage.ombudsman-recorded"
    OMBUDSMAN_DECIDED = "stage.ombudsman-decision-recorded"
    LESSON_ACTION_ADDED = "stage.lesson-action-added"
    LESSON_ACTION_CHANGED = "stage.lesson-action-changed"
    SAFEGUARDING_UNSAFE = "safeguarding.unsafe"
    SAFEGUARDING_REVIEWED = "safeguarding.reviewed"
    SAFEGUARDING_DRAFT_VIEWED = "safeguarding.draft-viewed"
    STAFF_CREATED = "staff.created"
    STAFF_ADDED = "staff.added"
    STAFF_ENABLED = "staff.enabled"
    STAFF_DISABLED = "staff.disabled"
    STAFF_LOCKED = "staff.locked"
    STAFF_SIGNED_IN = "staff.signed-in"
    STAFF_SIGNED_OUT = "staff.signed-out"
    STAFF_ROLE_CHANGED = "staff.role-changed"
    STAFF_PASSWORD_RESET_REQUESTED = "staff.password-reset-requested"
    STAFF_PASSWORD_RESET = "staff.password-reset"
    STAFF_RENAMED = "staff.renamed"
    REPORT_NARRATIVE_SAVED = "report.narrative-saved"
    # Records (reasons, feedback, the Ombudsman's decision and remedy).
    PROCEDURE_CHANGED = "complaint.procedure-changed"
    CATEGORY_ADDED = "category.added"
    CATEGORY_CHANGED = "category.changed"
    FEEDBACK_RECORDED = "feedback.recorded"
    FEEDBACK_IMPORTED = "feedback.imported"
    OMBUDSMAN_DETAILS_RECORDED = "stage.ombudsman-details-recorded"
    REMEDY_DONE = "stage.remedy-carried-out"
    # A search or the closed list showed complaints (their names): the references shown, never the words searched.
    SEARCH_LISTED = "search.listed"
    # The admin's page: the team directory and the categories staff choose from (none is about one complaint).
    DIRECTORY_TEAM_ADDED = "directory.team-added"
    DIRECTORY_TEAM_CHANGED = "directory.team-changed"
    LETTER_TEMPLATE_SAVED = "letter.template-saved"

    @property
    def label(self) -> str:
        """As the timeline says it: "team reassigned" (by Olu Officer), "safeguarding reviewed"."""
        thing, _, what = self.value.partition(".")
        words = what if thing in {"complaint", "stage", "staff", "report"} else f"{thing} {what}"
        return words.replace("-", " ")


def action_label(name: str) -> str:
    """The timeline's words for a stored action (one this version does not know is shown as it is stored)."""
    try:
        return Action(name).label
    except ValueError:
        return name.replace("-", " ")


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_complaint_at", "complaint_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    actor_id: int | None = Field(default=None, foreign_key="staff_user.id")
    actor_label: str = Field(default="", max_length=200)  # "system", "importer", "complainant"
    complaint_id: int | None = Field(default=None, foreign_key="complaint.id", ondelete="SET NULL")
    # An unsent conversation staff opened or reviewed after a disclosure. No foreign key: the trail outlives the
    # draft, which goes once it has expired and been reviewed.
    draft_id: int | None = Field(default=None, index=True)
    action: str = Field(max_length=60)
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))


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
    action: Action,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    *,
    draft_id: int | None = None,
    at: datetime | None = None,
) -> AuditEvent:
    """Add an audit event (the caller's transaction commits it with the change it describes).

    `actor` is a staff member or a label such as "system", "importer" or "complainant"; `before`/`after` hold
    only the fields that changed. Dates and enums are stored as text so the JSON column accepts them. `draft_id`
    names an unsent conversation (a disclosure staff opened or reviewed before it was a complaint). `at` defaults
    to now; the intake passes the moment the complaint was sent.
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
        action=Action(action).value,
        before=jsonable(before) if before is not None else None,
        after=jsonable(after) if after is not None else None,
    )
    if at is not None:
        event.at = at
    session.add(event)
    # A structured line for the log shipper; ids only, never what the complaint says.
    log.info("audit action=%s complaint_id=%s draft_id=%s actor_id=%s", action, complaint_id, draft_id, actor_id)
    return event
