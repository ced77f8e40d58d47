"""A Query as SQL aggregates: one GROUP BY per period, nothing summed row by row in Python.

Counting rules (docs/reporting.md):
- a stage counts in a period by the day that stage was received (`stage_record.received_on`), so the
  (stage, received_on) and (team_id, stage, received_on) indexes serve every question;
- a share's denominator is the same question without the thing asked about ("36 of 88 stage 1 complaints
  were about LAC teams"); a share by team is each team's share of the total, or, when something is asked
  about, that thing's share within each team;
- "on time" means answered by the statutory date (`due_on`: 10 working days at stage 1, 25 at stage 2).
  An agreed extension does not make a late answer on time unless the question asks to count extensions;
  stages still open after their date count as late; stages open and not yet due are left out, as nobody
  can say yet whether they will be on time; stages without a date (the Ombudsman) cannot be judged;
- average working days run from the day of receipt (day 0) to the response, skipping weekends, England
  bank holidays and the council's closure days, for answered stages only.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Date,
    Integer,
    String,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    null,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.sql.expression import ColumnElement, FromClause
from sqlmodel import Session

from content.dates import plain_date
from models.base import table_of
from models.complaints import (
    REAL_ROLES,
    ComplainantRole,
    Complaint,
    ComplaintStatus,
    Outcome,
    StageLearning,
    StageRecord,
)
from models.safeguarding import CATEGORIES
from models.staff import StaffUser
from queries.periods import MONTH_NAMES, Period, financial_year_label, month
from queries.query import STAGE_KEYS, STAGE_NAMES, Filters, Grouping, Live, Measure, Query
from queries.report_facts import (
    FEEDBACK_KINDS,
    OMBUDSMAN_DECISIONS,
    PROCEDURE_LABELS,
    feedback_table,
    has_ombudsman_decisions,
    procedure_condition,
    via_advocate_condition,
)
from queries.sqlfuncs import weekdays_to, year_month
from queries.vocabulary import Vocabulary
from reminders.calendar import WorkingCalendar, bank_holidays

SR = table_of(StageRecord)
COMPLAINT = table_of(Complaint)
LEARNING = table_of(StageLearning)
STAFF = table_of(StaffUser)
LONDON = ZoneInfo("Europe/London")  # the council's days (settings.TIMEZONE's default)
CLOSED = (ComplaintStatus.CLOSED.value, ComplaintStatus.WITHDRAWN.value)

# Keyed by the stored value; the words are the enums' own labels (models/complaints.py).
OUTCOME_LABELS = {outcome.value: outcome.label for outcome in Outcome} | {"none": "No outcome yet"}
ROLE_LABELS = {role.value: role.label for role in ComplainantRole}
MAIN_OUTCOMES = (Outcome.UPHELD.value, Outcome.PARTIALLY_UPHELD.value, Outcome.NOT_UPHELD.value)


@dataclass
class Row:
    key: str
    label: str
    value: float | int | None
    numerator: int | None = None  # shares and on-time rates: how many of ...
    denominator: int | None = None  # ... how many
    compare_value: float | int | None = None
    raw: object = field(default=None, repr=False, compare=False)  # the database's key (team id, category id)
    references: list[str] | None = None  # the caseload: the complaints counted, for staff to open

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"key": self.key, "label": self.label, "value": self.value}
        if self.compare_value is not None:
            data["compare_value"] = self.compare_value
        if self.references is not None:
            data["references"] = self.references
        return data


@dataclass
class Figure:
    """One period's answer: the headline value and, when grouped, the rows."""

    period: Period
    value: float | int | None
    numerator: int | None = None
    denominator: int | None = None
    rows: list[Row] = field(default_factory=list)
    undecided: int | None = None  # an outcome's share: stages left out because they have no outcome yet


@dataclass
class Result:
    query: Query
    main: Figure
    other: Figure | None = None  # the period compared with

    @property
    def rows(self) -> list[Row]:
        if self.other is None:
            return self.main.rows
        if self.query.group_by is None:
            return [
                Row(fig.period.label, fig.period.label, fig.value, fig.numerator, fig.denominator)
                for fig in (self.main, self.other)
            ]
        others = {row.key: row for row in self.other.rows}
        rows = []
        for row in self.main.rows:
            other = others.pop(row.key, None)
            rows.append(Row(row.key, row.label, row.value, row.numerator, row.denominator, _value_or_zero(other)))
        rows.extend(Row(r.key, r.label, 0, compare_value=r.value) for r in others.values() if r.value)
        return rows


def _one_scan_compares(query: Query, first: Period, second: Period) -> bool:
    """Counts in two periods that touch or overlap (this year and last) come from one scan of both."""
    if query.measure is not Measure.COUNT:
        return False
    if query.group_by in (Grouping.REASON, Grouping.MONTH, Grouping.QUARTER):
        return False  # lessons need their own total; months differ between the periods
    return first.start <= second.end + timedelta(days=1) and second.start <= first.end + timedelta(days=1)


def _value_or_zero(row: Row | None) -> float | int:
    return 0 if row is None or row.value is None else row.value


# What a stage record learnt after it was received, and the column holding the day it was learnt: as of an
# earlier day these are not known yet. Columns another version of the schema lacks are skipped.
LATER_FACTS = {
    "responded_on": "responded_on",
    "outcome": "responded_on",
    "response_summary": "responded_on",
    "ombudsman_decision": "responded_on",  # the decision's date is the Ombudsman stage's responded_on
    "remedy": "responded_on",
    "remedy_amount": "responded_on",
    "remedy_due_on": "responded_on",
    "cost": "responded_on",
    "remedy_done_on": "remedy_done_on",
    "panel_on": "panel_on",
    "report_on": "report_on",
}


