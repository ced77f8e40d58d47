"""What the case page says, in words: its summary rows, tags, stage and reminder rows, and the choices in its
forms. Built here from the case file so templates/casework/complaint.html only draws it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any

from werkzeug.datastructures import MultiDict

from casework.casefile import CaseFile
from casework.safeguarding import SafeguardingPanel
from casework.stages import STATE_TAGS
from content.dates import long_date
from models.complaints import (
    CHANNEL_LABELS,
    CONSENT_LABELS,
    CONTACT_LABELS,
    DECIDED_OUTCOMES,
    OUTCOME_LABELS,
    PROCEDURE_LABELS,
    ROLE_LABELS,
    STATUS_LABELS,
    Complaint,
    ComplaintStatus,
    LearningCategory,
)
from models.equalities import EQUALITIES
from models.equalities import label_of as label_of_equality
from models.safeguarding import ReviewDecision
from models.staff import StaffUser
from models.teams import Team
from web.govuk import checkbox_items, radio_items, select_items, summary_rows, tag

ADVOCATE_WANTED = {True: "Yes", False: "No", None: "Not asked"}


def label_of(labels: Mapping[Any, str], value: str | None) -> str:
    """An enum's words (its labels, keyed by member) for a stored value; one it does not know is shown as stored."""
    if value is None:
        return ""
    return labels.get(value, value)


@dataclass(frozen=True)
class StageRow:
    label: str
    received: str
    due: str
    extension_reason: str
    tag: dict[str, str] | None
    responded: str
    outcome: str
    learning: str
    reasons: str = ""
    summary: str = ""  # the response summary as written (kept as typed, line breaks and all)
    responded_on_record: bool = False  # a response (or the Ombudsman's decision) is recorded

    @property
    def response_rows(self) -> list[dict[str, Any]]:
        """The response's summary-list rows, for a stage that has one (the case page's "Responses")."""
        rows = summary_rows(
            [("Outcome", self.outcome or "Not recorded"), ("Learning", self.learning or "None recorded")]
        )
        # Line breaks as the officer typed them (a summary is often a few short paragraphs).
        summary = {"text": self.summary or "No summary recorded", "classes": "casework-response__summary"}
        return [*rows, {"key": {"text": "Summary"}, "value": summary}]


@dataclass(frozen=True)
class ReminderRow:
    day: str
    email: str
    to: str


def status_tag(complaint: Complaint) -> dict[str, str]:
    return tag(
        label_of(STATUS_LABELS, complaint.status), "blue" if complaint.status == ComplaintStatus.OPEN else "grey"
    )


def review_tag(reviewed: bool) -> dict[str, str]:
    """Purple until someone has recorded a safeguarding review, then grey (the queue, the case page)."""
    return tag("Safeguarding" + (": reviewed" if reviewed else ""), "grey" if reviewed else "purple")


# The queue's deadline tags, as govukTag params.
STATE_TAG_PARAMS = {state: {"text": text, "classes": classes} for state, (text, classes) in STATE_TAGS.items()}


def safeguarding_tag(complaint: Complaint, panel: SafeguardingPanel) -> dict[str, str] | None:
    return review_tag(panel.reviewed) if complaint.safeguarding_flag else None


def detail_rows(case: CaseFile, zone: tzinfo) -> list[dict[str, Any]]:
    c = case.complaint
    contact = [label_of(CONTACT_LABELS, c.contact_method) if c.contact_method else "", c.email or "", c.phone or ""]
    safe_contact = c.safe_contact or ("Declined to give one" if c.safe_contact_declined else "Not given")
    return summary_rows(
        [
            ("Received", long_date(c.received_at.astimezone(zone).date())),
            ("Team", case.team.name if case.team else "Not assigned yet (triage)"),
            ("Officer", case.officer.name if case.officer else "Nobody yet"),
            ("From", label_of(ROLE_LABELS, c.complainant_role)),
            ("Name", c.complainant_name or "Not given"),
            ("On behalf of", c.on_behalf_of or "Themselves"),
            *([("Did the child agree", label_of(CONSENT_LABELS, c.child_consent))] if c.child_consent else []),
            ("Contact", ", ".join(part for part in contact if part) or "None"),
            *([("Advocate", c.advocate_name)] if c.advocate_name else []),
            ("Safe way to reach", safe_contact),
            ("Advocate wanted", ADVOCATE_WANTED[c.advocacy_requested]),
            ("Events over a year ago", "Yes" if c.over_a_year_ago else "No"),
            ("Channel", label_of(CHANNEL_LABELS, c.channel)),
            ("Procedure", label_of(PROCEDURE_LABELS, c.procedure)),
            *([("Made through an advocate", "Yes" if c.via_advocate else "No")] if c.via_advocate is not None else []),
            *([("Equalities monitoring", equalities)] if (equalities := equalities_words(c)) else []),
        ]
    )


