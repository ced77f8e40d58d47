"""The report's sections on facts recorded from issue 14 on (the shared data contract's names): each test runs once
the schema holds its fact, and is skipped on a schema before it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import sqlmodel
from sqlalchemy import insert, select
from sqlmodel import Session

from models.complaints import Complaint, StageRecord
from queries import report_facts
from queries.periods import financial_year
from queries.report import build_report
from tests.factories import add_complaint, load_directory

YEAR = financial_year(2024)  # 1 April 2024 to 31 March 2025
AS_OF = date(2025, 6, 1)


def _stages(session: Session, complaint: Complaint) -> dict[int, StageRecord]:
    rows = session.exec(sqlmodel.select(StageRecord).where(sqlmodel.col(StageRecord.complaint_id) == complaint.id))
    return {row.stage: row for row in rows.all()}


@pytest.fixture
def session(db_session):
    load_directory(db_session)
    return db_session


def _complaint(session, day: date, stages: int = 1, **fields) -> Complaint:
    responded = {stage: date(day.year, day.month, 20 + stage) for stage in range(1, stages + 1)}
    complaint = add_complaint(session, team="leaving-care", received=day, stages=stages, responded=responded)
    for name, value in fields.items():
        setattr(complaint, name, value)
    session.add(complaint)
    session.flush()
    return complaint


@pytest.mark.skipif(not report_facts.has_equalities(), reason="equalities are recorded from issue 14 part 1")
def test_equalities_with_small_numbers_suppressed(session):
    for gender, count in (("Female", 8), ("Male", 3), ("", 2)):
        for _ in range(count):
            _complaint(session, date(2024, 5, 1), gender=gender)
    report = build_report(session, YEAR, as_of=AS_OF)
    assert report.figures["equalities"]["gender"] == {"Female": 8, "Male": "<5", "not-given": "<5"}
    assert any(section.key == "equalities" for section in report.sections)


@pytest.mark.skipif(not report_facts.has_procedure(), reason="procedures are recorded from issue 14 part 1")
def test_statutory_and_corporate_side_by_side(session):
    for _ in range(3):
        _complaint(session, date(2024, 6, 3))
    for _ in range(2):
        _complaint(session, date(2024, 6, 3), procedure="corporate")
    report = build_report(session, YEAR, as_of=AS_OF)
    procedures = report.figures["procedures"]
    assert procedures["statutory"]["1"]["received"] == 3
    assert procedures["corporate"]["1"]["received"] == 2
    assert any(section.key == "procedures" for section in report.sections)


@pytest.mark.skipif(not report_facts.has_cost(), reason="cost is recorded from issue 14 part 1")
def test_the_cost_of_stage_2_investigations(session):
    for _ in range(2):
        complaint = _complaint(session, date(2024, 7, 1), stages=2)
        stage_2 = _stages(session, complaint)[2]
        stage_2.cost = Decimal("1250.50")
        session.add(stage_2)
    session.flush()
    report = build_report(session, YEAR, as_of=AS_OF)
    assert report.figures["cost"]["2"] == {"closed": 2, "costed": 2, "total": pytest.approx(2501.0)}


@pytest.mark.skipif(report_facts.reason_tables() is None, reason="reasons are recorded from issue 14 part 1")
def test_reasons_of_stage_1_complaints(session):
    category, link = report_facts.reason_tables() or (None, None)
    assert category is not None and link is not None
    connection = session.connection()
    connection.execute(insert(category).values(slug="test-staff-conduct", label="Staff conduct", active=True))
    category_id = connection.execute(select(category.c.id).where(category.c.slug == "test-staff-conduct")).scalar_one()
    for _ in range(3):
        complaint = _complaint(session, date(2024, 9, 2))
        connection.execute(
            insert(link).values(stage_record_id=_stages(session, complaint)[1].id, category_id=category_id)
        )
    report = build_report(session, YEAR, as_of=AS_OF)
    assert report.figures["stage_1_reasons"]["test-staff-conduct"] == 3


@pytest.mark.skipif(not report_facts.has_ombudsman_decisions(), reason="decisions are recorded from issue 14 part 1")
def test_an_ombudsman_decision_dated_after_the_day_asked_is_not_known_yet(session):
    complaint = _complaint(session, date(2024, 4, 8))
    ombudsman = StageRecord(
        complaint_id=complaint.id, stage=4, received_on=date(2024, 10, 1), team_id=complaint.team_id
    )
    ombudsman.responded_on = date(2025, 3, 3)
    ombudsman.ombudsman_decision = "upheld"
    ombudsman.remedy = "Apology and payment"
    ombudsman.remedy_amount = Decimal("500.00")
    session.add(ombudsman)
    session.flush()
    before = build_report(session, YEAR, as_of=date(2025, 2, 1)).figures["ombudsman"]
    after = build_report(session, YEAR, as_of=AS_OF).figures["ombudsman"]
    assert (before["received"], before["decided"], before["remedy_amount"]) == (1, 0, None)
    assert (after["decided"], after["upheld"], after["remedy_amount"]) == (1, 1, pytest.approx(500.0))
