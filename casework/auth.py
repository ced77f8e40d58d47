"""Who is signed in. Sessions carry the user id and a version, so a password change ends old sessions."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask

from extensions import login_manager
from models.staff import StaffUser
from models.web import db

# A working day; after it the browser session ends and staff sign in again.
SESSION_LIFETIME = timedelta(hours=8)


@login_manager.user_loader
def load_user(user_id: str) -> StaffUser | None:
    ident, _, version = user_id.partition(":")
    if not ident.isdigit() or not version.isdigit():
        return None
    user = db().get(StaffUser, int(ident))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


def init_app(app: Flask) -> None:
    login_manager.login_view = "casework.sign_in"
    login_manager.login_message = "Sign in to see this page."
    login_manager.session_protection = "strong"
    app.config.setdefault("PERMANENT_SESSION_LIFETIME", SESSION_LIFETIME)
    # Flask-Login's "remember me" cookie is never set (we offer no such box); make sure it could not outlive a day.
    app.config.setdefault("REMEMBER_COOKIE_DURATION", SESSION_LIFETIME)
    app.config.setdefault("REMEMBER_COOKIE_HTTPONLY", True)
    app.config.setdefault("REMEMBER_COOKIE_SECURE", app.config.get("SESSION_COOKIE_SECURE", False))