def stage_records_as_of(as_of: date, *, name: str = "stage_record") -> FromClause:
    """`stage_record` as it stood at the end of `as_of`: stages received later are left out, and answers,
    outcomes, decisions and dates that came later read as not given yet (`flask report --as-of`, `ask --as-of`).

    A plain subquery with the table's own column names: SQLite flattens it and PostgreSQL inlines it, so the
    indexes on (stage, received_on) still serve every count.
    """
    columns: list[ColumnElement] = []
    for column in SR.c:
        known_on = LATER_FACTS.get(column.name)
        if known_on is None:
            columns.append(column)
        else:
            columns.append(case((SR.c[known_on] <= as_of, column), else_=null()).label(column.name))
    return select(*columns).where(SR.c.received_on <= as_of).subquery(name)


@dataclass(frozen=True)
class StageBehind:
    """One stage counted by a figure (`Engine.behind`)."""

    reference: str
    team: str
    stage: int
    received_on: date
    due: date | None
    responded_on: date | None
    on_time: bool | None = None  # for an on-time rate: answered by its date (None when not judged)


@dataclass(frozen=True)
class Scope:
    """Which teams' figures the asker may see: None is every team (officers, admins)."""

    team_ids: frozenset[int] | None = None


def percent(numerator: int, denominator: int) -> float | None:
    return None if not denominator else round(100.0 * numerator / denominator, 1)


