"""Load historical complaints and their stages from a CSV (one row per stage).

Team labels are canonicalised by the same router the intake uses. The whole file is checked
first; nothing is written unless every row is valid, or with `skip_invalid` only the valid
complaints are written. Complaints are keyed by their external id, so a second import of the
same file changes nothing, and a later file may add the next stage of a known complaint.
Values are read as people type them (casework/import_values.py); the columns are in demo/README.md.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from functools import partial
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from casework import import_values
from casework.categories import CategoryBook
from casework.csv_rows import UnreadableCsv, dict_reader, numbered_rows, oversized
from casework.import_values import read_date, read_flag
from content.dates import plain_date
from intake.routing import Router
from models import audit
from models.audit import Action
from models.base import max_length, require_id, table_of
from models.complaints import (
    Channel,
    Complaint,
    ComplaintStatus,
    ContactMethod,
    LearningCategory,
    OmbudsmanDecision,
    Procedure,
    ReasonCategory,
    Stage,
    StageLearning,
    StageReason,
    StageRecord,
    new_reference,
)
from models.equalities import EQUALITIES
from models.teams import Team
from reminders.calendar import WorkingCalendar
from reminders.deadlines import DEFAULT_CORPORATE_WORKING_DAYS, rules_for, stage_deadlines

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
    "procedure",
    "reasons",
    "via_advocate",
    "ombudsman_decision",
    "ombudsman_reference",
    "remedy",
    "remedy_amount",
    "cost",
    "age_band",
    "gender",
    "ethnicity",
    "disability",
)
# Filled in on the Ombudsman's row only.
OMBUDSMAN_COLUMNS = ("ombudsman_decision", "ombudsman_reference", "remedy", "remedy_amount")
# A progress line every this many rows, so a large import is seen to be working.
PROGRESS_EVERY = 250


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
CHOICE_COLUMNS = {
    "channel": {c.value for c in Channel},
    "contact_method": {c.value for c in ContactMethod},
}
FLAG_COLUMNS = ("safeguarding", "advocacy_requested", "via_advocate")


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
    fields: dict[str, str]  # as read, with the complaint's own columns in their stored form
    outcome: str | None = None
    learning: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    responded_on: date | None = None
    extended_to: date | None = None
    panel_on: date | None = None
    report_on: date | None = None
    cost: Decimal | None = None
    ombudsman_decision: str | None = None
    remedy_amount: Decimal | None = None


@dataclass
class ImportReport:
    rows: int = 0
    complaints_created: int = 0
    stages_created: int = 0
    unchanged_stages: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    skipped_complaints: int = 0
    written: bool = False
    # Dates like 04/05/2022 whose day and month could swap: read the UK way (4 May), counted so staff can check.
    ambiguous_dates: int = 0
    categories_added: list[str] = field(default_factory=list)

    def summary(self) -> str:
        verb = "Imported" if self.written else "Would import"
        text = (
            f"{verb} {self.complaints_created} new complaints and {self.stages_created} new stages "
            f"from {self.rows} rows; {self.unchanged_stages} stages were already loaded."
        )
        if self.skipped_complaints:
            text += f" Skipped {self.skipped_complaints} complaints with invalid rows."
        return text

    def table(self) -> str:
        """The summary every import ends with, one figure a line."""
        rows = [
            ("Rows read", self.rows),
            ("Problems", len(self.problems)),
            ("Complaints skipped (invalid rows)", self.skipped_complaints),
            ("New complaints", self.complaints_created),
            ("New stages", self.stages_created),
            ("Stages already loaded", self.unchanged_stages),
            ("Dates read day first (day and month could swap)", self.ambiguous_dates),
            ("Categories added", len(self.categories_added)),
        ]
        width = max(len(label) for label, _ in rows)
        title = "Written" if self.written else "Nothing written (dry run or refused)"
        lines = [f"Import summary: {title}"] + [f"  {label:<{width}}  {value:>7,}" for label, value in rows]
        if self.categories_added:
            lines.append(f"  added: {', '.join(self.categories_added)}")
        return "\n".join(lines)


class ImportRefused(Exception):
    def __init__(self, report: ImportReport):
        super().__init__(f"{len(report.problems)} invalid rows; nothing was written")
        self.report = report


class _RowReader:
    """Turns one CSV row into a StageRow, collecting every problem rather than stopping at the first."""

    def __init__(
        self,
        router: Router,
        learning: CategoryBook,
        reasons: CategoryBook,
        *,
        allow_triage: bool,
        add_categories: bool,
        today: date,
    ):
        self.router = router
        self.learning, self.reasons = learning, reasons
        self.allow_triage, self.add_categories = allow_triage, add_categories
        self.today = today
        self.ambiguous_dates = 0

    def read(self, line: int, raw: dict[str, str]) -> tuple[StageRow | None, list[RowProblem]]:
        if too_big := oversized(raw):
            return None, [RowProblem(line, reason) for reason in too_big]
        problems: list[RowProblem] = []

        def problem(reason: str) -> None:
            problems.append(RowProblem(line, reason))

        def optional_date(column: str) -> date | None:
            value = fields.get(column, "")
            if not value:
                return None
            try:
                # An agreed extension is a deadline and may be ahead; everything else has happened.
                reading = read_date(value, None if column == "extended_to" else self.today)
            except ValueError as error:
                problem(f"{column}: {error}")
                return None
            self.ambiguous_dates += reading.ambiguous
            return reading.day

        fields = {key: (value or "").strip() for key, value in raw.items() if key}
        # Words like "Special guardian or adopter" are stored as their short value: measured once read.
        self._read_choices(fields, problem)
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

        outcome, learning, reasons = self._outcome_and_categories(fields, problem)
        cost = self._money(fields, "cost", problem)
        decision, remedy_amount = self._ombudsman(fields, stage, problem)
        if decision and not outcome:
            outcome = OmbudsmanDecision(decision).outcome
        if decision and not fields.get("responded_on"):
            problem("ombudsman_decision needs responded_on, the day of the decision")
        dates = {column: optional_date(column) for column in ("responded_on", "extended_to", "panel_on", "report_on")}
        responded_on, extended_to, panel_on, report_on = dates.values()
        for reason in _date_order(received_on, stage, dates):
            problem(reason)
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
                reasons=reasons,
                responded_on=responded_on,
                extended_to=extended_to,
                panel_on=panel_on,
                report_on=report_on,
                cost=cost,
                ombudsman_decision=decision,
                remedy_amount=remedy_amount,
            ),
            [],
        )

    @staticmethod
    def _read_choices(fields: dict[str, str], problem) -> None:
        """Check the complaint's own columns and store each in the form the table keeps."""
        for column, allowed in CHOICE_COLUMNS.items():
            value = fields.get(column, "")
            if value and value.lower() not in allowed:
                problem(f"unknown {column} {value!r} (use one of: {', '.join(sorted(allowed))})")
            elif value:
                fields[column] = value.lower()
        readers: dict[str, Callable[[str], str]] = {
            "complainant_role": import_values.read_role,
            "procedure": import_values.read_procedure,
        }
        for column in EQUALITIES:
            readers[column] = partial(import_values.read_equality, column)
        for column, reader in readers.items():
            if fields.get(column):
                try:
                    fields[column] = reader(fields[column])
                except ValueError as error:
                    problem(str(error))
        for column in FLAG_COLUMNS:
            try:
                read_flag(fields.get(column, ""))
            except ValueError:
                problem(f"unknown {column} {fields[column]!r} (use yes or no)")

    def _outcome_and_categories(self, fields: dict[str, str], problem) -> tuple[str | None, list[str], list[str]]:
        outcome = None
        if fields.get("outcome"):
            try:
                outcome = import_values.read_outcome(fields["outcome"])
            except ValueError as error:
                problem(str(error))
        found: dict[str, list[str]] = {"learning": [], "reasons": []}
        for column, book in (("learning", self.learning), ("reasons", self.reasons)):
            for item in filter(None, (part.strip() for part in fields.get(column, "").split(";"))):
                try:
                    slug = book.find(item, add=self.add_categories)
                except ValueError as error:
                    problem(str(error))
                else:
                    if slug not in found[column]:
                        found[column].append(slug)
        return outcome, found["learning"], found["reasons"]

    @staticmethod
    def _money(fields: dict[str, str], column: str, problem) -> Decimal | None:
        try:
            return import_values.read_money(fields.get(column, ""))
        except ValueError as error:
            problem(f"{column}: {error}")
            return None

    def _ombudsman(self, fields: dict[str, str], stage: Stage | None, problem) -> tuple[str | None, Decimal | None]:
        filled = [column for column in OMBUDSMAN_COLUMNS if fields.get(column)]
        if not filled:
            return None, None
        if stage is not None and stage != Stage.OMBUDSMAN:
            problem(f"{', '.join(filled)}: only on the ombudsman row")
            return None, None
        decision = None
        if fields.get("ombudsman_decision"):
            try:
                decision = import_values.read_decision(fields["ombudsman_decision"])
            except ValueError as error:
                problem(str(error))
        outcome = fields.get("outcome")
        if decision and outcome:
            implied = OmbudsmanDecision(decision).outcome
            try:
                stated = import_values.read_outcome(outcome)
            except ValueError:
                stated = None  # named by _outcome_and_categories
            if stated and implied != stated:
                problem(f"outcome {outcome!r} does not match ombudsman_decision {fields['ombudsman_decision']!r}")
        return decision, self._money(fields, "remedy_amount", problem)


