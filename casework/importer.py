"""Load historical complaints and their stages from a CSV (one row per stage).

Team labels are canonicalised by the same router the intake uses. The whole file is checked
first; nothing is written unless every row is valid, or with `skip_invalid` only the valid
complaints are written. Complaints are keyed by their external id, so a second import of the
same file changes nothing, and a later file may add the next stage of a known complaint.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from casework.csv_rows import UnreadableCsv, numbered_rows
from intake.routing import Router
from models import audit
from models.audit import Action
from models.base import max_length, require_id, table_of
from models.complaints import (
    Channel,
    ComplainantRole,
    Complaint,
    ComplaintStatus,
    ContactMethod,
    LearningCategory,
    Outcome,
    Stage,
    StageLearning,
    StageRecord,
    new_reference,
)
from models.teams import Team
from reminders.calendar import WorkingCalendar
from reminders.deadlines import stage_deadlines

REQUIRED_COLUMNS = ("complaint_id", "stage", "received_on", "team")
# Every column the importer reads; the rest are optional. See demo/README.md for what each holds.
IMPORT_COLUMNS = (
    "complaint_id",
    "stage",
    "received_on",
    "team",
    "complainant_role",
    "channel",
    "outcome",
    "learning",
    "responded_on",
    "extended_to",
    "extension_reason",
    "panel_on",
    "report_on",
    "complainant_name",
    "contact_method",
    "email",
    "phone",
    "advocacy_requested",
    "safeguarding",
    "late_request_reason",
    "what_happened",
    "wanted_outcome",
    "response_summary",
)


def _column_limits() -> dict[str, int]:
    """The longest value each import column may hold: its database column's size (PostgreSQL refuses longer)."""
    limits: dict[str, int] = {}
    for table, columns in ((table_of(Complaint), {"complaint_id": "external_id"}), (table_of(StageRecord), {})):
        for column in IMPORT_COLUMNS:
            name = columns.get(column, column)
            length = max_length(table, name) if name in table.c else None
            if length:
                limits[column] = length
    return limits


COLUMN_LIMITS = _column_limits()


def _too_long(fields: dict[str, str]) -> list[str]:
    return [
        f"{column} is longer than {limit} characters"
        for column, limit in COLUMN_LIMITS.items()
        if len(fields.get(column, "")) > limit
    ]


STAGE_WORDS = {
    "1": Stage.ONE,
    "stage 1": Stage.ONE,
    "one": Stage.ONE,
    "2": Stage.TWO,
    "stage 2": Stage.TWO,
    "two": Stage.TWO,
    "3": Stage.THREE,
    "stage 3": Stage.THREE,
    "three": Stage.THREE,
    "ombudsman": Stage.OMBUDSMAN,
    "lgsco": Stage.OMBUDSMAN,
    "lgo": Stage.OMBUDSMAN,
}
OUTCOME_WORDS = {o.value: o for o in Outcome} | {o.value.replace("-", " "): o for o in Outcome}
TRUE_WORDS, FALSE_WORDS = {"yes", "y", "true", "1"}, {"no", "n", "false", "0"}
CHOICE_COLUMNS = {
    "complainant_role": {r.value for r in ComplainantRole},
    "channel": {c.value for c in Channel},
    "contact_method": {c.value for c in ContactMethod},
    "safeguarding": TRUE_WORDS | FALSE_WORDS,
    "advocacy_requested": TRUE_WORDS | FALSE_WORDS,
}


@dataclass
class RowProblem:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class StageRow:
    line: int
    complaint_id: str
    stage: Stage
    received_on: date
    team_slug: str | None
    routing_decision: str
    routing_confidence: float
    fields: dict[str, str]
    outcome: str | None = None
    learning: list[str] = field(default_factory=list)
    responded_on: date | None = None
    extended_to: date | None = None
    panel_on: date | None = None
    report_on: date | None = None


