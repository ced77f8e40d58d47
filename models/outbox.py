"""Every email is first a row here; the scheduler sends due rows exactly once."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, Index, String
from sqlmodel import Field

from models.base import SQLModel, empty_dict
from models.types import UTCDateTime, utcnow


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"  # claimed by a sweep; a stale claim is retried
    SENT = "sent"
    FAILED = "failed"  # gave up after the last attempt; shown to staff
    CANCELLED = "cancelled"  # the deadline it was about changed or the stage closed


class OutboxMessage(SQLModel, table=True):
    __tablename__ = "outbox_message"
    __table_args__ = (
        CheckConstraint(
            "status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')", name="ck_outbox_message_status"
        ),
        Index("ix_outbox_message_status_send_after", "status", "send_after"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # e.g. "stage:42:due-soon:2018-01-08": a changed deadline makes a new key, an unchanged one never repeats.
    idempotency_key: str = Field(sa_column=Column(String(200), unique=True, nullable=False))
    recipient: str = Field(max_length=320)
    template: str = Field(max_length=100)
    context: dict[str, Any] = Field(default_factory=empty_dict, sa_column=Column(JSON, nullable=False))
    send_after: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    status: str = Field(default=OutboxStatus.PENDING.value, max_length=20)
    attempts: int = Field(default=0)
    last_error: str = Field(default="", max_length=1000)
    claimed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    sent_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    complaint_id: int | None = Field(default=None, foreign_key="complaint.id", index=True, ondelete="SET NULL")
    stage_record_id: int | None = Field(default=None, foreign_key="stage_record.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
