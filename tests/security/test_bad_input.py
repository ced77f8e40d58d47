"""Findings: a lone surrogate was kept, then every submit of that draft failed with 500; "[" x 5000 gave 500 on
three APIs; a long advocate contact hit varchar(40) on PostgreSQL; import-complaints crashed on a cell over
128 KB; the email check took "a,victim@evil.example" (two recipients)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import func, select

from casework.importer import ImportRefused, import_complaints
from intake.answers import AnswerError, parse
from intake.flow import STEPS_BY_ID
from models.complaints import Complaint
from models.drafts import ConversationDraft
from models.lengths import ValueTooLong
from models.teams import Team
from reminders.calendar import WorkingCalendar
from tests.factories import LONDON, load_directory
from tests.intake.drivers import ApiDriver

MALFORMED = [
    ("[" * 5000, "nested too deeply"),
    ('{"answer": ' + "[" * 50 + "]" * 50 + "}", "nested too deeply"),
    ('{"answer": "\\ud800"}', "not valid Unicode text"),
    ('{"\\udfff": "x"}', "not valid Unicode text"),
    ("{not json", "not JSON"),
    (b"\xff\xfe{}", "not JSON"),
]


@pytest.fixture
def api(client, db_session):
    load_directory(db_session)
    db_session.commit()
    return ApiDriver(client)


def every_json_endpoint(api) -> list[str]:
    base = f"/api/v1/conversations/{api.id}"
    return [
        "/api/v1/conversations",
        f"{base}/answers",
        f"{base}/back",
        f"{base}/unsafe",
        f"{base}/submit",
        "/api/v1/route",
        "/api/v1/ask",
    ]


@pytest.mark.parametrize(("body", "problem"), MALFORMED)
def test_malformed_json_on_every_api_is_a_clear_400(api, signed_in_api, body, problem):
    for path in every_json_endpoint(api):
        client = signed_in_api if path in ("/api/v1/route", "/api/v1/ask") else api.client
        response = client.post(path, data=body, content_type="application/json", headers=api.headers)
        assert response.status_code == 400, (path, response.get_data(as_text=True)[:300])
        assert response.get_json()["error"] == {
            "code": "invalid_json",
            "message": f"The request body is {problem}. Send one JSON object of text values.",
        }


def test_a_lone_surrogate_never_reaches_a_draft(api, db_session):
    response = api.post("/answers", data='{"step": "role", "answer": "child\\ud800"}', content_type="application/json")
    assert response.status_code == 400
    db_session.expire_all()
    assert db_session.get(ConversationDraft, api.id).answers == {}
    assert api.say("role", "child") == (None, False)  # the draft carries on, and can still be sent


def test_a_long_advocate_phone_is_refused_before_the_database(settings):
    with pytest.raises(AnswerError):  # 11 digits, 42 characters: past complaint.phone's 40
        parse(STEPS_BY_ID["advocate_contact"], "0" * 11 + " " * 30 + "1", who="adult", today=date(2026, 12, 1))
    step = STEPS_BY_ID["phone"]
    with pytest.raises(AnswerError):
        parse(step, "07700 900 123" + " " * 40 + "4", who="adult", today=date(2026, 12, 1))


def test_sized_columns_are_checked_in_the_app_on_every_database(db_session):
    db_session.add(Team(slug="x" * 500, name="Too long a slug"))
    with pytest.raises(ValueTooLong, match=r"team.slug is longer than"):
        db_session.flush()
    db_session.rollback()
    assert db_session.exec(select(func.count()).select_from(Team)).one() == 0


def test_an_import_with_a_huge_cell_is_refused_with_its_line(db_session):
    text = "complaint_id,stage,received_on,team\nA1,1,2018-01-10," + '"' + "x" * 200_000 + '"\n'
    with pytest.raises(ImportRefused) as refused:
        import_complaints(db_session, text, calendar=WorkingCalendar(), zone=LONDON)
    # The cell is that line's problem: the file is read on past it, never a traceback.
    assert str(refused.value.report.problems[0]).startswith("line 2: team is longer than 128 KB")
    assert db_session.exec(select(func.count()).select_from(Complaint)).one() == 0


@pytest.mark.parametrize(
    "address",
    [
        "a,victim@evil.example",
        "a@b.example, c@d.example",
        "Sam <sam@example.com>",
        "sam@example.com\nBcc: x@evil.example",
        "sam@localhost",
    ],
)
def test_an_email_answer_is_one_address(address):
    with pytest.raises(AnswerError):
        parse(STEPS_BY_ID["email"], address, who="adult", today=date(2026, 12, 1))