class Engine:
    def __init__(
        self,
        session: Session,
        vocab: Vocabulary,
        *,
        as_of: date,
        scope: Scope | None = None,
        closure_days: Iterable[date] = (),
    ):
        self.session = session
        self.vocab = vocab
        self.as_of = as_of
        self.scope = scope or Scope()
        self.closure_days = frozenset(closure_days)
        # Every figure is of the records as they stood at the end of `as_of` (docs/reporting.md, "As of a day").
        self.sr = stage_records_as_of(as_of)
        self.next = stage_records_as_of(as_of, name="next_stage")  # the stage a complaint went on to

    def run(self, query: Query) -> Result:
        if query.period is None:
            raise ValueError("a query needs a period (the parser always gives one)")
        if query.compare_with is not None and _one_scan_compares(query, query.period, query.compare_with):
            return Result(query, *self._count_both(query, query.period, query.compare_with))
        main = self.figure(query, query.period)
        other = self.figure(query, query.compare_with) if query.compare_with else None
        return Result(query, main, other)

    # -- one period -------------------------------------------------------------------------------------------
    def figure(self, query: Query, period: Period) -> Figure:
        if query.feedback:
            return self._feedback(query, period)
        if query.live is not None:
            return self._live(query, period)
        if query.measure in (Measure.LATE, Measure.LATE_COUNT):
            return self._late(query, period)
        if query.measure is Measure.MEDIAN_DAYS:
            return self._median_days(query, period)
        if query.measure is Measure.ON_TIME:
            return self._on_time(query, period)
        if query.measure is Measure.AVERAGE_DAYS:
            return self._average_days(query, period)
        if query.measure is Measure.SHARE:
            return self._share(query, period)
        return self._count(query, period)

    def _count(self, query: Query, period: Period) -> Figure:
        conditions, joins = self.conditions(query, period, query.filters)
        if query.group_by is None:
            stmt = select(func.count()).select_from(self._from(joins)).where(*conditions)
            return Figure(period, self._execute(stmt).scalar_one())
        key, joins = self._group_key(query.group_by, joins, query)
        stmt = select(key, func.count()).select_from(self._from(joins)).where(*conditions).group_by(key)
        counts = dict(self._execute(stmt).all())
        rows = self._rows(query, period, counts)
        if query.group_by in (Grouping.REASON, Grouping.DANGER):
            # A response can record several lessons (a flag several kinds of danger), so the rows do not add up.
            total = int(self._count(query.with_changes(group_by=None), period).value or 0)  # a count: never None
        else:
            total = sum(counts.values())
        if query.measure is Measure.TOP:
            rows = _top(rows, query.limit)
            return Figure(period, rows[0].value if rows else 0, rows=rows, denominator=total)
        return Figure(period, total, rows=rows)

    def _feedback(self, query: Query, period: Period) -> Figure:
        """Compliments, enquiries and the rest (table `feedback`): received (or answered) in the period."""
        table = feedback_table()
        if table is None:
            raise ValueError("feedback is not recorded in this database")  # the parser does not ask then
        day = table.c.responded_on if query.by_response else table.c.received_on
        conditions = [table.c.kind.in_(query.feedback), day >= period.start, day <= min(period.end, self.as_of)]
        if query.filters.teams:
            conditions.append(table.c.team_id.in_(self.vocab.team_ids(query.filters.teams)))
        if self.scope.team_ids is not None:
            conditions.append(table.c.team_id.in_(sorted(self.scope.team_ids)))
        if query.group_by is None:
            return Figure(period, self._execute(select(func.count()).where(*conditions)).scalar_one())
        key: ColumnElement = {
            Grouping.TEAM: table.c.team_id,
            Grouping.MONTH: year_month(day),
            Grouping.QUARTER: financial_quarter(day),
        }.get(query.group_by, table.c.kind)
        counts = dict(self._execute(select(key, func.count()).where(*conditions).group_by(key)).all())
        if query.group_by is Grouping.KIND:
            rows = [_row(kind, FEEDBACK_KINDS[kind], counts.get(kind, 0), kind) for kind in query.feedback]
        else:
            rows = self._rows(query.with_changes(filters=Filters(teams=query.filters.teams)), period, counts)
        total = sum(counts.values())
        if query.measure is Measure.TOP:
            rows = _top(rows, query.limit)
            return Figure(period, rows[0].value if rows else 0, rows=rows, denominator=total)
        return Figure(period, total, rows=rows)

    def _count_both(self, query: Query, first: Period, second: Period) -> tuple[Figure, Figure]:
        """ "Stage 2 this year compared with last": both counts from one pass over the two years' rows."""
        span = Period(min(first.start, second.start), max(first.end, second.end), "", "span")
        conditions, joins = self.conditions(query, span, query.filters)

        def within(period: Period):
            day = self._day(query)
            inside = and_(day >= period.start, day <= period.end)
            return func.coalesce(func.sum(case((inside, 1), else_=0)), 0)

        if query.group_by is None:
            stmt = select(within(first), within(second)).select_from(self._from(joins)).where(*conditions)
            a, b = self._execute(stmt).one()
            return Figure(first, a), Figure(second, b)
        key, joins = self._group_key(query.group_by, joins, query)
        stmt = select(key, within(first), within(second)).select_from(self._from(joins)).where(*conditions)
        pairs = {k: (a, b) for k, a, b in self._execute(stmt.group_by(key)).all()}
        figures = []
        for period, index in ((first, 0), (second, 1)):
            counts = {k: pair[index] for k, pair in pairs.items()}
            figures.append(Figure(period, sum(counts.values()), rows=self._rows(query, period, counts)))
        return figures[0], figures[1]

    def _share(self, query: Query, period: Period) -> Figure:
        subject, base = split_subject(query.filters)
        conditions, joins = self.conditions(query, period, base)
        undecided = None
        if subject.outcomes:
            # An outcome's share is of the stages decided: those still without an outcome are left out, and said.
            undecided_stmt = select(func.count()).select_from(self._from(joins))
            decided = self.sr.c.outcome.in_(MAIN_OUTCOMES)
            undecided = self._execute(
                undecided_stmt.where(*conditions, ~decided | self.sr.c.outcome.is_(None))
            ).scalar_one()
            conditions.append(decided)
        figure = self._share_of(query, period, subject, conditions, joins)
        figure.undecided = undecided
        return figure

    def _share_of(self, query: Query, period: Period, subject: Filters, conditions: list, joins: set) -> Figure:
        subject_conditions, joins = self._filter_conditions(subject, joins)
        hit = func.coalesce(func.sum(case((and_(*subject_conditions), 1), else_=0)), 0) if subject_conditions else None
        if query.group_by is None:
            stmt = select(hit if hit is not None else func.count(), func.count()).select_from(self._from(joins))
            stmt = stmt.where(*conditions)
            numerator, denominator = self._execute(stmt).one()
            return Figure(period, percent(numerator, denominator), numerator, denominator)
        key, joins = self._group_key(query.group_by, joins, query)
        columns = [key, hit if hit is not None else func.count(), func.count()]
        stmt = select(*columns).select_from(self._from(joins)).where(*conditions).group_by(key)
        pairs = {k: (n, d) for k, n, d in self._execute(stmt).all()}
        if subject_conditions:
            totals = self.figure(query.with_changes(group_by=None), period)
            numerator, denominator = totals.numerator, totals.denominator
            rows = self._rows(query, period, {k: n for k, (n, _d) in pairs.items()})
            for row in rows:
                n, d = self._pair(pairs, row)
                row.numerator, row.denominator, row.value = n, d, percent(n, d)
        else:
            if query.group_by is Grouping.REASON:
                counted = self._count(query.with_changes(group_by=None, measure=Measure.COUNT), period)
                denominator = int(counted.value or 0)  # a count: never None
            else:
                denominator = sum(n for n, _d in pairs.values())
            numerator = denominator
            rows = self._rows(query, period, {k: n for k, (n, _d) in pairs.items()})
            for row in rows:
                count = int(row.value or 0)  # the rows hold counts until made shares here
                row.numerator, row.denominator = count, denominator
                row.value = percent(count, denominator)
        return Figure(period, percent(numerator, denominator), numerator, denominator, rows)

    def _on_time(self, query: Query, period: Period) -> Figure:
        conditions, joins = self.conditions(query, period, query.filters)
        deadline = (
            func.coalesce(self.sr.c.extended_to, self.sr.c.due_on) if query.count_extensions else self.sr.c.due_on
        )
        on_time = func.coalesce(func.sum(case((self.sr.c.responded_on <= deadline, 1), else_=0)), 0)
        judged = func.coalesce(
            func.sum(case((or_(self.sr.c.responded_on.is_not(None), deadline < self.as_of), 1), else_=0)), 0
        )
        conditions.append(self.sr.c.due_on.is_not(None))
        if query.group_by is None:
            stmt = select(on_time, judged).select_from(self._from(joins)).where(*conditions)
            numerator, denominator = self._execute(stmt).one()
            return Figure(period, percent(numerator, denominator), numerator, denominator)
        key, joins = self._group_key(query.group_by, joins, query)
        stmt = select(key, on_time, judged).select_from(self._from(joins)).where(*conditions).group_by(key)
        pairs = {k: (n, d) for k, n, d in self._execute(stmt).all()}
        rows = self._rows(query, period, {k: d for k, (_n, d) in pairs.items()})
        for row in rows:
            n, d = self._pair(pairs, row)
            row.numerator, row.denominator, row.value = n, d, percent(n, d)
        if query.group_by is Grouping.REASON:
            total = self._on_time(query.with_changes(group_by=None), period)
            numerator, denominator = total.numerator, total.denominator
        else:
            numerator = sum(n for n, _d in pairs.values())
            denominator = sum(d for _n, d in pairs.values())
        return Figure(period, percent(numerator, denominator), numerator, denominator, rows)

    def _late(self, query: Query, period: Period) -> Figure:
        """Late is the other side of on time: judged stages not answered by their deadline (open ones past it too)."""
        figure = self._on_time(query.with_changes(measure=Measure.ON_TIME), period)
        as_count = query.measure is Measure.LATE_COUNT

        def flip(item) -> None:
            late = (item.denominator or 0) - (item.numerator or 0)
            item.numerator = late
            item.value = late if as_count else percent(late, item.denominator or 0)

        flip(figure)
        for row in figure.rows:
            flip(row)
        return figure

    def _median_days(self, query: Query, period: Period) -> Figure:
        """The middle answered stage's working days from receipt to response (the mean of the middle two)."""
        conditions, joins = self.conditions(query, period, query.filters)
        conditions.append(self.sr.c.responded_on.is_not(None))
        key = None
        if query.group_by is not None:
            key, joins = self._group_key(query.group_by, joins, query)
        columns = [self.sr.c.received_on, self.sr.c.responded_on] + ([key] if key is not None else [])
        calendar = WorkingCalendar(self.closure_days)
        spans: dict[object, list[int]] = {}
        for received, responded, *group in self._execute(
            select(*columns).select_from(self._from(joins)).where(*conditions)
        ):
            days = calendar.working_days_between(_as_date(received), _as_date(responded))
            spans.setdefault(group[0] if group else None, []).append(days)
        everything = [days for values in spans.values() for days in values]
        figure = Figure(period, _median(everything), denominator=len(everything))
        if key is not None:
            figure.rows = self._rows(query, period, {k: len(v) for k, v in spans.items()})
            for row in figure.rows:
                values = spans.get(self._raw_key(row), [])
                row.denominator, row.value = len(values), _median(values)
        return figure

    def _live(self, query: Query, period: Period) -> Figure:
        """The caseload on the day asked: open stages, one row per complaint (or per group) with its reference."""
        deadline = (
            func.coalesce(self.sr.c.extended_to, self.sr.c.due_on) if query.count_extensions else self.sr.c.due_on
        )
        today = self.as_of
        # A complaint closed or withdrawn after the day asked was still open on it.
        still_open = or_(COMPLAINT.c.status.not_in(CLOSED), COMPLAINT.c.closed_at >= _start_of_day_after(today))
        conditions = [self.sr.c.responded_on.is_(None), still_open, self.sr.c.received_on <= today]
        if query.stages:
            conditions.append(self.sr.c.stage.in_(query.stages))
        if self.scope.team_ids is not None:
            conditions.append(self.sr.c.team_id.in_(sorted(self.scope.team_ids)))
        sunday = today + timedelta(days=6 - today.weekday())
        assert query.live is not None  # only the caseload's queries come here
        by_kind: dict[Live, list[ColumnElement[bool]]] = {
            Live.OPEN: [],
            Live.OVERDUE: [deadline < today],
            Live.DUE_TODAY: [deadline == today],
            Live.DUE_THIS_WEEK: [deadline >= today, deadline <= sunday],
            Live.DUE_NEXT_WEEK: [deadline > sunday, deadline <= sunday + timedelta(days=7)],
            Live.DUE_TOMORROW: [deadline == today + timedelta(days=1)],
            Live.DUE_NEXT_7_DAYS: [deadline >= today, deadline <= today + timedelta(days=7)],
            Live.TRIAGE: [COMPLAINT.c.team_id.is_(None)],
        }
        conditions += by_kind[query.live]
        filter_conditions, joins = self._filter_conditions(query.filters, {"complaint"})
        conditions += filter_conditions
        key = None
        if query.group_by is not None:
            key, joins = self._group_key(query.group_by, joins, query)
        columns = [COMPLAINT.c.reference, self.sr.c.team_id, self.sr.c.stage, deadline] + (
            [key] if key is not None else []
        )
        stmt = select(*columns).select_from(self._from(joins)).where(*conditions).order_by(deadline, self.sr.c.id)
        found = self._execute(stmt).all()
        if key is None:
            rows = [_complaint_row(self.vocab, *item[:4]) for item in found]
            return Figure(period, len(rows), rows=rows)
        references: dict[object, list[str]] = {}
        for item in found:
            references.setdefault(item[4], []).append(item[0])
        rows = self._rows(query, period, {k: len(v) for k, v in references.items()})
        for row in rows:
            row.references = references.get(self._raw_key(row), [])
        if query.measure is Measure.TOP:
            rows = _top(rows, query.limit)
            return Figure(period, rows[0].value if rows else 0, rows=rows, denominator=len(found))
        return Figure(period, len(found), rows=rows)

    def _average_days(self, query: Query, period: Period) -> Figure:
        conditions, joins = self.conditions(query, period, query.filters)
        conditions.append(self.sr.c.responded_on.is_not(None))
        span = func.coalesce(func.sum(weekdays_to(self.sr.c.responded_on) - weekdays_to(self.sr.c.received_on)), 0)
        holidays = self._holidays(period)
        holiday_join = None
        if holidays is not None:
            holiday_join = and_(holidays.c.day > self.sr.c.received_on, holidays.c.day <= self.sr.c.responded_on)
        group_key = None
        if query.group_by is not None:
            group_key, joins = self._group_key(query.group_by, joins, query)
        columns = [span, func.count()]
        stmt = select(*([group_key] if group_key is not None else []), *columns)
        stmt = stmt.select_from(self._from(joins)).where(*conditions)
        skipped_stmt = None
        if holiday_join is not None:
            skipped_stmt = select(*([group_key] if group_key is not None else []), func.count())
            skipped_stmt = skipped_stmt.select_from(self._from(joins).join(holidays, holiday_join)).where(*conditions)
        if group_key is None:
            days, answered = self._execute(stmt).one()
            skipped = self._execute(skipped_stmt).scalar_one() if skipped_stmt is not None else 0
            return Figure(period, _mean(days - skipped, answered), denominator=answered)
        spans = {k: (d, n) for k, d, n in self._execute(stmt.group_by(group_key)).all()}
        skipped_by = {}
        if skipped_stmt is not None:
            skipped_by = dict(self._execute(skipped_stmt.group_by(group_key)).all())
        rows = self._rows(query, period, {k: n for k, (_d, n) in spans.items()})
        for row in rows:
            d, n = self._pair(spans, row)
            row.denominator, row.value = n, _mean(d - skipped_by.get(self._raw_key(row), 0), n)
        total = self._average_days(query.with_changes(group_by=None), period)
        return Figure(period, total.value, denominator=total.denominator, rows=rows)

    def _day(self, query: Query) -> ColumnElement:
        """The day a stage counts in a period: received, or answered for "how many did we close in 2022/23"."""
        return self.sr.c.responded_on if query.by_response else self.sr.c.received_on

    # -- pieces -----------------------------------------------------------------------------------------------
    def behind(self, query: Query, period: Period) -> list[StageBehind]:
        """The stages a count (or an on-time rate) of `query` in `period` is made of, with their complaints'
        references: what a dashboard's figure links to. Built from the same conditions as the figure, so the list
        and the number always agree."""
        sr = self.sr  # the as-of view of the stages, as every figure counts them
        conditions, joins = self.conditions(query, period, query.filters)
        deadline = func.coalesce(sr.c.extended_to, sr.c.due_on) if query.count_extensions else sr.c.due_on
        judged = query.measure in (Measure.ON_TIME, Measure.LATE, Measure.LATE_COUNT)
        if judged:  # as `_on_time`: a stage with a date, answered or past it
            conditions += [sr.c.due_on.is_not(None), or_(sr.c.responded_on.is_not(None), deadline < self.as_of)]
        columns = [COMPLAINT.c.reference, sr.c.team_id, sr.c.stage, sr.c.received_on, deadline, sr.c.responded_on]
        stmt = (
            select(*columns)
            .select_from(self._from(joins | {"complaint"}))
            .where(*conditions)
            .order_by(sr.c.received_on, COMPLAINT.c.reference, sr.c.stage)
        )
        found = []
        for reference, team_id, stage, received, due, responded in self._execute(stmt):
            team = self.vocab.team_by_id(team_id)
            due_day = _as_date(due) if due is not None else None
            responded_day = _as_date(responded) if responded is not None else None
            on_time = None
            if judged and due_day is not None:
                on_time = responded_day is not None and responded_day <= due_day
            found.append(
                StageBehind(
                    reference,
                    team.name if team else "No team yet (triage)",
                    stage,
                    _as_date(received),
                    due_day,
                    responded_day,
                    on_time,
                )
            )
        return found

    def _execute(self, stmt):
        # Core statements go straight to the session's connection (same transaction), skipping the ORM's
        # per-statement bookkeeping: a fixed cost that matters next to sub-millisecond indexed counts.
        return self.session.connection().execute(stmt)

    def _holidays(self, period: Period):
        """Weekday bank holidays and closure days that can fall between a receipt and its response."""
        last_year = max(self.as_of.year, period.end.year) + 1
        days = sorted(
            day
            for year in range(period.start.year, last_year + 1)
            for day in bank_holidays(year) | {d for d in self.closure_days if d.year == year}
            if day.weekday() < 5 and day > period.start
        )
        if not days:
            return None
        # A CTE of one-row selects: SQLite cannot name the columns of a VALUES list.
        return union_all(*(select(literal(day, Date).label("day")) for day in days)).cte("holiday")

    def conditions(self, query: Query, period: Period, filters: Filters) -> tuple[list[ColumnElement], set[str]]:
        day = self._day(query)
        conditions: list[ColumnElement] = [day >= period.start, day <= period.end]
        if len(query.stages) == 1:
            conditions.insert(0, self.sr.c.stage == query.stages[0])
        elif query.stages:
            conditions.insert(0, self.sr.c.stage.in_(query.stages))
        if self.scope.team_ids is not None:
            conditions.append(self.sr.c.team_id.in_(sorted(self.scope.team_ids)))
        filter_conditions, joins = self._filter_conditions(filters, set())
        return conditions + filter_conditions, joins

    def _filter_conditions(self, filters: Filters, joins: set[str]) -> tuple[list[ColumnElement], set[str]]:
        conditions: list[ColumnElement] = []
        joins = set(joins)
        if filters.teams:
            conditions.append(self.sr.c.team_id.in_(self.vocab.team_ids(filters.teams)))
        if filters.lac is not None:
            conditions.append(self.sr.c.team_id.in_(self.vocab.lac_team_ids(filters.lac)))
        if filters.outcomes:
            conditions.append(self.sr.c.outcome.in_(filters.outcomes))
        if filters.learning:
            ids = [self.vocab.learning[slug][0] for slug in filters.learning if slug in self.vocab.learning]
            conditions.append(
                exists().where(LEARNING.c.stage_record_id == self.sr.c.id, LEARNING.c.category_id.in_(ids))
            )
        if filters.roles:
            joins.add("complaint")
            conditions.append(COMPLAINT.c.complainant_role.in_(filters.roles))
        if filters.safeguarding:
            joins.add("complaint")
            conditions.append(COMPLAINT.c.safeguarding_flag.is_(True))
        if filters.procedure:
            joins.add("complaint")
            conditions.append(procedure_condition(filters.procedure))
        if filters.via_advocate:
            joins.add("complaint")
            conditions.append(via_advocate_condition())
        if filters.decisions:
            conditions.append(self._decision.in_(filters.decisions))
        if filters.remedy:
            if has_ombudsman_decisions():
                conditions.append(or_(self.sr.c.remedy != "", self.sr.c.remedy_amount.is_not(None)))
            else:
                conditions.append(literal(False))  # not recorded before issue 14: none known
        if filters.extended:
            conditions.append(self.sr.c.extended_to.is_not(None))
        if filters.escalated:
            conditions.append(
                exists().where(
                    self.next.c.complaint_id == self.sr.c.complaint_id, self.next.c.stage == self.sr.c.stage + 1
                )
            )
        return conditions, joins

    def _group_key(self, grouping: Grouping, joins: set[str], query: Query) -> tuple[ColumnElement, set[str]]:
        joins = set(joins)
        if grouping is Grouping.TEAM:
            return self.sr.c.team_id, joins
        if grouping is Grouping.OUTCOME:
            return self.sr.c.outcome, joins
        if grouping is Grouping.MONTH:
            return year_month(self._day(query)), joins
        if grouping is Grouping.QUARTER:
            return financial_quarter(self._day(query)), joins
        if grouping is Grouping.STAGE:
            return self.sr.c.stage, joins
        if grouping is Grouping.ROLE:
            joins.add("complaint")
            return COMPLAINT.c.complainant_role, joins
        if grouping is Grouping.OFFICER:
            joins.add("complaint")
            return COMPLAINT.c.assigned_officer_id, joins
        if grouping is Grouping.PROCEDURE:
            joins.add("complaint")
            return COMPLAINT.c.procedure, joins
        if grouping is Grouping.DECISION:
            return self._decision, joins
        if grouping is Grouping.DANGER:
            joins |= {"complaint", "danger"}
            return self._danger.c.value, joins
        joins.add("learning")
        return LEARNING.c.category_id, joins

    def _from(self, joins: set[str]) -> FromClause:
        source: FromClause = self.sr
        if "complaint" in joins:
            source = source.join(COMPLAINT, COMPLAINT.c.id == self.sr.c.complaint_id)
        if "learning" in joins:
            source = source.join(LEARNING, LEARNING.c.stage_record_id == self.sr.c.id)
        if "danger" in joins:
            # One row per kind of danger; a flagged complaint with none recorded keeps one row (NULL).
            source = source.outerjoin(self._danger, true())
        return source

    @property
    def _decision(self) -> ColumnElement:
        """The Ombudsman's decision; before decisions were recorded, the stage's outcome stands for it."""
        from_outcome = func.replace(self.sr.c.outcome, "partially-upheld", "partly-upheld")
        if has_ombudsman_decisions():
            return func.coalesce(self.sr.c.ombudsman_decision, from_outcome)
        return from_outcome

    def never_recorded(self, query: Query) -> str:
        """What a query asks about that these records have never held, in words ("" when recorded).

        A council that has never recorded a compliment, a corporate complaint or an Ombudsman remedy here has
        not had none: it keeps them somewhere else, so 0 would be a confident wrong answer.
        """
        connection = self.session.connection()
        if query.feedback:
            table = feedback_table()
            if table is None:
                return "compliments, enquiries and other feedback"
            kinds = set(connection.execute(select(table.c.kind).where(table.c.kind.in_(query.feedback)).distinct()))
            missing = [_lower_first(FEEDBACK_KINDS[kind]) for kind in query.feedback if (kind,) not in kinds]
            first = connection.execute(
                select(func.min(table.c.received_on)).where(table.c.kind.in_(query.feedback))
            ).scalar_one()
            return " or ".join(missing) or _before_records(query, first, "feedback of this kind")
        if query.live is None:
            before = _before_records(query, self._first_day, "complaints")
            if before:
                return before
        filters = query.filters
        if filters.procedure == "corporate" or query.group_by is Grouping.PROCEDURE:
            found = connection.execute(select(COMPLAINT.c.id).where(procedure_condition("corporate")).limit(1)).first()
            if found is None:
                return "corporate complaints (every complaint here is recorded as statutory)"
        decided = ("closed-after-initial-enquiries", "premature", "not-investigated")
        if filters.remedy or set(filters.decisions) & set(decided) or query.group_by is Grouping.DECISION:
            if not has_ombudsman_decisions():
                return "the Ombudsman's decisions and remedies"
            column = SR.c.remedy_amount if filters.remedy else SR.c.ombudsman_decision
            if filters.remedy:
                recorded = or_(SR.c.remedy != "", SR.c.remedy_amount.is_not(None))
            else:
                recorded = column.is_not(None)
            if connection.execute(select(SR.c.id).where(recorded).limit(1)).first() is None:
                return "Ombudsman remedies" if filters.remedy else "the Ombudsman's decisions"
        return ""

    @cached_property
    def _first_day(self):
        """The first day these records hold: every complaint starts at stage 1, so the (stage, received_on) index
        finds it at once, however many stages there are."""
        return self._execute(select(func.min(SR.c.received_on)).where(SR.c.stage == 1)).scalar_one()

    @cached_property
    def _danger(self):
        """The flagged complaint's category slugs as rows: json_each on SQLite, a lateral unnest on PostgreSQL."""
        if self.session.get_bind().dialect.name == "postgresql":
            elements = func.json_array_elements_text(COMPLAINT.c.safeguarding_categories)
            return elements.table_valued("value", joins_implicitly=True).lateral("danger")
        return func.json_each(COMPLAINT.c.safeguarding_categories).table_valued("value", joins_implicitly=True)

    # -- rows: database keys to the contract's keys and labels, with zero rows where they help ------------------
    def _rows(self, query: Query, period: Period, counts: dict) -> list[Row]:
        grouping = query.group_by
        rows: list[Row] = []
        if grouping is Grouping.TEAM:
            wanted = self._wanted_teams(query.filters)
            for team_id in wanted | set(counts):
                team = self.vocab.team_by_id(team_id)
                key, label = (team.slug, team.name) if team else ("none", "No team yet (triage)")
                rows.append(_row(key, label, counts.get(team_id, 0), team_id))
            rows.sort(key=lambda r: (-(r.value or 0), r.label))
        elif grouping is Grouping.OUTCOME:
            outcomes = [o for o in MAIN_OUTCOMES if not query.filters.outcomes or o in query.filters.outcomes]
            for outcome in [*outcomes, *sorted((k for k in counts if k not in outcomes), key=lambda k: k or "")]:
                key = outcome or "none"
                rows.append(_row(key, OUTCOME_LABELS.get(key, key), counts.get(outcome, 0), outcome))
        elif grouping in (Grouping.MONTH, Grouping.QUARTER):
            rows = _calendar_rows(grouping, period, self.as_of, counts)
        elif grouping is Grouping.STAGE:
            for stage in sorted(set(query.stages or (1, 2, 3, 4)) | set(counts)):
                rows.append(_row(STAGE_KEYS[stage], STAGE_NAMES[stage].capitalize(), counts.get(stage, 0), stage))
        elif grouping is Grouping.DANGER:
            rows = _danger_rows(counts)
        elif grouping in (Grouping.PROCEDURE, Grouping.DECISION):
            rows = _fact_rows(query, counts)
        elif grouping is Grouping.OFFICER:
            rows = self._officer_rows(counts)
        elif grouping is Grouping.ROLE:
            rows = _role_rows(query, counts)
        else:
            by_id = {category_id: (slug, label) for slug, (category_id, label) in self.vocab.learning.items()}
            for category_id in set(by_id) | set(counts):
                slug, label = by_id.get(category_id, (str(category_id), "Other"))
                if not query.filters.learning or slug in query.filters.learning:
                    rows.append(_row(slug, label, counts.get(category_id, 0), category_id))
            rows.sort(key=lambda r: (-(r.value or 0), r.label))
        return rows

    def _officer_rows(self, counts: dict) -> list[Row]:
        ids = sorted(k for k in counts if k is not None)
        names = dict(self._execute(select(STAFF.c.id, STAFF.c.name).where(STAFF.c.id.in_(ids))).all()) if ids else {}
        rows = [
            _row(str(k) if k is not None else "none", names.get(k, "Not assigned to an officer"), n, k)
            for k, n in counts.items()
        ]
        return sorted(rows, key=lambda r: (-(r.value or 0), r.label))

    def _wanted_teams(self, filters: Filters) -> set[int]:
        if filters.teams:
            ids = set(self.vocab.team_ids(filters.teams))
        elif filters.lac is not None:
            ids = {t.id for t in self.vocab.teams.values() if t.is_lac == filters.lac and t.active}
        else:
            ids = {t.id for t in self.vocab.teams.values() if t.active}
        if self.scope.team_ids is not None:
            ids &= self.scope.team_ids
        return ids

    @staticmethod
    def _raw_key(row: Row):
        return row.raw

    def _pair(self, pairs: dict, row: Row) -> tuple[int, int]:
        return pairs.get(self._raw_key(row), (0, 0))


