"""Staff log a complaint that came by phone, letter, email or in person (`/staff/complaints/new`).

It is written by the chat's own `intake.submission.file_complaint`, so it gets the same stage 1 record and
deadline (from the day it was really received), audit event, acknowledgement and team emails; the same router
places it when staff leave the team to it, and the same safeguarding detector reads what was said.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime, time

from sqlmodel import Session, select

from casework.actions import ActionContext
from casework.router import router_for
from intake.answers import AnswerError, clean_text, email_address, phone_number
from intake.flow import SHORT_LIMIT, TEXT_LIMIT
from intake.safeguarding import UNSAFE, suggests_danger
from intake.submission import file_complaint
from models.complaints import (
    Channel,
    ChildConsent,
    ComplainantRole,
    Complaint,
    ComplaintStatus,
    ContactMethod,
    new_reference,
    new_token,
)
from models.teams import Team

EARLIEST_RECEIVED = date(1990, 1, 1)  # before this is a typing slip, not a complaint we could still be handling
STAFF_CHANNELS = (Channel.PHONE, Channel.LETTER, Channel.EMAIL, Channel.IN_PERSON)
# Roles that complain for someone else: they may name the child, and then say whether the child agreed.
FOR_SOMEONE_ELSE = (
    ComplainantRole.PARENT,
    ComplainantRole.FOSTER_CARER,
    ComplainantRole.GUARDIAN_ADOPTER,
    ComplainantRole.ADVOCATE,
    ComplainantRole.OTHER,
)
ADDRESS_LIMIT = 500


@dataclass(frozen=True)
class NewComplaint:
    """The form as typed (every field a string, so a refused form is shown again exactly as it was)."""

    channel: str = ""
    role: str = ""
    name: str = ""
    on_behalf_of: str = ""
    consent: str = ""
    contact: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    advocate_name: str = ""
    about: str = ""
    what_happened: str = ""
    wanted: str = ""
    team: str = ""  # a team slug, or "" to let the router place it
    worried: str = ""  # "yes": the member of staff is worried about someone's safety

    @classmethod
    def from_form(cls, form) -> NewComplaint:
        return cls(**{f.name: clean_text(form.get(f.name, "")) for f in fields(cls)})


@dataclass(frozen=True)
class Logged:
    reference: str
    team_name: str | None  # None: waiting for triage
    team_id: int | None
    due: date
    flagged: bool


def check(session: Session, entry: NewComplaint, received_on: date | None, received_typed: bool, today: date):
    """What is wrong with the form, field id -> message (empty when it can be logged)."""
    errors: dict[str, str] = {}
    if entry.channel not in {c.value for c in STAFF_CHANNELS}:
        errors["channel"] = "Choose how the complaint came to us"
    if received_on is None:
        errors["received_on"] = (
            f"Enter a real date it was received, like {today.day} {today.month} {today.year}"
            if received_typed
            else "Enter the date the complaint was received"
        )
    elif received_on > today:
        errors["received_on"] = "The date it was received must be today or in the past"
    elif received_on < EARLIEST_RECEIVED:
        errors["received_on"] = "The date it was received must be after 1 January 1990"
    if entry.role not in set(ComplainantRole):
        errors["role"] = "Choose who is complaining"
    for name, limit in (("name", SHORT_LIMIT), ("on_behalf_of", SHORT_LIMIT), ("advocate_name", SHORT_LIMIT)):
        if len(getattr(entry, name)) > limit:
            errors[name] = f"Keep this to {limit} characters or fewer"
    if _for_a_child(entry) and entry.consent not in set(ChildConsent):
        errors["consent"] = "Choose whether the child or young person agreed to the complaint being made for them"
    if entry.contact not in set(ContactMethod):
        errors["contact"] = "Choose how we will reply"
    _check_contact(entry, errors)
    if not entry.what_happened:
        errors["what_happened"] = "Enter what happened, in their words as far as you can"
    for name in ("about", "what_happened", "wanted"):
        if len(getattr(entry, name)) > TEXT_LIMIT:
            errors[name] = f"Keep this to {TEXT_LIMIT} characters or fewer"
    if entry.team and _team(session, entry.team) is None:
        errors["team"] = "Choose a team from the list, or let the service choose"
    return errors


def _for_a_child(entry: NewComplaint) -> bool:
    """Made by someone else for a child they named."""
    return bool(entry.on_behalf_of) and entry.role in {role.value for role in FOR_SOMEONE_ELSE}


def _check_contact(entry: NewComplaint, errors: dict[str, str]) -> None:
    """The way we reply needs its details; details given are checked whichever way was chosen."""
    for name, checker in (("email", email_address), ("phone", phone_number)):
        if getattr(entry, name):
            try:
                checker(getattr(entry, name))
            except AnswerError as error:
                errors[name] = error.message
    if entry.contact == ContactMethod.EMAIL and not entry.email:
        errors["email"] = "Enter their email address, or choose another way to reply"
    if entry.contact == ContactMethod.PHONE and not entry.phone:
        errors["phone"] = "Enter their phone number, or choose another way to reply"
    if entry.contact == ContactMethod.POST and not entry.address:
        errors["address"] = "Enter their postal address, or choose another way to reply"
    if len(entry.address) > ADDRESS_LIMIT:
        errors["address"] = f"Keep the address to {ADDRESS_LIMIT} characters or fewer"
    if entry.contact == ContactMethod.ADVOCATE:
        if not entry.advocate_name:
            errors["advocate_name"] = "Enter their advocate's name, or choose another way to reply"
        if not (entry.email or entry.phone):
            errors.setdefault("email", "Enter their advocate's email address or phone number")


def _team(session: Session, slug: str) -> Team | None:
    return session.exec(select(Team).where(Team.slug == slug, Team.active)).first()


def _received_at(received_on: date, ctx: ActionContext) -> datetime:
    """Today's complaint is received now; an earlier one at midday of its day (its deadline counts from the day)."""
    if received_on == ctx.today:
        return ctx.now
    return datetime.combine(received_on, time(12, 0), tzinfo=ctx.settings.timezone)


