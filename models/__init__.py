"""The tables. Importing this package registers every table on SQLModel.metadata."""

from models.audit import AuditEvent
from models.complaints import (
    Channel,
    ComplainantRole,
    Complaint,
    ComplaintStatus,
    ContactMethod,
    LearningCategory,
    Outcome,
    Stage,
    StageLearning,
    StageRecord,
)
from models.drafts import ConversationDraft
from models.heartbeat import SchedulerHeartbeat
from models.locks import Lease
from models.outbox import OutboxMessage, OutboxStatus
from models.records import Attachment, CaseEntry, Delivery, Direction, EntryKind, LetterTemplate
from models.reports import ReportNarrative
from models.safeguarding import REVIEW_LABELS, ReviewDecision, SafeguardingReview
from models.staff import PasswordResetToken, Role, StaffUser
from models.teams import ALIAS_KINDS, AliasKind, DirectoryVersion, Team, TeamAlias, Worker

__all__ = [
    "Attachment",
    "CaseEntry",
    "Delivery",
    "Direction",
    "EntryKind",
    "LetterTemplate",
    "ALIAS_KINDS",
    "AliasKind",
    "AuditEvent",
    "Channel",
    "ComplainantRole",
    "Complaint",
    "ComplaintStatus",
    "ConversationDraft",
    "ContactMethod",
    "DirectoryVersion",
    "LearningCategory",
    "Lease",
    "OutboxMessage",
    "OutboxStatus",
    "Outcome",
    "PasswordResetToken",
    "REVIEW_LABELS",
    "ReportNarrative",
    "ReviewDecision",
    "Role",
    "SafeguardingReview",
    "SchedulerHeartbeat",
    "StaffUser",
    "Stage",
    "StageLearning",
    "StageRecord",
    "Team",
    "TeamAlias",
    "Worker",
]
