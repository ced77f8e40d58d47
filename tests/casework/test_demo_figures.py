"""The demo data reproduces every figure the 2017/18 annual complaints report publishes.

Counted with plain SQL, independent of the query engine: a stage counts by the day it was received.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

FY_2017 = {"start": "2017-04-01", "end": "2018-03-31"}
FY_2016 = {"start": "2016-04-01", "end": "2017-03-31"}
LAC_TEAMS = ("leaving-care", "lac-permanence-1", "adoption-sgo", "lac-adoption-permanence-2")


def scalar(session, sql: str, **params):
    return session.connection().execute(text(sql), params).scalar_one()


def pairs(session, sql: str, **params) -> dict:
    return dict(session.connection().execute(text(sql), params).all())


STAGE_COUNT = """
    SELECT count(*) FROM stage_record
    WHERE stage = :stage AND received_on BETWEEN :start AND :end
"""
BY_TEAM = """
    SELECT t.slug, count(*) FROM stage_record s JOIN team t ON t.id = s.team_id
    WHERE s.stage = :stage AND s.received_on BETWEEN :start AND :end GROUP BY t.slug
"""


def test_stage_one_total_and_lac_share(demo_session):
    total = scalar(demo_session, STAGE_COUNT, stage=1, **FY_2017)
    lac = scalar(
        demo_session,
        """SELECT count(*) FROM stage_record s JOIN team t ON t.id = s.team_id
           WHERE s.stage = 1 AND t.is_lac AND s.received_on BETWEEN :start AND :end""",
        **FY_2017,
    )
    assert (total, lac) == (88, 36)
    assert round(100 * lac / total) == 41


def test_stage_one_by_lac_team(demo_session):
    by_team = pairs(demo_session, BY_TEAM, stage=1, **FY_2017)
    assert {slug: by_team[slug] for slug in LAC_TEAMS} == {
        "leaving-care": 9,
        "lac-permanence-1": 8,
        "adoption-sgo": 7,
        "lac-adoption-permanence-2": 12,
    }


def test_the_reports_variant_labels_were_canonicalised_by_the_router(demo_session):
    # Each complaint keeps the label it was imported with; the report lists 7 + 2 leaving-care rows etc.
    labels = pairs(
        demo_session,
        """SELECT c.about_text, count(*) FROM complaint c JOIN stage_record s ON s.complaint_id = c.id
           WHERE s.stage = 1 AND s.received_on BETWEEN :start AND :end GROUP BY c.about_text""",
        **FY_2017,
    )
    assert labels["LAC - Leaving care - Statutory Childrens"] == 7
    assert labels["LAC - Leaving care"] == 2
    assert labels["LAC - Adoption & SGO - Statutory Childrens"] == 6
    assert labels["LAC - Adoption & SGO (Special Guardianship Order)"] == 1
    assert labels["Looked after children and adoption (previously Permanence 2) - Statutory Childrens"] == 9
    assert labels["Looked after children and adoption (previously Permanence Service 2)"] == 3
    assert labels["Looked after children (previously Permanence Service 1) - Statutory Childrens"] == 8


def test_stage_one_outcomes(demo_session):
    outcomes = pairs(
        demo_session,
        """SELECT outcome, count(*) FROM stage_record
           WHERE stage = 1 AND received_on BETWEEN :start AND :end GROUP BY outcome""",
        **FY_2017,
    )
    assert outcomes["upheld"] == 34
    assert outcomes["partially-upheld"] == 22


def test_stage_one_learning(demo_session):
    learning = pairs(
        demo_session,
        """SELECT l.slug, count(*) FROM stage_record s
           JOIN stage_learning sl ON sl.stage_record_id = s.id
           JOIN learning_category l ON l.id = sl.category_id
           WHERE s.stage = 1 AND s.received_on BETWEEN :start AND :end GROUP BY l.slug""",
        **FY_2017,
    )
    assert learning == {"poor-communication": 45, "delays": 23, "failure-to-act": 18}


@pytest.mark.parametrize(("year", "expected"), [(FY_2017, 8), (FY_2016, 12)])
def test_stage_two_totals(demo_session, year, expected):
    assert scalar(demo_session, STAGE_COUNT, stage=2, **year) == expected


def test_stage_two_by_service_area(demo_session):
    assert pairs(demo_session, BY_TEAM, stage=2, **FY_2017) == {
        "children-in-need": 2,
        "assessments": 2,
        "leaving-care": 2,
        "child-protection": 1,
        "early-help": 1,
    }


def test_every_stage_two_escalates_a_stage_one(demo_session):
    orphans = scalar(
        demo_session,
        """SELECT count(*) FROM stage_record s2 WHERE s2.stage = 2 AND NOT EXISTS (
             SELECT 1 FROM stage_record s1 WHERE s1.complaint_id = s2.complaint_id AND s1.stage = 1
             AND s1.received_on < s2.received_on)""",
    )
    assert orphans == 0


@pytest.mark.parametrize(("year", "expected"), [(FY_2017, 2), (FY_2016, 4)])
def test_stage_three_totals(demo_session, year, expected):
    assert scalar(demo_session, STAGE_COUNT, stage=3, **year) == expected


def test_stage_three_2017_18_both_not_upheld(demo_session):
    rows = demo_session.connection().execute(
        text(
            """SELECT t.slug, s.outcome FROM stage_record s JOIN team t ON t.id = s.team_id
               WHERE s.stage = 3 AND s.received_on BETWEEN :start AND :end ORDER BY t.slug"""
        ),
        FY_2017,
    )
    assert [tuple(row) for row in rows] == [("children-disabilities", "not-upheld"), ("lac-permanence-1", "not-upheld")]


def test_no_ombudsman_complaints_about_lac_in_2017_18(demo_session):
    lac_ombudsman = scalar(
        demo_session,
        """SELECT count(*) FROM stage_record s JOIN team t ON t.id = s.team_id
           WHERE s.stage = 4 AND t.is_lac AND s.received_on BETWEEN :start AND :end""",
        **FY_2017,
    )
    assert lac_ombudsman == 0


def test_seeding_again_adds_nothing(demo_session, tmp_path):
    from casework.demo import seed_demo
    from tests.conftest import DEMO_TODAY, make_settings

    tables = ("team", "team_alias", "worker", "complaint", "stage_record", "stage_learning", "learning_category")
    before = {table: scalar(demo_session, f"SELECT count(*) FROM {table}") for table in tables}
    report = seed_demo(demo_session, make_settings("sqlite://", tmp_path), DEMO_TODAY)
    demo_session.flush()
    after = {table: scalar(demo_session, f"SELECT count(*) FROM {table}") for table in tables}
    assert after == before
    assert report.history.complaints_created == 0 and report.live.complaints_created == 0
