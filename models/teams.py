"""The team directory: teams, the names people use for them, and their workers."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import CheckConstraint, Column, String, UniqueConstraint
from sqlmodel import Field

from models.base import SQLModel


class AliasKind(StrEnum):
    OFFICIAL = "official"  # the team's current name
    FORMER = "former"  # a name it had before a restructure
    VARIANT = "variant"  # labels seen in old reports and spreadsheets
    ABBREVIATION = "abbreviation"  # LAC, SGO, CIN, PA ...
    KEYWORD = "keyword"  # words that only this team's work uses


ALIAS_KINDS = tuple(kind.value for kind in AliasKind)


class Team(SQLModel, table=True):
    __tablename__ = "team"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(sa_column=Column(String(64), unique=True, nullable=False))
    name: str = Field(max_length=200)
    # How a child or young person is told about the team ("your social worker's team"): official names carry
    # jargon ("Proceedings", "Permanence", initials) that means nothing to them. Empty: a general phrase is used.
    public_name: str = Field(default="", max_length=200)
    is_lac: bool = Field(default=False, description="part of the looked after children service")
    active: bool = Field(default=True)
    manager_name: str = Field(default="", max_length=200)
    manager_email: str = Field(default="", max_length=320)


class TeamAlias(SQLModel, table=True):
    __tablename__ = "team_alias"
    __table_args__ = (
        UniqueConstraint("team_id", "kind", "text", name="uq_team_alias_team_kind_text"),
        CheckConstraint(f"kind IN ({', '.join(repr(k) for k in ALIAS_KINDS)})", name="ck_team_alias_kind"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="team.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=20)
    text: str = Field(max_length=300)


class Worker(SQLModel, table=True):
    __tablename__ = "worker"
    __table_args__ = (UniqueConstraint("team_id", "name", name="uq_worker_team_name"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="team.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=200)
    job_title: str = Field(default="", max_length=200)
    active: bool = Field(default=True)
