"""The words staff write for each year's annual report; the figures come from the data."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field

from models.base import SQLModel
from models.types import UTCDateTime, utcnow


class ReportNarrative(SQLModel, table=True):
    __tablename__ = "report_narrative"
    __table_args__ = (UniqueConstraint("year_label", "section", name="uq_report_narrative_year_section"),)

    id: int | None = Field(default=None, primary_key=True)
    year_label: str = Field(max_length=10)  # "2017/18"
    section: str = Field(max_length=60)
    text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    updated_by_id: int | None = Field(default=None, foreign_key="staff_user.id")
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
