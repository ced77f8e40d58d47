"""After a staff action the outbox is planned again for what changed (the reminders package owns how)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from models.complaints import Complaint, StageRecord
from reminders import notify
from settings import Settings


def stage_changed(session: Session, record: StageRecord, settings: Settings, now: datetime) -> None:
    notify.stage_changed(session, record, settings, now)


def complaint_changed(session: Session, complaint: Complaint, settings: Settings, now: datetime) -> None:
    notify.complaint_changed(session, complaint, settings, now)