def equalities_words(c: Complaint) -> str:
    """The equalities answers they chose to give, in words ("16 or 17; Female"), or ""."""
    return "; ".join(label_of_equality(column, getattr(c, column)) for column in EQUALITIES if getattr(c, column))


def said_rows(complaint: Complaint) -> list[dict[str, Any]]:
    c = complaint
    when = c.happened_text or (long_date(c.happened_on) if c.happened_on else "Not given")
    return summary_rows(
        [
            ("Team or worker", c.about_text or "Not given"),
            ("What happened", c.what_happened or "Not given"),
            ("When", when),
            ("What they want", c.wanted_outcome or "Not given"),
        ]
    )


def stage_rows(case: CaseFile) -> list[StageRow]:
    rows = []
    for stage in case.stages:
        record = stage.record
        rows.append(
            StageRow(
                label=stage.label,
                received=long_date(record.received_on),
                due=long_date(stage.due) if stage.due else "No deadline",
                extension_reason=record.extension_reason if record.extended_to else "",
                tag=STATE_TAG_PARAMS[stage.state] if stage.state else None,
                responded=long_date(record.responded_on) if record.responded_on else "Waiting",
                outcome=label_of(OUTCOME_LABELS, record.outcome),
                learning=", ".join(stage.learning),
                reasons=", ".join(stage.reasons),
                summary=record.response_summary,
                responded_on_record=record.responded_on is not None,
            )
        )
    return rows


def reminder_rows(case: CaseFile) -> list[ReminderRow]:
    return [
        ReminderRow(long_date(r.day), r.template.replace("-", " ").capitalize(), ", ".join(r.audiences))
        for r in case.reminders
    ]


def outcome_items(form: MultiDict | None) -> list[dict[str, Any]]:
    """A response's (or the Ombudsman's) outcome: the decided outcomes, from the enum."""
    chosen = form.get("outcome") if form is not None else None
    return radio_items([(outcome.value, outcome.label) for outcome in DECIDED_OUTCOMES], chosen)


def review_items(form: MultiDict | None) -> list[dict[str, Any]]:
    chosen = form.get("decision", "") if form is not None else ""
    return radio_items([(decision.value, decision.label) for decision in ReviewDecision], chosen)


def team_items(case: CaseFile, teams: Sequence[Team], form: MultiDict | None) -> list[dict[str, Any]]:
    """Where the complaint may go: every team but its own."""
    others = [(team.slug, team.name) for team in teams if case.team is None or team.id != case.team.id]
    return select_items(others, form.get("team") if form is not None else None, "Choose a team")


def officer_items(case: CaseFile, me: StaffUser, form: MultiDict | None) -> list[dict[str, Any]]:
    people = [(str(p.id), p.name + (" (you)" if p.id == me.id else "")) for p in case.officers]
    return select_items(people, form.get("officer") if form is not None else None, "Choose a person")


def learning_items(categories: Sequence[LearningCategory], form: MultiDict | None) -> list[dict[str, Any]]:
    chosen = form.getlist("learning") if form is not None else []
    return checkbox_items([(category.slug, category.label) for category in categories], chosen)


@dataclass(frozen=True)
class ComplaintPage:
    status_tag: dict[str, str]
    safeguarding_tag: dict[str, str] | None
    details: list[dict[str, Any]]
    said: list[dict[str, Any]]
    stages: list[StageRow]
    reminders: list[ReminderRow]
    team_items: list[dict[str, Any]]
    officer_items: list[dict[str, Any]]
    learning_items: list[dict[str, Any]]


def complaint_page(
    case: CaseFile,
    panel: SafeguardingPanel,
    zone: tzinfo,
    *,
    teams: Sequence[Team],
    learning: Sequence[LearningCategory],
    me: StaffUser,
    form: MultiDict | None,
) -> ComplaintPage:
    return ComplaintPage(
        status_tag=status_tag(case.complaint),
        safeguarding_tag=safeguarding_tag(case.complaint, panel),
        details=detail_rows(case, zone),
        said=said_rows(case.complaint),
        stages=stage_rows(case),
        reminders=reminder_rows(case),
        team_items=team_items(case, teams, form),
        officer_items=officer_items(case, me, form),
        learning_items=learning_items(learning, form),
    )