def log_complaint(ctx: ActionContext, entry: NewComplaint, received_on: date, *, status_url_for) -> Logged:
    """Write the complaint `check` found nothing wrong with; `status_url_for(token)` makes its private link."""
    session = ctx.session
    team = _team(session, entry.team) if entry.team else None
    decision, confidence = "manual", None
    if team is None:
        # As the chat does: the router reads who or which team it is about (or, with nothing there, the story).
        route = router_for(session).route(entry.about or entry.what_happened)
        team = _team(session, route.team) if route.decision == "auto" and route.team else None
        decision, confidence = ("auto" if team else "triage"), route.confidence
    categories: set[str] = set()
    for text in (entry.about, entry.what_happened, entry.wanted):
        categories.update(suggests_danger(text))
    if entry.worried == "yes" and not categories:
        categories.add(UNSAFE)
    on_behalf = _for_a_child(entry)
    complaint = Complaint(
        reference=new_reference(),
        received_at=_received_at(received_on, ctx),
        channel=entry.channel,
        complainant_role=entry.role,
        complainant_name=" ".join(entry.name.split()),
        on_behalf_of=entry.on_behalf_of if on_behalf else "",
        child_consent=entry.consent if on_behalf else "",
        contact_method=entry.contact,
        advocate_name=entry.advocate_name if entry.contact == ContactMethod.ADVOCATE else "",
        email=email_address(entry.email) if entry.email else "",
        phone=phone_number(entry.phone) if entry.phone else "",
        postal_address=entry.address,
        about_text=entry.about,
        what_happened=entry.what_happened,
        wanted_outcome=entry.wanted,
        safeguarding_flag=bool(categories),
        safeguarding_categories=sorted(categories),
        routing_decision=decision,
        routing_confidence=confidence,
        team_id=team.id if team else None,
        status=ComplaintStatus.OPEN.value if team else ComplaintStatus.AWAITING_TRIAGE.value,
    )
    token = new_token()
    due = file_complaint(
        session,
        complaint,
        ctx.settings,
        ctx.now,
        actor=ctx.actor,
        team_slug=team.slug if team else None,
        status_token=token,
        status_url=status_url_for(token),
    )
    return Logged(complaint.reference, team.name if team else None, complaint.team_id, due, complaint.safeguarding_flag)
