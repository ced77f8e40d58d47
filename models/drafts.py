"""A complaint being written: saved after every answer, so a closed tab or a dead phone loses nothing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, String
from sqlmodel import Field

from models.base import SQLModel
from models.types import UTCDateTime, utcnow


class ConversationDraft(SQLModel, table=True):
    __tablename__ = "conversation_draft"

    id: int | None = Field(default=None, primary_key=True)
    # Only a hash of the resume token is kept; the token itself is in the person's link.
    token_hash: str = Field(sa_column=Column(String(64), unique=True, nullable=False))
    answers: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    current_step: str = Field(default="", max_length=60)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    expires_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))
    # Set once, when the complaint is sent: a double click or a retry finds it and makes no second one.
    complaint_id: int | None = Field(default=None, foreign_key="complaint.id", ondelete="SET NULL")
