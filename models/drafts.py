"""A complaint being written: saved after every answer, so a closed tab or a dead phone loses nothing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, String, text
from sqlmodel import Field

from models.base import SQLModel, empty_dict, empty_list
from models.types import UTCDateTime, utcnow


class ConversationDraft(SQLModel, table=True):
    __tablename__ = "conversation_draft"
    # SQLite: never reuse the id of a deleted draft (its alerts' keys and audit events name it). Migration 0003.
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    # Only a hash of the resume token is kept; the token itself is in the person's link.
    token_hash: str = Field(sa_column=Column(String(64), unique=True, nullable=False))
    answers: dict[str, Any] = Field(default_factory=empty_dict, sa_column=Column(JSON, nullable=False))
    current_step: str = Field(default="", max_length=60)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    expires_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))
    # Set once, when the complaint is sent: a double click or a retry finds it and makes no second one.
    complaint_id: int | None = Field(default=None, foreign_key="complaint.id", ondelete="SET NULL")
    # Set the moment an answer suggests danger (intake/disclosure.py): the staff queue shows the draft from then
    # on, sent or not, and the expired-draft cleanup keeps it until staff have reviewed it.
    flagged_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True, index=True))
    # The category slugs the duty manager has been alerted about (each new set makes one more alert).
    safeguarding_categories: list[str] = Field(
        default_factory=empty_list, sa_column=Column(JSON, nullable=False, server_default=text("'[]'"))
    )
    # The last safeguarding review (casework/safeguarding.py); cleared when new categories come in.
    safeguarding_reviewed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
