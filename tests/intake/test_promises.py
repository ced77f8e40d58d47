"""What the README and the pages promise about a conversation, each number written here as a literal.

A test that reads the code's own constant cannot notice the constant changing; these can. When a promise
really changes, change it here, in the README and in docs/domain-rules.md together.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from limits import parse_many

from intake import drafts
from intake.drafts import create_draft, find_draft, save, state_of
from intake.views.limits import SEND_LIMIT, START_LIMIT
from models.drafts import ConversationDraft
from tests.intake.drivers import ApiDriver, HtmlDriver
from tests.intake.test_engine import make_engine

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)
SECOND = timedelta(seconds=1)


def test_a_draft_is_kept_28_days(db_session):
    draft, token = create_draft(db_session, make_engine(), NOW)
    db_session.commit()
    assert draft.expires_at == NOW + timedelta(days=28)
    assert find_draft(db_session, token, NOW + 28 * DAY - SECOND) is not None
    assert find_draft(db_session, token, NOW + 28 * DAY + SECOND) is None


def test_each_answer_starts_the_28_days_again(db_session):
    draft, token = create_draft(db_session, make_engine(), NOW)
    db_session.commit()
    answered = NOW + 20 * DAY
    save(db_session, draft, state_of(draft), answered)
    db_session.commit()
    assert find_draft(db_session, token, NOW + 28 * DAY + SECOND) is not None  # past the first 28 days
    assert find_draft(db_session, token, answered + 28 * DAY - SECOND) is not None
    assert find_draft(db_session, token, answered + 28 * DAY + SECOND) is None


def test_an_answer_through_the_api_renews_the_draft(client, db_session):
    api = ApiDriver(client)
    row = db_session.get(ConversationDraft, api.id)
    row.expires_at = datetime.now(UTC) + DAY  # as if the conversation had started 27 days ago
    db_session.add(row)
    db_session.commit()
    assert api.say("role", "child") == (None, False)
    db_session.expire_all()
    left = db_session.get(ConversationDraft, api.id).expires_at - datetime.now(UTC)
    assert timedelta(days=27, hours=23) < left <= timedelta(days=28)


def test_the_pages_and_the_api_say_28_days(client):
    html = HtmlDriver(client)
    assert "it works for 28 days" in html.page.text
    ended = client.get("/complaint/resume/not-a-real-token")
    assert ended.status_code == 404 and "for 28 days after your last answer" in ended.get_data(as_text=True)
    api = client.get("/api/v1/conversations/1", headers={"Authorization": "Bearer not-a-real-token"})
    assert "drafts are kept for 28 days" in api.get_json()["error"]["message"]
    assert "expired after 28 days" in client.get("/api/v1/openapi.json").get_data(as_text=True)


def test_the_pages_follow_the_lifetime_the_code_keeps(client, monkeypatch):
    # The words come from the constant that keeps the draft: change one and the other follows.
    monkeypatch.setattr("intake.views.KEEP_FOR", timedelta(days=7))
    page = client.get("/complaint/resume/not-a-real-token").get_data(as_text=True)
    assert "for 7 days after your last answer" in page and "28 days" not in page
    assert timedelta(days=28) == drafts.KEEP_FOR


def test_starting_and_sending_are_limited_as_promised():
    # 20 conversations an hour from one address (the README); tests/intake/test_rate_limits.py sees the 21st refused.
    assert [(item.amount, str(item)) for item in parse_many(START_LIMIT)] == [
        (20, "20 per 1 hour"),
        (100, "100 per 1 day"),
    ]
    assert [(item.amount, str(item)) for item in parse_many(SEND_LIMIT)] == [
        (10, "10 per 1 hour"),
        (50, "50 per 1 day"),
    ]