def _date_order(received_on: date | None, stage: Stage | None, dates: dict[str, date | None]) -> list[str]:
    """A reply, panel or report dated before what it follows."""
    responded_on, panel_on, report_on = dates["responded_on"], dates["panel_on"], dates["report_on"]
    reasons = []
    if received_on and responded_on and responded_on < received_on:
        reasons.append("responded_on is before received_on")
    if received_on and panel_on and panel_on < received_on:
        reasons.append("panel_on is before received_on")
    if panel_on and report_on and report_on < panel_on:
        reasons.append("report_on is before panel_on")
    if (panel_on or report_on) and stage is not None and stage != Stage.THREE:
        reasons.append("panel_on and report_on are for stage 3 only")
    return reasons


def _check_complaint(
    rows: list[StageRow],
    known_stages: set[int],
    calendar: WorkingCalendar,
    corporate_working_days: tuple[int, int],
    *,
    partial_history: bool,
    known_procedure: str | None = None,
) -> list[RowProblem]:
    """A complaint's rows together (and the stages already loaded, under `known_procedure`)."""
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
    if not any(row.fields.get("complainant_role") for row in rows) and not known_stages:
        problems.append(RowProblem(rows[0].line, f"complaint {rows[0].complaint_id} has no complainant_role"))
    procedure = known_procedure or _first(rows, "procedure") or Procedure.STATUTORY.value
    for row in rows:
        if row.fields.get("procedure") and row.fields["procedure"] != procedure:
            problems.append(
                RowProblem(row.line, f"procedure {row.fields['procedure']} differs: the complaint is {procedure}")
            )
    rules = rules_for(procedure, corporate_working_days)
    stages = {int(stage) for stage in seen} | known_stages
    for row in ordered:
        if row.stage not in rules:
            problems.append(RowProblem(row.line, f"a {procedure} complaint has no {row.stage.label.lower()}"))
        elif not partial_history and not _has_earlier(row.stage, stages):
            problems.append(
                RowProblem(
                    row.line,
                    f"{row.stage.label} of {row.complaint_id} has no earlier stage "
                    "(add its row, or import with --partial-history)",
                )
            )
        if row.extended_to is not None:
            problems.extend(_check_extension(row, calendar, rules))
    return problems


