"""Staff accounts: argon2 passwords, sign-in with lock-out, and single-use reset links."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from functools import lru_cache

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, col, select

from casework import audit
from casework.password_rules import password_problem
from content.email_address import one_email_address
from models.audit import Action
from models.base import max_length, require_id, table_of
from models.complaints import hash_token, new_token
from models.outbox import OutboxMessage
from models.staff import PasswordResetToken, Role, StaffUser
from models.teams import Team
from settings import Settings

RESET_LINK_LIFETIME = timedelta(hours=1)
RESET_TEMPLATE = "password-reset"
# A new account's first link: its owner may not read the email within the hour a reset link lasts.
INVITATION_LIFETIME = timedelta(hours=72)
INVITATION_TEMPLATE = "staff-invitation"


def _column_size(column: str) -> int:
    size = max_length(table_of(StaffUser), column)
    assert size is not None, f"staff_user.{column} is a sized string column"
    return size


# The columns' sizes: PostgreSQL refuses a longer value (a 500), where SQLite would keep it whole.
MAX_EMAIL = _column_size("email")
MAX_NAME = _column_size("name")
log = logging.getLogger(__name__)

_strong = PasswordHasher()
# Tests sign in hundreds of times; the cheapest argon2 parameters keep that fast. Never used outside tests.
_cheap = PasswordHasher.from_parameters(profiles.CHEAPEST)


class AccountError(ValueError):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def hasher(settings: Settings) -> PasswordHasher:
    return _cheap if settings.environment == "test" else _strong


def check_new_password(settings: Settings, password: str, personal: tuple[str, ...] = ()) -> None:
    """Length, zxcvbn's estimate and the deny-list (casework/password_rules.py); `personal`: the name and email."""
    problem = password_problem(password, council_name=settings.council_name, personal=personal)
    if problem is not None:
        raise AccountError(problem, "password")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def staff_email(settings: Settings, email: str) -> str:
    """One address, in one of the council's domains (STAFF_EMAIL_DOMAINS) when they are set.

    A staff account reads children's complaints: an admin must not be able to give one to an outside address.
    """
    address = one_email_address(normalise_email(email), allow_test_domain=settings.environment == "test")
    if address is None or len(address) > MAX_EMAIL:
        raise AccountError("Enter an email address like name@example.com", "email")
    domain = address.rpartition("@")[2]
    if settings.staff_email_domains and domain not in settings.staff_email_domains:
        allowed = " or ".join("@" + name for name in settings.staff_email_domains)
        raise AccountError(f"Staff accounts must use a council email address ending {allowed}", "email")
    return address


def create_staff(
    session: Session,
    settings: Settings,
    *,
    email: str,
    name: str,
    role: str,
    password: str,
    team_slug: str | None = None,
) -> StaffUser:
    email = staff_email(settings, email)
    if not name.strip():
        raise AccountError("Enter the person's name", "name")
    if len(name.strip()) > MAX_NAME:
        raise AccountError(f"Enter a name of {MAX_NAME} characters or fewer", "name")
    if role not in {r.value for r in Role}:
        raise AccountError(f"Role must be one of {', '.join(r.value for r in Role)}", "role")
    team_id = None
    if team_slug:
        team = session.exec(select(Team).where(Team.slug == team_slug)).first()
        if team is None:
            raise AccountError(f"There is no team {team_slug!r}; see `flask --app wsgi teams export`", "team")
        team_id = team.id
    if role == Role.MANAGER and team_id is None:
        raise AccountError("A team manager needs a team", "team")
    if session.exec(select(StaffUser.id).where(StaffUser.email == email)).first() is not None:
        raise AccountError(f"There is already an account for {email}", "email")
    check_new_password(settings, password, (name, email))
    user = StaffUser(
        email=email, name=name.strip(), role=role, team_id=team_id, password_hash=hasher(settings).hash(password)
    )
    session.add(user)
    session.flush()
    audit.record(session, "admin-cli", None, Action.STAFF_CREATED, after={"staff_id": user.id, "role": role})
    return user


def sign_in(session: Session, settings: Settings, email: str, password: str) -> StaffUser | None:
    """The account `email` and `password` open, or None.

    Every attempt verifies one argon2 hash with the same parameters, the account's or a dummy one, so an unknown
    email, a switched-off account and a wrong password take the same time and get the same None. Throttling
    failures is the web tier's (casework/views/sign_in_throttle.py), per account and address, never a lock any
    stranger could set off.
    """
    user = session.exec(select(StaffUser).where(StaffUser.email == normalise_email(email))).first()
    usable = user is not None and user.active and bool(user.password_hash)
    stored = user.password_hash if user is not None and usable else dummy_hash(settings)
    if not _verify(settings, stored, password) or user is None or not usable:
        return None
    if hasher(settings).check_needs_rehash(user.password_hash):
        user.password_hash = hasher(settings).hash(password)
    session.add(user)
    audit.record(session, user, None, Action.STAFF_SIGNED_IN)
    return user


