"""One audit path: every event is written by models.audit.record (with its log line), under a dotted name."""

from __future__ import annotations

import logging

from models.audit import Action, AuditEvent, action_label, record
from settings import BASE_DIR

PACKAGES = ("content", "reminders", "intake", "casework", "queries", "web")


def test_only_record_builds_audit_rows():
    builders = [
        str(path.relative_to(BASE_DIR))
        for package in PACKAGES
        for path in (BASE_DIR / package).rglob("*.py")
        if "AuditEvent(" in path.read_text(encoding="utf-8")
    ]
    assert builders == []


def test_every_action_is_dotted():
    assert all(thing and what for thing, _, what in (action.value.partition(".") for action in Action))


def test_record_adds_the_row_and_logs_ids_only(db_session, caplog):
    with caplog.at_level(logging.INFO, logger="models.audit"):
        event = record(db_session, "importer", None, Action.COMPLAINT_IMPORTED, after={"lines": [2]})
    db_session.flush()
    assert db_session.get(AuditEvent, event.id).action == "complaint.imported"
    assert "audit action=complaint.imported complaint_id=None" in caplog.text


def test_the_timeline_words_for_an_action():
    assert action_label("complaint.team-reassigned") == "team reassigned"
    assert action_label("safeguarding.draft-viewed") == "safeguarding draft viewed"
    assert action_label("something-older") == "something older"
