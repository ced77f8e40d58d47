"""The report's reading of the records' newer facts: procedure, advocates, reasons, the Ombudsman's decisions,
cost, equalities and feedback that is not a complaint (issue 14's data contract, docs/reporting.md).

Each is read only where the schema holds it, so the report works on a database migrated before those columns
and tables existed: a fact the schema lacks is reported as not recorded (None), never as zero. Everything
here counts from the engine's as-of view of `stage_record` (`Engine.sr`), so `--as-of` hides these facts too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import ColumnElement, Table, and_, func, literal, or_, select
from sqlalchemy.sql.expression import FromClause

import models  # noqa: F401  (registers every table on the metadata, the newer ones included when present)
from models.base import SQLModel, table_of
from models.complaints import ComplainantRole, Complaint, StageRecord

COMPLAINT = table_of(Complaint)
_STAGES = table_of(StageRecord)

# The names the records' schema gives these facts (the shared data contract; do not rename here alone).
PROCEDURES = ("statutory", "corporate")
PROCEDURE_LABELS = {"statutory": "Statutory (children's social care)", "corporate": "Corporate"}
EQUALITY_FIELDS = {"age_band": "Age", "gender": "Gender", "ethnicity": "Ethnicity", "disability": "Disability"}
OMBUDSMAN_DECISIONS = {
    "upheld": "Upheld: fault and injustice",
    "partly-upheld": "Partly upheld",
    "not-upheld": "Not upheld: no fault",
    "closed-after-initial-enquiries": "Closed after initial enquiries",
    "premature": "Premature: sent back to the council",
    "not-investigated": "Not investigated",
}
INVESTIGATED = ("upheld", "partly-upheld", "not-upheld")
UPHELD = ("upheld", "partly-upheld")
FEEDBACK_KINDS = {
    "compliment": "Compliments",
    "enquiry": "Enquiries",
    "mp-enquiry": "MP enquiries",
    "councillor-enquiry": "Councillor enquiries",
    "pre-complaint": "Pre-complaints",
    "professional-complaint": "Professional complaints",
}
SUPPRESS_BELOW = 5  # equalities counts of 1 to 4 are not published: too few people, who could be recognised
SUPPRESSED = "<5"


def _table(name: str) -> Table | None:
    return SQLModel.metadata.tables.get(name)


def has_procedure() -> bool:
    return "procedure" in COMPLAINT.c


def has_via_advocate() -> bool:
    return "via_advocate" in COMPLAINT.c


def has_equalities() -> bool:
    return all(name in COMPLAINT.c for name in EQUALITY_FIELDS)


def has_ombudsman_decisions() -> bool:
    return "ombudsman_decision" in _STAGES.c


def has_cost() -> bool:
    return "cost" in _STAGES.c


def reason_tables() -> tuple[Table, Table] | None:
    category, link = _table("reason_category"), _table("stage_reason")
    return None if category is None or link is None else (category, link)


def feedback_table() -> Table | None:
    return _table("feedback")


def procedure_condition(procedure: str) -> ColumnElement[bool]:
    """Complaints of one procedure. Before the column existed every complaint was statutory."""
    if has_procedure():
        return COMPLAINT.c.procedure == procedure
    return literal(procedure == "statutory")


def via_advocate_condition() -> ColumnElement[bool]:
    """Made through an advocate: recorded so, or made by an advocate (the complainant role)."""
    by_advocate = COMPLAINT.c.complainant_role == ComplainantRole.ADVOCATE.value
    if has_via_advocate():
        return or_(COMPLAINT.c.via_advocate.is_(True), by_advocate)
    return by_advocate


@dataclass
class Counted:
    key: str
    label: str
    value: int | str  # a count, or SUPPRESSED


def reasons(session, sr: FromClause, conditions: list) -> list[Counted] | None:
    """Stages (matching `conditions` on `sr`) by reason category, every active category shown, largest first."""
    tables = reason_tables()
    if tables is None:
        return None
    category, link = tables
    stmt = (
        select(link.c.category_id, func.count())
        .select_from(sr.join(link, link.c.stage_record_id == sr.c.id))
        .where(*conditions)
        .group_by(link.c.category_id)
    )
    counts = dict(session.connection().execute(stmt).all())
    rows = session.connection().execute(select(category.c.id, category.c.slug, category.c.label, category.c.active))
    found = [Counted(slug, label, counts.get(cid, 0)) for cid, slug, label, active in rows if active or cid in counts]
    return sorted(found, key=lambda c: (-int(c.value), c.label))


@dataclass
class OmbudsmanFacts:
    received: int
    decided: int
    decisions: dict[str, int]  # by decision, every kind shown
    investigated: int
    upheld: int
    remedies: int  # decisions in the year that asked the council to put something right
    remedy_amount: Decimal | None  # pounds, when amounts are recorded
    remedies_done: int | None
    remedies_overdue: int | None


def ombudsman(session, sr: FromClause, period_start: date, period_end: date, as_of: date, scope) -> OmbudsmanFacts:
    """The Ombudsman's complaints received and decided in the year (the decision's date is the stage's response).

    Before decisions were recorded, the stage's outcome stands for the decision (partially upheld is partly).
    """
    base = [sr.c.stage == 4]
    if scope is not None:
        base.append(sr.c.team_id.in_(sorted(scope)))
    connection = session.connection()
    in_year = and_(sr.c.received_on >= period_start, sr.c.received_on <= period_end)
    received = connection.execute(select(func.count()).select_from(sr).where(*base, in_year)).scalar_one()
    decided_in_year = and_(sr.c.responded_on >= period_start, sr.c.responded_on <= period_end)
    decision: ColumnElement
    if has_ombudsman_decisions():
        decision = sr.c.ombudsman_decision
    else:
        decision = func.replace(sr.c.outcome, "partially-upheld", "partly-upheld")
    stmt = select(decision, func.count()).select_from(sr).where(*base, decided_in_year, decision.is_not(None))
    counts = dict(connection.execute(stmt.group_by(decision)).all())
    decisions = {key: int(counts.get(key, 0)) for key in OMBUDSMAN_DECISIONS}
    remedies, amount, done, overdue = 0, None, None, None
    if has_ombudsman_decisions():
        has_remedy = or_(sr.c.remedy != "", sr.c.remedy_amount.is_not(None))
        remedy_stmt = select(func.count(), func.sum(sr.c.remedy_amount), func.count(sr.c.remedy_done_on)).select_from(
            sr
        )
        remedies, amount, done = connection.execute(remedy_stmt.where(*base, decided_in_year, has_remedy)).one()
        late = and_(sr.c.remedy_done_on.is_(None), sr.c.remedy_due_on < as_of)
        overdue = connection.execute(
            select(func.count()).select_from(sr).where(*base, decided_in_year, has_remedy, late)
        ).scalar_one()
        amount = None if amount is None else Decimal(str(amount)).quantize(Decimal("0.01"))
    return OmbudsmanFacts(
        received=received,
        decided=sum(decisions.values()),
        decisions=decisions,
        investigated=sum(decisions[key] for key in INVESTIGATED),
        upheld=sum(decisions[key] for key in UPHELD),
        remedies=int(remedies or 0),
        remedy_amount=amount,
        remedies_done=None if done is None else int(done),
        remedies_overdue=overdue,
    )


@dataclass
class CostFacts:
    stage: int
    closed: int  # stages answered in the year
    costed: int  # of which a cost is recorded
    total: Decimal


def cost(session, sr: FromClause, stage: int, period_start: date, period_end: date, scope) -> CostFacts | None:
    """What the stages answered in the year cost (investigators, panels), where recorded."""
    if not has_cost():
        return None
    conditions = [sr.c.stage == stage, sr.c.responded_on >= period_start, sr.c.responded_on <= period_end]
    if scope is not None:
        conditions.append(sr.c.team_id.in_(sorted(scope)))
    stmt = select(func.count(), func.count(sr.c.cost), func.coalesce(func.sum(sr.c.cost), 0)).select_from(sr)
    closed, costed, total = session.connection().execute(stmt.where(*conditions)).one()
    return CostFacts(stage, closed, costed, Decimal(str(total)).quantize(Decimal("0.01")))


@dataclass
class FeedbackFacts:
    kind: str
    label: str
    received: int
    closed: int


def feedback(session, period_start: date, period_end: date, as_of: date, scope) -> list[FeedbackFacts] | None:
    """Compliments, enquiries and the rest received, and answered, in the year (as of `as_of`)."""
    table = feedback_table()
    if table is None:
        return None
    scoped = [] if scope is None else [table.c.team_id.in_(sorted(scope))]
    received_in = and_(table.c.received_on >= period_start, table.c.received_on <= min(period_end, as_of))
    answered_in = and_(table.c.responded_on >= period_start, table.c.responded_on <= min(period_end, as_of))
    connection = session.connection()
    received = dict(
        connection.execute(select(table.c.kind, func.count()).where(received_in, *scoped).group_by(table.c.kind)).all()
    )
    closed = dict(
        connection.execute(select(table.c.kind, func.count()).where(answered_in, *scoped).group_by(table.c.kind)).all()
    )
    return [
        FeedbackFacts(kind, label, int(received.get(kind, 0)), int(closed.get(kind, 0)))
        for kind, label in FEEDBACK_KINDS.items()
    ]


def equalities(session, sr: FromClause, conditions: list) -> dict[str, list[Counted]] | None:
    """Complainants of the stages matching `conditions`, by each equalities question, small numbers suppressed."""
    if not has_equalities():
        return None
    result: dict[str, list[Counted]] = {}
    source = sr.join(COMPLAINT, COMPLAINT.c.id == sr.c.complaint_id)
    for name in EQUALITY_FIELDS:
        column = COMPLAINT.c[name]
        stmt = select(column, func.count()).select_from(source).where(*conditions).group_by(column)
        counts = {value or "": int(n) for value, n in session.connection().execute(stmt).all()}
        rows = [Counted(value or "not-given", value or "Not given", n) for value, n in counts.items()]
        result[name] = suppress(sorted(rows, key=lambda c: (-int(c.value), c.label)))
    return result


def suppress(rows: list[Counted]) -> list[Counted]:
    """Counts of 1 to 4 become "<5"; if only one is hidden, the next smallest is too, so no total gives it away."""
    small = [row for row in rows if 0 < int(row.value) < SUPPRESS_BELOW]
    if len(small) == 1:
        others = sorted((row for row in rows if int(row.value) >= SUPPRESS_BELOW), key=lambda r: int(r.value))
        small += others[:1]
    hidden = {id(row) for row in small}
    return [Counted(row.key, row.label, SUPPRESSED) if id(row) in hidden else row for row in rows]
