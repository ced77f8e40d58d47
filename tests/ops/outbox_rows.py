"""Outbox rows as the planner would leave them, for the health and metrics tests."""

from __future__ import annotations

from datetime import datetime

from models.outbox import OutboxMessage


def outbox_row(key: str, template: str, status: str, send_after: datetime) -> OutboxMessage:
    return OutboxMessage(
        idempotency_key=key,
        recipient="duty-manager@example.test",
        template=template,
        context={},
        send_after=send_after,
        status=status,
        attempts=5 if status == "failed" else 0,
        last_error="SMTPRecipientsRefused: refused" if status == "failed" else "",
    )
