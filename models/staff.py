"""Staff accounts. Roles decide what each person may see and do."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Column, String
from sqlmodel import Field

from models.base import SQLModel
from models.types import UTCDateTime, utcnow


class Role(StrEnum):
    OFFICER = "officer"  # complaints officer: every complaint, triage, reports
    MANAGER = "manager"  # team manager: their own team's complaints and figures
    ADMIN = "admin"  # staff accounts and the team directory

    @property
    def label(self) -> str:
        return {Role.OFFICER: "Complaints officer", Role.MANAGER: "Team manager", Role.ADMIN: "Administrator"}[self]

    @property
    def description(self) -> str:
        """What the role may do, as the form to add an account says it."""
        return {
            Role.OFFICER: "every complaint, triage, reports",
            Role.MANAGER: "their team's complaints and figures",
            Role.ADMIN: "staff accounts and the team directory",
        }[self]


class StaffUser(SQLModel, table=True):
    __tablename__ = "staff_user"
    __table_args__ = (
        CheckConstraint("role IN ('officer', 'manager', 'admin')", name="ck_staff_user_role"),
        CheckConstraint("role <> 'manager' OR team_id IS NOT NULL", name="ck_staff_user_manager_team"),
    )

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(sa_column=Column(String(320), unique=True, nullable=False))
    name: str = Field(max_length=200)
    role: str = Field(max_length=20)
    team_id: int | None = Field(default=None, foreign_key="team.id")
    password_hash: str = Field(default="", max_length=300)
    active: bool = Field(default=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    # Bumped when the password changes or the account is disabled, so every session signed in before ends.
    session_version: int = Field(default=1)

    # Flask-Login's user interface.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"


class PasswordResetToken(SQLModel, table=True):
    """A single-use, time-limited link to set a new password. Only the token's hash is kept."""

    __tablename__ = "password_reset_token"

    id: int | None = Field(default=None, primary_key=True)
    staff_user_id: int = Field(foreign_key="staff_user.id", index=True, ondelete="CASCADE")
    token_hash: str = Field(sa_column=Column(String(64), unique=True, nullable=False))
    expires_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    used_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
