"""Drafts: found only by their token, gone after 28 days, and claimed for sending by one request only."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from intake.drafts import KEEP_FOR, claim_for_sending, create_draft, find_draft
from models.db import get_engine
from models.drafts import ConversationDraft
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
