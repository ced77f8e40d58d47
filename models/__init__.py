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
from models.outbox import OutboxMessage, OutboxStatus
from models.staff import Role, StaffUser
from models.teams import ALIAS_KINDS, AliasKind, Team, TeamAlias, Worker

__all__ = [
    "ALIAS_KINDS",
    "AliasKind",
    "AuditEvent",
    "Channel",
    "ComplainantRole",
    "Complaint",
    "ComplaintStatus",
    "ContactMethod",
    "LearningCategory",
    "OutboxMessage",
    "OutboxStatus",
    "Outcome",
    "Role",
    "StaffUser",
    "Stage",
    "StageLearning",
    "StageRecord",
    "Team",
    "TeamAlias",
    "Worker",
]
