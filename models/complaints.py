"""Complaints, their stages, and the lessons learned from them."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime
from decimal import Decimal
from enum import IntEnum, StrEnum

from sqlalchemy import JSON, CheckConstraint, Column, Index, Numeric, String, Text, UniqueConstraint, false, text
from sqlmodel import Field

from models.base import SQLModel, empty_list
from models.types import UTCDateTime, utcnow


class Stage(IntEnum):
    ONE = 1  # local resolution
    TWO = 2  # investigation
    THREE = 3  # review panel
    OMBUDSMAN = 4  # Local Government and Social Care Ombudsman

    @property
    def label(self) -> str:
        return "Ombudsman" if self is Stage.OMBUDSMAN else f"Stage {self.value}"


class Outcome(StrEnum):
    UPHELD = "upheld"
    PARTIALLY_UPHELD = "partially-upheld"
    NOT_UPHELD = "not-upheld"
    WITHDRAWN = "withdrawn"
    RESOLVED_EARLY = "resolved-early"

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self]


class ComplainantRole(StrEnum):
    CHILD = "child"
    CARE_LEAVER = "care-leaver"
    PARENT = "parent"
    FOSTER_CARER = "foster-carer"
    GUARDIAN_ADOPTER = "guardian-adopter"
    ADVOCATE = "advocate"
    OTHER = "other"
    # Imported history often does not say who complained: shown as "Not recorded", never counted as a group.
    NOT_RECORDED = "not-recorded"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


class Procedure(StrEnum):
    """Children's social care complaints follow the statutory procedure; the rest of the council's complaints
    about children's services (corporate) follow its own, shorter one (reminders/deadlines.py)."""

    STATUTORY = "statutory"
    CORPORATE = "corporate"

    @property
    def label(self) -> str:
        return PROCEDURE_LABELS[self]


class OmbudsmanDecision(StrEnum):
    """What the Local Government and Social Care Ombudsman decided (its own published categories)."""

    NOT_INVESTIGATED = "not-investigated"
    PREMATURE = "premature"
    CLOSED_AFTER_INITIAL_ENQUIRIES = "closed-after-initial-enquiries"
    UPHELD = "upheld"
    PARTLY_UPHELD = "partly-upheld"
    NOT_UPHELD = "not-upheld"

    @property
    def label(self) -> str:
        return OMBUDSMAN_DECISION_LABELS[self]

    @property
    def outcome(self) -> str | None:
        """The stage outcome this decision counts as in the figures (None: the Ombudsman did not decide on it)."""
        return {
            OmbudsmanDecision.UPHELD: Outcome.UPHELD.value,
            OmbudsmanDecision.PARTLY_UPHELD: Outcome.PARTIALLY_UPHELD.value,
            OmbudsmanDecision.NOT_UPHELD: Outcome.NOT_UPHELD.value,
        }.get(self)


class ComplaintStatus(StrEnum):
    AWAITING_TRIAGE = "awaiting-triage"
    OPEN = "open"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


class Channel(StrEnum):
    ONLINE = "online"
    EMAIL = "email"
    PHONE = "phone"
    LETTER = "letter"
    IN_PERSON = "in-person"
    IMPORTED = "imported"

    @property
    def label(self) -> str:
        return CHANNEL_LABELS[self]


