"""The annual report rebuilt from the demo data shows every figure the published 2017/18 report gives."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import text

from casework.demo import DEMO_DIR
from queries.engine import Scope
from queries.periods import financial_year
from queries.report import build_report, report_as_text
from tests.conftest import DEMO_TODAY


@pytest.fixture(scope="module")
def report(demo_database_url):
    from sqlmodel import Session

    from models.db import get_engine

    with Session(get_engine(demo_database_url)) as session:
        return build_report(session, financial_year(2017), as_of=DEMO_TODAY)


def test_stage_1_total_and_lac_share(report):
    assert report.figures["stage_1_total"] == 88
    assert report.figures["stage_1_lac"] == 36
    assert report.figures["stage_1_lac_percent"] == pytest.approx(40.9)
    stage_1 = next(section for section in report.sections if section.key == "stage-1")
    assert "36 stage 1 complaints in 2017/18, which was 41% of the total" in stage_1.sentences[0]


def test_stage_1_by_lac_team_with_the_reports_labels(report):
    assert report.figures["stage_1_by_lac_team"] == {
        "leaving-care": 9,  # 7 "LAC - Leaving care - Statutory Childrens" + 2 "LAC - Leaving care"
        "lac-permanence-1": 8,
        "adoption-sgo": 7,  # 6 + 1
        "lac-adoption-permanence-2": 12,  # 9 + 3
    }
    rows = {row["key"]: row for row in report.table("stage-1-lac-teams").rows}
    assert "LAC - Leaving care - Statutory Childrens" in rows["leaving-care"]["labels"]
    assert (
        "Looked after children and adoption (previously Permanence Service 2)"
        in rows["lac-adoption-permanence-2"]["labels"]
    )


def test_stage_1_lac_rows_exactly_as_the_published_table(report):
    # The published report lists each label its spreadsheet used: 7, 8, 6, 9, 3, 1, 2.
    table = report.table("stage-1-lac-source-labels")
    assert {row["label"]: row["value"] for row in table.rows} == {
        "LAC - Leaving care - Statutory Childrens": 7,
        "Looked after children (previously Permanence Service 1) - Statutory Childrens": 8,
        "LAC - Adoption & SGO - Statutory Childrens": 6,
        "Looked after children and adoption (previously Permanence 2) - Statutory Childrens": 9,
        "Looked after children and adoption (previously Permanence Service 2)": 3,
        "LAC - Adoption & SGO (Special Guardianship Order)": 1,
        "LAC - Leaving care": 2,
    }
    assert table.total["value"] == 36


def test_outcomes_learning_and_complainants(report):
    assert report.figures["stage_1_outcomes"] == {"upheld": 34, "partially-upheld": 22, "not-upheld": 32}
    assert report.figures["stage_1_learning"] == {"poor-communication": 45, "delays": 23, "failure-to-act": 18}
    assert report.figures["stage_1_learning_none"] == 2
    assert report.figures["stage_1_complainants"] == {
        "child": 12, "care-leaver": 8, "parent": 40, "foster-carer": 5, "guardian-adopter": 10, "advocate": 8,
        "other": 5,
    }  # fmt: skip


def test_stage_2_by_service_area_against_the_year_before(report):
    assert report.figures["stage_2_total"] == 8
    assert report.figures["stage_2_previous_total"] == 12
    assert report.figures["stage_2_by_team"] == {
        "children-in-need": 2, "assessments": 2, "leaving-care": 2, "child-protection": 1, "early-help": 1,
    }  # fmt: skip
    assert report.table("stage-2-teams").total == {"label": "Grand Total", "value": 8, "previous": 12}
    # The published order of stage 2's trends: delays, poor communication, failure to act.
    assert [row["key"] for row in report.table("stage-2-learning").rows] == [
        "delays",
        "poor-communication",
        "failure-to-act",
    ]


def test_stage_3_and_the_ombudsman(report):
    assert report.figures["stage_3_total"] == 2
    assert report.figures["stage_3_previous_total"] == 4
    assert (report.figures["stage_3_upheld"], report.figures["stage_3_not_upheld"]) == (0, 2)
    rows = {row["key"]: row["upheld_or_not"] for row in report.table("stage-3-teams").rows}
    assert rows == {"children-disabilities": "Not upheld", "lac-permanence-1": "Not upheld"}
    assert report.figures["ombudsman_lac"] == 0
    assert report.figures["ombudsman_total"] == 1


def test_timeliness_is_52_of_88_within_10_working_days(report):
    assert report.figures["on_time"]["1"] == {"on_time": 52, "of": 88, "percent": pytest.approx(59.1)}
    text = report_as_text(report)
    assert "52 of 88 stage 1 complaints were answered within 10 working days (59%), against 77% in 2016/17" in text


def test_a_managers_report_holds_only_their_team(demo_session):
    from sqlmodel import select

    from models.teams import Team

    leaving_care = demo_session.exec(select(Team).where(Team.slug == "leaving-care")).one()
    report = build_report(
        demo_session, financial_year(2017), as_of=DEMO_TODAY, scope=Scope(frozenset({leaving_care.id}))
    )
    assert report.your_team_only
    assert report.figures["stage_1_total"] == 9
    assert report.figures["stage_1_by_lac_team"] == {"leaving-care": 9}
    assert report.figures["stage_2_total"] == 2
    assert report.figures["stage_3_total"] == 0


def test_report_command_json(demo_app):
    result = demo_app.test_cli_runner().invoke(args=["report", "2017/18", "--json", "--as-of", "2026-11-26"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["year"] == "2017/18"
    assert data["figures"]["stage_1_total"] == 88
    assert [s["key"] for s in data["sections"]][:3] == ["summary", "stage-1", "outcomes"]


def test_report_command_text_and_bad_year(demo_app):
    runner = demo_app.test_cli_runner()
    result = runner.invoke(args=["report", "17/18"])
    assert result.exit_code == 0
    assert "In 2016/17 Children's services received 12 stage 2 complaints. This compares to 8 in 2017/18." in (
        result.output
    )
    bad = runner.invoke(args=["report", "2017"])
    assert bad.exit_code == 2
    assert "financial year like 2017/18" in bad.output


def test_an_empty_year_reports_zeros_not_errors(demo_session):
    report = build_report(demo_session, financial_year(2030), as_of=date(2031, 6, 1))
    assert report.figures["stage_1_total"] == 0
    assert report.figures["stage_1_lac_percent"] is None
    assert "no figure" in report_as_text(report)


def _sql(session, sql: str) -> int:
    return session.connection().execute(text(sql)).scalar_one()


def test_received_and_closed_in_the_year_at_every_stage(report, demo_session):
    for stage, key in ((1, "1"), (2, "2"), (3, "3"), (4, "ombudsman")):
        received = _sql(
            demo_session,
            f"SELECT count(*) FROM stage_record WHERE stage = {stage} AND received_on BETWEEN '2017-04-01' AND "
            "'2018-03-31'",
        )
        closed = _sql(
            demo_session,
            f"SELECT count(*) FROM stage_record WHERE stage = {stage} AND responded_on BETWEEN '2017-04-01' AND "
            "'2018-03-31'",
        )
        assert (report.figures["received"][key], report.figures["closed"][key]) == (received, closed)
    assert report.figures["received"]["1"] == 88
    assert report.figures["closed"]["1"] == 90  # two answered in April 2017 were received in 2016/17


def test_on_time_of_the_stages_closed_in_the_year_counts_agreed_extensions(report, demo_session):
    on_time = _sql(
        demo_session,
        """SELECT count(*) FROM stage_record WHERE stage = 1 AND responded_on BETWEEN '2017-04-01' AND '2018-03-31'
           AND responded_on <= coalesce(extended_to, due_on)""",
    )
    assert report.figures["on_time_closed"]["1"] == {"on_time": on_time, "of": 90, "percent": pytest.approx(74.4)}
    assert report.figures["on_time"]["1"]["on_time"] == 52  # by the day received, the first deadline only


def test_quarters_add_up_to_the_year(report):
    quarters = report.figures["quarters"]
    assert list(quarters) == ["Q1 2017/18", "Q2 2017/18", "Q3 2017/18", "Q4 2017/18"]
    assert sum(q["s1_received"] for q in quarters.values()) == 88
    assert sum(q["s1_closed"] for q in quarters.values()) == 90


def test_escalation_rates(report):
    assert report.figures["escalation"]["1"] == {"escalated": 8, "of": 88, "percent": pytest.approx(9.1)}


def test_the_data_cleaning_tables_are_marked_internal(report):
    assert report.table("stage-1-lac-source-labels").internal
    assert report.table("stage-1-lac-teams").internal_columns == ("labels",)
    assert not report.table("summary").internal


def _published_table(first_heading: str) -> dict[str, str]:
    """A tab-separated table of the published 2017/18 report, read from the copy in demo/: {first cell: last}."""
    lines = (DEMO_DIR / "published-report-2017-18.txt").read_text(encoding="utf-8").splitlines()
    start = lines.index(next(line for line in lines if line.startswith(first_heading + "\t"))) + 1
    rows: dict[str, str] = {}
    for line in lines[start:]:
        if "\t" not in line:
            break
        cells = line.split("\t")
        rows[cells[0]] = cells[-1]
    return rows


def test_the_published_reports_own_tables_come_back(report):
    lac = _published_table("Team")
    assert {row["label"]: str(row["value"]) for row in report.table("stage-1-lac-source-labels").rows} == lac
    learning = _published_table("Learnings")
    assert sorted(map(int, learning.values()), reverse=True) == list(report.figures["stage_1_learning"].values())
    stage_2 = _published_table("Service Area")
    assert stage_2.pop("Grand Total") == str(report.figures["stage_2_total"])
    assert sorted(map(int, stage_2.values()), reverse=True) == sorted(
        report.figures["stage_2_by_team"].values(), reverse=True
    )
