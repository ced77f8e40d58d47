"""Deterministic builders for the casework tests: staff of each role and complaints at a given stage."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from sqlmodel import Session, select

from casework.accounts import create_staff
from models.complaints import Complaint, ComplaintStatus, Stage, StageRecord, hash_token
from models.teams import Team
from reminders.calendar import WorkingCalendar
from reminders.deadlines import stage_deadlines
from settings import Settings
from tests.casework.factories import load_directory

PASSWORD = "correct horse battery staple"
STAFF = {
    "officer": ("officer@example.test", "Olu Officer", None),
    "manager": ("manager@example.test", "Maya Manager", "leaving-care"),
    "admin": ("admin@example.test", "Ada Admin", None),
}


def add_staff(session: Session, settings: Settings) -> dict[str, int]:
    """The team directory, learning categories and one account per role; returns role -> user id."""
    load_directory(session)
    ids = {}
    for role, (email, name, team) in STAFF.items():
        user = create_staff(session, settings, email=email, name=name, role=role, password=PASSWORD, team_slug=team)
        ids[role] = user.id
    session.flush()
    return ids


def team_id(session: Session, slug: str) -> int:
    return session.exec(select(Team.id).where(Team.slug == slug)).one()


def add_complaint(
    session: Session,
    *,
    reference: str,
    team: str | None,
    received: date,
    stages: int = 1,
    responded: dict[int, date] | None = None,
    safeguarding: bool = False,
    token: str | None = None,
    status: str | None = None,
) -> Complaint:
    """A complaint received on `received`, with stages 1..`stages`; `responded` maps stage -> response date.

    Each later stage is received on the day after the previous response.
    """
    calendar = WorkingCalendar()
    responded = responded or {}
    tid = team_id(session, team) if team else None
    if status is None:
        if tid is None:
            status = ComplaintStatus.AWAITING_TRIAGE.value
        elif all(stage in responded for stage in range(1, stages + 1)):
            status = ComplaintStatus.CLOSED.value
        else:
            status = ComplaintStatus.OPEN.value
    complaint = Complaint(
        reference=reference,
        received_at=datetime.combine(received, time(10, 0), tzinfo=UTC),
        complainant_role="care-leaver",
        complainant_name="Sam Example",
        email="sam@example.test",
        contact_method="email",
        about_text="my PA in leaving care" if team else "the lady who came round",
        what_happened="Nobody called me back about my flat.",
        wanted_outcome="A call back.",
        team_id=tid,
        status=status,
        safeguarding_flag=safeguarding,
        status_token_hash=hash_token(token) if token else None,
        routing_decision="auto" if tid else "triage",
    )
    if status == ComplaintStatus.CLOSED.value:
        complaint.closed_at = datetime.combine(max(responded.values()), time(12, 0), tzinfo=UTC)
    session.add(complaint)
    session.flush()
    day = received
    for stage in range(1, stages + 1):
        record = StageRecord(
            complaint_id=complaint.id,
            stage=stage,
            received_on=day,
            due_on=stage_deadlines(calendar, Stage(stage), day).due,
            team_id=tid,
            responded_on=responded.get(stage),
            outcome="not-upheld" if stage in responded else None,
            response_summary="We explained." if stage in responded else "",
        )
        session.add(record)
        if stage in responded:
            day = calendar.add_working_days(responded[stage], 1)
    session.flush()
    return complaint