def _has_earlier(stage: Stage, stages: set[int]) -> bool:
    if stage == Stage.ONE:
        return True
    if stage == Stage.OMBUDSMAN:
        # The Ombudsman may take a complaint at any stage (the council did not answer, or it is premature).
        return bool(stages - {int(Stage.OMBUDSMAN)})
    return int(stage) - 1 in stages


def _check_extension(row: StageRow, calendar: WorkingCalendar, rules) -> list[RowProblem]:
    assert row.extended_to is not None
    rule = rules.get(row.stage)
    if rule is None or rule.extendable_to is None:
        return [RowProblem(row.line, f"extended_to: {row.stage.label} cannot be extended")]
    latest = stage_deadlines(calendar, row.stage, row.received_on, rules=rules).latest
    if latest is not None and row.extended_to > latest:
        return [
            RowProblem(
                row.line,
                f"extended_to {row.extended_to.isoformat()} is past the furthest {row.stage.label} may be "
                f"extended, {plain_date(latest)} ({rule.extendable_to} working days)",
            )
        ]
    return []


def _first(rows: list[StageRow], column: str) -> str:
    # Complaint-level columns are read from the first row that fills them in.
    return next((row.fields[column] for row in rows if row.fields.get(column)), "")


@dataclass
class _Reading:
    complaints: dict[str, list[StageRow]]
    problems: list[RowProblem]
    rows: int
    bad_ids: set[str]


