"""What the complainant sees through their private link: where their complaint is, the dates, what comes next.

Plain words only (no "stage 1", no staff names): the reader may be a child.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from casework.stages import effective_due, escalation_window, latest_stage, stages_of
from content.complainant import advocate_words, reply_words
from content.i18n import N_  # the words are translated where shown (templates/casework/status.html)
from models.base import require_id
from models.complaints import Complaint, ComplaintStatus, Outcome, Stage, hash_token
from reminders.calendar import WorkingCalendar
from reminders.deadlines import stage_deadlines

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
    window = escalation_window(calendar, stages)  # the same rule staff escalate by
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
