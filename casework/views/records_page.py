"""The case page's records (issue 14 and the Ombudsman): the Ombudsman record, reference, decision, remedy and
its deadline, in words (the template only draws it), and the choices of the decision and response forms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select
from werkzeug.datastructures import MultiDict

from casework.casefile import CaseFile
from casework.stages import urgency
from casework.views.complaint_page import STATE_TAG_PARAMS
from content.dates import long_date
from models.complaints import (
    OMBUDSMAN_DECISION_LABELS,
    Complaint,
    OmbudsmanDecision,
    Procedure,
    ReasonCategory,
    Stage,
    StageRecord,
)
from reminders.calendar import WorkingCalendar
from web.govuk import checkbox_items, radio_items, summary_rows


@dataclass(frozen=True)
class OmbudsmanRecord:
    rows: list[dict[str, Any]]
    remedy_tag: dict[str, str] | None
    record: StageRecord


def ombudsman_record(case: CaseFile, calendar: WorkingCalendar, today: date) -> OmbudsmanRecord | None:
    """None when the complaint has not gone to the Ombudsman."""
    record = next((s.record for s in case.stages if s.record.stage == Stage.OMBUDSMAN), None)
    if record is None:
        return None
    decision = record.ombudsman_decision
    if record.remedy_done_on is not None:
        remedy_state = f"Done on {long_date(record.remedy_done_on)}"
    elif record.remedy_due_on is not None:
        remedy_state = f"Not done yet: due {long_date(record.remedy_due_on)}"
    else:
        remedy_state = "No remedy asked for" if record.responded_on else "Waiting for the decision"
    rows = [
        ("Ombudsman's reference", record.ombudsman_reference or "Not recorded"),
        ("Received", long_date(record.received_on)),
        ("Decision", OMBUDSMAN_DECISION_LABELS[OmbudsmanDecision(decision)] if decision else "Waiting"),
        ("Decision date", long_date(record.responded_on) if record.responded_on else "Waiting"),
        ("Remedy", record.remedy or "None"),
        ("Amount", f"£{record.remedy_amount:,.2f}" if record.remedy_amount is not None else "None"),
        ("Remedy carried out", remedy_state),
    ]
    tag = None
    if record.remedy_due_on is not None and record.remedy_done_on is None:
        state = STATE_TAG_PARAMS[urgency(calendar, record.remedy_due_on, today)]
        tag = state | {"text": f"Remedy {state['text'].lower()}"}
    return OmbudsmanRecord(summary_rows(rows), tag, record)


def decision_items(form: MultiDict | None) -> list[dict[str, Any]]:
    chosen = form.get("decision") if form is not None else None
    return radio_items([(d.value, d.label) for d in OmbudsmanDecision], chosen)


def reason_items(session: Session, form: MultiDict | None) -> list[dict[str, Any]]:
    """The reasons in use, as checkboxes for the response form."""
    reasons = session.exec(select(ReasonCategory).where(ReasonCategory.active).order_by(col(ReasonCategory.label)))
    chosen = form.getlist("reasons") if form is not None else []
    return checkbox_items([(reason.slug, reason.label) for reason in reasons], chosen)


PROCEDURE_HINTS = {
    Procedure.STATUTORY: "Children's social care: stage 1 in 10 working days, stage 2 in 25, a review panel",
    Procedure.CORPORATE: "The council's own procedure: its shorter timescales, no stage 3",
}


def procedure_items(complaint: Complaint, form: MultiDict | None) -> list[dict[str, Any]]:
    chosen = form.get("procedure") if form is not None else complaint.procedure
    return [
        item | {"hint": {"text": PROCEDURE_HINTS[Procedure(item["value"])]}}
        for item in radio_items([(p.value, p.label) for p in Procedure], chosen)
    ]
