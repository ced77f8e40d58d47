"""What happens the moment an answer suggests danger: the draft is flagged and the duty manager alerted then,
not when (or if) the person presses Send.

Both views call `record` after saving an answer; it does nothing unless the conversation is flagged. The alert is
a row in the outbox marked urgent (reminders/policy.py), so the scheduler's next sweep, a minute later at most,
sends it whatever the hour. It names the kinds of danger and links to the conversation for staff; it never
carries what the person wrote, their name or how to reach them.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col

from content.dates import time_and_date
from intake.engine import State
from intake.safeguarding import BY_SLUG, CATEGORIES, UNSAFE, label
from models import audit
from models.audit import Action
from models.base import require_id
from models.complaints import Complaint
from models.drafts import ConversationDraft
from models.outbox import OutboxMessage
from models.safeguarding import SafeguardingReview
from reminders.outbox import queue_once
from reminders.policy import DISCLOSURE_ALERT, UNSAFE_ALERT
from settings import Settings

log = logging.getLogger(__name__)


def staff_draft_path(draft_id: int) -> str:
    """Where staff read an unsent conversation (casework/views/disclosures.py serves it)."""
    return f"/staff/disclosures/{draft_id}"


def draft_alert_prefix(draft_id: int) -> str:
    return f"draft:{draft_id}:safeguarding:"


def labels(slugs) -> list[str]:
    """Staff names of the categories, in the categories' own order (the gravest first), whatever order they came."""
    found = set(slugs)
    return [category.label for category in CATEGORIES if category.slug in found] + [
        label(slug) for slug in sorted(found - set(BY_SLUG))
    ]


def record(
    session: Session,
    draft: ConversationDraft,
    state: State,
    settings: Settings,
    now: datetime,
    *,
    pressed_unsafe: bool = False,
) -> None:
    """Flag the draft and queue the duty manager's alert when the conversation holds a disclosure. Flushes.

    One alert per draft per new set of categories: the key names the set, so the same answer saved twice (a retry,
    a double click, two tabs) finds its alert queued already, and a new kind of danger makes one more. Every press
    of "I don't feel safe" (`pressed_unsafe`) is a new alert, as on the status page: a child pressing it a second
    time may be in more danger than the first; presses in the same minute share one.
    """
    if not state.flagged or draft.complaint_id is not None:
        return
    before = set(draft.safeguarding_categories or [])
    categories = sorted(before | set(state.answers.get("_categories") or []))
    if draft.flagged_at is not None and set(categories) == before and not pressed_unsafe:
        return
    draft.flagged_at = draft.flagged_at or now
    draft.safeguarding_categories = categories
    # Something new was said: whatever staff decided before, it needs looking at again.
    draft.safeguarding_reviewed_at = None
    session.add(draft)
    session.flush()
    draft_id = require_id(draft)
    if settings.duty_manager_email:
        queue_once(
            session,
            {
                "idempotency_key": draft_alert_prefix(draft_id)
                + (",".join(categories) or "flagged")
                + (f":pressed:{now:%Y-%m-%dT%H:%M}" if pressed_unsafe else ""),
                "recipient": settings.duty_manager_email,
                "template": DISCLOSURE_ALERT,
                "context": {
                    "categories": labels(categories),
                    "new_categories": labels(c for c in categories if c not in before),
                    "staff_url": settings.base_url + staff_draft_path(draft_id),
                    "when": time_and_date(now, settings.timezone),
                    "first": not before,
                    "pressed_unsafe": pressed_unsafe,
                },
                "send_after": now,
                "created_at": now,
            },
        )
    # Ids only in logs, never what was said.
    log.info("draft %s flagged for safeguarding: %s", draft.id, ",".join(categories))


def record_unsafe_on_complaint(session: Session, complaint: Complaint, settings: Settings, now: datetime) -> None:
    """The person pressed "I don't feel safe" on their status page: flag the complaint and alert the duty manager
    again (a new alert each time, however many came before). Flushes.

    Presses within the same minute share a key, so a double tap or a reload sends one email, not several.
    """
    complaint.safeguarding_flag = True
    complaint.safeguarding_categories = sorted(set(complaint.safeguarding_categories or []) | {UNSAFE})
    complaint.safeguarding_reviewed_at = None
    session.add(complaint)
    audit.record(session, "complainant", complaint, Action.SAFEGUARDING_UNSAFE, at=now)
    session.flush()
    if settings.duty_manager_email:
        queue_once(
            session,
            {
                "idempotency_key": f"complaint:{complaint.id}:{UNSAFE}:{now:%Y-%m-%dT%H:%M}",
                "recipient": settings.duty_manager_email,
                "template": UNSAFE_ALERT,
                "context": {
                    "reference": complaint.reference,
                    "categories": labels(complaint.safeguarding_categories),
                    "when": time_and_date(now, settings.timezone),
                },
                "send_after": now,
                "created_at": now,
                "complaint_id": complaint.id,
            },
        )
    log.info("complaint %s: 'I don't feel safe' pressed", complaint.reference)


def carry_to_complaint(session: Session, draft: ConversationDraft, complaint: Complaint) -> None:
    """The draft is being sent: the complaint takes its flag, categories and review, and its alerts become the
    complaint's (so the case page shows whether they went, and the planner sends no second full alert). Flushes."""
    if draft.flagged_at is None:
        return
    complaint.safeguarding_flag = True
    complaint.safeguarding_categories = sorted(
        set(complaint.safeguarding_categories or []) | set(draft.safeguarding_categories or [])
    )
    complaint.safeguarding_reviewed_at = draft.safeguarding_reviewed_at
    session.add(complaint)
    session.exec(
        update(OutboxMessage)
        .where(col(OutboxMessage.idempotency_key).startswith(draft_alert_prefix(require_id(draft)), autoescape=True))
        .values(complaint_id=complaint.id)
    )
    session.exec(
        update(SafeguardingReview)
        .where(col(SafeguardingReview.draft_id) == draft.id)
        .values(complaint_id=complaint.id, draft_id=None)
    )
    session.flush()
