"""Retention purge: personal data of long-closed complaints goes; every report figure stays the same.
Also the subject access export of one complaint."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from casework.purge import default_cutoff, purge_closed_before
from models.audit import AuditEvent
from models.complaints import Complaint, StageLearning, StageRecord
from models.db import get_engine, session_scope
from tests.conftest import seeded_demo_copy
from tests.factories import WHAT_HAPPENED, add_complaint
from wsgi import create_app

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def purge_db(tmp_path_factory):
    """Our own seeded copy of the demo: the shared demo database is read-only."""
    return seeded_demo_copy("casework_purge", tmp_path_factory)


def figures(session: Session) -> dict[str, list]:
    """What the reports count: stages by stage, received date, team and outcome; lessons; complaints by who."""
    stages = session.exec(
        select(StageRecord.stage, StageRecord.received_on, StageRecord.team_id, StageRecord.outcome, func.count())
        .group_by(StageRecord.stage, StageRecord.received_on, StageRecord.team_id, StageRecord.outcome)
        .order_by(StageRecord.stage, StageRecord.received_on, StageRecord.team_id, StageRecord.outcome)
    ).all()
    on_time = session.exec(
        select(StageRecord.stage, StageRecord.responded_on, StageRecord.due_on, StageRecord.extended_to).order_by(
            StageRecord.id
        )
    ).all()
    lessons = session.exec(
        select(StageLearning.category_id, func.count())
        .group_by(StageLearning.category_id)
        .order_by(StageLearning.category_id)
    ).all()
    who = session.exec(
        select(Complaint.complainant_role, Complaint.channel, Complaint.status, func.count())
        .group_by(Complaint.complainant_role, Complaint.channel, Complaint.status)
        .order_by(Complaint.complainant_role, Complaint.channel, Complaint.status)
    ).all()
    return {"stages": list(stages), "on_time": list(on_time), "lessons": list(lessons), "who": list(who)}


def test_purge_keeps_every_report_figure(purge_db):
    url, settings = purge_db
    engine = get_engine(url)
    with Session(engine) as session:
        before = figures(session)
        old_closed = session.exec(
            select(func.count()).select_from(Complaint).where(Complaint.status.in_(["closed", "withdrawn"]))
        ).one()
    assert old_closed > 100
    with session_scope(engine) as session:
        report = purge_closed_before(session, default_cutoff(NOW.date()), settings.timezone, NOW)
    assert report.complaints > 100
    with Session(engine) as session:
        assert figures(session) == before
        purged = session.exec(select(Complaint).where(Complaint.purged_at.is_not(None))).all()
        assert len(purged) == report.complaints
        for complaint in purged:
            assert complaint.complainant_name == complaint.email == complaint.what_happened == ""
            assert complaint.status_token_hash is None
        summaries = session.exec(
            select(StageRecord.response_summary).where(StageRecord.complaint_id.in_([c.id for c in purged[:50]]))
        ).all()
        assert set(summaries) <= {""}
        assert session.exec(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "complaint.purged")
        ).one() == (report.complaints)
    # A second run finds nothing more to do.
    with session_scope(engine) as session:
        assert purge_closed_before(session, default_cutoff(NOW.date()), settings.timezone, NOW).complaints == 0


def test_purge_leaves_open_and_recent_complaints_alone(db_session, settings, staff_ids):
    recent = add_complaint(
        db_session,
        reference="CS-RCNT-0001",
        team="leaving-care",
        received=date(2026, 1, 5),
        responded={1: date(2026, 1, 9)},
    )
    still_open = add_complaint(db_session, reference="CS-OPEN-0001", team="leaving-care", received=date(2015, 1, 5))
    purge_closed_before(db_session, default_cutoff(NOW.date()), settings.timezone, NOW)
    assert recent.purged_at is None and recent.complainant_name == "Sam Example"
    assert still_open.purged_at is None


def test_default_retention_is_six_years():
    assert default_cutoff(date(2026, 11, 26)) == date(2020, 11, 26)
    assert default_cutoff(date(2028, 2, 29)) == date(2022, 2, 28)


def test_purge_command(settings, staff_ids, write):
    write(
        lambda s: add_complaint(
            s, reference="CS-OLDD-0001", team="leaving-care", received=date(2016, 1, 5), responded={1: date(2016, 1, 9)}
        )
    )
    result = create_app(settings).test_cli_runner().invoke(args=["purge", "--closed-before", "2017-01-01"])
    assert result.exit_code == 0, result.output
    assert "Purged 1 complaints closed before 1 January 2017" in result.output


def test_subject_access_export(signed_in, write, today, calendar):
    write(
        lambda s: add_complaint(
            s, reference="CS-SARX-0001", team="leaving-care", received=calendar.subtract_working_days(today, 3)
        )
    )
    client = signed_in("officer")
    client.get("/staff/complaints/CS-SARX-0001")
    response = client.get("/staff/complaints/CS-SARX-0001/subject-access.json")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="CS-SARX-0001.json"'
    data = response.get_json()
    assert data["complaint"]["complainant_name"] == "Sam Example"
    assert data["complaint"]["what_happened"] == WHAT_HAPPENED
    assert data["complaint"]["team"] == "leaving-care"
    assert data["stages"][0]["stage"] == 1
    assert {"action": "complaint.viewed", "by": "staff"}.items() <= data["audit"][0].items()
    assert "Olu Officer" not in response.get_data(as_text=True)  # colleagues are not the subject of the request
