"""Letters from templates: drafted from the wording (an admin's, else casework/letter_wording.py), edited by the
officer, then emailed through the outbox and/or printed as a PDF for post; each lands in the complaint's log.

Templates are data an admin edits in the page, so they render in Jinja's sandbox with nothing but the letter's
names (`LETTER_NAMES`): a template cannot reach the app, the database or the files. A letter is plain text; the
email and the PDF escape it when they draw it as HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from sqlmodel import Session, col, select

from casework import audit
from casework.actions import ActionContext, ActionRefused
from casework.correspondence import MAX_BODY, may_write
from casework.letter_wording import DEFAULT_LETTERS, LETTER_NAMES, NEXT_STEP_WORDS, LetterKind
from casework.roles import scope_to_user
from casework.stages import effective_due, latest_stage, open_stage, stages_of
from casework.status_page import OUTCOME_WORDS
from content.complainant import YOUNG_ROLES, team_words
from content.dates import long_date
from content.ombudsman import OMBUDSMAN
from models.audit import Action
from models.base import require_id
from models.complaints import Complaint, Stage, StageRecord
from models.outbox import OutboxMessage, OutboxStatus
from models.records import CaseEntry, Delivery, Direction, EntryKind, LetterTemplate
from models.staff import StaffUser
from models.teams import Team
from reminders.calendar import WorkingCalendar
from reminders.deadlines import request_deadline
from reminders.mail import email_environment, greeting_name
from reminders.office_hours import OfficeHours
from reminders.policy import LETTER_EMAIL
from settings import Settings

MAX_SUBJECT = 200
HOW = ("email", "post")


class LetterError(ActionRefused):
    """A template that will not render: what is wrong, in words an admin can act on."""


_sandbox = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)


def render_text(source: str, values: dict[str, Any], field: str) -> str:
    try:
        return _sandbox.from_string(source).render(values).strip()
    except TemplateError as error:
        raise LetterError(f"The template has a mistake: {error.message or error}", field) from None


@dataclass(frozen=True)
class Wording:
    kind: LetterKind
    subject: str
    body: str
    changed: bool  # an admin's wording, not the default


def wording(session: Session, slug: str) -> Wording:
    kind = DEFAULT_LETTERS[slug]
    saved = session.exec(select(LetterTemplate).where(LetterTemplate.slug == slug)).first()
    if saved is None:
        return Wording(kind, kind.subject, kind.body, False)
    return Wording(kind, saved.subject, saved.body, True)


def stage_for(stages: list[StageRecord], kind: LetterKind) -> StageRecord | None:
    if kind.stage is not None:
        return next((s for s in stages if s.stage == kind.stage), None)
    if kind.slug == "acknowledgement":
        return next((s for s in stages if s.stage == 1), None)
    return open_stage(stages) or latest_stage(stages)


def _final(complaint: Complaint, stage: int) -> bool:
    """No step after this one: stage 3, or stage 2 of the council's own (corporate) procedure."""
    procedure = getattr(complaint, "procedure", "statutory")  # the records helper adds Complaint.procedure
    return stage >= 3 or (procedure == "corporate" and stage >= 2)


def letter_values(
    session: Session,
    complaint: Complaint,
    settings: Settings,
    today: date,
    *,
    record: StageRecord | None,
    signed: str,
) -> dict[str, Any]:
    """The names a letter template may use, filled for this complaint (LETTER_NAMES says what each is)."""
    calendar = WorkingCalendar(settings.closure_days)
    team = session.get(Team, complaint.team_id) if complaint.team_id else None
    stage = record.stage if record is not None else 1
    ask_by: date | None = None
    if record is not None and stage < Stage.OMBUDSMAN and not _final(complaint, stage):
        ask_by = request_deadline(calendar, Stage(stage + 1), record.responded_on or today)
    due = effective_due(record) if record is not None else None
    return {
        "name": greeting_name(complaint.complainant_name),
        "young": complaint.complainant_role in YOUNG_ROLES,
        "reference": complaint.reference,
        "today": long_date(today),
        "team": team_words(team.name, team.public_name, complaint.complainant_role) if team else "",
        "received": long_date(record.received_on) if record else "",
        "reply_by": long_date(due) if due and (record is None or record.responded_on is None) else "",
        "extension_reason": record.extension_reason if record else "",
        "outcome": OUTCOME_WORDS.get(record.outcome or "", "") if record else "",
        "response_summary": record.response_summary if record else "",
        "ask_by": long_date(ask_by) if ask_by else "",
        # At a stage received (the letter saying we will look again) the words are about this stage.
        "next_step": NEXT_STEP_WORDS.get(stage + 1 if record and record.responded_on else stage, "")
        if ask_by or (record and record.responded_on is None)
        else "",
        "ombudsman": OMBUDSMAN,
        "council_name": settings.council_name,
        "council_phone": settings.council_phone,
        "council_email": settings.council_email,
        "signed": signed,
    }


@dataclass(frozen=True)
class Draft:
    slug: str
    name: str
    subject: str
    body: str


