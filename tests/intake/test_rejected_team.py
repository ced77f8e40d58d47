"""A team the person said it is not ("No" to "it sounds like this is ...") is kept on the complaint for triage, and a
complaint waiting for triage is acknowledged at once: the team can come later, the person's email cannot wait."""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.complaints import Complaint
from models.outbox import OutboxMessage
from tests.factories import load_directory
from tests.intake.drivers import ApiDriver


@pytest.fixture
def api(client, db_session):
    load_directory(db_session)
    db_session.commit()
    return ApiDriver(client)


CHILD_SAYS_NO = (
    ("role", "child"),
    ("about", "the child protection team"),
    ("team_confirm", "other"),
    ("team_choose", "dont-know"),
    ("what_happened", "Nobody rang me back after the meeting."),
    ("when", "not-sure"),
    ("wanted", "A call back"),
    ("advocate", "no"),
    ("contact", "email"),
    ("email", "rio@example.com"),
    ("name", "Rio"),
)


def test_a_rejected_team_is_kept_and_the_complaint_in_triage_is_acknowledged_at_once(api, db_session):
    for step, answer in CHILD_SAYS_NO:
        assert api.say(step, answer)[0] is None, step
    reference = api.post("/submit").get_json()["reference"]
    complaint = db_session.exec(select(Complaint).where(Complaint.reference == reference)).one()
    assert complaint.status == "awaiting-triage" and complaint.team_id is None
    assert complaint.rejected_teams == ["child-protection"]
    (acknowledgement,) = db_session.exec(
        select(OutboxMessage).where(
            OutboxMessage.complaint_id == complaint.id, OutboxMessage.template == "acknowledgement"
        )
    )
    assert acknowledgement.recipient == "rio@example.com" and acknowledgement.status == "pending"
    assert acknowledgement.context["deadline"]  # the reply date is set on arrival, whoever triages it later


def test_choosing_another_team_keeps_the_rejection_too(api, db_session):
    answers = dict(CHILD_SAYS_NO, team_choose="early-help")
    for step, answer in answers.items():
        assert api.say(step, answer)[0] is None, step
    reference = api.post("/submit").get_json()["reference"]
    complaint = db_session.exec(select(Complaint).where(Complaint.reference == reference)).one()
    assert complaint.status == "open" and complaint.rejected_teams == ["child-protection"]


def test_yes_rejects_nothing(api, db_session):
    answers = dict(CHILD_SAYS_NO, team_confirm="yes")
    del answers["team_choose"]
    for step, answer in answers.items():
        assert api.say(step, answer)[0] is None, step
    reference = api.post("/submit").get_json()["reference"]
    complaint = db_session.exec(select(Complaint).where(Complaint.reference == reference)).one()
    assert complaint.rejected_teams == []
