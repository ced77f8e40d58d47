"""Who is signed in. Sessions carry the user id and a version, so a password change ends old sessions."""

from __future__ import annotations

from flask import Flask

from extensions import login_manager
from models.staff import StaffUser
from models.web import db


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
    login_manager.login_message = "Sign in to see this page."
    login_manager.session_protection = "strong"