def draft(session: Session, complaint: Complaint, settings: Settings, today: date, slug: str, signed: str) -> Draft:
    """The letter as the template writes it for this complaint, for the officer to edit."""
    if slug not in DEFAULT_LETTERS:
        raise ActionRefused("Choose a letter from the list", "kind")
    words = wording(session, slug)
    record = stage_for(stages_of(session, require_id(complaint)), words.kind)
    values = letter_values(session, complaint, settings, today, record=record, signed=signed)
    return Draft(
        slug, words.kind.name, render_text(words.subject, values, "subject"), render_text(words.body, values, "body")
    )


def _checked(subject: str, body: str) -> tuple[str, str]:
    subject = " ".join((subject or "").split())
    body = (body or "").replace("\r\n", "\n").strip()
    if not subject:
        raise ActionRefused("Enter the letter's subject", "subject")
    if len(subject) > MAX_SUBJECT:
        raise ActionRefused(f"Keep the subject to {MAX_SUBJECT} characters or fewer", "subject")
    if not body:
        raise ActionRefused("Enter the letter", "body")
    if len(body) > MAX_BODY:
        raise ActionRefused(f"Keep the letter to {MAX_BODY:,} characters or fewer", "body")
    return subject, body


def queue_letter_email(
    session: Session, complaint: Complaint, entry: CaseEntry, settings: Settings, now: datetime
) -> OutboxMessage:
    """The letter as an email in the outbox (sent in office hours by the sweep), linked to its log entry."""
    hours = OfficeHours(WorkingCalendar(settings.closure_days), settings.timezone)
    message = OutboxMessage(
        idempotency_key=f"complaint:{complaint.id}:letter:{entry.id}",
        recipient=complaint.email,
        template=LETTER_EMAIL,
        context={"reference": complaint.reference, "letter_subject": entry.summary, "body": entry.body},
        send_after=hours.next_open(now),
        status=OutboxStatus.PENDING.value,
        complaint_id=complaint.id,
        stage_record_id=None,
        created_at=now,
    )
    session.add(message)
    session.flush()
    entry.outbox_message_id = message.id
    entry.delivery = Delivery.EMAILED.value
    session.add(entry)
    return message


def new_letter_entry(
    complaint: Complaint, *, slug: str, stage: int | None, subject: str, body: str, at: datetime, by: StaffUser | None
) -> CaseEntry:
    return CaseEntry(
        complaint_id=require_id(complaint),
        kind=EntryKind.LETTER.value,
        direction=Direction.OUT.value,
        channel="letter",
        happened_at=at,
        summary=subject,
        body=body,
        letter_kind=slug,
        stage=stage,
        delivery=Delivery.DRAFT.value,
        staff_id=by.id if by else None,
        by_label=by.name if by else "system",
    )


def send_letter(
    ctx: ActionContext, complaint: Complaint, *, slug: str, subject: str, body: str, how: list[str]
) -> CaseEntry:
    """Send the officer's letter: by email (through the outbox), to the "to post" list, or both."""
    may_write(ctx, complaint)
    if slug not in DEFAULT_LETTERS:
        raise ActionRefused("Choose a letter from the list", "kind")
    subject, body = _checked(subject, body)
    how = [h for h in how if h in HOW]
    if not how:
        raise ActionRefused("Choose how to send it: by email, by post, or both", "how")
    if "email" in how and not complaint.email:
        raise ActionRefused("There is no email address for them. Send it by post instead.", "how")
    record = stage_for(stages_of(ctx.session, require_id(complaint)), DEFAULT_LETTERS[slug])
    entry = new_letter_entry(
        complaint,
        slug=slug,
        stage=record.stage if record else None,
        subject=subject,
        body=body,
        at=ctx.now,
        by=ctx.actor,
    )
    entry.channel = "email" if how == ["email"] else "letter"
    ctx.session.add(entry)
    ctx.session.flush()
    if "email" in how:
        queue_letter_email(ctx.session, complaint, entry, ctx.settings, ctx.now)
    if "post" in how:
        # Both: the email goes now and the printed copy waits in the "to post" list until someone posts it.
        entry.delivery = Delivery.TO_POST.value
    ctx.session.add(entry)
    ctx.session.flush()
    facts = {"entry": entry.id, "letter": slug, "characters": len(body)}
    if "email" in how:
        audit.record(ctx.session, ctx.actor, complaint, Action.LETTER_EMAILED, after=facts)
    if "post" in how:
        audit.record(ctx.session, ctx.actor, complaint, Action.LETTER_TO_POST, after=facts)
    return entry


def letter_entry(session: Session, complaint: Complaint, entry_id: int) -> CaseEntry | None:
    entry = session.get(CaseEntry, entry_id)
    if entry is None or entry.complaint_id != complaint.id or not entry.letter_kind:
        return None
    return entry


def mark_posted(ctx: ActionContext, complaint: Complaint, entry: CaseEntry) -> None:
    may_write(ctx, complaint)
    if entry.delivery not in (Delivery.TO_POST.value, Delivery.TO_PHONE.value):
        raise ActionRefused("This letter is not waiting to be posted.")
    before = entry.delivery
    entry.delivery = Delivery.POSTED.value
    entry.posted_at = ctx.now
    ctx.session.add(entry)
    ctx.session.flush()
    audit.record(
        ctx.session, ctx.actor, complaint, Action.LETTER_POSTED, before={"delivery": before}, after={"entry": entry.id}
    )