@dataclass
class ImportReport:
    rows: int = 0
    complaints_created: int = 0
    stages_created: int = 0
    unchanged_stages: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    skipped_complaints: int = 0
    written: bool = False

    def summary(self) -> str:
        verb = "Imported" if self.written else "Would import"
        text = (
            f"{verb} {self.complaints_created} new complaints and {self.stages_created} new stages "
            f"from {self.rows} rows; {self.unchanged_stages} stages were already loaded."
        )
        if self.skipped_complaints:
            text += f" Skipped {self.skipped_complaints} complaints with invalid rows."
        return text


class ImportRefused(Exception):
    def __init__(self, report: ImportReport):
        super().__init__(f"{len(report.problems)} invalid rows; nothing was written")
        self.report = report


def parse_date(value: str) -> date:
    value = value.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{value!r} is not a date (use YYYY-MM-DD or DD/MM/YYYY)")


class _RowReader:
    """Turns one CSV row into a StageRow, collecting every problem rather than stopping at the first."""

    def __init__(self, router: Router, learning_slugs: dict[str, str], allow_triage: bool):
        self.router = router
        self.learning_slugs = learning_slugs
        self.allow_triage = allow_triage

    def read(self, line: int, raw: dict[str, str]) -> tuple[StageRow | None, list[RowProblem]]:
        problems: list[RowProblem] = []

        def problem(reason: str) -> None:
            problems.append(RowProblem(line, reason))

        def optional_date(column: str) -> date | None:
            value = (raw.get(column) or "").strip()
            if not value:
                return None
            try:
                return parse_date(value)
            except ValueError as error:
                problem(f"{column}: {error}")
                return None

        fields = {key: (value or "").strip() for key, value in raw.items() if key}
        problems.extend(RowProblem(line, reason) for reason in _too_long(fields))
        complaint_id = fields.get("complaint_id", "")
        if not complaint_id:
            problem("complaint_id is empty")
        stage = STAGE_WORDS.get(fields.get("stage", "").lower())
        if stage is None:
            problem(f"unknown stage {fields.get('stage', '')!r} (use 1, 2, 3 or ombudsman)")
        received_on = None
        if not fields.get("received_on"):
            problem("received_on is empty")
        else:
            received_on = optional_date("received_on")

        label = fields.get("team", "")
        result = self.router.route(label)
        if result.decision != "auto" and not self.allow_triage:
            choices = ", ".join(f"{c.name} ({c.score:.0f})" for c in result.candidates) or "no team looks close"
            problem(f"team {label!r} cannot be matched confidently; closest: {choices}")

        for column, allowed in CHOICE_COLUMNS.items():
            value = fields.get(column, "")
            if value and value.lower() not in allowed:
                problem(f"unknown {column} {value!r} (use one of: {', '.join(sorted(allowed))})")

        outcome, learning = self._outcome_and_learning(fields, problem)

        responded_on = optional_date("responded_on")
        extended_to = optional_date("extended_to")
        panel_on = optional_date("panel_on")
        report_on = optional_date("report_on")
        if received_on and responded_on and responded_on < received_on:
            problem("responded_on is before received_on")
        if extended_to and not fields.get("extension_reason"):
            problem("extended_to needs an extension_reason")
        if problems:
            return None, problems
        assert stage is not None and received_on is not None  # either missing is a problem, returned above
        return (
            StageRow(
                line=line,
                complaint_id=complaint_id,
                stage=stage,
                received_on=received_on,
                team_slug=result.team,
                routing_decision=result.decision,
                routing_confidence=result.confidence,
                fields=fields,
                outcome=outcome,
                learning=learning,
                responded_on=responded_on,
                extended_to=extended_to,
                panel_on=panel_on,
                report_on=report_on,
            ),
            [],
        )

    def _outcome_and_learning(self, fields: dict[str, str], problem) -> tuple[str | None, list[str]]:
        outcome = None
        if fields.get("outcome"):
            found = OUTCOME_WORDS.get(fields["outcome"].lower())
            if found is None:
                problem(f"unknown outcome {fields['outcome']!r}")
            else:
                outcome = found.value
        learning = []
        for item in filter(None, (part.strip() for part in fields.get("learning", "").split(";"))):
            slug = self.learning_slugs.get(item.lower())
            if slug is None:
                problem(f"unknown learning category {item!r}")
            else:
                learning.append(slug)
        return outcome, learning


