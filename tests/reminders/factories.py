"""Deterministic builders for reminder tests: a team, a complaint with its open stage, an officer."""

from __future__ import annotations

from datetime import date, datetime, time
from itertools import count
from zoneinfo import ZoneInfo

from sqlmodel import Session

from models.complaints import Complaint, ComplaintStatus, Stage, StageRecord
from models.staff import Role, StaffUser
from models.teams import Team
from reminders.calendar import WorkingCalendar
from reminders.deadlines import stage_deadlines

LONDON = ZoneInfo("Europe/London")
_numbers = count(1)


def london(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON)


def make_team(session: Session, slug: str = "leaving-care", manager_email: str = "manager@example.test") -> Team:
    team = Team(slug=slug, name=slug.replace("-", " ").title(), manager_name="Sam Manager", manager_email=manager_email)
    session.add(team)
    session.flush()
    return team


def make_officer(session: Session, email: str = "officer@example.test") -> StaffUser:
    officer = StaffUser(email=email, name="Alex Officer", role=Role.OFFICER.value)
    session.add(officer)
    session.flush()
    return officer


def make_complaint(
    session: Session,
    team: Team | None,
    received: datetime,
    *,
    stage: Stage = Stage.ONE,
    email: str = "",
    safeguarding: bool = False,
    officer: StaffUser | None = None,
) -> tuple[Complaint, StageRecord]:
    number = next(_numbers)
    complaint = Complaint(
        reference=f"CS-TEST-{number:04d}",
        received_at=received,
        complainant_role="parent",
        complainant_name="Jo",
        email=email,
        what_happened="A private story that must never appear in an email.",
        safeguarding_flag=safeguarding,
        routing_decision="manual",
        team_id=team.id if team else None,
        assigned_officer_id=officer.id if officer else None,
        status=ComplaintStatus.OPEN.value if team else ComplaintStatus.AWAITING_TRIAGE.value,
    )
    session.add(complaint)
    session.flush()
    received_on = received.astimezone(LONDON).date()
    record = StageRecord(
        complaint_id=complaint.id,
        stage=int(stage),
        received_on=received_on,
        due_on=stage_deadlines(WorkingCalendar(), stage, received_on).due,
        team_id=team.id if team else None,
    )
    session.add(record)
    session.flush()
    return complaint, record