def _start_of_day_after(day: date) -> datetime:
    """The first moment after `day` (a London day), in UTC as `closed_at` is kept."""
    return datetime.combine(day + timedelta(days=1), time(), LONDON).astimezone(UTC)


def _row(key: str, label: str, value, raw) -> Row:
    return Row(key, label, value, raw=raw)


def _calendar_rows(grouping: Grouping, period: Period, as_of: date, counts: dict) -> list[Row]:
    """Every month (or financial quarter) of the period up to today, zeros too, in order."""
    months = _months(period, as_of)
    if grouping is Grouping.MONTH:
        labels = {key: f"{MONTH_NAMES[int(key[5:7])]} {key[:4]}" for key in months | set(counts)}
    else:
        keys = {quarter_key(date.fromisoformat(key + "-01")) for key in months} | set(counts)
        labels = {key: quarter_label(key) for key in keys}
        # Councils name quarters "Q3 2017/18"; the database's key "2017-Q3" sorts them.
        return [_row(labels[key].split(" (")[0], labels[key], counts.get(key, 0), key) for key in sorted(labels)]
    return [_row(key, labels[key], counts.get(key, 0), key) for key in sorted(labels)]


def _complaint_row(vocab: Vocabulary, reference: str, team_id: int | None, stage: int, deadline) -> Row:
    team = vocab.team_by_id(team_id)
    due = f", due {plain_date(_as_date(deadline))}" if deadline is not None else ""
    label = f"{reference}: {team.name if team else 'triage'}, {STAGE_NAMES[stage]}{due}"
    return Row(reference, label, 1, references=[reference])


