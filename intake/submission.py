"""Sending: a finished draft becomes a complaint with its stage 1 record and deadline, exactly once.

The complaint is written once, here, from the answers the engine collected (docs/architecture.md, "The conversation").
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, select

from content.i18n import current_language
from intake import disclosure
from intake.answers import advocate_details
from intake.drafts import cancel_resume_emails, claim_for_sending, is_sent
from intake.engine import Engine, State
from intake.flow import DONT_KNOW, NOT_SURE, link_email, reply_method
from models import audit
from models.audit import Action
from models.base import require_id
from models.complaints import (
    Channel,
    ComplainantRole,
    Complaint,
    ComplaintStatus,
    ContactMethod,
    Stage,
    StageRecord,
    hash_token,
    new_reference,
)
from models.drafts import ConversationDraft
from models.staff import StaffUser
from models.teams import Team
from reminders import replan
from reminders.calendar import WorkingCalendar
from reminders.deadlines import stage_deadlines
from settings import Settings

log = logging.getLogger(__name__)
SAFE_CONTACT_DECLINED = "declined"  # answers["safe_contact"] when they chose "I'd rather not"


class NotReady(ValueError):
    """Some questions are still to be answered."""


@dataclass(frozen=True)
class Sent:
    reference: str
    team_name: str | None  # None: the triage team will find the right one
    due: date
    status_token: str  # shown once, in the confirmation; only its hash is kept
    complaint_id: int
    first_time: bool  # False when this was a repeat (double click, retry)
    advocacy_requested: bool | None
    team_public_name: str = ""  # the team as a child or care leaver is told it


def stage_one_due(settings: Settings, received: date) -> date:
    due = stage_deadlines(WorkingCalendar(settings.closure_days), Stage.ONE, received).due
    assert due is not None  # stage 1 always has a response deadline
    return due


def status_token(draft: ConversationDraft, settings: Settings) -> str:
    """The private status link's token, the same for every send of one draft.

    A repeat send (a double click, a retry after a lost reply) must show the link the acknowledgement email
    already carries, not a new one that would replace it. Derived with the secret key, so knowing the draft
    gives nothing without it; only its hash is stored, like any token.
    """
    digest = hmac.new(settings.secret_key.encode(), f"status-link:{draft.token_hash}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode()


def _text(answers: dict, key: str) -> str:
    value = answers.get(key)
    return value if isinstance(value, str) and value not in (DONT_KNOW, NOT_SURE) else ""


def _complaint_from(state: State, engine: Engine, team: Team | None, confidence, now: datetime) -> Complaint:
    answers = state.answers
    role = answers.get("role")
    # How our reply goes: "through my advocate" with no advocate details becomes the other way they chose.
    contact = reply_method(answers) or ContactMethod.NONE.value
    when = answers.get("when") or {}
    email = _text(answers, "email") if contact == "email" else ""
    phone = _text(answers, "phone") if contact == "phone" else ""
    advocate_name = ""
    if contact == "advocate":
        advocate_name, email, phone = advocate_details(_text(answers, "advocate_contact"))
    # An email given only for the private link: the acknowledgement (with the link) goes there.
    email = email or link_email(answers)
    # Asked after a disclosure when there was no way to reach them: what they gave, or "declined" (I'd rather not).
    safe = answers.get("safe_contact")
    declined = safe == SAFE_CONTACT_DECLINED
    return Complaint(
        reference=new_reference(),
        received_at=now,
        channel=Channel.ONLINE.value,
        complainant_role=role if role in set(ComplainantRole) else ComplainantRole.OTHER.value,
        complainant_name=_text(answers, "name"),
        on_behalf_of=_text(answers, "on_behalf_of") if role == ComplainantRole.ADVOCATE else "",
        contact_method=contact,
        advocate_name=advocate_name,
        email=email,
        phone=phone,
        postal_address=_text(answers, "address") if contact == "post" else "",
        about_text=_text(answers, "about"),
        what_happened=_text(answers, "what_happened"),
        wanted_outcome=_text(answers, "wanted"),
        happened_on=date.fromisoformat(when["on"]) if when.get("on") else None,
        happened_text=(when.get("text") or "")[:200],
        over_a_year_ago=bool(when.get("over_a_year_ago")),
        advocacy_requested={"yes": True, "no": False}.get(answers.get("advocate") or ""),
        safeguarding_flag=state.flagged,
        language=current_language(),  # the request's: their emails speak it, staff reply in it
        safeguarding_categories=sorted(set(answers.get("_categories") or [])) if state.flagged else [],
        safe_contact=safe.strip() if isinstance(safe, str) and not declined else "",
        safe_contact_declined=declined,
        routing_decision="auto" if team else "triage",
        routing_confidence=confidence,
        team_id=team.id if team else None,
        status=ComplaintStatus.OPEN.value if team else ComplaintStatus.AWAITING_TRIAGE.value,
        rejected_teams=engine.rejected_teams(state),
    )


def submit(
    session: Session,
    draft: ConversationDraft,
    state: State,
    engine: Engine,
    settings: Settings,
    now: datetime,
    *,
    status_url_for,
) -> Sent:
    """Make the complaint (or find the one already made from this draft) and plan its emails.

    `status_url_for(token)` gives the absolute private link for the acknowledgement email.
    """
    if is_sent(draft):
        return _again(session, draft, settings)
    # Before the claim: a refused send (the HTML view redirects, and a redirect commits) must leave it unsent.
    if not engine.is_ready(state):
        raise NotReady(state.current)
    if not claim_for_sending(session, draft):
        return _again(session, draft, settings)
    slug, confidence = engine.team_choice(state)
    team = session.exec(select(Team).where(Team.slug == slug, Team.active)).first() if slug else None
    complaint = _complaint_from(state, engine, team, confidence, now)
    token = status_token(draft, settings)

    def before_emails(complaint: Complaint) -> None:
        draft.complaint_id = complaint.id
        session.add(draft)
        session.flush()
        # An alert already sent about this conversation makes the complaint's own a note.
        disclosure.carry_to_complaint(session, draft, complaint)
        # Sent: a "carry on where you left off" email still waiting would only confuse. Same transaction as the send.
        cancel_resume_emails(session, draft)

    due = file_complaint(
        session,
        complaint,
        settings,
        now,
        actor="complainant",
        team_slug=slug,
        status_token=token,
        status_url=status_url_for(token),
        before_emails=before_emails,
    )
    # No personal data in logs: the reference and routing only.
    log.info("complaint %s received online, routing %s", complaint.reference, complaint.routing_decision)
    return Sent(
        complaint.reference,
        team.name if team else None,
        due,
        token,
        require_id(complaint),
        True,
        complaint.advocacy_requested,
        team.public_name if team else "",
    )


def file_complaint(
    session: Session,
    complaint: Complaint,
    settings: Settings,
    now: datetime,
    *,
    actor: StaffUser | str,
    team_slug: str | None,
    status_token: str,
    status_url: str,
    before_emails: Callable[[Complaint], None] | None = None,
) -> date:
    """Write a new complaint, however it came (the chat's send, or staff logging one from a call, letter, email or
    visit: casework/staff_intake.py): its private status link, its stage 1 record and deadline (from the day it
    was received), the audit event, then its emails (the team's arrival email, the acknowledgement with the status
    link when there is an email address, the duty manager's alert when it is flagged). Returns the stage 1 due date.

    `before_emails(complaint)` runs after the complaint is written and before its emails are planned.
    """
    complaint.status_token_hash = hash_token(status_token)
    session.add(complaint)
    session.flush()
    received = complaint.received_at.astimezone(settings.timezone).date()
    due = stage_one_due(settings, received)
    session.add(
        StageRecord(
            complaint_id=require_id(complaint),
            stage=Stage.ONE,
            received_on=received,
            due_on=due,
            team_id=complaint.team_id,
        )
    )
    audit.record(
        session,
        actor,
        complaint,
        Action.COMPLAINT_RECEIVED,
        after={"channel": complaint.channel, "routing_decision": complaint.routing_decision, "team": team_slug},
        at=now,
    )
    if before_emails is not None:
        before_emails(complaint)
    replan.complaint_received(session, complaint, settings, now, status_url=status_url)
    return due


def _again(session: Session, draft: ConversationDraft, settings: Settings) -> Sent:
    """A repeat send: the same complaint and the same private link (the first reply may never have reached
    the person's screen)."""
    complaint = session.get(Complaint, draft.complaint_id) if draft.complaint_id else None
    if complaint is None:
        raise NotReady("sent")
    token = status_token(draft, settings)
    if complaint.status_token_hash != hash_token(token):
        # The secret key changed since the first send: this link replaces the first one.
        complaint.status_token_hash = hash_token(token)
        session.add(complaint)
    team = session.get(Team, complaint.team_id) if complaint.team_id else None
    record = session.exec(
        select(StageRecord).where(StageRecord.complaint_id == complaint.id, StageRecord.stage == Stage.ONE)
    ).first()
    received = complaint.received_at.astimezone(settings.timezone).date()
    due = record.due_on if record and record.due_on else stage_one_due(settings, received)
    session.flush()
    return Sent(
        complaint.reference,
        team.name if team else None,
        due,
        token,
        require_id(complaint),
        False,
        complaint.advocacy_requested,
        team.public_name if team else "",
    )
