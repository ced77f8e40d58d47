"""The tests' builders, every value fixed: the team directory, staff, and one complaint builder.

    load_directory(session)                       # the demo teams and the lessons-learned categories
    add_staff(session, settings)                  # ... and one account per role, signed in with PASSWORD
    add_complaint(session, team="leaving-care", received=date(2018, 1, 10), responded={1: date(2018, 1, 20)})
    client = sign_in(app, "officer")

Tests that need no directory make a bare team and officer instead (add_team, add_officer).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, col, func, select

from casework.accounts import create_staff
from casework.demo import DEMO_DIR, ensure_learning_categories
from casework.directory import import_directory, parse_directory
from models.base import require_id
from models.complaints import Complaint, ComplaintStatus, Stage, StageRecord, hash_token
from models.staff import Role, StaffUser
from models.teams import Team
from reminders.calendar import WorkingCalendar
from reminders.deadlines import stage_deadlines
from settings import Settings

LONDON = ZoneInfo("Europe/London")
PASSWORD = "correct horse battery staple"
# role -> (email, name, team slug): one account each, made by add_staff.
STAFF = {
    "officer": ("officer@example.test", "Olu Officer", None),
    "manager": ("manager@example.test", "Maya Manager", "leaving-care"),
    "admin": ("admin@example.test", "Ada Admin", None),
}
# What the complainant wrote: private, so tests can check it never reaches an email, a log or a colleague.
WHAT_HAPPENED = "Nobody called me back about my flat. A private story that must never appear in an email."


def london(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON)


# --- teams and staff ---------------------------------------------------------------------------------------------
def load_directory(session: Session) -> None:
    """The demo team directory and the lessons-learned categories."""
    import_directory(session, parse_directory((DEMO_DIR / "teams.csv").read_text(encoding="utf-8")))
    ensure_learning_categories(session)
    session.flush()


def add_staff(session: Session, settings: Settings, *, directory: bool = True) -> dict[str, int]:
    """One account per role (STAFF, PASSWORD), after the directory unless it is there already; role -> user id."""
    if directory:
        load_directory(session)
    ids = {}
    for role, (email, name, team) in STAFF.items():
        user = create_staff(session, settings, email=email, name=name, role=role, password=PASSWORD, team_slug=team)
        ids[role] = require_id(user)
    session.flush()
    return ids


def sign_in(app: Flask, role: str) -> FlaskClient:
    """A client signed in to `app` as the STAFF account of `role` (made by add_staff)."""
    client = app.test_client()
    response = client.post("/staff/sign-in", data={"email": STAFF[role][0], "password": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return client


def team_id(session: Session, slug: str) -> int:
    return session.exec(select(Team.id).where(Team.slug == slug)).one()


def add_team(session: Session, slug: str = "leaving-care", manager_email: str = "manager@example.test") -> Team:
    """A team of its own, for tests without the directory."""
    team = Team(slug=slug, name=slug.replace("-", " ").title(), manager_name="Sam Manager", manager_email=manager_email)
    session.add(team)
    session.flush()
    return team


def add_officer(session: Session, email: str = "officer@example.test") -> StaffUser:
    """A complaints officer with no password, for tests that only email them."""
    officer = StaffUser(email=email, name="Alex Officer", role=Role.OFFICER.value)
    session.add(officer)
    session.flush()
    return officer


# --- complaints ----------------------------------------------------------------------------------------------------
def add_complaint(
    session: Session,
    *,
    team: str | Team | None,
    received: date | datetime,
    reference: str | None = None,
    stages: int = 1,
    responded: dict[int, date] | None = None,
    status: str | None = None,
    safeguarding: bool = False,
    token: str | None = None,
    officer: StaffUser | None = None,
    role: str = "care-leaver",
    email: str = "sam@example.test",
    what_happened: str = WHAT_HAPPENED,
) -> Complaint:
    """A complaint and its stages 1..`stages` (0 for none yet); flushed.

    team: a slug from the directory, a Team, or None (waiting for triage).
    received: a day (received at 10:00 UTC) or the moment; each later stage starts the working day after the
        previous response.
    reference: CS-TEST-0001, -0002 ... in the order made, unless given.
    responded: stage -> the day the council responded (outcome "not upheld"); with every stage responded to
        the complaint is closed, unless `status` says otherwise.
    email: the complainant's address; "" for none (then no acknowledgement is planned).
    """
    calendar = WorkingCalendar()
    responded = responded or {}
    tid = (team_id(session, team) if isinstance(team, str) else require_id(team)) if team is not None else None
    if reference is None:
        made = session.exec(select(func.count(col(Complaint.id)))).one()
        reference = f"CS-TEST-{made + 1:04d}"
    if status is None:
        if tid is None:
            status = ComplaintStatus.AWAITING_TRIAGE.value
        elif stages and all(stage in responded for stage in range(1, stages + 1)):
            status = ComplaintStatus.CLOSED.value
        else:
            status = ComplaintStatus.OPEN.value
    received_at = received if isinstance(received, datetime) else datetime.combine(received, time(10, 0), tzinfo=UTC)
    complaint = Complaint(
        reference=reference,
        received_at=received_at,
        complainant_role=role,
        complainant_name="Sam Example",
        email=email,
        contact_method="email" if email else "none",
        about_text="my PA in leaving care" if tid else "the lady who came round",
        what_happened=what_happened,
        wanted_outcome="A call back.",
        team_id=tid,
        assigned_officer_id=require_id(officer) if officer else None,
        status=status,
        safeguarding_flag=safeguarding,
        status_token_hash=hash_token(token) if token else None,
        routing_decision="auto" if tid else "triage",
    )
    if status == ComplaintStatus.CLOSED.value:
        complaint.closed_at = datetime.combine(max(responded.values()), time(12, 0), tzinfo=UTC)
    session.add(complaint)
    session.flush()
    day = received_at.astimezone(LONDON).date() if isinstance(received, datetime) else received
    for stage in range(1, stages + 1):
        session.add(
            StageRecord(
                complaint_id=require_id(complaint),
                stage=stage,
                received_on=day,
                due_on=stage_deadlines(calendar, Stage(stage), day).due,
                team_id=tid,
                responded_on=responded.get(stage),
                outcome="not-upheld" if stage in responded else None,
                response_summary="We explained." if stage in responded else "",
            )
        )
        if stage in responded:
            day = calendar.add_working_days(responded[stage], 1)
    session.flush()
    return complaint


def first_stage(session: Session, complaint: Complaint) -> StageRecord:
    """The complaint's stage 1 record."""
    statement = select(StageRecord).where(StageRecord.complaint_id == complaint.id, StageRecord.stage == 1)
    return session.exec(statement).one()
