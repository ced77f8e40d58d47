"""Lessons become actions: what will change because a complaint was upheld, who sees it through, and by when.

An action hangs on the stage whose response (or the Ombudsman's decision) upheld the complaint in whole or part.
It is never deleted: a dropped action is `cancelled`, so the record of what was promised stays.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Column, Index, Text
from sqlmodel import Field

from models.base import SQLModel
from models.types import UTCDateTime, utcnow


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {ActionStatus.OPEN: "Open", ActionStatus.DONE: "Done", ActionStatus.CANCELLED: "Cancelled"}[self]


class LessonAction(SQLModel, table=True):
    __tablename__ = "lesson_action"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'done', 'cancelled')", name="ck_lesson_action_status"),
        CheckConstraint("status <> 'done' OR done_on IS NOT NULL", name="ck_lesson_action_done_on"),
        # The open actions by due date: the team list, `ask` and the reminder planner.
        Index("ix_lesson_action_status_due", "status", "due_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    stage_record_id: int = Field(foreign_key="stage_record.id", index=True, ondelete="CASCADE")
    description: str = Field(sa_column=Column(Text, nullable=False))
    owner_id: int = Field(foreign_key="staff_user.id", index=True)
    due_on: date
    status: str = Field(default=ActionStatus.OPEN.value, max_length=20)
    done_on: date | None = Field(default=None)
    created_by_id: int | None = Field(default=None, foreign_key="staff_user.id")
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