def _as_date(value) -> date:
    """SQLite hands back dates from expressions (coalesce) as text."""
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _median(values: list[int]) -> float | None:
    if not values:
        return None
    return round(float(statistics.median(values)), 1)


def _lower_first(label: str) -> str:
    """ "Compliments" -> "compliments", but "MP enquiries" stays."""
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


def _before_records(query: Query, first, what: str) -> str:
    """A period that ends before the first record: the records cannot say how many there were then."""
    if first is None:
        return ""
    first = _as_date(first)
    periods = [p for p in (query.period, query.compare_with) if p is not None]
    if any(period.end < first for period in periods):
        return f"{what} from before {plain_date(first)}, the first day these records hold"
    return ""


def _fact_rows(query: Query, counts: dict) -> list[Row]:
    """Statutory and corporate, or every Ombudsman decision asked about (zeros too, in the report's order)."""
    if query.group_by is Grouping.PROCEDURE:
        return [_row(key, label, counts.get(key, 0), key) for key, label in PROCEDURE_LABELS.items()]
    wanted = query.filters.decisions or tuple(OMBUDSMAN_DECISIONS)
    rows = [_row(key, OMBUDSMAN_DECISIONS[key], counts.get(key, 0), key) for key in wanted]
    if counts.get(None):
        rows.append(_row("none", "No decision recorded", counts[None], None))
    return rows