@lru_cache(maxsize=2)
def _dummy_hash_for(environment: str, parameters: str) -> str:
    return _cheap.hash(parameters) if environment == "test" else _strong.hash(parameters)


def dummy_hash(settings: Settings) -> str:
    """A hash of nobody's password, with the parameters real accounts have (made once, on first use)."""
    return _dummy_hash_for(settings.environment, "not a real password, only for timing")


def _verify(settings: Settings, password_hash: str, password: str) -> bool:
    try:
        return hasher(settings).verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def request_reset(session: Session, email: str, base_url: str, now: datetime) -> bool:
    """Email a reset link if the account exists. Returns whether one was queued; callers never say so."""
    user = session.exec(select(StaffUser).where(StaffUser.email == normalise_email(email))).first()
    if user is None or not user.active:
        return False
    _queue_link(session, user, base_url, now, lifetime=RESET_LINK_LIFETIME, template=RESET_TEMPLATE)
    audit.record(session, "anonymous", None, Action.STAFF_PASSWORD_RESET_REQUESTED, after={"staff_id": user.id})
    return True


def invite(session: Session, user: StaffUser, base_url: str, now: datetime) -> None:
    """Email a new account's owner a link to choose their first password (72 hours, single use)."""
    _queue_link(session, user, base_url, now, lifetime=INVITATION_LIFETIME, template=INVITATION_TEMPLATE)


def _queue_link(
    session: Session, user: StaffUser, base_url: str, now: datetime, *, lifetime: timedelta, template: str
) -> None:
    """A single-use link to set the password, emailed at once; every earlier live link of the account ends."""
    _end_reset_links(session, require_id(user), now)  # one live link per account: the newest
    token = new_token()
    row = PasswordResetToken(staff_user_id=require_id(user), token_hash=hash_token(token), expires_at=now + lifetime)
    session.add(row)
    session.flush()
    session.add(
        OutboxMessage(
            idempotency_key=f"{template}:{row.id}",
            recipient=user.email,
            template=template,
            # The link must travel to the sender; it is single-use and short-lived, and the sweep drops it once sent.
            context={
                "name": user.name,
                "reset_url": f"{base_url}/staff/reset-password/{token}",
                "minutes": int(lifetime.total_seconds() // 60),
                "hours": int(lifetime.total_seconds() // 3600),
            },
            send_after=now,
        )
    )


def _end_reset_links(session: Session, staff_user_id: int, now: datetime) -> None:
    live = select(PasswordResetToken).where(
        PasswordResetToken.staff_user_id == staff_user_id, col(PasswordResetToken.used_at).is_(None)
    )
    for row in session.exec(live).all():
        row.used_at = now
        session.add(row)


def reset_token_row(session: Session, token: str, now: datetime) -> PasswordResetToken | None:
    """The unused, unexpired reset row for `token`, or None."""
    row = session.exec(select(PasswordResetToken).where(PasswordResetToken.token_hash == hash_token(token))).first()
    if row is None or row.used_at is not None or row.expires_at <= now:
        return None
    return row


def reset_password(session: Session, settings: Settings, token: str, password: str, now: datetime) -> StaffUser:
    row = reset_token_row(session, token, now)
    if row is None:
        raise AccountError("This link has expired or has been used. Ask for a new one.")
    user = session.get(StaffUser, row.staff_user_id)
    if user is None or not user.active:
        raise AccountError("This link has expired or has been used. Ask for a new one.")
    check_new_password(settings, password, (user.name, user.email))
    _end_reset_links(session, require_id(user), now)  # this one, and any other still live
    user.password_hash = hasher(settings).hash(password)
    user.session_version += 1  # every session signed in with the old password ends
    session.add_all([row, user])
    audit.record(session, user, None, Action.STAFF_PASSWORD_RESET)
    return user


def end_sessions(session: Session, user: StaffUser) -> None:
    """Every session signed in to `user` so far stops working on its next request (web/auth.py load_user)."""
    user.session_version += 1
    session.add(user)
    audit.record(session, user, None, Action.STAFF_SIGNED_OUT)


def set_password(session: Session, settings: Settings, user: StaffUser, password: str) -> None:
    check_new_password(settings, password, (user.name, user.email))
    user.password_hash = hasher(settings).hash(password)
    user.session_version += 1
    session.add(user)
