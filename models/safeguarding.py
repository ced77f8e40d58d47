"""Safeguarding reviews: what the duty manager (or an officer or manager) decided about a flagged complaint or
an unsent conversation with a disclosure. Rows are only ever added; the latest is the current decision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Column, Text
from sqlmodel import Field

from models.base import SQLModel
from models.types import UTCDateTime, utcnow


# The kinds of danger the intake listens for, as staff name them. The detector (intake/safeguarding) returns these
# slugs; the alert, the staff queue, `ask` and the help shown to the person key off them. A slug is stored in
# drafts and complaints: rename one only with a migration of the stored values. They live here, at the floor,
# because every layer above reads them.
@dataclass(frozen=True)
class Category:
    slug: str
    label: str  # how staff name it, in the alert email and on the queue


CATEGORIES: tuple[Category, ...] = (
    Category("self-harm", "Self-harm or suicide"),
    Category("physical-harm", "Physical harm"),
    Category("sexual-harm", "Sexual harm or grooming"),
    Category("neglect", "Neglect"),
    Category("emotional-harm", "Emotional harm"),
    Category("exploitation", "Criminal or sexual exploitation"),
    Category("domestic-abuse", "Domestic abuse"),
    Category("missing-homeless", "Missing or homeless tonight"),
    Category("weapons-threats", "Weapons or threats"),
    Category("forced-marriage", "Forced marriage"),
    Category("fgm", "FGM"),
    Category("radicalisation", "Radicalisation"),
    Category("bullying", "Serious bullying"),
    # Fear with no harm named ("im scared to go home"), and the "I don't feel safe" button.
    Category("feels-unsafe", "Says they do not feel safe"),
)
BY_SLUG: dict[str, Category] = {category.slug: category for category in CATEGORIES}
UNSAFE = "feels-unsafe"


def label(slug: str) -> str:
    category = BY_SLUG.get(slug)
    return category.label if category else slug


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
