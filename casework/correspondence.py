"""A complaint's notes and correspondence: what staff write down, what we send, what the complainant adds.

Staff add notes (internal) and record calls, meetings, letters and emails by hand; letters from templates
(casework/letters.py) and what the complainant adds through their private link land here too. Every email the
outbox sends to the complainant appears by itself: the log reads the complaint's outbox rows whose template
goes to the complainant (reminders/policy.py), except those a letter entry already stands for.

`searchable_text()` is what search indexes for a complaint's notes and correspondence.
Free text is counted, never copied, into the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from sqlmodel import Session, col, select

from casework import audit
from casework.actions import ActionContext, ActionRefused
from casework.roles import MANAGER, OFFICER, can_see_complaint
from content.dates import long_date
from models.audit import Action
from models.base import require_id
from models.complaints import CHANNEL_LABELS, Channel, Complaint
from models.outbox import OutboxMessage, OutboxStatus
from models.records import (
    DELIVERY_LABELS,
    DIRECTION_LABELS,
    ENTRY_LABELS,
    Attachment,
    CaseEntry,
    Delivery,
    Direction,
    EntryKind,
)
from reminders.policy import COMPLAINANT_TEMPLATES

MAX_SUMMARY = 500
MAX_BODY = 20_000
# What staff may record by hand, and how it came or went (the complaint channels, less "online" and "imported").
RECORDED_KINDS = (EntryKind.CALL, EntryKind.MEETING, EntryKind.EMAIL, EntryKind.LETTER)
RECORDED_CHANNELS = {
    EntryKind.CALL: Channel.PHONE,
    EntryKind.MEETING: Channel.IN_PERSON,
    EntryKind.EMAIL: Channel.EMAIL,
    EntryKind.LETTER: Channel.LETTER,
}
EMAIL_STATUS_WORDS = {
    OutboxStatus.PENDING.value: "Waiting to send",
    OutboxStatus.SENDING.value: "Sending",
    OutboxStatus.SENT.value: "Sent",
    OutboxStatus.FAILED.value: "Could not be sent",
    OutboxStatus.CANCELLED.value: "Not sent (no longer needed)",
}
EMAIL_WORDS = {"acknowledgement": "We got your complaint (acknowledgement)", "letter": "Letter"}


@dataclass(frozen=True)
class FileLink:
    id: int
    filename: str
    size: str
    content_type: str


@dataclass(frozen=True)
class LogItem:
    """One line of the log as the case page shows it."""

    at: datetime
    kind: str  # EntryKind value, or "service-email"
    title: str
    direction: str
    channel: str
    summary: str
    body: str = ""
    by: str = ""
    status: str = ""
    entry_id: int | None = None
    letter: bool = False  # a letter from a template: it has a PDF
    files: list[FileLink] = field(default_factory=list)


def may_write(ctx: ActionContext, complaint: Complaint) -> None:
    """Officers, and a manager of the complaint's team, write in its log (as they act on it)."""
    if ctx.actor.role not in (OFFICER, MANAGER) or not can_see_complaint(ctx.actor, complaint):
        raise ActionRefused("Your account cannot change this complaint.")