class ContactMethod(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    POST = "post"
    ADVOCATE = "advocate"
    NONE = "none"

    @property
    def label(self) -> str:
        return CONTACT_LABELS[self]


class ChildConsent(StrEnum):
    """A complaint made for a child by someone else: did the child agree? (Recorded when staff log one.)"""

    GIVEN = "given"
    NOT_GIVEN = "not-given"
    NOT_ABLE = "not-able"

    @property
    def label(self) -> str:
        return CONSENT_LABELS[self]


# The words staff pages, the report and the answers use for each value (one place, so "Someone else" is never
# "Other" elsewhere). The complainant's own pages word things for them: content/complainant.py.
OUTCOME_LABELS = {
    Outcome.UPHELD: "Upheld",
    Outcome.PARTIALLY_UPHELD: "Partially upheld",
    Outcome.NOT_UPHELD: "Not upheld",
    Outcome.WITHDRAWN: "Withdrawn",
    Outcome.RESOLVED_EARLY: "Resolved early",
}
# The outcomes a response or the Ombudsman's decision records (withdrawn and resolved early are their own actions).
DECIDED_OUTCOMES = (Outcome.UPHELD, Outcome.PARTIALLY_UPHELD, Outcome.NOT_UPHELD)
ROLE_LABELS = {
    ComplainantRole.CHILD: "Child or young person",
    ComplainantRole.CARE_LEAVER: "Care leaver",
    ComplainantRole.PARENT: "Parent or family",
    ComplainantRole.FOSTER_CARER: "Foster carer",
    ComplainantRole.GUARDIAN_ADOPTER: "Special guardian or adopter",
    ComplainantRole.ADVOCATE: "Advocate",
    ComplainantRole.OTHER: "Someone else",
    ComplainantRole.NOT_RECORDED: "Not recorded",
}
# The roles that are real groups of people: "not recorded" is left out of every count by who complained.
REAL_ROLES = tuple(role for role in ComplainantRole if role is not ComplainantRole.NOT_RECORDED)
PROCEDURE_LABELS = {Procedure.STATUTORY: "Statutory", Procedure.CORPORATE: "Corporate"}
OMBUDSMAN_DECISION_LABELS = {
    OmbudsmanDecision.NOT_INVESTIGATED: "Not investigated",
    OmbudsmanDecision.PREMATURE: "Premature: sent back to the council",
    OmbudsmanDecision.CLOSED_AFTER_INITIAL_ENQUIRIES: "Closed after initial enquiries",
    OmbudsmanDecision.UPHELD: "Upheld: fault and injustice",
    OmbudsmanDecision.PARTLY_UPHELD: "Partly upheld",
    OmbudsmanDecision.NOT_UPHELD: "Not upheld: no fault",
}
STATUS_LABELS = {
    ComplaintStatus.AWAITING_TRIAGE: "Awaiting triage",
    ComplaintStatus.OPEN: "Open",
    ComplaintStatus.CLOSED: "Closed",
    ComplaintStatus.WITHDRAWN: "Withdrawn",
}
CHANNEL_LABELS = {
    Channel.ONLINE: "Online",
    Channel.EMAIL: "Email",
    Channel.PHONE: "Phone",
    Channel.LETTER: "Letter",
    Channel.IN_PERSON: "In person",
    Channel.IMPORTED: "Imported",
}
CONSENT_LABELS = {
    ChildConsent.GIVEN: "Yes, the child or young person agreed",
    ChildConsent.NOT_GIVEN: "No, not yet (we decide whether it is in their interests to go ahead)",
    ChildConsent.NOT_ABLE: "They are too young or not able to understand",
}
CONTACT_LABELS = {
    ContactMethod.EMAIL: "Email",
    ContactMethod.PHONE: "Phone",
    ContactMethod.POST: "Post",
    ContactMethod.ADVOCATE: "Through their advocate",
    ContactMethod.NONE: "No contact",
}


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(str(v.value)) for v in values)})"