def _refuse_fetch(url: str, *args, **kwargs):
    # A letter is drawn from its own HTML only: nothing is fetched, whatever a template or an officer wrote.
    raise ValueError("letters fetch nothing")


def _lines(address: str) -> list[str]:
    return [line.strip() for line in address.replace(",", "\n").splitlines() if line.strip()]


def letter_pdf(complaint: Complaint, entry: CaseEntry, settings: Settings) -> bytes:
    """The letter as an A4 PDF for post: the council's address, theirs, the date, the reference and the text."""
    import weasyprint  # imported when a letter is printed: it loads Pango, which nothing else needs

    paragraphs = [p.strip().split("\n") for p in entry.body.split("\n\n") if p.strip()]
    html = (
        email_environment()
        .get_template("letters/print.html")
        .render(
            subject=entry.summary,
            paragraphs=paragraphs,
            reference=complaint.reference,
            dated=long_date(entry.happened_at.astimezone(settings.timezone).date()),
            to_name=" ".join(filter(None, [complaint.advocate_name or complaint.complainant_name])),
            address_lines=[
                line.strip() for line in complaint.postal_address.replace(",", "\n").splitlines() if line.strip()
            ],
            council_lines=[line.strip() for line in settings.council_address.split(",") if line.strip()],
            council_phone=settings.council_phone,
            council_email=settings.council_email,
        )
    )
    # PDF/UA: a tagged PDF (headings, paragraphs, the language), so a screen reader reads the letter in order.
    return weasyprint.HTML(string=html, url_fetcher=_refuse_fetch).write_pdf(pdf_variant="pdf/ua-1")


def to_post(session: Session, user: StaffUser) -> list[tuple[CaseEntry, Complaint]]:
    """Letters waiting to be posted (or a call to make), oldest first, within the complaints `user` may see."""
    statement = (
        select(CaseEntry, Complaint)
        .join(Complaint, col(Complaint.id) == CaseEntry.complaint_id)
        .where(col(CaseEntry.delivery).in_([Delivery.TO_POST.value, Delivery.TO_PHONE.value]))
        .order_by(col(CaseEntry.happened_at), col(CaseEntry.id))
    )
    return [(entry, complaint) for entry, complaint in session.exec(scope_to_user(statement, user)).all()]


# --- templates, as admins edit them ------------------------------------------------------------------------------


def sample_values(settings: Settings, today: date, *, young: bool = False) -> dict[str, Any]:
    """Made-up values to preview a template with (no real complaint's words reach the admin's page)."""
    return {
        "name": "Sam",
        "young": young,
        "reference": "CS-ABCD-2345",
        "today": long_date(today),
        "team": "the team that helps young people leaving care" if young else "the Leaving Care team",
        "received": long_date(today),
        "reply_by": long_date(today),
        "extension_reason": "We need to talk to your worker, and they are away this week.",
        "outcome": OUTCOME_WORDS["partially-upheld"],
        "response_summary": "We should have called you back within two days. We are sorry that we did not.",
        "ask_by": long_date(today),
        "next_step": NEXT_STEP_WORDS[2],
        "ombudsman": OMBUDSMAN,
        "council_name": settings.council_name,
        "council_phone": settings.council_phone,
        "council_email": settings.council_email,
        "signed": "Olu Officer",
    }


def preview(settings: Settings, today: date, subject: str, body: str) -> dict[str, str]:
    """The template drawn for a grown-up and for a young person, or LetterError saying what is wrong."""
    subject, body = _checked(subject, body)
    out = {}
    for who, young in (("adult", False), ("young", True)):
        values = sample_values(settings, today, young=young)
        out[f"{who}_subject"] = render_text(subject, values, "subject")
        out[f"{who}_body"] = render_text(body, values, "body")
    return out


def save_template(ctx: ActionContext, slug: str, subject: str, body: str) -> LetterTemplate:
    """An admin's new wording; refused (nothing saved) when it does not render."""
    if slug not in DEFAULT_LETTERS:
        raise ActionRefused("There is no letter with that name.")
    preview(ctx.settings, ctx.today, subject, body)  # renders, or says what is wrong
    subject, body = _checked(subject, body)
    saved = ctx.session.exec(select(LetterTemplate).where(LetterTemplate.slug == slug)).first()
    if saved is None:
        saved = LetterTemplate(slug=slug, subject=subject, body=body)
    saved.subject, saved.body, saved.updated_by_id, saved.updated_at = subject, body, ctx.actor.id, ctx.now
    ctx.session.add(saved)
    ctx.session.flush()
    audit.record(ctx.session, ctx.actor, None, Action.LETTER_TEMPLATE_SAVED, after={"letter": slug})
    return saved


__all__ = ["LETTER_NAMES", "Draft", "LetterError", "draft", "send_letter", "to_post"]