def _text(value: str, field_name: str, what: str, limit: int, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ActionRefused(f"Enter {what}", field_name)
    if len(value) > limit:
        raise ActionRefused(f"Keep {what} to {limit:,} characters or fewer", field_name)
    return value


def add_note(ctx: ActionContext, complaint: Complaint, text: str) -> CaseEntry:
    """An internal note: for staff only, never shown to the complainant."""
    may_write(ctx, complaint)
    body = _text(text, "body", "the note", MAX_BODY)
    entry = CaseEntry(
        complaint_id=require_id(complaint),
        kind=EntryKind.NOTE.value,
        direction=Direction.INTERNAL.value,
        happened_at=ctx.now,
        summary=_first_line(body),
        body=body,
        staff_id=ctx.actor.id,
        by_label=ctx.actor.name,
    )
    ctx.session.add(entry)
    ctx.session.flush()
    audit.record(
        ctx.session, ctx.actor, complaint, Action.NOTE_ADDED, after={"entry": entry.id, "characters": len(body)}
    )
    return entry


def record_contact(
    ctx: ActionContext,
    complaint: Complaint,
    *,
    kind: str,
    direction: str,
    on: date | None,
    summary: str,
    body: str = "",
) -> CaseEntry:
    """A call, meeting, letter or email that happened outside the service, written down by staff."""
    may_write(ctx, complaint)
    try:
        entry_kind = EntryKind(kind)
    except ValueError:
        entry_kind = None
    if entry_kind not in RECORDED_KINDS:
        raise ActionRefused("Choose what it was: a call, a meeting, an email or a letter", "kind")
    if direction not in (Direction.IN.value, Direction.OUT.value):
        raise ActionRefused("Choose whether it was from them or from us", "direction")
    if on is None:
        raise ActionRefused(
            f"Enter the date as day, month and year, like {ctx.today.day} {ctx.today.month} {ctx.today.year}", "on"
        )
    if on > ctx.today:
        raise ActionRefused("The date must be today or in the past", "on")
    summary = _text(summary, "summary", "a summary", MAX_SUMMARY)
    body = _text(body, "body", "the details", MAX_BODY, required=False)
    # A day in the past is logged at noon London time; today's at the moment it was recorded.
    at = ctx.now if on == ctx.today else datetime.combine(on, time(12), tzinfo=ctx.settings.timezone).astimezone(UTC)
    entry = CaseEntry(
        complaint_id=require_id(complaint),
        kind=entry_kind.value,
        direction=direction,
        channel=RECORDED_CHANNELS[entry_kind].value,
        happened_at=at,
        summary=summary,
        body=body,
        staff_id=ctx.actor.id,
        by_label=ctx.actor.name,
    )
    ctx.session.add(entry)
    ctx.session.flush()
    audit.record(
        ctx.session,
        ctx.actor,
        complaint,
        Action.CONTACT_RECORDED,
        after={"entry": entry.id, "kind": entry.kind, "direction": direction, "on": on},
    )
    return entry


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= 120 else line[:119] + "…"


def readable_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def _files_by_entry(session: Session, complaint_id: int) -> dict[int | None, list[FileLink]]:
    statement = select(Attachment).where(Attachment.complaint_id == complaint_id).order_by(col(Attachment.id))
    out: dict[int | None, list[FileLink]] = {}
    for item in session.exec(statement):
        link = FileLink(require_id(item), item.filename, readable_size(item.size), item.content_type)
        out.setdefault(item.entry_id, []).append(link)
    return out


def entries_of(session: Session, complaint_id: int) -> list[CaseEntry]:
    statement = select(CaseEntry).where(CaseEntry.complaint_id == complaint_id)
    return list(session.exec(statement.order_by(col(CaseEntry.happened_at), col(CaseEntry.id))).all())


def complainant_emails(session: Session, complaint_id: int, linked: set[int]) -> list[OutboxMessage]:
    """The emails the service sent (or will send) the complainant, except those a log entry stands for."""
    statement = select(OutboxMessage).where(
        OutboxMessage.complaint_id == complaint_id, col(OutboxMessage.template).in_(COMPLAINANT_TEMPLATES)
    )
    return [m for m in session.exec(statement.order_by(col(OutboxMessage.id))) if m.id not in linked]


def _email_status(message: OutboxMessage | None, zone) -> str:
    if message is None:
        return ""
    words = EMAIL_STATUS_WORDS.get(message.status, message.status)
    if message.status == OutboxStatus.SENT.value and message.sent_at:
        return f"{words} {long_date(message.sent_at.astimezone(zone).date())}"
    return words


def log_for(session: Session, complaint: Complaint, zone) -> list[LogItem]:
    """The complaint's log, oldest first: entries with their files, and the service's emails to the complainant."""
    complaint_id = require_id(complaint)
    entries = entries_of(session, complaint_id)
    files = _files_by_entry(session, complaint_id)
    linked = {e.outbox_message_id for e in entries if e.outbox_message_id is not None}
    outbox = {m.id: m for m in session.exec(select(OutboxMessage).where(col(OutboxMessage.id).in_(linked)))}
    items = []
    for entry in entries:
        kind = EntryKind(entry.kind)
        status = DELIVERY_LABELS.get(Delivery(entry.delivery), entry.delivery)
        if entry.outbox_message_id is not None:
            status = f"Emailed: {_email_status(outbox.get(entry.outbox_message_id), zone).lower()}"
        items.append(
            LogItem(
                at=entry.happened_at,
                kind=kind.value,
                title=ENTRY_LABELS[kind],
                direction=DIRECTION_LABELS[Direction(entry.direction)],
                channel=CHANNEL_LABELS.get(entry.channel, entry.channel) if entry.channel else "",  # type: ignore[call-overload]
                summary=entry.summary,
                body=entry.body,
                by=entry.by_label,
                status=status,
                entry_id=entry.id,
                letter=bool(entry.letter_kind),
                files=files.get(entry.id, []),
            )
        )
    for message in complainant_emails(session, complaint_id, linked):
        items.append(
            LogItem(
                at=message.sent_at or message.send_after,
                kind="service-email",
                title="Email from the service",
                direction=DIRECTION_LABELS[Direction.OUT],
                channel=CHANNEL_LABELS[Channel.EMAIL],
                summary=EMAIL_WORDS.get(message.template, message.template.replace("-", " ")),
                by="system",
                status=_email_status(message, zone),
            )
        )
    items.sort(key=lambda item: item.at)
    return items


def searchable_text(session: Session, complaint_id: int) -> str:
    """Every word of the complaint's notes and correspondence, for the search index: summaries, bodies and the
    names of its files. What the service emails by itself is template wording, the same for everyone, so it is
    left out; letters written from a template are in (the officer's edits are)."""
    parts: list[str] = []
    for entry in entries_of(session, complaint_id):
        parts += [entry.summary, entry.body]
    parts += session.exec(select(Attachment.filename).where(Attachment.complaint_id == complaint_id)).all()
    return "\n".join(part for part in parts if part)


def kind_items(selected: str | None) -> list[dict[str, object]]:
    return [
        {"value": kind.value, "text": ENTRY_LABELS[kind], "checked": selected == kind.value} for kind in RECORDED_KINDS
    ]


def direction_items(selected: str | None) -> list[dict[str, object]]:
    return [
        {"value": d.value, "text": DIRECTION_LABELS[d], "checked": selected == d.value}
        for d in (Direction.IN, Direction.OUT)
    ]
