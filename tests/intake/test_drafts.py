"""Drafts: found only by their token, gone after 28 days, and claimed for sending by one request only."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from intake.drafts import (
    KEEP_FOR,
    claim_for_sending,
    create_draft,
    find_draft,
    queue_resume_email,
    read_draft,
    save,
)
from intake.submission import submit
from models.complaints import Complaint
from models.db import get_engine
from models.drafts import ConversationDraft
from models.outbox import OutboxMessage
from tests.databases import counting_statements
from tests.intake.test_engine import make_engine

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def test_a_draft_is_found_by_its_token_and_only_the_hash_is_kept(db_session):
    draft, token = create_draft(db_session, make_engine(), NOW)
    db_session.commit()
    assert token not in draft.token_hash
    assert find_draft(db_session, token, NOW).id == draft.id
    assert find_draft(db_session, token + "x", NOW) is None
    assert find_draft(db_session, token, NOW, draft_id=draft.id + 1) is None
    assert find_draft(db_session, token, NOW + KEEP_FOR + timedelta(seconds=1)) is None


def test_a_draft_read_for_showing_is_the_same_draft_and_is_never_saved(db_session):
    draft, token = create_draft(db_session, make_engine(), NOW)
    db_session.commit()
    shown = read_draft(db_session, token, NOW, draft_id=draft.id)
    assert (shown.id, shown.answers, shown.current_step, shown.expires_at) == (
        draft.id,
        draft.answers,
        draft.current_step,
        draft.expires_at,
    )
    assert read_draft(db_session, token + "x", NOW) is None
    assert read_draft(db_session, token, NOW, draft_id=draft.id + 1) is None
    assert read_draft(db_session, token, NOW + KEEP_FOR + timedelta(seconds=1)) is None
    shown.current_step = "changed"
    db_session.commit()
    db_session.expire_all()
    assert find_draft(db_session, token, NOW).current_step == draft.current_step


def test_saving_answers_writes_the_draft_once(db_session, clean_db):
    engine = make_engine()
    draft, token = create_draft(db_session, engine, NOW)
    db_session.commit()
    state = engine.start()
    assert engine.answer(state, "parent", "role").error is None
    later = NOW + timedelta(hours=1)
    with counting_statements(clean_db) as statements:
        save(db_session, draft, state, later)
        db_session.commit()
    assert len(statements) == 1 and statements[0].startswith("UPDATE conversation_draft"), statements
    with Session(get_engine(clean_db)) as fresh:
        saved = find_draft(fresh, token, later)
        assert (saved.answers, saved.current_step, saved.expires_at) == (state.answers, state.current, later + KEEP_FOR)
    assert (draft.answers, draft.current_step) == (state.answers, state.current)


def test_expired_drafts_are_deleted_as_new_ones_start(db_session):
    old, _ = create_draft(db_session, make_engine(), NOW - timedelta(days=40))
    db_session.commit()
    old_hash = old.token_hash
    create_draft(db_session, make_engine(), NOW)
    db_session.commit()
    hashes = db_session.exec(select(ConversationDraft.token_hash)).all()
    assert len(hashes) == 1 and old_hash not in hashes


def test_two_sends_at_once_claim_the_draft_once(db_session, clean_db):
    draft, _ = create_draft(db_session, make_engine(), NOW)
    db_session.commit()
    first = Session(get_engine(clean_db), expire_on_commit=False)
    second = Session(get_engine(clean_db), expire_on_commit=False)
    results = {}
    try:
        results["first"] = claim_for_sending(first, first.get(ConversationDraft, draft.id))
        other_draft = second.get(ConversationDraft, draft.id)
        second.rollback()  # no read snapshot held while waiting: as a fresh request would be

        def send_again():
            results["second"] = claim_for_sending(second, other_draft)
            second.commit()

        waiting = threading.Thread(target=send_again)
        waiting.start()
        waiting.join(timeout=0.5)
        assert waiting.is_alive(), "the second send should wait for the first to finish"
        first.commit()
        waiting.join(timeout=10)
        assert results == {"first": True, "second": False}
    finally:
        first.close()
        second.close()


READY = (
    ("role", "parent"),
    ("about", "dont-know"),
    ("what_happened", "Nobody came."),
    ("when", "not-sure"),
    ("wanted", "An apology"),
    ("contact", "email"),
    ("email", "pat@example.com"),
    ("name", "Pat"),
)


def _resume_emails(session) -> list[tuple[str, str]]:
    rows = session.exec(select(OutboxMessage).where(OutboxMessage.template == "intake-resume")).all()
    return sorted((row.recipient, row.status) for row in rows)


def _ready_draft(session):
    engine = make_engine()
    draft, _token = create_draft(session, engine, NOW)
    state = engine.start()
    for step, answer in READY:
        assert engine.answer(state, answer, step).error is None, step
    save(session, draft, state, NOW)
    queue_resume_email(session, draft, "pat@example.com", "http://test/complaint/resume/t", NOW)
    session.commit()
    return draft, state, engine


def _send(session, draft, state, engine, settings):
    return submit(session, draft, state, engine, settings, NOW, status_url_for=lambda token: f"http://test/{token}")


def test_sending_cancels_the_waiting_resume_email_in_the_same_transaction(db_session, settings):
    draft, state, engine = _ready_draft(db_session)
    assert _resume_emails(db_session) == [("pat@example.com", "pending")]

    _send(db_session, draft, state, engine, settings)
    assert _resume_emails(db_session) == [("pat@example.com", "cancelled")]
    db_session.rollback()  # the send failed after all: the email is back with the draft, nothing half-done
    assert _resume_emails(db_session) == [("pat@example.com", "pending")]
    assert db_session.exec(select(Complaint)).all() == []

    _send(db_session, draft, state, engine, settings)
    db_session.commit()
    assert _resume_emails(db_session) == [("pat@example.com", "cancelled")]


def test_no_resume_email_is_queued_once_the_draft_is_sent(db_session, clean_db, settings):
    draft, state, engine = _ready_draft(db_session)
    # A request that loaded the draft before the send committed still holds the old copy.
    late = Session(get_engine(clean_db), expire_on_commit=False)
    try:
        stale = late.get(ConversationDraft, draft.id)
        late.expunge(stale)
        late.rollback()
        _send(db_session, draft, state, engine, settings)
        db_session.commit()

        queue_resume_email(db_session, draft, "new@example.com", "http://test/complaint/resume/t", NOW)
        queue_resume_email(late, stale, "late@example.com", "http://test/complaint/resume/t", NOW)
        db_session.commit()
        late.commit()
    finally:
        late.close()
    assert _resume_emails(db_session) == [("pat@example.com", "cancelled")]
