"""The subject access export: the complainant's own data, and colleagues named by role only."""

from __future__ import annotations

from datetime import UTC, datetime

from casework.subject_access import export_complaint
from models.outbox import OutboxMessage
from tests.factories import add_complaint, add_staff

NOW = datetime(2018, 1, 15, 10, 0, tzinfo=UTC)


def email(session, complaint, recipient: str, template: str) -> None:
    session.add(
        OutboxMessage(
            idempotency_key=f"{template}:{recipient}",
            recipient=recipient,
            template=template,
            send_after=NOW,
            complaint_id=complaint.id,
        )
    )
    session.flush()


def test_emails_to_staff_are_listed_without_their_addresses(db_session, settings):
    add_staff(db_session, settings)
    complaint = add_complaint(db_session, reference="CS-SARX-0001", team="leaving-care", received=NOW.date())
    email(db_session, complaint, "Sam@Example.test", "acknowledgement")
    email(db_session, complaint, "manager@example.test", "stage-due-soon")
    exported = export_complaint(db_session, complaint)
    assert exported["complaint"]["email"] == "sam@example.test"
    recipients = {item["template"]: item["recipient"] for item in exported["emails"]}
    assert recipients == {"acknowledgement": "Sam@Example.test", "stage-due-soon": "staff"}
    assert "manager@example.test" not in str(exported)