def _danger_rows(counts: dict) -> list[Row]:
    """Every kind of danger (zeros too), then any slug no longer known and flags with no kind recorded."""
    rows = [_row(c.slug, c.label, counts.get(c.slug, 0), c.slug) for c in CATEGORIES]
    for key in set(counts) - {category.slug for category in CATEGORIES}:
        rows.append(_row(key or "not-recorded", "Kind not recorded" if key is None else key, counts[key], key))
    return sorted(rows, key=lambda r: -(r.value or 0))


def _months(period: Period, as_of: date) -> set[str]:
    end = min(period.end, max(as_of, period.start))
    keys, current = set(), month(period.start.year, period.start.month)
    while current.start <= end:
        keys.add(current.start.strftime("%Y-%m"))
        nxt = current.end.toordinal() + 1
        following = date.fromordinal(nxt)
        current = month(following.year, following.month)
    return keys


def financial_quarter(day: ColumnElement) -> ColumnElement:
    """ "2017-Q3" for a day in October to December 2017: the financial year's first year and its quarter."""
    ym = year_month(day)
    year, month_part = func.substr(ym, 1, 4), func.substr(ym, 6, 2)
    earlier = cast(cast(year, Integer) - 1, String)
    return case(
        (month_part.in_(("04", "05", "06")), year + literal("-Q1")),
        (month_part.in_(("07", "08", "09")), year + literal("-Q2")),
        (month_part.in_(("10", "11", "12")), year + literal("-Q3")),
        else_=earlier + literal("-Q4"),
    )


