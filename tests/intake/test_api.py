"""The JSON API: bad input of every sort gets a 4xx with a clear message, never a 500; sending happens once."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from sqlmodel import func, select

from models.complaints import Complaint, hash_token
from models.drafts import ConversationDraft
from models.outbox import OutboxMessage
from tests.factories import load_directory
from tests.intake.drivers import ApiDriver
from tests.intake.scenarios import FINISH, SCENARIOS


@pytest.fixture
def api(client, db_session):
    load_directory(db_session)
    db_session.commit()
    return ApiDriver(client)


def error_of(response, status: int) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert body["error"]["code"] and body["error"]["message"]
    return body


def test_start_gives_an_id_a_token_and_the_first_question(client, db_session):
    response = client.post("/api/v1/conversations")
    assert response.status_code == 201
    data = response.get_json()
    assert {"id", "token", "question", "transcript", "resume_url"} <= data.keys()
    question = data["question"]
    assert {"id", "text", "kind", "options", "required", "help"} <= question.keys()
    assert question["kind"] == "choice" and {"value", "label"} == question["options"][0].keys()
    assert data["transcript"] == []
    assert len(data["token"]) >= 40
    assert response.headers["Cache-Control"] == "no-store"


def test_get_shows_where_the_conversation_is(api):
    api.say("role", "child")
    response = api.client.get(f"/api/v1/conversations/{api.id}", headers=api.headers)
    data = response.get_json()
    assert data["question"]["id"] == "about"
    assert [m["from"] for m in data["transcript"]] == ["service", "person"]


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), ({"Authorization": "Basic abc"}, 401), ({"Authorization": "Bearer wrong-token"}, 401)],
)
def test_wrong_or_missing_token(api, headers, status):
    for method, path in (("get", ""), ("post", "/answers"), ("post", "/back"), ("post", "/submit")):
        response = getattr(api.client, method)(f"/api/v1/conversations/{api.id}{path}", headers=headers, json={})
        error_of(response, status)


def test_someone_elses_id_with_my_token_is_refused(api):
    other = ApiDriver(api.client)
    response = api.client.get(f"/api/v1/conversations/{other.id}", headers=api.headers)
    error_of(response, 401)
    error_of(api.client.get("/api/v1/conversations/99999", headers=api.headers), 401)
    error_of(api.client.get("/api/v1/conversations/not-a-number", headers=api.headers), 404)


@pytest.mark.parametrize(
    ("kwargs", "status", "code"),
    [
        ({"data": "answer=yes", "content_type": "application/x-www-form-urlencoded"}, 400, "bad_request"),
        (
            {"data": "{not json", "content_type": "application/json"},
            400,
            "invalid_json",
        ),  # every API, before any view: web/json_body.py
        ({"json": ["child"]}, 400, "bad_request"),
        ({"json": {"answer": 7}}, 422, "wrong_type"),
        ({"json": {"answer": ["child"]}}, 422, "wrong_type"),
        ({"json": {"answer": {"x": 1}}}, 422, "wrong_type"),
        ({"json": {"answer": "child", "step": 3}}, 422, "wrong_type"),
        ({"json": {}}, 422, "required"),
        ({"json": {"answer": ""}}, 422, "required"),
        ({"json": {"answer": "nonsense"}}, 422, "unknown_option"),
        ({"json": {"answer": "x@example.com", "step": "email"}}, 409, "not_asked"),
        ({"json": {"answer": "x", "step": "no-such-step"}}, 409, "not_asked"),
    ],
)
def test_bad_answers_are_refused_kindly(api, kwargs, status, code):
    body = error_of(api.post("/answers", **kwargs), status)
    assert body["error"]["code"] == code
    if status == 422 and code != "wrong_type":
        assert body["question"]["id"] == "role"


def test_huge_answers(api):
    api.say("role", "parent")
    api.say("about", "dont-know")
    body = error_of(api.post("/answers", json={"answer": "x" * 6000}), 422)
    assert body["error"]["code"] == "too_long" and "5,000" in body["error"]["message"]
    response = api.post("/answers", data="x" * (101 * 1024), content_type="application/json")
    error_of(response, 413)


def test_a_refused_answer_saves_nothing(api, db_session):
    api.say("role", "parent")
    api.post("/answers", json={"answer": ""})
    draft = db_session.get(ConversationDraft, api.id)
    assert draft.current_step == "about" and "about" not in draft.answers


def test_script_tags_come_back_as_the_same_text(api):
    api.say("role", "parent")
    api.say("about", "dont-know")
    typed = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    response = api.post("/answers", json={"answer": typed})
    assert response.status_code == 200
    assert any(message["text"] == typed for message in response.get_json()["transcript"])


def test_danger_brings_the_safety_message(api):
    api.say("role", "child")
    api.say("about", "dont-know")
    data = api.post("/answers", json={"answer": "my foster dad hits me"}).get_json()
    safety = data["safety"]
    assert safety["message"].startswith("Thank you for telling us. It's not your fault.")
    assert set(safety) == {"message", "categories", "help"} and safety["categories"]
    phones = [line.get("phone") for line in safety["help"]]
    assert phones[:2] == ["999", "0800 1111"]
    assert all(set(line) <= {"name", "phone", "text", "url"} and line["name"] for line in safety["help"])


def test_off_topic_words_get_a_note_on_where_to_go(api):
    api.say("role", "parent")
    data = api.post("/answers", json={"answer": "my bins were not collected"}).get_json()
    assert any("waste team" in note for note in data["notes"])


def test_back(api):
    api.say("role", "parent")
    api.say("about", "my social worker")
    data = api.post("/back").get_json()
    assert data["question"]["id"] == "about" and data["question"]["value"] == "my social worker"


def test_sending_before_ready_is_refused(api):
    api.say("role", "parent")
    body = error_of(api.post("/submit"), 409)
    assert body["error"]["code"] == "not_ready" and body["question"]["id"] == "about"


def test_sent_once_however_often_it_is_sent(api, db_session):
    for step, answer in FINISH:
        assert api.say(step, answer) == (None, False)
    assert api.question is None
    first = api.post("/submit")
    second = api.post("/submit")
    assert first.status_code == second.status_code == 201
    one, two = first.get_json(), second.get_json()
    assert one["reference"] == two["reference"]
    assert {"reference", "team", "due", "status_url"} <= one.keys()
    assert one["team"] is None and "/status/" in one["status_url"]
    assert db_session.exec(select(func.count()).select_from(Complaint)).one() == 1
    # A repeat shows the same private link again (the first reply may never have reached the screen).
    assert one["status_url"] == two["status_url"]
    complaint = db_session.exec(select(Complaint)).one()
    assert complaint.status_token_hash == hash_token(two["status_url"].rsplit("/", 1)[1])
    error_of(api.post("/answers", json={"answer": "x"}), 409)
    error_of(api.client.get(f"/api/v1/conversations/{api.id}", headers=api.headers), 409)


def test_a_repeat_send_keeps_the_link_in_the_acknowledgement_email_working(api, db_session):
    for turn in SCENARIOS[0].turns:  # a child who gives an email address
        if turn.error is None:
            assert api.say(turn.step, turn.answer)[0] is None, turn.step
    first = api.post("/submit").get_json()
    api.post("/submit")  # a double click, or a retry after a lost reply
    acknowledgement = db_session.exec(select(OutboxMessage).where(OutboxMessage.recipient == "jay@example.com"))
    emailed = {message.context.get("status_url") for message in acknowledgement} - {None}
    assert emailed == {first["status_url"]}
    page = api.client.get(urlsplit(first["status_url"]).path)
    assert page.status_code == 200


def test_an_expired_draft_is_gone(api, db_session):
    draft = db_session.get(ConversationDraft, api.id)
    draft.expires_at = draft.expires_at - timedelta(days=29)
    db_session.add(draft)
    db_session.commit()
    body = error_of(api.client.get(f"/api/v1/conversations/{api.id}", headers=api.headers), 401)
    assert "28 days" in body["error"]["message"]


def test_wrong_method_is_a_json_error(client):
    error_of(client.get("/api/v1/conversations"), 405)


def test_the_openapi_document_describes_the_conversation(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    assert document["openapi"].startswith("3.")
    paths = document["paths"]
    for path in ("", "/{id}", "/{id}/answers", "/{id}/back", "/{id}/submit"):
        assert f"/api/v1/conversations{path}" in paths
    kinds = document["components"]["schemas"]["Question"]["properties"]["kind"]["enum"]
    assert set(kinds) == {"choice", "text", "long_text", "email", "phone", "date", "yes_no", "confirm"}
