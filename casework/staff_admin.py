"""What an admin does to staff accounts from the web: add one (its owner sets the password by an emailed link),
change its role, and switch one off or on. Changing the role or switching off ends every session of that account
at once. Every new account and every role change is emailed to all admins (`announce`) and audited."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlmodel import Session, col, select

from casework import accounts, audit
from models.audit import Action
from models.base import require_id
from models.outbox import OutboxMessage
from models.staff import Role, StaffUser
from models.teams import Team
from reminders.policy import STAFF_ACCOUNT_ALERT
from settings import Settings

ADDED = "added"
ROLE_CHANGED = "role changed"


def role_words(session: Session, user: StaffUser) -> str:
    """ "Team manager, Leaving Care"."""
    team = session.get(Team, user.team_id) if user.team_id else None
    return Role(user.role).label + (f", {team.name}" if team else "")


def announce(session: Session, user: StaffUser, change: str, by: str, key: str, now: datetime) -> None:
    """Email every active admin (the account itself included when it is one) that `user` was added or changed.

    `key` names the change, once per account ("added", "role:<audit event id>"), so it is announced once.
    """
    admins = session.exec(select(StaffUser).where(StaffUser.role == Role.ADMIN, col(StaffUser.active))).all()
    for admin in admins:
        session.add(
            OutboxMessage(
                idempotency_key=f"staff:{user.id}:{key}:admin:{admin.id}",
                recipient=admin.email,
                template=STAFF_ACCOUNT_ALERT,
                context={
                    "change": change,
                    "account": user.email,
                    "role": role_words(session, user),
                    "by": by,
                    "when": now.isoformat(),
                },
                send_after=now,
            )
        )


def list_staff(session: Session) -> list[tuple[StaffUser, Team | None]]:
    statement = select(StaffUser, Team).outerjoin(Team, col(Team.id) == StaffUser.team_id).order_by(StaffUser.name)
    return list(session.exec(statement).all())


def add_staff(
    session: Session, settings: Settings, actor: StaffUser, *, email: str, name: str, role: str, team_slug: str, now
) -> StaffUser:
    """Create the account with a random password nobody knows and email its owner an invitation to choose one."""
    user = accounts.create_staff(
        session,
        settings,
        email=email,
        name=name,
        role=role,
        password=secrets.token_urlsafe(24),
        team_slug=team_slug or None,
    )
    accounts.invite(session, user, settings.base_url, now)
    audit.record(session, actor, None, Action.STAFF_ADDED, after={"staff_id": user.id, "role": role})
    announce(session, user, ADDED, actor.name, "added", now)
    return user


def set_role(
    session: Session, actor: StaffUser, user_id: int, role: str, team_slug: str | None, now: datetime
) -> StaffUser:
    """Give an account another role (and team); its sessions end, so the new role applies from its next sign-in."""
    user = session.get(StaffUser, user_id)
    if user is None:
        raise accounts.AccountError("There is no such account")
    if user.id == actor.id:
        raise accounts.AccountError("Ask another admin to change your own role", "role")
    if role not in {r.value for r in Role}:
        raise accounts.AccountError("Choose a role", "role")
    team_id = None
    if team_slug:
        team = session.exec(select(Team).where(Team.slug == team_slug)).first()
        if team is None:
            raise accounts.AccountError("Choose a team from the list", "team")
        team_id = team.id
    if role == Role.MANAGER and team_id is None:
        raise accounts.AccountError("A team manager needs a team", "team")
    if (user.role, user.team_id) == (role, team_id):
        return user
    before = {"role": user.role, "team_id": user.team_id}
    user.role, user.team_id = role, team_id
    user.session_version += 1  # the old role's sessions end now
    session.add(user)
    after = {"staff_id": user.id, "role": role, "team_id": team_id}
    event = audit.record(session, actor, None, Action.STAFF_ROLE_CHANGED, before=before, after=after)
    session.flush()
    announce(session, user, ROLE_CHANGED, actor.name, f"role:{require_id(event)}", now)
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


def set_name(session: Session, actor: StaffUser, user_id: int, name: str) -> StaffUser:
    """The name shown on the pages, in the audit trail and in emails (a marriage, a typo)."""
    user = session.get(StaffUser, user_id)
    if user is None:
        raise accounts.AccountError("There is no such account")
    name = " ".join(name.split())
    if not name:
        raise accounts.AccountError("Enter the person's name", "name")
    if len(name) > accounts.MAX_NAME:
        raise accounts.AccountError(f"Enter a name of {accounts.MAX_NAME} characters or fewer", "name")
    if name == user.name:
        return user
    audit.record(
        session,
        actor,
        None,
        Action.STAFF_RENAMED,
        before={"name": user.name},
        after={"staff_id": user.id, "name": name},
    )
    user.name = name
    session.add(user)
    return user


def update_account(
    session: Session,
    actor: StaffUser,
    user_id: int,
    *,
    name: str,
    role: str,
    team_slug: str,
    active: bool,
    now: datetime,
) -> StaffUser:
    """The account page's one form: name, role and team, and whether it may sign in; each change audited."""
    set_name(session, actor, user_id, name)
    user = (
        set_role(session, actor, user_id, role, team_slug or None, now)
        if user_id != actor.id
        else session.get(StaffUser, user_id)
    )
    assert user is not None  # set_name found it
    if user_id == actor.id and (role, team_slug or None) != (user.role, _slug_of(session, user.team_id)):
        raise accounts.AccountError("Ask another admin to change your own role", "role")
    return set_active(session, actor, user_id, active, now)


def _slug_of(session: Session, team_id: int | None) -> str | None:
    team = session.get(Team, team_id) if team_id else None
    return team.slug if team else None
