"""Feedback that is not a complaint: imported from a CSV or recorded by staff in the page, audited."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import func, select

from casework.feedback import FeedbackImportRefused, import_feedback
from models.audit import Action, AuditEvent
from models.feedback import Feedback
from tests.factories import load_directory

TODAY = date(2026, 12, 1)


@pytest.fixture
def directory(db_session):
    load_directory(db_session)
    db_session.commit()
    return db_session


def count(session) -> int:
    return session.exec(select(func.count()).select_from(Feedback)).one()


def test_a_file_of_feedback_loads_with_teams_matched_and_a_summary(directory):
    text = "\n".join(
        [
            "kind;received_on;team;responded_on;summary",
            "compliment;2022-04-05 00:00:00;Assessments;;Thanks to the social worker",
            "MP enquiry;05-04-2022;;2022-04-12;About a school transport decision",
            "councillor-enquiry;04/05/2022;Leaving care;;Setting up home grant",
        ]
    )
    report = import_feedback(directory, text, today=TODAY)
    assert (report.created, report.ambiguous_dates) == (3, 2)  # 05-04 and 04/05 could each swap
    assert report.by_kind == {"compliment": 1, "mp-enquiry": 1, "councillor-enquiry": 1}
    kinds = directory.exec(select(Feedback.kind, Feedback.received_on).order_by(Feedback.id)).all()
    assert kinds == [
        ("compliment", date(2022, 4, 5)),
        ("mp-enquiry", date(2022, 4, 5)),
        ("councillor-enquiry", date(2022, 5, 4)),
    ]
    assert "New feedback" in report.table()


def test_a_bad_row_refuses_the_file_naming_the_line(directory):
    text = "kind,received_on,team,responded_on,summary\ncompliment,2022-04-05,,,\ngossip,2030-01-01,,2021-01-01,x"
    with pytest.raises(FeedbackImportRefused) as refused:
        import_feedback(directory, text, today=TODAY)
    assert refused.value.report.problems == [
        "line 3: unknown kind 'gossip' (use one of: compliment, enquiry, mp-enquiry, councillor-enquiry, "
        "pre-complaint, professional-complaint)",
        "line 3: received_on: '2030-01-01' is in the future",
    ]
    directory.rollback()
    assert count(directory) == 0
    assert import_feedback(directory, text, today=TODAY, skip_invalid=True).created == 1


def test_the_import_feedback_command(app, directory, tmp_path):
    path = tmp_path / "feedback.csv"
    path.write_text("kind,received_on,team,responded_on,summary\npre-complaint,2022-04-05,,,Sorted on the phone\n")
    result = app.test_cli_runner().invoke(args=["import-feedback", str(path)])
    assert result.exit_code == 0, result.output
    assert "Pre-complaint" in result.output
    directory.rollback()
    assert count(directory) == 1


def form(**overrides) -> dict[str, str]:
    return {
        "kind": "compliment",
        "received_on-day": "5",
        "received_on-month": "4",
        "received_on-year": "2025",
        "team": "assessments",
        "summary": "A thank-you card for the team",
    } | overrides


def test_an_officer_records_feedback_in_the_page_and_it_is_audited(signed_in, write):
    officer = signed_in("officer")
    assert officer.post("/staff/feedback", data=form()).status_code == 302
    page = officer.get("/staff/feedback").get_data(as_text=True)
    assert "A thank-you card for the team" in page and "Compliment" in page
    event = write(lambda s: s.exec(select(AuditEvent).where(AuditEvent.action == Action.FEEDBACK_RECORDED)).one())
    assert event.after["summary_characters"] == len("A thank-you card for the team")
    assert "thank-you" not in str(event.after)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"kind": ""}, "Choose what kind of feedback it is"),
        ({"received_on-day": "31", "received_on-month": "2"}, "Enter the date it was received"),
        ({"received_on-year": "2999"}, "must be today or in the past"),
        ({"summary": " "}, "Enter a short summary"),
        ({"responded_on-day": "1", "responded_on-month": "1", "responded_on-year": "2025"}, "The reply date must be"),
        ({"responded_on-day": "x"}, "Enter a real reply date"),
        ({"team": "no-such-team"}, "Choose a team from the list"),
    ],
)
def test_bad_feedback_is_refused_with_its_field_and_nothing_saved(signed_in, write, overrides, message):
    response = signed_in("officer").post("/staff/feedback", data=form(**overrides))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert write(count) == 0


def test_a_manager_records_only_for_their_own_team_and_admins_cannot(signed_in, write):
    manager = signed_in("manager")
    assert manager.post("/staff/feedback", data=form(team="assessments")).status_code == 400
    assert manager.post("/staff/feedback", data=form(team="leaving-care")).status_code == 302
    assert signed_in("admin").get("/staff/feedback").status_code == 403
