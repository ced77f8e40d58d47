"""What a staff action needs from the request: the session, who is acting, the settings and the moment."""

from __future__ import annotations

from casework.actions import ActionContext
from web.auth import staff_user
from web.context import db, now, settings


def action_context() -> ActionContext:
    return ActionContext(session=db(), actor=staff_user(), settings=settings(), now=now())
