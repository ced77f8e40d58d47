"""Drafts on the server: a conversation saved after every answer, found again by its unguessable token.

Only a hash of the token is stored (like a password): a copy of the database cannot resume anyone's draft.
Functions take the caller's session, flush, and never commit.
"""

from __future__ import annotations

import hmac
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, or_, update
from sqlalchemy import select as sa_select
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from content.i18n import current_language
from intake.engine import Engine, State
from models.base import table_of
from models.complaints import hash_token, new_token
from models.drafts import ConversationDraft
from models.outbox import OutboxMessage, OutboxStatus

KEEP_FOR = timedelta(days=28)
SENT = "sent"  # current_step once the complaint is made; claimed in one UPDATE so a double click makes one
# Built once: every step of every conversation starts with this read (SQLAlchemy keeps its compiled form).
_BY_TOKEN = select(ConversationDraft).where(col(ConversationDraft.token_hash) == bindparam("token_hash"))


def create_draft(session: Session, engine: Engine, now: datetime) -> tuple[ConversationDraft, str]:
    """A new draft and its token (the token is returned once and never stored)."""
    # Expired drafts go as new ones come: the table stays small without a job of its own.
    session.exec(_EXPIRED, params={"now": now})
    token = new_token()
    state = engine.start()
    draft = ConversationDraft(
        token_hash=hash_token(token),
        answers=state.answers,
        current_step=state.current,
        created_at=now,
        updated_at=now,
        expires_at=now + KEEP_FOR,
    )
    session.add(draft)
    session.flush()
    return draft, token


def may_expire():
    """The drafts normal expiry may delete: not an unsent one holding a disclosure that staff have not reviewed.

    Nobody else may ever read what that child wrote: it stays (and stays in the staff queue) until someone has.
    """
    return or_(
        col(ConversationDraft.flagged_at).is_(None),
        col(ConversationDraft.complaint_id).is_not(None),  # sent: the complaint holds it now
        col(ConversationDraft.safeguarding_reviewed_at).is_not(None),
    )


# Built once, like _BY_TOKEN: every new conversation clears the expired drafts first.
_EXPIRED = delete(ConversationDraft).where(col(ConversationDraft.expires_at) < bindparam("now"), may_expire())


def find_draft(session: Session, token: str, now: datetime, draft_id: int | None = None) -> ConversationDraft | None:
    """The live draft for `token` (and `draft_id`, when the caller names one), or None."""
    if not token or len(token) > 200:
        return None
    draft = session.exec(_BY_TOKEN, params={"token_hash": hash_token(token)}).first()
    if draft is None or draft.expires_at < now:
        return None
    if draft_id is not None and not hmac.compare_digest(str(draft.id), str(draft_id)):
        return None
    return draft


_DRAFTS = table_of(ConversationDraft)
# The same read in SQLAlchemy Core, for a request that only shows the conversation: a third of the ORM's cost.
_ROW_BY_TOKEN = sa_select(_DRAFTS).where(_DRAFTS.c.token_hash == bindparam("token_hash"))


def read_draft(session: Session, token: str, now: datetime, draft_id: int | None = None) -> ConversationDraft | None:
    """As `find_draft`, for showing only: the draft is built from the row and is not in the session, so nothing
    done to it is saved (a view that changes a draft uses `find_draft`)."""
    if not token or len(token) > 200:
        return None
    row = session.connection().execute(_ROW_BY_TOKEN, {"token_hash": hash_token(token)}).first()
    if row is None or row.expires_at < now:
        return None
    if draft_id is not None and not hmac.compare_digest(str(row.id), str(draft_id)):
        return None
    return ConversationDraft(**row._asdict())


def state_of(draft: ConversationDraft) -> State:
    # A deep-enough copy: the engine changes the dict in place, and SQLAlchemy only sees a new dict as a change.
    answers = {key: (dict(value) if isinstance(value, dict) else value) for key, value in draft.answers.items()}
    return State(answers, draft.current_step)