def read_rows(
    text: str,
    row_reader: _RowReader,
    progress: Callable[[str], None] | None = None,
) -> _Reading:
    """Every row read and checked on its own: the good ones by complaint id, and the problems."""
    reader = dict_reader(text)
    missing = [column for column in REQUIRED_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        return _Reading({}, [RowProblem(1, f"the header has no {', '.join(missing)} column")], 0, set())
    by_complaint: dict[str, list[StageRow]] = defaultdict(list)
    problems: list[RowProblem] = []
    bad_ids: set[str] = set()
    count = 0
    try:
        for line, raw in numbered_rows(reader):
            count += 1
            if progress is not None and count % PROGRESS_EVERY == 0:
                progress(f"{count:,} rows read, {len(problems):,} problems so far")
            if None in raw:
                problems.append(RowProblem(line, "the row has more cells than the header"))
                bad_ids.add((raw.get("complaint_id") or "").strip())
                continue
            row, row_problems = row_reader.read(line, raw)
            problems.extend(row_problems)
            if row is None:
                bad_ids.add((raw.get("complaint_id") or "").strip())
            else:
                by_complaint[row.complaint_id].append(row)
    except UnreadableCsv as error:
        problems.append(RowProblem(error.line, f"the file cannot be read from here on ({error.reason})"))
    return _Reading(dict(by_complaint), problems, count, bad_ids)


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
    add_categories: bool = False,
    partial_history: bool = False,
    today: date | None = None,
    corporate_working_days: tuple[int, int] = DEFAULT_CORPORATE_WORKING_DAYS,
    progress: Callable[[str], None] | None = None,
) -> ImportReport:
    """Check and load the CSV `text`. Raises ImportRefused (nothing written) when rows are invalid.

    `add_categories` adds reason and lesson labels the database does not know (otherwise they are refused,
    naming the known ones); `partial_history` accepts a later stage without its earlier ones; dates after
    `today` (default: today in `zone`) are refused; `progress(words)` is told how far it has got, every
    PROGRESS_EVERY rows read and complaints written.
    """
    router = router or Router.from_session(session)
    learning = CategoryBook.load(session, LearningCategory, "learning category")
    reasons = CategoryBook.load(session, ReasonCategory, "reason")
    team_ids = {team.slug: team.id for team in session.exec(select(Team))}
    row_reader = _RowReader(
        router,
        learning,
        reasons,
        allow_triage=allow_triage,
        add_categories=add_categories,
        today=today or datetime.now(zone).date(),
    )
    reading = read_rows(text, row_reader, progress)
    existing = {
        c.external_id: c
        for c in session.exec(select(Complaint).where(col(Complaint.external_id).in_(list(reading.complaints)))).all()
    }
    known: dict[str, set[int]] = defaultdict(set)
    if existing:
        statement = select(Complaint.external_id, StageRecord.stage).join(
            StageRecord, col(StageRecord.complaint_id) == Complaint.id
        )
        for external_id, stage in session.exec(statement.where(col(Complaint.external_id).in_(list(existing)))).all():
            known[str(external_id)].add(stage)
    problems, bad_ids = reading.problems, reading.bad_ids
    complaints = {}
    for complaint_id, rows in reading.complaints.items():
        found = existing.get(complaint_id)
        complaint_problems = _check_complaint(
            rows,
            known[complaint_id],
            calendar,
            corporate_working_days,
            partial_history=partial_history,
            known_procedure=found.procedure if found is not None else None,
        )
        if complaint_problems or complaint_id in bad_ids:
            problems.extend(complaint_problems)
            bad_ids.add(complaint_id)
        else:
            complaints[complaint_id] = rows
    problems.sort(key=lambda p: p.line)
    report = ImportReport(
        rows=reading.rows,
        problems=problems,
        skipped_complaints=len(bad_ids),
        ambiguous_dates=row_reader.ambiguous_dates,
    )
    if problems and not skip_invalid:
        raise ImportRefused(report)

    used = {slug for rows in complaints.values() for row in rows for slug in row.learning + row.reasons}
    for book in (learning, reasons):
        book.added = [slug for slug in book.added if slug in used]
        book.write_added(session, "importer")
        report.categories_added += [f"{book.labels[slug]} ({book.what})" for slug in book.added]
    for number, (complaint_id, rows) in enumerate(complaints.items(), start=1):
        if progress is not None and number % PROGRESS_EVERY == 0:
            progress(f"{number:,} of {len(complaints):,} complaints written")
        report.stages_created += _write_complaint(
            session,
            complaint_id,
            rows,
            existing.get(complaint_id),
            known[complaint_id],
            _Lookups(team_ids, learning.ids, reasons.ids, calendar, zone, corporate_working_days),
            report,
        )
    session.flush()
    if dry_run:
        session.rollback()
    else:
        report.written = True
    return report


