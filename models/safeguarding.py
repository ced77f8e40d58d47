"""Safeguarding reviews: what the duty manager (or an officer or manager) decided about a flagged complaint or
an unsent conversation with a disclosure. Rows are only ever added; the latest is the current decision."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Column, Text
from sqlmodel import Field

from models.base import SQLModel
from models.types import UTCDateTime, utcnow


class ReviewDecision(StrEnum):
    NO_CONCERN = "no-concern"
    MASH = "referred-mash"
    POLICE = "referred-police"
    OTHER = "other-action"

    @property
    def label(self) -> str:
        return REVIEW_LABELS[self]


REVIEW_LABELS = {
    ReviewDecision.NO_CONCERN: "Reviewed: no concern",
    ReviewDecision.MASH: "Referred to MASH",
    ReviewDecision.POLICE: "Referred to the police",
    ReviewDecision.OTHER: "Other action",
}


class SafeguardingReview(SQLModel, table=True):
    __tablename__ = "safeguarding_review"
    __table_args__ = (
        CheckConstraint(
            "decision IN (" + ", ".join(repr(d.value) for d in ReviewDecision) + ")",
            name="ck_safeguarding_review_decision",
        ),
        CheckConstraint("complaint_id IS NOT NULL OR draft_id IS NOT NULL", name="ck_safeguarding_review_subject"),
    )

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    reviewer_id: int | None = Field(default=None, foreign_key="staff_user.id")
    reviewer_name: str = Field(default="", max_length=200)
    # A review of an unsent draft moves to the complaint when the draft is sent, so the case page shows it; one
    # still on a draft goes with the draft (the audit trail keeps the decision).
    complaint_id: int | None = Field(default=None, foreign_key="complaint.id", index=True, ondelete="CASCADE")
    draft_id: int | None = Field(default=None, foreign_key="conversation_draft.id", index=True, ondelete="CASCADE")
    decision: str = Field(max_length=30)
    note: str = Field(sa_column=Column(Text, nullable=False))