def save(session: Session, draft: ConversationDraft, state: State, now: datetime) -> None:
    """Keep the answers so far; the 28 days start again from the last answer.

    One UPDATE by the draft's id, written in Core: every answer of every person makes it, inside the write
    transaction, and the ORM's flush of the same change costs several times more. The draft in hand is told the
    new values are saved (set_committed_value), so it is not written again at commit."""
    values = {
        "answers": dict(state.answers),
        "current_step": state.current,
        "updated_at": now,
        "expires_at": now + KEEP_FOR,
    }
    if draft.id is None or draft not in session:
        for name, value in values.items():
            setattr(draft, name, value)
        session.add(draft)
        session.flush()
        return
    session.flush()  # anything already changed on it goes first, in order
    session.connection().execute(_SAVE, {"draft_id": draft.id, **values})
    for name, value in values.items():
        set_committed_value(draft, name, value)


_SAVE = (
    update(_DRAFTS)
    .where(_DRAFTS.c.id == bindparam("draft_id"))
    .values(
        answers=bindparam("answers"),
        current_step=bindparam("current_step"),
        updated_at=bindparam("updated_at"),
        expires_at=bindparam("expires_at"),
    )
)


def is_sent(draft: ConversationDraft) -> bool:
    return draft.current_step == SENT or draft.complaint_id is not None


def claim_for_sending(session: Session, draft: ConversationDraft) -> bool:
    """Mark the draft as being sent, atomically. False when another request got there first.

    The UPDATE takes the row lock (PostgreSQL) or the write lock (SQLite), so of two simultaneous sends one
    waits for the other to commit and then finds nothing to claim.
    """
    result = session.exec(
        update(ConversationDraft)
        .where(col(ConversationDraft.id) == draft.id, col(ConversationDraft.current_step) != SENT)
        .values(current_step=SENT)
    )
    session.refresh(draft)
    return result.rowcount == 1


def _resume_key_prefix(draft: ConversationDraft) -> str:
    return f"draft:{draft.id}:resume:"


def queue_resume_email(session: Session, draft: ConversationDraft, email: str, resume_url: str, now: datetime) -> None:
    """Email the resume link to the address the person gave, once per address; never for a sent draft."""
    # Read from the database, not the draft in hand: a send may have committed while this request ran.
    sent_as = session.exec(select(ConversationDraft.complaint_id).where(ConversationDraft.id == draft.id)).first()
    if sent_as is not None or is_sent(draft):
        return
    key = f"{_resume_key_prefix(draft)}{hash_token(email.lower())[:16]}"
    if session.exec(select(OutboxMessage.id).where(OutboxMessage.idempotency_key == key)).first():
        return
    session.add(
        OutboxMessage(
            idempotency_key=key,
            recipient=email,
            template="intake-resume",
            context={
                "resume_url": resume_url,
                "expires_on": (now + KEEP_FOR).date().isoformat(),
                # The email ends with the help for this person (reminders/mail.py words it from content/).
                "help_role": state_of(draft).answers.get("role"),
                "language": current_language(),  # the email speaks the language of the page they asked on
            },
            send_after=now,
        )
    )
    session.flush()


def cancel_resume_emails(session: Session, draft: ConversationDraft) -> int:
    """The complaint is sent: a resume link still waiting in the outbox would only confuse. Flushes, in the
    caller's transaction (the send), so the two happen together or not at all. The cancelled row keeps no
    link: it would open the conversation to anyone who can read the outbox table."""
    result = session.exec(
        update(OutboxMessage)
        .where(
            col(OutboxMessage.idempotency_key).startswith(_resume_key_prefix(draft), autoescape=True),
            col(OutboxMessage.status) == OutboxStatus.PENDING.value,
        )
        .values(status=OutboxStatus.CANCELLED.value, last_error="complaint sent", context={})
    )
    return result.rowcount or 0
