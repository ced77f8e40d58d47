"""The words staff write for each year's annual report, one text per section; the figures come from the data."""

from __future__ import annotations

from sqlmodel import Session, select

from models.audit import Action, record
from models.reports import ReportNarrative
from models.staff import StaffUser
from models.types import utcnow
from queries.report import NARRATIVE_SECTIONS

MAX_NARRATIVE = 20_000  # characters: a few pages of a report


def narratives(session: Session, year_label: str) -> dict[str, ReportNarrative]:
    rows = session.exec(select(ReportNarrative).where(ReportNarrative.year_label == year_label)).all()
    return {row.section: row for row in rows}


def save_narrative(session: Session, user: StaffUser, year_label: str, section: str, text: str) -> ReportNarrative:
    """Create or replace one section's text (the request's transaction commits it, with an audit event)."""
    if section not in NARRATIVE_SECTIONS:
        raise ValueError(f"unknown report section {section!r}")
    text = text.replace("\r\n", "\n").strip()[:MAX_NARRATIVE]
    row = session.exec(
        select(ReportNarrative).where(ReportNarrative.year_label == year_label, ReportNarrative.section == section)
    ).first()
    before = None if row is None else {"characters": len(row.text)}
    if row is None:
        row = ReportNarrative(year_label=year_label, section=section)
    row.text = text
    row.updated_by_id = user.id
    row.updated_at = utcnow()
    session.add(row)
    # The text is the council's own commentary, not personal data; the audit keeps its size, not its words.
    record(
        session,
        user,
        None,
        Action.REPORT_NARRATIVE_SAVED,
        before,
        {"year": year_label, "section": section, "characters": len(text)},
    )
    session.flush()
    return row
