"""Safeguarding for staff: the unsent conversations holding a disclosure, whether each alert really went, how to
reach the person safely, and the duty manager's review.

Who may see an unsent conversation with a disclosure: officers and managers of any team. It has no team yet, and
the duty manager on call may be a manager of any team; the alert's link must open for them. Admins see none (they
see no complaints). Conversations without a disclosure are never shown to staff.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from casework import audit
from casework.actions import ActionContext, ActionRefused
from casework.roles import CASEWORK_ROLES, can_see_complaint, can_triage
from content.dates import clock_time, long_date
from intake.disclosure import draft_alert_prefix
from intake.flow import has_way_to_reach, reply_method
from models.audit import Action
from models.base import require_id
from models.complaints import Complaint
from models.drafts import ConversationDraft
from models.outbox import OutboxMessage, OutboxStatus
from models.safeguarding import REVIEW_LABELS, ReviewDecision, SafeguardingReview, label
from models.staff import StaffUser
from reminders.policy import DISCLOSURE_ALERT, NOW_SENT_ALERT, SAFEGUARDING_ALERT, UNSAFE_ALERT

ALERT_TEMPLATES = (DISCLOSURE_ALERT, UNSAFE_ALERT, SAFEGUARDING_ALERT.template)
MAX_NOTE = 2000
NO_SAFE_WAY = "No safe way to reach"
DECLINED = "Declined to give a safe way to reach"


def category_labels(slugs) -> list[str]:
    return [label(slug) for slug in slugs or []]


# --- unsent conversations -------------------------------------------------------------------------------------
def can_see_disclosures(user: StaffUser | None) -> bool:
    return user is not None and user.role in CASEWORK_ROLES


def find_flagged_draft(session: Session, user: StaffUser, draft_id: int) -> ConversationDraft | None:
    """The conversation if it holds a disclosure and `user` may read it; otherwise None (a 404 reveals nothing)."""
    if not can_see_disclosures(user):
        return None
    draft = session.get(ConversationDraft, draft_id)
    return draft if draft is not None and draft.flagged_at is not None else None


@dataclass(frozen=True)
class DisclosureRow:
    draft_id: int
    flagged_at: datetime
    categories: list[str]  # staff labels
    reviewed: bool


def unsent_disclosures(session: Session, user: StaffUser) -> list[DisclosureRow]:
    """Conversations holding a disclosure that were never sent, newest first (reviewed ones after the rest)."""
    if not can_see_disclosures(user):
        return []
    statement = select(ConversationDraft).where(
        col(ConversationDraft.flagged_at).is_not(None), col(ConversationDraft.complaint_id).is_(None)
    )
    rows = [
        DisclosureRow(
            require_id(draft),
            draft.flagged_at,
            category_labels(draft.safeguarding_categories),
            draft.safeguarding_reviewed_at is not None,
        )
        for draft in session.exec(statement)
        if draft.flagged_at is not None  # always, by the query; said again for the type checker
    ]
    rows.sort(key=lambda row: (row.reviewed, -row.flagged_at.timestamp()))
    return rows


def draft_reachability(answers: dict) -> str | None:
    """ "No safe way to reach" (or "Declined ...") for a conversation with a disclosure; None when there is a way.

    The chat's own rule (intake.flow.has_way_to_reach: an advocate "I don't know" is no way), plus an address, as
    for a sent complaint (`reachability`)."""
    if has_way_to_reach(answers) or (reply_method(answers) == "post" and str(answers.get("address") or "").strip()):
        return None
    return DECLINED if answers.get("safe_contact") == "declined" else NO_SAFE_WAY


def reachability(complaint: Complaint) -> str | None:
    """The same for a flagged complaint: shown prominently, since someone must check the child is safe."""
    if not complaint.safeguarding_flag:
        return None
    if complaint.safe_contact or complaint.email or complaint.phone or complaint.postal_address:
        return None
    return DECLINED if complaint.safe_contact_declined else NO_SAFE_WAY


# --- whether the alert went -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class AlertStatus:
    text: str  # "Alert sent to the duty manager at 3:14pm on Tuesday 1 December 2026"
    state: str  # an OutboxStatus value


def _alert_words(message: OutboxMessage, zone) -> str:
    what = {
        DISCLOSURE_ALERT: "Alert",
        UNSAFE_ALERT: 'Alert ("I don\'t feel safe" pressed)',
        SAFEGUARDING_ALERT.template: "Alert",
        NOW_SENT_ALERT: "Note that it is now a complaint",
    }.get(message.template, "Alert")
    if message.status == OutboxStatus.SENT.value and message.sent_at:
        local = message.sent_at.astimezone(zone)
        return f"{what} sent to the duty manager at {clock_time(message.sent_at, zone)} on {long_date(local.date())}"
    if message.status == OutboxStatus.FAILED.value:
        return f"{what} failed: {message.last_error or 'the mail server refused it'}. Phone the duty manager now."
    if message.status == OutboxStatus.CANCELLED.value:
        return f"{what} cancelled: {message.last_error or 'not sent'}"
    if message.attempts and message.last_error:
        return f"{what} waiting to send (tried {message.attempts} times: {message.last_error})"
    return f"{what} waiting to send"


def alert_statuses(session: Session, zone, *, complaint_id: int | None = None, draft_id: int | None = None):
    """Every safeguarding alert about a complaint or an unsent conversation, read from the outbox: what happened to
    each email, not what we hoped."""
    statement = select(OutboxMessage).where(col(OutboxMessage.template).in_(ALERT_TEMPLATES + (NOW_SENT_ALERT,)))
    if complaint_id is not None:
        statement = statement.where(OutboxMessage.complaint_id == complaint_id)
    elif draft_id is not None:
        prefix = draft_alert_prefix(draft_id)
        statement = statement.where(col(OutboxMessage.idempotency_key).startswith(prefix, autoescape=True))
    else:
        raise ValueError("alert_statuses needs a complaint_id or a draft_id")
    messages = session.exec(statement.order_by(col(OutboxMessage.created_at), col(OutboxMessage.id))).all()
    return [AlertStatus(_alert_words(message, zone), message.status) for message in messages]


# --- review ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReviewView:
    at: datetime
    who: str
    decision: str  # its label
    note: str


def reviews_of(session: Session, *, complaint_id: int | None = None, draft_id: int | None = None) -> list[ReviewView]:
    statement = select(SafeguardingReview)
    if complaint_id is not None:
        statement = statement.where(SafeguardingReview.complaint_id == complaint_id)
    else:
        statement = statement.where(SafeguardingReview.draft_id == draft_id)
    return [
        ReviewView(review.at, review.reviewer_name, REVIEW_LABELS[ReviewDecision(review.decision)], review.note)
        for review in session.exec(
            statement.order_by(col(SafeguardingReview.at).desc(), col(SafeguardingReview.id).desc())
        )
    ]


def can_review_complaint(user: StaffUser, complaint: Complaint) -> bool:
    if user.role not in CASEWORK_ROLES:
        return False
    return can_triage(user) if complaint.team_id is None else can_see_complaint(user, complaint)


def _checked(decision: str, note: str) -> tuple[ReviewDecision, str]:
    if decision not in {d.value for d in ReviewDecision}:
        raise ActionRefused("Choose what was decided", "decision")
    note = (note or "").strip()
    if not note:
        raise ActionRefused("Enter a note: what you checked and what happens next", "note")
    if len(note) > MAX_NOTE:
        raise ActionRefused(f"Keep the note to {MAX_NOTE} characters or fewer", "note")
    return ReviewDecision(decision), note


def review(
    ctx: ActionContext,
    *,
    decision: str,
    note: str,
    complaint: Complaint | None = None,
    draft: ConversationDraft | None = None,
) -> SafeguardingReview:
    """Record a safeguarding review of a flagged complaint or an unsent conversation with a disclosure. Audited (the
    note is counted, not copied: it may name people). Refused, changing nothing, when the input is not usable."""
    chosen, text = _checked(decision, note)
    subject: Complaint | ConversationDraft
    if complaint is not None:
        if not complaint.safeguarding_flag:
            raise ActionRefused("This complaint is not flagged for safeguarding.")
        if not can_review_complaint(ctx.actor, complaint):
            raise ActionRefused("Your account cannot review this complaint.")
        subject = complaint
    elif draft is not None:
        if draft.flagged_at is None or not can_see_disclosures(ctx.actor):
            raise ActionRefused("Your account cannot review this conversation.")
        subject = draft
    else:
        raise ValueError("review what?")
    before = {"reviewed_at": subject.safeguarding_reviewed_at}
    row = SafeguardingReview(
        at=ctx.now,
        reviewer_id=ctx.actor.id,
        reviewer_name=ctx.actor.name,
        complaint_id=complaint.id if complaint is not None else None,
        draft_id=draft.id if complaint is None and draft is not None else None,
        decision=chosen.value,
        note=text,
    )
    subject.safeguarding_reviewed_at = ctx.now
    ctx.session.add(subject)
    ctx.session.add(row)
    audit.record(
        ctx.session,
        ctx.actor,
        complaint,
        Action.SAFEGUARDING_REVIEWED,
        before=before,
        after={"decision": chosen.value, "reviewed_at": ctx.now, "note_length": len(text)},
        draft_id=draft.id if complaint is None and draft is not None else None,
    )
    ctx.session.flush()
    return row


@dataclass(frozen=True)
class SafeguardingPanel:
    """What the case page shows about safeguarding, flagged or not."""

    flagged: bool
    categories: list[str]
    alerts: list[AlertStatus]
    reviews: list[ReviewView]
    reachability: str | None
    can_review: bool
    reviewed: bool


def safeguarding_panel(ctx: ActionContext, complaint: Complaint) -> SafeguardingPanel:
    zone = ctx.settings.timezone
    return SafeguardingPanel(
        flagged=complaint.safeguarding_flag,
        categories=category_labels(complaint.safeguarding_categories),
        alerts=alert_statuses(ctx.session, zone, complaint_id=complaint.id) if complaint.id else [],
        reviews=reviews_of(ctx.session, complaint_id=complaint.id) if complaint.id else [],
        reachability=reachability(complaint),
        can_review=complaint.safeguarding_flag and can_review_complaint(ctx.actor, complaint),
        reviewed=complaint.safeguarding_reviewed_at is not None,
    )


def draft_panel(ctx: ActionContext, draft: ConversationDraft) -> SafeguardingPanel:
    return SafeguardingPanel(
        flagged=True,
        categories=category_labels(draft.safeguarding_categories),
        alerts=alert_statuses(ctx.session, ctx.settings.timezone, draft_id=draft.id),
        reviews=reviews_of(ctx.session, draft_id=draft.id),
        reachability=draft_reachability(draft.answers or {}),
        can_review=can_see_disclosures(ctx.actor),
        reviewed=draft.safeguarding_reviewed_at is not None,
    )
