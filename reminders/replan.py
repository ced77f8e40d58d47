"""What other packages call when something happens to a complaint; each re-plans the outbox at once.

Each function flushes and never commits: the caller's transaction (the request, the import) decides.
The scheduler re-plans everything every few minutes anyway, so a missed call delays an email, never loses it
(except the status link, which only the intake knows when the complaint is sent).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from models.complaints import Complaint, Stage, StageRecord
from models.lessons import LessonAction
from reminders.lesson_actions import plan_action_reminders
from reminders.planner import PlanReport, Scope, plan_reminders
from settings import Settings


def complaint_received(
    session: Session, complaint: Complaint, settings: Settings, now: datetime, *, status_url: str | None = None
) -> PlanReport:
    """A new complaint (with its first stage, if any, already added): the team's arrival emails, the
    acknowledgement to the complainant (when there is an email address; `status_url` is linked when given),
    and the safeguarding alert to the duty manager, sent at once, whatever the hour."""
    session.flush()
    extra: dict[str, object] | None = {"status_url": status_url} if status_url else None
    return plan_reminders(session, settings, now, scope=Scope(complaint_id=complaint.id), extra=extra)


def complaint_changed(session: Session, complaint: Complaint, settings: Settings, now: datetime) -> PlanReport:
    """Team or officer assigned, triage resolved, safeguarding flag set, complaint closed or withdrawn."""
    session.flush()
    return plan_reminders(session, settings, now, scope=Scope(complaint_id=complaint.id))


def stage_changed(session: Session, stage_record: StageRecord, settings: Settings, now: datetime) -> PlanReport:
    """A stage was added (escalation), extended, or responded to: old reminders are cancelled, new ones armed."""
    session.flush()
    return plan_reminders(
        session,
        settings,
        now,
        scope=Scope(stage_record_id=stage_record.id),
        remedies=stage_record.stage == Stage.OMBUDSMAN,
    )


def lesson_action_changed(session: Session, action: LessonAction, settings: Settings, now: datetime) -> dict[str, int]:
    """A lesson action was added, done, cancelled or given a new date: its reminders follow at once."""
    session.flush()
    return plan_action_reminders(session, settings, now, action_id=action.id)
