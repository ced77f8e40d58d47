"""After a staff action, the reminders for the changed stage are planned again (the reminders package owns how)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from models.complaints import StageRecord
from settings import Settings

try:
    from reminders.notify import stage_changed as _stage_changed
except ImportError:  # the reminders planner is built alongside casework; until it lands there is nothing to plan
    _stage_changed = None


def stage_changed(session: Session, record: StageRecord, settings: Settings, now: datetime) -> None:
    if _stage_changed is not None:
        _stage_changed(session, record, settings, now)
