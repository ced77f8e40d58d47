"""Feedback that is not a complaint: compliments, enquiries (from the public, MPs and councillors),
pre-complaints and complaints from professionals. Counted in the annual report, never worked as complaints."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Column, Index, Text
from sqlmodel import Field

from models.base import SQLModel
from models.types import UTCDateTime, utcnow


class FeedbackKind(StrEnum):
    COMPLIMENT = "compliment"
    ENQUIRY = "enquiry"
    MP_ENQUIRY = "mp-enquiry"
    COUNCILLOR_ENQUIRY = "councillor-enquiry"
    PRE_COMPLAINT = "pre-complaint"
    PROFESSIONAL_COMPLAINT = "professional-complaint"

    @property
    def label(self) -> str:
        return FEEDBACK_LABELS[self]


FEEDBACK_LABELS = {
    FeedbackKind.COMPLIMENT: "Compliment",
    FeedbackKind.ENQUIRY: "Enquiry",
    FeedbackKind.MP_ENQUIRY: "MP enquiry",
    FeedbackKind.COUNCILLOR_ENQUIRY: "Councillor enquiry",
    FeedbackKind.PRE_COMPLAINT: "Pre-complaint",
    FeedbackKind.PROFESSIONAL_COMPLAINT: "Complaint from a professional",
}


class Feedback(SQLModel, table=True):
    __tablename__ = "feedback"
    __table_args__ = (
        CheckConstraint(
            f"kind IN ({', '.join(repr(k.value) for k in FeedbackKind)})",
            name="ck_feedback_kind",
        ),
        CheckConstraint("responded_on IS NULL OR responded_on >= received_on", name="ck_feedback_response_date"),
        # The report counts each kind by the day received.
        Index("ix_feedback_kind_received", "kind", "received_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=30)
    received_on: date
    team_id: int | None = Field(default=None, foreign_key="team.id", index=True)
    responded_on: date | None = Field(default=None)
    # What it was about, in staff's words; may hold personal data, so it is never logged or audited.
    summary: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    recorded_by_id: int | None = Field(default=None, foreign_key="staff_user.id")
