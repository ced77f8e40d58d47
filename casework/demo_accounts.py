"""One demo staff account per role, so someone trying the service can sign in as each."""

from __future__ import annotations

import secrets

from sqlmodel import Session, select

from casework.accounts import create_staff
from models.staff import StaffUser
from settings import Settings

DEMO_ACCOUNTS = (
    ("officer@example-council.gov.uk", "Olu Officer (demo)", "officer", None),
    ("manager@example-council.gov.uk", "Maya Manager (demo)", "manager", "leaving-care"),
    ("admin@example-council.gov.uk", "Ada Admin (demo)", "admin", None),
)


def ensure_demo_accounts(session: Session, settings: Settings) -> list[tuple[str, str, str | None]]:
    """Create the missing demo accounts; returns (email, role, new password or None when it already existed)."""
    if settings.is_production:
        raise ValueError("demo accounts are never created in production")
    out: list[tuple[str, str, str | None]] = []
    for email, name, role, team in DEMO_ACCOUNTS:
        if session.exec(select(StaffUser.id).where(StaffUser.email == email)).first() is not None:
            out.append((email, role, None))
            continue
        password = secrets.token_urlsafe(12)  # random every time: a demo password must not be guessable
        create_staff(session, settings, email=email, name=name, role=role, password=password, team_slug=team)
        out.append((email, role, password))
    return out