def quarter_key(day: date) -> str:
    start_year = day.year if day.month >= 4 else day.year - 1
    return f"{start_year}-Q{(day.month - 4) % 12 // 3 + 1}"


def quarter_label(key: str) -> str:
    """ "Q3 2017/18 (October to December 2017)"."""
    start_year, number = int(key[:4]), int(key[-1])
    first = (4 + 3 * (number - 1) - 1) % 12 + 1
    year = start_year + (first < 4)
    return f"Q{number} {financial_year_label(start_year)} ({MONTH_NAMES[first]} to {MONTH_NAMES[first + 2]} {year})"


def _top(rows: list[Row], limit: int | None) -> list[Row]:
    ranked = sorted(rows, key=lambda r: (-(r.value or 0), r.label))
    return ranked[: limit or len(ranked)]


def _mean(total: int, count: int) -> float | None:
    return None if not count else round(total / count, 1)


def split_subject(filters: Filters) -> tuple[Filters, Filters]:
    """A share is of one thing within the rest: (what is asked about, what it is a share of).

    "What percentage of leaving care's stage 1 complaints were upheld": the outcome is the subject, the team
    the base. The subject is the first named of outcome, learning, extended, flagged, who complained, team or LAC.
    """
    empty = Filters()
    if filters.outcomes:
        return Filters(outcomes=filters.outcomes), replace(filters, outcomes=())
    if filters.learning:
        return Filters(learning=filters.learning), replace(filters, outcomes=(), learning=())
    if filters.extended:
        return Filters(extended=True), replace(filters, outcomes=(), learning=(), extended=False)
    if filters.escalated:
        return Filters(escalated=True), replace(filters, outcomes=(), learning=(), escalated=False)
    if filters.safeguarding:
        return Filters(safeguarding=True), replace(filters, outcomes=(), learning=(), safeguarding=False)
    if filters.roles:
        return Filters(roles=filters.roles), Filters(filters.teams, filters.lac)
    if filters.teams or filters.lac is not None:
        return Filters(teams=filters.teams, lac=filters.lac), empty
    return empty, empty


def _role_rows(query: Query, counts: dict) -> list[Row]:
    rows = [
        _row(role, ROLE_LABELS[role], counts.get(role, 0), role)
        for role in (r.value for r in REAL_ROLES)
        if not query.filters.roles or role in query.filters.roles
    ]
    rows.sort(key=lambda r: -(r.value or 0))
    # Not a group of people: shown last, and only when some complaints did not record who made them.
    unrecorded = ComplainantRole.NOT_RECORDED.value
    if counts.get(unrecorded) and not query.filters.roles:
        rows.append(_row(unrecorded, ROLE_LABELS[unrecorded], counts[unrecorded], unrecorded))
    return rows
