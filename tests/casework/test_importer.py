"""Importing historical complaints: all or nothing, with every problem named by line."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import func, select

from casework.importer import ImportRefused, import_complaints
from models.complaints import Complaint, ComplaintStatus, StageLearning, StageRecord
from models.teams import Team
from reminders.calendar import WorkingCalendar
from tests.factories import load_directory

HEADER = (
    "complaint_id,stage,received_on,team,complainant_role,outcome,learning,responded_on,extended_to,extension_reason"
)
GOOD = "\n".join(
    [
        HEADER,
        "H-1,1,2017-12-20,LAC - Leaving care - Statutory Childrens,care-leaver,upheld,poor-communication,2018-01-05,,",
        "H-1,2,2018-01-15,LAC-leaving care,care-leaver,not-upheld,,2018-02-12,,",
        "H-2,1,20/12/2017,Children-Disabilities,parent,partially-upheld,delays,,2018-01-22,Advocate being arranged",
    ]
)
LONDON = ZoneInfo("Europe/London")


def run(session, text, **options):
    return import_complaints(session, text, calendar=WorkingCalendar(), zone=LONDON, **options)


def count(session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


@pytest.fixture
def directory(db_session):
    load_directory(db_session)
    db_session.commit()
    return db_session


def test_good_file_loads_complaints_stages_and_deadlines(directory):
    report = run(directory, GOOD)
    assert (report.complaints_created, report.stages_created) == (2, 3)
    leaving_care = directory.exec(select(Team).where(Team.slug == "leaving-care")).one()
    first = directory.exec(select(Complaint).where(Complaint.external_id == "H-1")).one()
    assert first.team_id == leaving_care.id
    assert first.status == ComplaintStatus.CLOSED
    stage1 = directory.exec(
        select(StageRecord).where(StageRecord.complaint_id == first.id, StageRecord.stage == 1)
    ).one()
    assert stage1.due_on == date(2018, 1, 8)  # 10 working days over Christmas
    assert count(directory, StageLearning) == 2
    second = directory.exec(select(Complaint).where(Complaint.external_id == "H-2")).one()
    assert second.status == ComplaintStatus.OPEN
    assert second.received_at.astimezone(LONDON).date() == date(2017, 12, 20)


def test_reimporting_the_same_file_changes_nothing(directory):
    run(directory, GOOD)
    directory.commit()
    before = (count(directory, Complaint), count(directory, StageRecord))
    report = run(directory, GOOD)
    assert (report.complaints_created, report.stages_created, report.unchanged_stages) == (0, 0, 3)
    assert (count(directory, Complaint), count(directory, StageRecord)) == before


def test_a_later_file_adds_the_next_stage_of_a_known_complaint(directory):
    run(directory, "\n".join(GOOD.splitlines()[:2]))
    report = run(directory, GOOD)
    assert (report.complaints_created, report.stages_created, report.unchanged_stages) == (1, 2, 1)


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("H-9,1,2017-02-30,Assessments,parent,,,,,", "line 3: received_on: '2017-02-30' is not a date"),
        ("H-9,5,2017-02-03,Assessments,parent,,,,,", "line 3: unknown stage '5'"),
        (
            "H-9,1,2017-02-03,Housing repairs,parent,,,,,",
            "line 3: team 'Housing repairs' cannot be matched confidently",
        ),
        ("H-9,1,2017-02-03,Assessments,parent,maybe,,,,", "line 3: unknown outcome 'maybe'"),
        ("H-9,1,2017-02-03,Assessments,parent,,,2017-02-01,,", "line 3: responded_on is before received_on"),
        ("H-9,1,2017-02-03,Assessments,parent,,,,2017-02-20,", "line 3: extended_to needs an extension_reason"),
        ("H-9,1,2017-02-03,Assessments,lodger,,,,,", "line 3: unknown complainant_role 'lodger'"),
        ("H-9,1,2017-02-03,Assessments,parent,,gossip,,,", "line 3: unknown learning category 'gossip'"),
        # Longer than the database column: PostgreSQL would refuse it mid-import, SQLite would keep it.
        ("H-9" + "9" * 98 + ",1,2017-02-03,Assessments,parent,,,,,", "line 3: complaint_id is longer than 100"),
        (
            "H-9,1,2017-02-03,Assessments,parent,,,,2017-02-20," + "r" * 501,
            "line 3: extension_reason is longer than 500 characters",
        ),
    ],
)
def test_a_bad_row_is_refused_by_line_and_reason_and_nothing_is_written(directory, row, reason):
    text = "\n".join([HEADER, GOOD.splitlines()[1], row])
    with pytest.raises(ImportRefused) as refused:
        run(directory, text)
    problems = [str(problem) for problem in refused.value.report.problems]
    assert any(problem.startswith(reason) for problem in problems), problems
    directory.rollback()
    assert count(directory, Complaint) == 0


def test_the_line_named_is_the_files_line_past_line_breaks_in_cells_and_blank_lines(directory):
    # What happened, in the complainant's words, often runs over several lines of a spreadsheet cell.
    text = "\n".join(
        [
            HEADER + ",what_happened",
            'H-1,1,2017-12-20,Assessments,parent,,,,,,"Nobody came.',
            "Then nobody called.",
            'Then the letter was lost."',
            "",
            "H-9,5,2017-02-03,Assessments,parent,,,,,,",
        ]
    )
    with pytest.raises(ImportRefused) as refused:
        run(directory, text)
    assert [str(problem) for problem in refused.value.report.problems] == [
        "line 6: unknown stage '5' (use 1, 2, 3 or ombudsman)"
    ]


def test_skip_invalid_writes_the_valid_complaints_and_reports_the_rest(directory):
    text = GOOD + "\nH-9,1,2017-02-30,Assessments,parent,,,,,"
    report = run(directory, text, skip_invalid=True)
    assert report.complaints_created == 2
    assert report.skipped_complaints == 1
    assert [str(p) for p in report.problems] == [
        "line 5: received_on: '2017-02-30' is not a date (use YYYY-MM-DD or DD/MM/YYYY)"
    ]


def test_dry_run_checks_everything_and_writes_nothing(directory):
    report = run(directory, GOOD, dry_run=True)
    assert report.stages_created == 3
    assert not report.written
    assert count(directory, Complaint) == 0


def test_stage_out_of_order_and_duplicates_are_refused(directory):
    text = "\n".join(
        [
            HEADER,
            "H-1,1,2018-01-20,Assessments,parent,,,,,",
            "H-1,2,2018-01-10,Assessments,parent,,,,,",
            "H-1,2,2018-01-25,Assessments,parent,,,,,",
        ]
    )
    with pytest.raises(ImportRefused) as refused:
        run(directory, text)
    problems = [str(problem) for problem in refused.value.report.problems]
    assert "line 4: Stage 2 of H-1 already on line 3" in problems


def test_missing_columns_are_named(directory):
    with pytest.raises(ImportRefused) as refused:
        run(directory, "complaint_id,stage\nH-1,1")
    assert str(refused.value.report.problems[0]) == "line 1: the header has no received_on, team column"


def test_cli_refuses_a_bad_file_naming_the_line(app, directory, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("\n".join([HEADER, GOOD.splitlines()[1], "H-9,1,not-a-date,Assessments,parent,,,,,"]))
    result = app.test_cli_runner().invoke(args=["import-complaints", str(path)])
    assert result.exit_code == 1
    assert "line 3: received_on: 'not-a-date' is not a date" in result.output
    assert "nothing was written" in result.output
    directory.rollback()
    assert count(directory, Complaint) == 0


def test_cli_imports_a_good_file(app, directory, tmp_path):
    path = tmp_path / "good.csv"
    path.write_text(GOOD)
    result = app.test_cli_runner().invoke(args=["import-complaints", str(path)])
    assert result.exit_code == 0, result.output
    assert "Imported 2 new complaints and 3 new stages from 3 rows" in result.output
    directory.rollback()
    assert count(directory, Complaint) == 2
