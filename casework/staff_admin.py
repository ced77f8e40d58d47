"""What an admin does to staff accounts from the web: add one (its owner sets the password by an emailed link),
and switch one off or on. Switching off ends every session of that account at once."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlmodel import Session, col, select

from casework import accounts, audit
from models.audit import Action
from models.staff import StaffUser
from models.teams import Team
from settings import Settings


def list_staff(session: Session) -> list[tuple[StaffUser, Team | None]]:
    statement = select(StaffUser, Team).outerjoin(Team, col(Team.id) == StaffUser.team_id).order_by(StaffUser.name)
    return list(session.exec(statement).all())


def add_staff(
    session: Session, settings: Settings, actor: StaffUser, *, email: str, name: str, role: str, team_slug: str, now
) -> StaffUser:
    """Create the account with a random password nobody knows and email its owner a link to choose one."""
    user = accounts.create_staff(
        session,
        settings,
        email=email,
        name=name,
        role=role,
        password=secrets.token_urlsafe(24),
        team_slug=team_slug or None,
    )
    accounts.request_reset(session, user.email, settings.base_url, now)
    audit.record(session, actor, None, Action.STAFF_ADDED, after={"staff_id": user.id, "role": role})
    return user


def set_active(session: Session, actor: StaffUser, user_id: int, active: bool, now: datetime) -> StaffUser:
    user = session.get(StaffUser, user_id)
    if user is None:
        raise accounts.AccountError("There is no such account")
    if user.id == actor.id and not active:
        raise accounts.AccountError("You cannot switch off your own account")
    if user.active == active:
        return user
    user.active = active
    user.session_version += 1  # signed-in sessions of this account end now
    session.add(user)
    audit.record(
        session,
        actor,
        None,
        Action.STAFF_ENABLED if active else Action.STAFF_DISABLED,
        after={"staff_id": user.id, "at": now},
    )
    return user


def all_teams(session: Session) -> list[Team]:
    return list(session.exec(select(Team).order_by(Team.name)).all())
