"""What the complainant sees through their private link: where their complaint is, the dates, what comes next.

Plain words only (no "stage 1", no staff names): the reader may be a child.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from casework.stages import effective_due, escalation_window, latest_stage, stages_of
from content.complainant import advocate_words, reply_words
from content.dates import long_date
from content.i18n import N_  # the words are translated where shown (templates/casework/status.html)
from models.audit import Action, AuditEvent
from models.base import require_id
from models.complaints import Complaint, ComplaintStatus, Outcome, Stage, hash_token
from models.outbox import OutboxMessage, OutboxStatus
from models.records import CaseEntry, Delivery, Direction, EntryKind
from reminders.calendar import WorkingCalendar
from reminders.deadlines import rules_for, stage_deadlines
from reminders.policy import COMPLAINANT_TEMPLATES

WHAT_WE_ARE_DOING = {
    Stage.ONE: N_("We are looking into your complaint."),
    Stage.TWO: N_("Someone who does not work in the team you told us about is looking into your complaint again."),
    Stage.THREE: N_("A panel of three people is looking at your complaint again. One of them does not work for us."),
    Stage.OMBUDSMAN: N_(
        "The Local Government and Social Care Ombudsman is looking at your complaint. They will write to you."
    ),
}
OUTCOME_WORDS = {
    Outcome.UPHELD.value: N_("We agreed with your complaint."),
    Outcome.PARTIALLY_UPHELD.value: N_("We agreed with some of your complaint."),
    Outcome.NOT_UPHELD.value: N_("We did not agree with your complaint."),
    Outcome.WITHDRAWN.value: N_("You told us you did not want us to carry on looking into it."),
    Outcome.RESOLVED_EARLY.value: N_("We sorted it out together."),
}


@dataclass(frozen=True)
class ComplaintStatusView:
    reference: str
    received: date
    closed: bool
    doing: str
    reply_by: date | None
    replied_on: date | None
    outcome_words: str
    review_by: date | None  # the last day to ask for another look, when they still can
    with_ombudsman: bool
    reply_words: str = ""  # how they get our reply: written to them, or on this page when they asked for no contact
    advocate_words: str = ""


def find_by_token(session: Session, token: str) -> Complaint | None:
    if not token or len(token) > 100:
        return None
    complaint = session.exec(select(Complaint).where(Complaint.status_token_hash == hash_token(token))).first()
    if complaint is None or complaint.purged_at is not None:
        return None
    return complaint


def status_view(session: Session, complaint: Complaint, calendar: WorkingCalendar, zone, today: date):
    words = {
        # After a disclosure, never "we won't contact you"; never an advocate promised who can't reach them.
        "reply_words": reply_words(complaint.contact_method, on_status_page=True, flagged=complaint.safeguarding_flag),
        "advocate_words": advocate_words(
            complaint.advocacy_requested,
            complaint.complainant_role,
            reachable=bool(complaint.email or complaint.phone or complaint.postal_address),
        ),
    }
    received = complaint.received_at.astimezone(zone).date()
    stages = stages_of(session, require_id(complaint))
    latest = latest_stage(stages)
    if latest is None:
        # Still with the complaints team for sorting out: the first reply date already runs.
        return ComplaintStatusView(
            complaint.reference,
            received,
            False,
            WHAT_WE_ARE_DOING[Stage.ONE],
            stage_deadlines(calendar, Stage.ONE, received).due,
            None,
            "",
            None,
            False,
            **words,
        )
    stage = Stage(latest.stage)
    # The same rule staff escalate by (a corporate complaint has no stage 3; its request window needs no settings).
    window = escalation_window(calendar, stages, rules_for(complaint.procedure))
    review_by = window[1] if window is not None and window[1] >= today else None
    return ComplaintStatusView(
        reference=complaint.reference,
        received=received,
        closed=complaint.status in (ComplaintStatus.CLOSED, ComplaintStatus.WITHDRAWN),
        doing=WHAT_WE_ARE_DOING[stage],
        reply_by=None if latest.responded_on else effective_due(latest),
        replied_on=latest.responded_on,
        outcome_words=OUTCOME_WORDS.get(latest.outcome or "", ""),
        review_by=review_by,
        with_ombudsman=stage == Stage.OMBUDSMAN,
        **words,
    )


@dataclass(frozen=True)
class StatusEvent:
    day: date
    words: str


# What an email the service sends by itself says, in a line.
SENT_EMAIL_WORDS = {"acknowledgement": "We emailed you to say we got your complaint."}


def status_events(session: Session, complaint: Complaint, zone) -> list[StatusEvent]:
    """Everything that has happened, in plain words, oldest first: each step, each new date and why, each letter
    or email we sent them, and what they added. Never a staff note, never a staff name."""
    complaint_id = require_id(complaint)
    events = [StatusEvent(complaint.received_at.astimezone(zone).date(), "We got your complaint.")]
    extended_on: dict[int, date] = {}
    for event in session.exec(
        select(AuditEvent).where(AuditEvent.complaint_id == complaint_id, AuditEvent.action == Action.STAGE_EXTENDED)
    ):
        stage = (event.after or {}).get("stage")
        if isinstance(stage, int):
            extended_on[stage] = event.at.astimezone(zone).date()
    for record in stages_of(session, complaint_id):
        stage = Stage(record.stage)
        if stage in (Stage.TWO, Stage.THREE):
            due = effective_due(record) if record.extended_to is None else record.due_on
            when = f" We said we would reply by {long_date(due)}." if due else ""
            events.append(StatusEvent(record.received_on, f"You asked us to look at your complaint again.{when}"))
        elif stage is Stage.OMBUDSMAN:
            events.append(StatusEvent(record.received_on, "The Ombudsman told us they are looking at your complaint."))
        if record.extended_to is not None:
            events.append(
                StatusEvent(
                    extended_on.get(record.stage, record.received_on),
                    f"We needed more time. We will now reply by {long_date(record.extended_to)}. "
                    f"This is why: {record.extension_reason}",
                )
            )
        if record.responded_on is not None:
            outcome = OUTCOME_WORDS.get(record.outcome or "", "")
            events.append(StatusEvent(record.responded_on, f"We replied. {outcome}".strip()))
    for entry in session.exec(select(CaseEntry).where(CaseEntry.complaint_id == complaint_id)):
        day = entry.happened_at.astimezone(zone).date()
        if entry.kind == EntryKind.MESSAGE.value:
            events.append(StatusEvent(day, "You added more information."))
        elif entry.kind == EntryKind.LETTER.value and entry.direction == Direction.OUT.value:
            # Only what has gone: an email the sweep sent, a letter someone marked as posted.
            message = session.get(OutboxMessage, entry.outbox_message_id) if entry.outbox_message_id else None
            if message is not None and message.status == OutboxStatus.SENT.value and message.sent_at is not None:
                events.append(StatusEvent(message.sent_at.astimezone(zone).date(), f"We emailed you: {entry.summary}."))
            if entry.delivery == Delivery.POSTED.value and entry.posted_at is not None:
                events.append(
                    StatusEvent(entry.posted_at.astimezone(zone).date(), f"We posted you a letter: {entry.summary}.")
                )
    linked = select(CaseEntry.outbox_message_id).where(
        CaseEntry.complaint_id == complaint_id, col(CaseEntry.outbox_message_id).is_not(None)
    )
    for message in session.exec(
        select(OutboxMessage).where(
            OutboxMessage.complaint_id == complaint_id,
            col(OutboxMessage.template).in_(COMPLAINANT_TEMPLATES),
            OutboxMessage.status == OutboxStatus.SENT.value,
            col(OutboxMessage.id).not_in(linked),
        )
    ):
        if message.sent_at is not None and message.template in SENT_EMAIL_WORDS:
            events.append(StatusEvent(message.sent_at.astimezone(zone).date(), SENT_EMAIL_WORDS[message.template]))
    return sorted(events, key=lambda event: event.day)