class Complaint(SQLModel, table=True):
    __tablename__ = "complaint"
    __table_args__ = (
        CheckConstraint(_in("complainant_role", ComplainantRole), name="ck_complaint_role"),
        CheckConstraint(_in("status", ComplaintStatus), name="ck_complaint_status"),
        CheckConstraint(_in("channel", Channel), name="ck_complaint_channel"),
        CheckConstraint(_in("procedure", Procedure), name="ck_complaint_procedure"),
        CheckConstraint("routing_decision IN ('auto', 'triage', 'manual', 'imported')", name="ck_complaint_routing"),
        Index("ix_complaint_status_team", "status", "team_id"),
        # Search's filters and lists: received between two days, the most recently closed first.
        Index("ix_complaint_received_at", "received_at"),
        Index("ix_complaint_closed_at", "closed_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # Shown to the complainant and staff; random so one reference does not reveal others.
    reference: str = Field(sa_column=Column(String(20), unique=True, nullable=False))
    # Only a hash of the private status-link token is kept, like a password.
    status_token_hash: str | None = Field(default=None, max_length=64, index=True)
    external_id: str | None = Field(default=None, sa_column=Column(String(100), unique=True, nullable=True))
    received_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    channel: str = Field(default=Channel.ONLINE.value, max_length=20)
    complainant_role: str = Field(max_length=20)
    complainant_name: str = Field(default="", max_length=200)
    on_behalf_of: str = Field(default="", max_length=200)
    # For a complaint made for a child (ChildConsent); "" when it is their own or nobody recorded it.
    child_consent: str = Field(default="", max_length=20, sa_column_kwargs={"server_default": ""})
    # Their advocate's name, when our reply goes through their advocate (the advocate's email or phone is in
    # email/phone then).
    advocate_name: str = Field(default="", max_length=200, sa_column_kwargs={"server_default": ""})
    contact_method: str = Field(default=ContactMethod.NONE.value, max_length=20)
    email: str = Field(default="", max_length=320)
    phone: str = Field(default="", max_length=40)
    postal_address: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    about_text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    what_happened: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    wanted_outcome: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    happened_on: date | None = Field(default=None)
    happened_text: str = Field(default="", max_length=200)
    over_a_year_ago: bool = Field(default=False)
    advocacy_requested: bool | None = Field(default=None)
    safeguarding_flag: bool = Field(default=False, index=True)
    # What kind of danger (intake.safeguarding category slugs), for the alert, the queue and `ask`.
    safeguarding_categories: list[str] = Field(
        default_factory=empty_list, sa_column=Column(JSON, nullable=False, server_default=text("'[]'"))
    )
    # Teams (slugs) the complainant said it is not: "No" to "it sounds like this is {team}" in the chat. Triage
    # never pre-selects one of them, however sure the router is.
    rejected_teams: list[str] = Field(
        default_factory=empty_list, sa_column=Column(JSON, nullable=False, server_default=text("'[]'"))
    )
    # The last safeguarding review (casework/safeguarding.py); cleared when new danger is reported.
    safeguarding_reviewed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    # A safe way to reach them, asked after a disclosure: what they gave, or "" (see `safe_contact_declined`).
    safe_contact: str = Field(default="", sa_column=Column(Text, nullable=False, default="", server_default=""))
    safe_contact_declined: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    # The language they complained in ("en", "pl"; content/i18n.py): their emails speak it, and staff know to reply
    # in it (docs/languages.md).
    language: str = Field(default="en", max_length=8, sa_column_kwargs={"server_default": "en"})
    routing_decision: str = Field(default="manual", max_length=20)
    routing_confidence: float | None = Field(default=None)
    team_id: int | None = Field(default=None, foreign_key="team.id", index=True)
    assigned_officer_id: int | None = Field(default=None, foreign_key="staff_user.id", index=True)
    status: str = Field(default=ComplaintStatus.OPEN.value, max_length=20)
    closed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    purged_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    procedure: str = Field(
        default=Procedure.STATUTORY.value, max_length=20, sa_column_kwargs={"server_default": Procedure.STATUTORY.value}
    )
    # Made through an advocate for the young person (yes, no, or not known).
    via_advocate: bool | None = Field(default=None)
    # Equalities monitoring, all optional (models/equalities.py holds the values); "" when not given.
    age_band: str = Field(default="", max_length=40, sa_column_kwargs={"server_default": ""})
    gender: str = Field(default="", max_length=40, sa_column_kwargs={"server_default": ""})
    ethnicity: str = Field(default="", max_length=40, sa_column_kwargs={"server_default": ""})
    disability: str = Field(default="", max_length=40, sa_column_kwargs={"server_default": ""})


class StageRecord(SQLModel, table=True):
    """One stage of one complaint. Reports count a stage by the day it was received."""

    __tablename__ = "stage_record"
    __table_args__ = (
        UniqueConstraint("complaint_id", "stage", name="uq_stage_record_complaint_stage"),
        CheckConstraint("stage IN (1, 2, 3, 4)", name="ck_stage_record_stage"),
        CheckConstraint(
            "outcome IS NULL OR " + _in("outcome", Outcome),
            name="ck_stage_record_outcome",
        ),
        CheckConstraint("extended_to IS NULL OR extension_reason <> ''", name="ck_stage_record_extension_reason"),
        CheckConstraint("responded_on IS NULL OR responded_on >= received_on", name="ck_stage_record_response_date"),
        CheckConstraint(
            "ombudsman_decision IS NULL OR " + _in("ombudsman_decision", OmbudsmanDecision),
            name="ck_stage_record_ombudsman_decision",
        ),
        # The reports: stage counts by received date, by team, and open stages by due date.
        Index("ix_stage_record_stage_received", "stage", "received_on"),
        Index("ix_stage_record_team_stage_received", "team_id", "stage", "received_on"),
        Index("ix_stage_record_open_due", "responded_on", "due_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="complaint.id", index=True, ondelete="CASCADE")
    stage: int
    received_on: date
    due_on: date | None = Field(default=None)
    extended_to: date | None = Field(default=None)
    extension_reason: str = Field(default="", max_length=500)
    responded_on: date | None = Field(default=None)
    outcome: str | None = Field(default=None, max_length=20)
    team_id: int | None = Field(default=None, foreign_key="team.id")
    late_request_reason: str = Field(default="", max_length=500)
    response_summary: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    panel_on: date | None = Field(default=None)
    report_on: date | None = Field(default=None)
    # What the stage cost (investigation, compensation), in pounds.
    cost: Decimal | None = Field(default=None, sa_column=Column(Numeric(10, 2), nullable=True))
    # The Ombudsman stage only (stage 4); its decision date is `responded_on`.
    ombudsman_reference: str = Field(default="", max_length=50, sa_column_kwargs={"server_default": ""})
    ombudsman_decision: str | None = Field(default=None, max_length=40)
    remedy: str = Field(default="", sa_column=Column(Text, nullable=False, default="", server_default=""))
    remedy_amount: Decimal | None = Field(default=None, sa_column=Column(Numeric(10, 2), nullable=True))
    # The day the council must have carried out the remedy by, and the day it did.
    remedy_due_on: date | None = Field(default=None)
    remedy_done_on: date | None = Field(default=None)


class LearningCategory(SQLModel, table=True):
    __tablename__ = "learning_category"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(sa_column=Column(String(64), unique=True, nullable=False))
    label: str = Field(max_length=200)
    active: bool = Field(default=True)


class StageLearning(SQLModel, table=True):
    """The lessons recorded for a stage response (any number per stage)."""

    __tablename__ = "stage_learning"

    stage_record_id: int = Field(foreign_key="stage_record.id", primary_key=True, ondelete="CASCADE")
    category_id: int = Field(foreign_key="learning_category.id", primary_key=True, index=True)


class ReasonCategory(SQLModel, table=True):
    """What a complaint was about (staff conduct, communication, delay...): admins keep the list."""

    __tablename__ = "reason_category"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(sa_column=Column(String(64), unique=True, nullable=False))
    label: str = Field(max_length=200)
    active: bool = Field(default=True)


class StageReason(SQLModel, table=True):
    """The reasons recorded for a stage (any number per stage)."""

    __tablename__ = "stage_reason"

    stage_record_id: int = Field(foreign_key="stage_record.id", primary_key=True, ondelete="CASCADE")
    category_id: int = Field(foreign_key="reason_category.id", primary_key=True, index=True)


# Letters and digits that cannot be mistaken for each other when read out on the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference() -> str:
    """A random reference like "CS-7KQ3-MX9P": short enough to read out, too many to guess."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"CS-{chars[:4]}-{chars[4:]}"


def hash_token(token: str) -> str:
    """What we keep of a private link's token (status page, draft resume): a SHA-256 hex digest."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    """A private link token: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)
