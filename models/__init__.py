"""The tables. Importing this package registers every table on SQLModel.metadata."""

from models.audit import AuditEvent
from models.complaints import (
    Channel,
    ComplainantRole,
    Complaint,
    ComplaintStatus,
    ContactMethod,
    LearningCategory,
    OmbudsmanDecision,
    Outcome,
    Procedure,
    ReasonCategory,
    Stage,
    StageLearning,
    StageReason,
    StageRecord,
)
from models.drafts import ConversationDraft
from models.feedback import Feedback, FeedbackKind
from models.heartbeat import SchedulerHeartbeat
from models.lessons import ActionStatus, LessonAction
from models.locks import Lease
from models.outbox import OutboxMessage, OutboxStatus
from models.records import Attachment, CaseEntry, Delivery, Direction, EntryKind, LetterTemplate
from models.reports import ReportNarrative
from models.safeguarding import REVIEW_LABELS, ReviewDecision, SafeguardingReview
from models.search_index import SOURCES as SEARCH_SOURCES
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
    "ActionStatus",
    "LessonAction",
    "AliasKind",
    "AuditEvent",
    "Channel",
    "ComplainantRole",
    "Complaint",
    "ComplaintStatus",
    "ConversationDraft",
    "ContactMethod",
    "DirectoryVersion",
    "Feedback",
    "FeedbackKind",
    "LearningCategory",
    "Lease",
    "OutboxMessage",
    "OutboxStatus",
    "OmbudsmanDecision",
    "Outcome",
    "PasswordResetToken",
    "Procedure",
    "REVIEW_LABELS",
    "ReasonCategory",
    "ReportNarrative",
    "ReviewDecision",
    "Role",
    "SafeguardingReview",
    "SEARCH_SOURCES",
    "SchedulerHeartbeat",
    "StaffUser",
    "Stage",
    "StageLearning",
    "StageReason",
    "StageRecord",
    "Team",
    "TeamAlias",
    "Worker",
]