def _check_complaint(rows: list[StageRow]) -> list[RowProblem]:
    problems = []
    seen: dict[Stage, int] = {}
    for row in rows:
        if row.stage in seen:
            problems.append(
                RowProblem(row.line, f"{row.stage.label} of {row.complaint_id} already on line {seen[row.stage]}")
            )
        seen[row.stage] = row.line
    ordered = sorted(rows, key=lambda r: r.stage)
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        if later.received_on < earlier.received_on:
            problems.append(
                RowProblem(
                    later.line, f"{later.stage.label} is received before {earlier.stage.label} (line {earlier.line})"
                )
            )
    if not any(row.fields.get("complainant_role") for row in rows):
        problems.append(RowProblem(rows[0].line, f"complaint {rows[0].complaint_id} has no complainant_role"))
    return problems


def read_rows(
    text: str, router: Router, learning_slugs: dict[str, str], *, allow_triage: bool = False
) -> tuple[dict[str, list[StageRow]], list[RowProblem], int, int]:
    """The valid complaints' rows by complaint id, the problems, the row count and the invalid complaint count."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [column for column in REQUIRED_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        return {}, [RowProblem(1, f"the header has no {', '.join(missing)} column")], 0, 0
    row_reader = _RowReader(router, learning_slugs, allow_triage)
    by_complaint: dict[str, list[StageRow]] = defaultdict(list)
    problems: list[RowProblem] = []
    bad_ids: set[str] = set()
    count = 0
    try:
        numbered = list(numbered_rows(reader))
    except UnreadableCsv as error:
        return {}, [RowProblem(error.line, f"the file cannot be read from here on ({error.reason})")], 0, 0
    for line, raw in numbered:
        count += 1
        if None in raw:
            problems.append(RowProblem(line, "the row has more cells than the header"))
            continue
        row, row_problems = row_reader.read(line, raw)
        problems.extend(row_problems)
        if row is None:
            bad_ids.add((raw.get("complaint_id") or "").strip())
        else:
            by_complaint[row.complaint_id].append(row)
    for complaint_id, rows in list(by_complaint.items()):
        complaint_problems = _check_complaint(rows)
        if complaint_problems or complaint_id in bad_ids:
            problems.extend(complaint_problems)
            bad_ids.add(complaint_id)
            del by_complaint[complaint_id]
    problems.sort(key=lambda p: p.line)
    return dict(by_complaint), problems, count, len(bad_ids)


def _received_at(day: date, zone: ZoneInfo) -> datetime:
    # A historical stage has a date but no time; midday London keeps it on the right day in every zone.
    return datetime.combine(day, time(12, 0), tzinfo=zone)


def import_complaints(
    session: Session,
    text: str,
    *,
    calendar: WorkingCalendar,
    zone: ZoneInfo,
    dry_run: bool = False,
    skip_invalid: bool = False,
    allow_triage: bool = False,
    router: Router | None = None,
) -> ImportReport:
    """Check and load the CSV `text`. Raises ImportRefused (nothing written) when rows are invalid."""
    router = router or Router.from_session(session)
    categories = session.exec(select(LearningCategory)).all()
    learning_slugs = {c.slug.lower(): c.slug for c in categories} | {c.label.lower(): c.slug for c in categories}
    learning_ids = {c.slug: require_id(c) for c in categories}
    team_ids = {team.slug: team.id for team in session.exec(select(Team))}

    complaints, problems, count, invalid = read_rows(text, router, learning_slugs, allow_triage=allow_triage)
    report = ImportReport(rows=count, problems=problems, skipped_complaints=invalid)
    if problems and not skip_invalid:
        raise ImportRefused(report)

    existing = {
        c.external_id: c
        for c in session.exec(select(Complaint).where(col(Complaint.external_id).in_(list(complaints)))).all()
    }
    for complaint_id, rows in complaints.items():
        rows.sort(key=lambda r: r.stage)
        complaint = existing.get(complaint_id)
        known_stages: set[int] = set()
        if complaint is None:
            complaint = _new_complaint(rows, zone)
            session.add(complaint)
            report.complaints_created += 1
        else:
            known_stages = set(
                session.exec(select(StageRecord.stage).where(StageRecord.complaint_id == complaint.id)).all()
            )
        new_rows = [row for row in rows if int(row.stage) not in known_stages]
        report.unchanged_stages += len(rows) - len(new_rows)
        if not new_rows:
            continue
        latest = rows[-1]
        complaint.team_id = team_ids.get(latest.team_slug) if latest.team_slug else None
        complaint.status = _status(rows)
        if complaint.status == ComplaintStatus.CLOSED:
            complaint.closed_at = _received_at(max(r.responded_on for r in rows if r.responded_on), zone)
        session.add(complaint)
        session.flush()
        for row in new_rows:
            deadlines = stage_deadlines(
                calendar, row.stage, row.received_on, panel_on=row.panel_on, report_on=row.report_on
            )
            record = StageRecord(
                complaint_id=require_id(complaint),
                stage=int(row.stage),
                received_on=row.received_on,
                due_on=deadlines.due,
                extended_to=row.extended_to,
                extension_reason=row.fields.get("extension_reason", ""),
                responded_on=row.responded_on,
                outcome=row.outcome,
                team_id=team_ids.get(row.team_slug) if row.team_slug else None,
                response_summary=row.fields.get("response_summary", ""),
                late_request_reason=row.fields.get("late_request_reason", ""),
                panel_on=row.panel_on,
                report_on=row.report_on,
            )
            session.add(record)
            session.flush()
            session.add_all(
                StageLearning(stage_record_id=require_id(record), category_id=learning_ids[s]) for s in row.learning
            )
            report.stages_created += 1
        audit.record(
            session,
            "importer",
            complaint,
            Action.COMPLAINT_IMPORTED,
            after={"stages": [int(r.stage) for r in new_rows], "lines": [r.line for r in new_rows]},
        )
    session.flush()
    if dry_run:
        session.rollback()
    else:
        report.written = True
    return report


def _status(rows: list[StageRow]) -> str:
    latest = rows[-1]
    if latest.team_slug is None:
        return ComplaintStatus.AWAITING_TRIAGE.value
    if all(row.responded_on for row in rows):
        return ComplaintStatus.CLOSED.value
    return ComplaintStatus.OPEN.value


def _flag(value: str) -> bool | None:
    lowered = value.lower()
    if lowered in TRUE_WORDS:
        return True
    if lowered in FALSE_WORDS:
        return False
    return None


def _new_complaint(rows: list[StageRow], zone: ZoneInfo) -> Complaint:
    first = rows[0]

    def value(column: str) -> str:
        # Complaint-level columns are read from the first row that fills them in.
        return next((row.fields[column] for row in rows if row.fields.get(column)), "")

    return Complaint(
        reference=new_reference(),
        external_id=first.complaint_id,
        received_at=_received_at(first.received_on, zone),
        channel=value("channel") or Channel.IMPORTED.value,
        complainant_role=value("complainant_role"),
        complainant_name=value("complainant_name"),
        contact_method=value("contact_method") or ContactMethod.NONE.value,
        email=value("email"),
        phone=value("phone"),
        what_happened=value("what_happened"),
        wanted_outcome=value("wanted_outcome"),
        about_text=first.fields.get("team", ""),
        advocacy_requested=_flag(value("advocacy_requested")),
        safeguarding_flag=bool(_flag(value("safeguarding"))),
        routing_decision="imported" if first.routing_decision == "auto" else "triage",
        routing_confidence=first.routing_confidence,
    )
