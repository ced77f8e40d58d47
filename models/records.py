"""What gathers around a complaint: notes and correspondence (the case log), attached files, letter templates.

The log holds what staff write down (notes, calls, meetings, letters and emails recorded by hand), letters the
service writes from a template, and what the complainant adds through their private link. Emails the outbox
sends to the complainant are rows of `outbox_message` with the complaint's id; the log reads them from there
(casework/correspondence.py), and a letter sent by email links its outbox row here, so nothing is listed twice.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Column, Index, String, Text
from sqlmodel import Field

from models.base import SQLModel
from models.types import UTCDateTime, utcnow


class EntryKind(StrEnum):
    NOTE = "note"  # internal: never shown to the complainant
    CALL = "call"
    MEETING = "meeting"
    EMAIL = "email"  # an email sent or received outside the service, recorded by hand
    LETTER = "letter"  # a letter: from a template (sent by email or post) or recorded by hand
    MESSAGE = "message"  # what the complainant added through their private link

    @property
    def label(self) -> str:
        return ENTRY_LABELS[self]


class Direction(StrEnum):
    IN = "in"  # from the complainant (or on their behalf)
    OUT = "out"  # from us
    INTERNAL = "internal"  # a note

    @property
    def label(self) -> str:
        return DIRECTION_LABELS[self]


class Delivery(StrEnum):
    """How a letter the service wrote reaches the complainant."""

    NONE = ""  # not a letter we send (a note, a call, a letter recorded by hand)
    DRAFT = "draft"  # written, not sent yet
    EMAILED = "emailed"  # queued in the outbox (its row says when it went)
    TO_POST = "to-post"  # waiting in the officers' "to post" list
    POSTED = "posted"
    TO_PHONE = "to-phone"  # they asked for a call: an officer rings and tells them

    @property
    def label(self) -> str:
        return DELIVERY_LABELS[self]


ENTRY_LABELS = {
    EntryKind.NOTE: "Note",
    EntryKind.CALL: "Phone call",
    EntryKind.MEETING: "Meeting",
    EntryKind.EMAIL: "Email",
    EntryKind.LETTER: "Letter",
    EntryKind.MESSAGE: "Added by the complainant",
}
DIRECTION_LABELS = {Direction.IN: "From them", Direction.OUT: "From us", Direction.INTERNAL: "Internal"}
DELIVERY_LABELS = {
    Delivery.NONE: "",
    Delivery.DRAFT: "Draft",
    Delivery.EMAILED: "Emailed",
    Delivery.TO_POST: "To post",
    Delivery.POSTED: "Posted",
    Delivery.TO_PHONE: "To phone",
}


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(str(v.value)) for v in values)})"


class CaseEntry(SQLModel, table=True):
    """One line of a complaint's notes and correspondence."""

    __tablename__ = "case_entry"
    __table_args__ = (
        CheckConstraint(_in("kind", EntryKind), name="ck_case_entry_kind"),
        CheckConstraint(_in("direction", Direction), name="ck_case_entry_direction"),
        CheckConstraint(_in("delivery", Delivery), name="ck_case_entry_delivery"),
        Index("ix_case_entry_complaint_at", "complaint_id", "happened_at"),
        Index("ix_case_entry_delivery", "delivery"),
    )

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="complaint.id", ondelete="CASCADE")
    kind: str = Field(max_length=20)
    direction: str = Field(max_length=20)
    # How it came or went: the complaint channels' slugs (email, phone, letter, in-person, online), "" for a note.
    channel: str = Field(default="", max_length=20)
    happened_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    summary: str = Field(default="", max_length=500)
    body: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    # A letter from a template: which one (casework/letters.py) and for which stage.
    letter_kind: str = Field(default="", max_length=40)
    stage: int | None = Field(default=None)
    delivery: str = Field(default=Delivery.NONE.value, max_length=20)
    # The outbox row that emails it, when it went by email.
    outbox_message_id: int | None = Field(default=None, foreign_key="outbox_message.id", ondelete="SET NULL")
    staff_id: int | None = Field(default=None, foreign_key="staff_user.id")
    by_label: str = Field(default="", max_length=200)  # "complainant", "system" when no member of staff wrote it
    posted_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class Attachment(SQLModel, table=True):
    """A file kept with a complaint. The bytes live outside the database and the web root (casework/files.py)."""

    __tablename__ = "attachment"

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="complaint.id", index=True, ondelete="CASCADE")
    entry_id: int | None = Field(default=None, foreign_key="case_entry.id", ondelete="SET NULL")
    # The name it was uploaded with, cleaned; shown and offered on download, never used to store it.
    filename: str = Field(max_length=255)
    content_type: str = Field(max_length=100)  # what its content is, read from the bytes
    size: int
    sha256: str = Field(max_length=64)
    storage_key: str = Field(sa_column=Column(String(200), unique=True, nullable=False))
    scan: str = Field(default="not-scanned", max_length=20)  # "clean" when ClamAV passed it
    staff_id: int | None = Field(default=None, foreign_key="staff_user.id")
    by_label: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class LetterTemplate(SQLModel, table=True):
    """An admin's wording of a letter; without a row, casework/letters.py's default wording is used."""

    __tablename__ = "letter_template"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(sa_column=Column(String(40), unique=True, nullable=False))
    subject: str = Field(max_length=200)
    body: str = Field(sa_column=Column(Text, nullable=False))
    updated_by_id: int | None = Field(default=None, foreign_key="staff_user.id")
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
