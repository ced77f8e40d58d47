"""What every staff view needs: the signed-in user, settings, the clock and the request's session."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app

from casework.actions import Context
from casework.roles import signed_in_user
from models.web import db
from settings import Settings


def settings() -> Settings:
    return current_app.config["SETTINGS"]


def now() -> datetime:
    return datetime.now(UTC)


def action_context() -> Context:
    return Context(session=db(), actor=signed_in_user(), settings=settings(), now=now())
