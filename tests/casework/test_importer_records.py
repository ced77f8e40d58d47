"""The importer's newer columns and checks: what real councils' spreadsheets hold and how they write it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import delete, func, select

from casework.importer import ImportRefused, import_complaints
from models.complaints import Complaint, ReasonCategory, StageReason, StageRecord
from reminders.calendar import WorkingCalendar
from tests.factories import load_directory

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 12, 1)


def run(session, text, **options):
    options.setdefault("today", TODAY)
    return import_complaints(session, text, calendar=WorkingCalendar(), zone=LONDON, **options)


def problems_of(session, text, **options) -> list[str]:
    with pytest.raises(ImportRefused) as refused:
        run(session, text, **options)
    session.rollback()
    return [str(problem) for problem in refused.value.report.problems]


def count(session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


@pytest.fixture
def directory(db_session):
    load_directory(db_session)
    # A database fresh from the migrations has a default list; these tests name their own.
    db_session.exec(delete(ReasonCategory))
    for slug, label in (("staff-conduct", "Staff conduct or attitude"), ("communication", "Communication")):
        db_session.add(ReasonCategory(slug=slug, label=label))
    db_session.commit()
    return db_session


def complaint(session, external_id: str) -> Complaint:
    return session.exec(select(Complaint).where(Complaint.external_id == external_id)).one()


def stage(session, external_id: str, number: int) -> StageRecord:
    found = complaint(session, external_id)
    return session.exec(
        select(StageRecord).where(StageRecord.complaint_id == found.id, StageRecord.stage == number)
    ).one()


def test_a_semicolon_file_with_the_new_columns_and_everyday_spellings(directory):
    text = "\n".join(
        [
            "complaint_id;stage;received_on;team;complainant_role;outcome;reasons;learning;responded_on;procedure;"
            "via_advocate;cost;age_band;gender;ethnicity;disability",
            "S-1;1;2022-04-05 00:00:00;Assessments;Foster carer;Partially Upheld;staff conduct;delays;"
            "19-04-2022;statutory;no;;;;;",
            "S-2;1;04/05/2022;Assessments;young person;partly upheld;Staff conduct or attitude;"
            "Delays completing claims, assessments or referrals;"
            "2022-05-10;corporate;yes;£1,250.50;16 or 17;Female;white;Prefer not to say",
            "S-3;1;2022-06-01;Assessments;not recorded;not upheld;;;2022-06-08;;;;;;;",
        ]
    )
    report = run(directory, text)
    assert (report.complaints_created, report.ambiguous_dates) == (3, 1)  # 04/05/2022 could be 5 April
    first, second = complaint(directory, "S-1"), complaint(directory, "S-2")
    assert (first.complainant_role, first.procedure, first.via_advocate) == ("foster-carer", "statutory", False)
    assert stage(directory, "S-1", 1).received_on == date(2022, 4, 5)
    assert stage(directory, "S-1", 1).responded_on == date(2022, 4, 19)
    assert (second.complainant_role, second.procedure, second.via_advocate) == ("child", "corporate", True)
    assert (second.age_band, second.gender, second.ethnicity, second.disability) == (
        "16-17",
        "female",
        "white",
        "prefer-not-to-say",
    )
    record = stage(directory, "S-2", 1)
    assert record.received_on == date(2022, 5, 4)  # the UK way
    assert (record.outcome, record.cost) == ("partially-upheld", Decimal("1250.50"))
    assert count(directory, StageReason) == 2
    assert complaint(directory, "S-3").complainant_role == "not-recorded"
    assert stage(directory, "S-3", 1).outcome == "not-upheld"


def test_a_tab_separated_file_is_read(directory):
    text = "complaint_id\tstage\treceived_on\tteam\tcomplainant_role\nT-1\t1\t2022-06-01\tAssessments\tparent\n"
    assert run(directory, text).complaints_created == 1


def test_corporate_complaints_use_the_corporate_timescales_and_have_no_stage_3(directory):
    header = "complaint_id,stage,received_on,team,complainant_role,procedure,responded_on"
    text = "\n".join(
        [
            header,
            "C-1,1,2022-06-01,Assessments,parent,corporate,2022-06-10",
            "C-1,2,2022-06-20,Assessments,parent,corporate,",
            "N-1,1,2022-06-01,Assessments,parent,,",
        ]
    )
    run(directory, text)
    # 10 working days (2 and 3 June 2022 were bank holidays)
    assert stage(directory, "C-1", 1).due_on == date(2022, 6, 17)
    assert stage(directory, "C-1", 2).due_on == date(2022, 7, 18)  # 20 working days, not the statutory 25
    assert stage(directory, "N-1", 1).due_on == date(2022, 6, 17)
    corporate_3 = header + "\nC-9,1,2022-06-01,Assessments,parent,corporate,2022-06-10\n"
    corporate_3 += "C-9,2,2022-06-13,Assessments,parent,corporate,2022-06-20\nC-9,3,2022-06-21,Assessments,parent,,"
    assert "line 4: a corporate complaint has no stage 3" in problems_of(directory, corporate_3)


def test_corporate_timescales_come_from_settings(directory):
    text = (
        "complaint_id,stage,received_on,team,complainant_role,procedure\nC-1,1,2022-06-01,Assessments,parent,corporate"
    )
    run(directory, text, corporate_working_days=(5, 15))
    assert stage(directory, "C-1", 1).due_on == date(2022, 6, 10)


def test_unknown_reasons_are_refused_naming_the_known_ones_or_added_on_request(directory):
    text = "complaint_id,stage,received_on,team,complainant_role,reasons\nR-1,1,2022-06-01,Assessments,parent,"
    text += "Communication;Housing benefit"
    assert problems_of(directory, text) == [
        "line 2: unknown reason 'Housing benefit' (known: communication, staff-conduct; "
        "or import with --add-categories to add it)"
    ]
    report = run(directory, text, add_categories=True)
    assert report.categories_added == ["Housing benefit (reason)"]
    added = directory.exec(select(ReasonCategory).where(ReasonCategory.slug == "housing-benefit")).one()
    assert added.label == "Housing benefit"
    assert count(directory, StageReason) == 2


def test_a_dry_run_adds_no_category(directory):
    text = "complaint_id,stage,received_on,team,complainant_role,learning\nR-1,1,2022-06-01,Assessments,parent,Rudeness"
    report = run(directory, text, add_categories=True, dry_run=True)
    assert report.categories_added == ["Rudeness (learning category)"]
    assert count(directory, ReasonCategory) == 2


HEADER = "complaint_id,stage,received_on,team,complainant_role,responded_on,extended_to,extension_reason,panel_on"


@pytest.mark.parametrize(
    ("rows", "reason"),
    [
        (["L-1,2,2022-06-01,Assessments,parent,,,,"], "line 2: Stage 2 of L-1 has no earlier stage"),
        (
            ["L-1,1,2022-06-01,Assessments,parent,2022-06-08,,,", "L-1,3,2022-07-01,Assessments,parent,,,,"],
            "line 3: Stage 3 of L-1 has no earlier stage",
        ),
        (["L-1,ombudsman,2022-06-01,Assessments,parent,,,,"], "line 2: Ombudsman of L-1 has no earlier stage"),
        (["L-1,1,0001-06-01,Assessments,parent,,,,"], "line 2: received_on: '0001-06-01' is before 1990"),
        (["L-1,1,2022-06-01,Assessments,parent,2030-06-08,,,"], "line 2: responded_on: '2030-06-08' is in the future"),
        (["L-1,1,2022-13-01,Assessments,parent,,,,"], "line 2: received_on: '2022-13-01' is not a date"),
        (
            [
                "L-1,1,2022-06-01,Assessments,parent,2022-06-08,,,",
                "L-1,2,2022-06-09,Assessments,parent,,,,",
                "L-1,3,2022-07-01,Assessments,parent,,,,2022-06-20",
            ],
            "line 4: panel_on is before received_on",
        ),
        (
            ["L-1,1,2022-06-01,Assessments,parent,,2022-08-01,complex,"],
            "line 2: extended_to 2022-08-01 is past the furthest Stage 1 may be extended, 1 July 2022",
        ),
        (["L-1,1,2022-06-01,Assessments,parent,,,,2022-06-20"], "line 2: panel_on and report_on are for stage 3 only"),
        (["L-1,1,2022/06/01,Assessments,parent,2022/05/31,,,"], "line 2: responded_on is before received_on"),
    ],
)
def test_impossible_histories_are_refused(directory, rows, reason):
    problems = problems_of(directory, "\n".join([HEADER, *rows]))
    assert any(problem.startswith(reason) for problem in problems), problems
    assert count(directory, Complaint) == 0


def test_partial_history_accepts_a_later_stage_alone_and_a_later_file_may_continue_a_known_complaint(directory):
    run(directory, HEADER + "\nP-1,2,2022-06-01,Assessments,parent,,,,", partial_history=True)
    run(directory, HEADER + "\nK-1,1,2022-06-01,Assessments,parent,2022-06-08,,,")
    directory.commit()
    report = run(directory, HEADER + "\nK-1,2,2022-06-10,Assessments,,,,,")
    assert report.stages_created == 1


def test_an_oversized_cell_is_its_line_s_problem_and_the_other_lines_still_load(directory):
    text = "\n".join(
        [
            "complaint_id,stage,received_on,team,complainant_role,what_happened",
            'B-1,1,2022-06-01,Assessments,parent,"' + "x" * 200_000 + '"',
            "B-2,1,2022-06-01,Assessments,parent,short",
        ]
    )
    report = run(directory, text, skip_invalid=True)
    assert [str(p) for p in report.problems] == ["line 2: what_happened is longer than 128 KB"]
    assert report.complaints_created == 1


def test_the_ombudsman_row_holds_its_decision_reference_and_remedy(directory):
    text = "\n".join(
        [
            "complaint_id,stage,received_on,team,complainant_role,responded_on,ombudsman_decision,"
            "ombudsman_reference,remedy,remedy_amount",
            "O-1,1,2022-06-01,Assessments,parent,2022-06-08,,,,",
            "O-1,ombudsman,2022-09-01,Assessments,parent,2022-12-01,partly-upheld,22 004 123,Apologise and pay,£300",
        ]
    )
    run(directory, text)
    record = stage(directory, "O-1", 4)
    assert (record.ombudsman_decision, record.outcome) == ("partly-upheld", "partially-upheld")
    assert (record.ombudsman_reference, record.remedy, record.remedy_amount) == (
        "22 004 123",
        "Apologise and pay",
        Decimal("300.00"),
    )
    wrong_row = text.replace(
        "O-1,1,2022-06-01,Assessments,parent,2022-06-08,,,,", "O-1,1,2022-06-01,Assessments,parent,2022-06-08,upheld,,,"
    )
    assert "line 2: ombudsman_decision: only on the ombudsman row" in problems_of(
        directory, wrong_row.replace("O-1", "O-2")
    )


def test_a_large_import_shows_progress_and_ends_with_a_summary_table(directory):
    lines = ["complaint_id,stage,received_on,team,complainant_role"]
    lines += [f"G-{n},1,2022-06-01,Assessments,parent" for n in range(600)]
    seen: list[str] = []
    report = run(directory, "\n".join(lines), dry_run=True, progress=seen.append)
    assert seen == [
        "250 rows read, 0 problems so far",
        "500 rows read, 0 problems so far",
        "250 of 600 complaints written",
        "500 of 600 complaints written",
    ]
    table = report.table()
    assert "Rows read" in table and "600" in table and "Dates read day first" in table


def test_the_command_s_dry_run_prints_the_summary_table_with_ambiguous_dates(app, directory, tmp_path):
    path = tmp_path / "history.csv"
    path.write_text("complaint_id,stage,received_on,team,complainant_role\nA-1,1,04/05/2022,Assessments,parent\n")
    result = app.test_cli_runner().invoke(args=["import-complaints", "--dry-run", str(path)])
    assert result.exit_code == 0, result.output
    assert "Would import 1 new complaints" in result.output
    line = next(line for line in result.output.splitlines() if "Dates read day first" in line)
    assert line.split()[-1] == "1"


def test_a_complaint_keeps_one_procedure_and_a_decision_needs_its_date(directory):
    header = "complaint_id,stage,received_on,team,complainant_role,procedure,responded_on,ombudsman_decision"
    text = "\n".join(
        [
            header,
            "M-1,1,2022-06-01,Assessments,parent,corporate,2022-06-08,",
            "M-1,2,2022-06-10,Assessments,parent,statutory,,",
            "M-2,1,2022-06-01,Assessments,parent,,2022-06-08,",
            "M-2,ombudsman,2022-07-01,Assessments,parent,,,upheld",
        ]
    )
    assert problems_of(directory, text) == [
        "line 3: procedure statutory differs: the complaint is corporate",
        "line 5: ombudsman_decision needs responded_on, the day of the decision",
    ]


def test_a_later_file_is_checked_under_the_loaded_complaint_s_procedure(directory):
    header = "complaint_id,stage,received_on,team,complainant_role,procedure,responded_on,extended_to,extension_reason"
    run(directory, header + "\nK-1,1,2022-06-06,Assessments,parent,corporate,2022-06-10,,")
    directory.commit()
    # 45 working days would be a statutory stage 2's limit; a corporate one may go to 30.
    later = header + "\nK-1,2,2022-06-13,Assessments,,,,2022-08-12,complex"
    assert any("past the furthest Stage 2 may be extended" in p for p in problems_of(directory, later))


def test_long_words_are_measured_once_read_as_their_short_values(directory):
    text = "\n".join(
        [
            "complaint_id,stage,received_on,team,complainant_role,ethnicity",
            "W-1,1,2022-06-01,Assessments,Special guardian or adopter,"
            '"Black, Black British, Black Welsh, Caribbean or African"',
        ]
    )
    run(directory, text)
    found = complaint(directory, "W-1")
    assert (found.complainant_role, found.ethnicity) == ("guardian-adopter", "black")
