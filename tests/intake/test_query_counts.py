"""How many SQL statements each step of the conversation makes, counted at the driver (`before_cursor_execute`).

Every person's every answer pays for each statement; a change that adds one should be a choice, so these fail
when a count grows. Counted once the worker's caches are warm (the router and the team list are built on the
first request and kept until the directory changes), as in a running service. The directory's number is read
only by a step that needs the router or the team list.
"""

from __future__ import annotations

import pytest

from models.db import get_engine, session_scope
from tests.databases import counting_statements
from tests.factories import load_directory
from tests.intake.scenarios import FINISH


@pytest.fixture
def conversation(client, clean_db):
    with session_scope(get_engine(clean_db)) as session:
        load_directory(session)
    warm = client.post("/api/v1/conversations").get_json()
    for step, text in (("role", "child"), ("about", "my leaving care worker")):  # builds the router and team list
        answer(client, (warm["id"], {"Authorization": f"Bearer {warm['token']}"}), step, text)
    data = client.post("/api/v1/conversations").get_json()
    return data["id"], {"Authorization": f"Bearer {data['token']}"}


def answer(client, conversation, step: str, text: str):
    draft_id, headers = conversation
    response = client.post(
        f"/api/v1/conversations/{draft_id}/answers", headers=headers, json={"step": step, "answer": text}
    )
    assert response.status_code == 200, response.get_json()
    return response


def test_starting_a_conversation(client, clean_db, conversation):
    with counting_statements(clean_db) as statements:
        assert client.post("/api/v1/conversations").status_code == 201
    # delete expired drafts, insert the draft (the first question needs no team directory)
    assert len(statements) <= 2, statements


def test_reading_a_conversation(client, clean_db, conversation):
    draft_id, headers = conversation
    with counting_statements(clean_db) as statements:
        assert client.get(f"/api/v1/conversations/{draft_id}", headers=headers).status_code == 200
    # the draft by its token: nothing else
    assert len(statements) <= 1, statements


def test_answering(client, clean_db, conversation):
    with counting_statements(clean_db) as statements:
        answer(client, conversation, "role", "child")
    # the draft, the draft saved
    assert len(statements) <= 2, statements


def test_answering_which_team_it_is_about(client, clean_db, conversation):
    answer(client, conversation, "role", "child")
    with counting_statements(clean_db) as statements:
        answer(client, conversation, "about", "my leaving care worker")
    # the draft, the directory's number (the router is kept per worker until it changes), the draft saved
    assert len(statements) <= 3, statements


def test_answering_with_an_email_address(client, clean_db, conversation):
    for step, text in (*FINISH[:5], ("contact", "email")):
        answer(client, conversation, step, text)
    with counting_statements(clean_db) as statements:
        answer(client, conversation, "email", "pat@example.com")
    # ... and the resume link queued once: is it sent, is it queued, queue it
    assert len(statements) <= 5, statements


def test_going_back(client, clean_db, conversation):
    draft_id, headers = conversation
    answer(client, conversation, "role", "child")
    with counting_statements(clean_db) as statements:
        assert client.post(f"/api/v1/conversations/{draft_id}/back", headers=headers).status_code == 200
    # the draft, the draft saved
    assert len(statements) <= 2, statements


def test_sending(client, clean_db, conversation):
    draft_id, headers = conversation
    for step, text in FINISH:
        answer(client, conversation, step, text)
    with counting_statements(clean_db) as statements:
        assert client.post(f"/api/v1/conversations/{draft_id}/submit", headers=headers).status_code == 201
    # the draft, the claim and the draft read back, the complaint, its stage and audit
    # event, its row in the search index, the draft marked sent, resume emails cancelled, and the reminders
    # planner's set-based statements
    assert len(statements) <= 15, statements
