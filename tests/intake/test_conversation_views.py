"""The shared scenarios played through both views, each ending in a sent complaint checked in the database."""

from __future__ import annotations

import pytest
from sqlmodel import select

from intake.submission import stage_one_due
from models.complaints import Complaint, StageRecord
from models.drafts import ConversationDraft
from models.outbox import OutboxMessage
from models.teams import Team
from tests.factories import load_directory
from tests.intake.drivers import ApiDriver, HtmlDriver
from tests.intake.scenarios import SCENARIOS, Scenario, play

DRIVERS = {"api": ApiDriver, "html": HtmlDriver}


@pytest.fixture
def web(client, db_session):
    load_directory(db_session)
    db_session.commit()
    return client


@pytest.mark.parametrize("view", DRIVERS)
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_scenario(web, db_session, settings, view: str, scenario: Scenario):
    driver = DRIVERS[view](web)
    play(driver, scenario)
    reference = driver.send()

    complaint = db_session.exec(select(Complaint).where(Complaint.reference == reference)).one()
    for name, expected in scenario.complaint.items():
        assert getattr(complaint, name) == expected, name
    team = db_session.get(Team, complaint.team_id) if complaint.team_id else None
    assert (team.slug if team else None) == scenario.team
    assert complaint.channel == "online" and complaint.status_token_hash
    stage = db_session.exec(select(StageRecord).where(StageRecord.complaint_id == complaint.id)).one()
    received = complaint.received_at.astimezone(settings.timezone).date()
    assert (stage.stage, stage.received_on, stage.team_id) == (1, received, complaint.team_id)
    assert stage.due_on == stage_one_due(settings, received)
    draft = db_session.exec(select(ConversationDraft).where(ConversationDraft.complaint_id == complaint.id)).one()
    assert draft.current_step == "sent"

    templates = set(
        db_session.exec(select(OutboxMessage.template).where(OutboxMessage.complaint_id == complaint.id)).all()
    )
    if complaint.safeguarding_flag:  # alerted at the disclosure; the complaint's own email only says it is sent now
        assert {
            "safeguarding-disclosure",
            "safeguarding-now-sent",
        } <= templates and "safeguarding-alert" not in templates
    if complaint.contact_method == "email":
        assert "acknowledgement" in templates
        resume = db_session.exec(select(OutboxMessage).where(OutboxMessage.template == "intake-resume")).one()
        assert resume.recipient == complaint.email
        # Sent: the "carry on where you left off" email must not follow the complaint.
        assert resume.status == "cancelled"
