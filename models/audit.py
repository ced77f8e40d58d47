"""Who saw and changed what. Rows are only ever inserted; the app has no way to edit them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field

from models.base import SQLModel
from models.types import UTCDateTime, utcnow


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
