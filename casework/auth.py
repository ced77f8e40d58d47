"""Who is signed in. Sessions carry the user id and a version, so a password change ends old sessions,
and the time of sign-in, so a session ends after a working day however active it is."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import Flask, session

from extensions import login_manager
from models.staff import StaffUser
from models.web import db

SESSION_LIFETIME = timedelta(hours=8)
SIGNED_IN_AT = "signed_in_at"


@login_manager.user_loader
def load_user(user_id: str) -> StaffUser | None:
    ident, _, version = user_id.partition(":")
    if not ident.isdigit() or not version.isdigit():
        return None
    if session_expired():
        return None
    user = db().get(StaffUser, int(ident))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


def mark_signed_in() -> None:
    """Called at sign-in: the session is permanent (cookie expiry) and stamped (absolute expiry)."""
    session.permanent = True
    session[SIGNED_IN_AT] = int(datetime.now(UTC).timestamp())


def session_expired() -> bool:
    stamp = session.get(SIGNED_IN_AT)
    if not isinstance(stamp, int):
        return True
    return datetime.now(UTC) - datetime.fromtimestamp(stamp, UTC) > SESSION_LIFETIME


def init_app(app: Flask) -> None:
    login_manager.login_view = "casework.sign_in"
    login_manager.login_message = "Sign in to see this page."
    login_manager.session_protection = "strong"
    # Idle sessions end after the lifetime too (the signed cookie carries its age).
    app.config["PERMANENT_SESSION_LIFETIME"] = SESSION_LIFETIME
    # We offer no "remember me"; should anything set that cookie, it would not outlive a day.
    app.config["REMEMBER_COOKIE_DURATION"] = SESSION_LIFETIME
    app.config["REMEMBER_COOKIE_HTTPONLY"] = True
    app.config["REMEMBER_COOKIE_SECURE"] = app.config.get("SESSION_COOKIE_SECURE", False)
