"""The team directory: teams, the names people use for them, and their workers.

Every change to the directory stamps `directory_version` with a new number, in the same transaction, so a worker
process keeps what it builds from the directory (the router, the team list) and checks one row per request.
"""

from __future__ import annotations

import secrets
from enum import StrEnum

from sqlalchemy import BigInteger, CheckConstraint, Column, String, UniqueConstraint, event, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import ORMExecuteState, Session
from sqlmodel import Field

from models.base import SQLModel, table_of


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


class DirectoryVersion(SQLModel, table=True):
    """One row: a number that changes with every change to team, team_alias or worker.

    A random number rather than a count: a rolled-back change, or a table emptied and refilled (tests), can never
    bring back a number some process has already cached the directory under.
    """

    __tablename__ = "directory_version"

    id: int = Field(default=1, primary_key=True)
    version: int = Field(sa_column=Column(BigInteger, nullable=False))


ROW = 1
DIRECTORY_TABLES = frozenset({"team", "team_alias", "worker"})
_version = table_of(DirectoryVersion)
_READ = select(_version.c.version).where(_version.c.id == ROW)  # built once: one primary-key read per request
_STAMP = update(_version).where(_version.c.id == ROW)


def directory_version(session: Session) -> int:
    """The directory's current number (0 before the first stamp)."""
    return session.execute(_READ).scalar() or 0


def stamp_directory(connection: Connection) -> None:
    """A new number, in the caller's transaction (it commits or rolls back with the change it marks)."""
    number = secrets.randbits(62)
    if connection.execute(_STAMP.values(version=number)).rowcount == 0:
        connection.execute(insert(_version).values(id=ROW, version=number))


def _is_directory(instance) -> bool:
    return isinstance(instance, Team | TeamAlias | Worker)


@event.listens_for(Session, "after_flush")
def _stamp_after_flush(session: Session, _context) -> None:
    # Rows added, edited or deleted through the session (teams import, an admin's edit, a test's fixture).
    if any(_is_directory(row) for row in (*session.new, *session.dirty, *session.deleted)):
        stamp_directory(session.connection())


@event.listens_for(Session, "do_orm_execute")
def _stamp_bulk_changes(state: ORMExecuteState) -> None:
    # Bulk statements (`delete(TeamAlias).where(...)`) change rows without flushing objects.
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) in DIRECTORY_TABLES:
        stamp_directory(state.session.connection())