@dataclass(frozen=True)
class _Lookups:
    team_ids: dict[str, int | None]
    learning_ids: dict[str, int]
    reason_ids: dict[str, int]
    calendar: WorkingCalendar
    zone: ZoneInfo
    corporate_working_days: tuple[int, int]


def _write_complaint(
    session: Session,
    complaint_id: str,
    rows: list[StageRow],
    complaint: Complaint | None,
    known_stages: set[int],
    lookups: _Lookups,
    report: ImportReport,
) -> int:
    """Write one complaint's new stages; returns how many."""
    rows.sort(key=lambda r: r.stage)
    if complaint is None:
        complaint = _new_complaint(rows, lookups.zone)
        session.add(complaint)
        report.complaints_created += 1
    new_rows = [row for row in rows if int(row.stage) not in known_stages]
    report.unchanged_stages += len(rows) - len(new_rows)
    if not new_rows:
        return 0
    latest = rows[-1]
    complaint.team_id = lookups.team_ids.get(latest.team_slug) if latest.team_slug else None
    complaint.status = _status(rows)
    if complaint.status == ComplaintStatus.CLOSED:
        complaint.closed_at = _received_at(max(r.responded_on for r in rows if r.responded_on), lookups.zone)
    session.add(complaint)
    session.flush()
    rules = rules_for(complaint.procedure, lookups.corporate_working_days)
    for row in new_rows:
        deadlines = stage_deadlines(
            lookups.calendar, row.stage, row.received_on, panel_on=row.panel_on, report_on=row.report_on, rules=rules
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
            team_id=lookups.team_ids.get(row.team_slug) if row.team_slug else None,
            response_summary=row.fields.get("response_summary", ""),
            late_request_reason=row.fields.get("late_request_reason", ""),
            panel_on=row.panel_on,
            report_on=row.report_on,
            cost=row.cost,
            ombudsman_reference=row.fields.get("ombudsman_reference", ""),
            ombudsman_decision=row.ombudsman_decision,
            remedy=row.fields.get("remedy", ""),
            remedy_amount=row.remedy_amount,
        )
        session.add(record)
        session.flush()
        record_id = require_id(record)
        session.add_all(
            StageLearning(stage_record_id=record_id, category_id=lookups.learning_ids[s]) for s in row.learning
        )
        session.add_all(StageReason(stage_record_id=record_id, category_id=lookups.reason_ids[s]) for s in row.reasons)
    audit.record(
        session,
        "importer",
        complaint,
        Action.COMPLAINT_IMPORTED,
        after={"stages": [int(r.stage) for r in new_rows], "lines": [r.line for r in new_rows]},
    )
    return len(new_rows)


def _status(rows: list[StageRow]) -> str:
    latest = rows[-1]
    if latest.team_slug is None:
        return ComplaintStatus.AWAITING_TRIAGE.value
    if all(row.responded_on for row in rows):
        return ComplaintStatus.CLOSED.value
    return ComplaintStatus.OPEN.value


def _new_complaint(rows: list[StageRow], zone: ZoneInfo) -> Complaint:
    first = rows[0]

    def value(column: str) -> str:
        return _first(rows, column)

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
        advocacy_requested=read_flag(value("advocacy_requested")),
        safeguarding_flag=bool(read_flag(value("safeguarding"))),
        via_advocate=read_flag(value("via_advocate")),
        procedure=value("procedure") or Procedure.STATUTORY.value,
        age_band=value("age_band"),
        gender=value("gender"),
        ethnicity=value("ethnicity"),
        disability=value("disability"),
        routing_decision="imported" if first.routing_decision == "auto" else "triage",
        routing_confidence=first.routing_confidence,
    )
