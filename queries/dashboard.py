"""The managers' dashboard: the last 12 months at a glance, and what each figure is made of.

Every figure comes from the question engine (`queries/engine.py`), so the dashboard, `ask` and the annual report
count the same way (docs/reporting.md): stages by the day each was received, "on time" against the statutory date.
The open caseload by team and deadline comes from the queue's own statement (`casework.queue.open_by_team`), so
each bar's number is the number of rows its link to the queue shows. A manager sees their team's figures only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from casework.queue import TeamLoad, open_by_team
from casework.roles import visible_team_ids
from models.staff import StaffUser
from queries.engine import Engine, Figure, Scope, StageBehind
from queries.periods import MONTH_NAMES, Period, month, span_period
from queries.query import STAGE_NAMES, Filters, Grouping, Measure, Query
from queries.vocabulary import cached_vocabulary
from reminders.calendar import WorkingCalendar

MONTHS_SHOWN = 12
STAGES = (1, 2, 3, 4)  # 4: the Ombudsman
JUDGED_STAGES = (1, 2, 3)  # the Ombudsman's stage has no date of ours to be on time for
# What a figure's list shows (?show=): the stages received, those judged on time or late, or complaints flagged.
SHOWS = ("received", "on-time", "flagged")


@dataclass(frozen=True)
class MonthFigures:
    key: str  # "2026-05"
    label: str  # "May 2026"
    received: dict[int, int]  # stage -> stages received that month
    on_time: int  # stages received that month answered by their statutory date ...
    judged: int  # ... of those that can be judged (answered, or open past their date)
    flagged: int  # complaints received that month flagged for safeguarding

    @property
    def total(self) -> int:
        return sum(self.received.values())

    @property
    def percent_on_time(self) -> float | None:
        return round(100.0 * self.on_time / self.judged, 1) if self.judged else None


@dataclass(frozen=True)
class Dashboard:
    period: Period
    months: list[MonthFigures]
    teams: list[TeamLoad]
    your_team_only: bool


def last_twelve_months(today: date) -> Period:
    """This month so far and the 11 before it."""
    first = today.year * 12 + today.month - 1 - (MONTHS_SHOWN - 1)
    return span_period(date(first // 12, first % 12 + 1, 1), today)


def _engine(session: Session, user: StaffUser, today: date, closure_days) -> tuple[Engine, bool]:
    teams = visible_team_ids(user)
    scope = Scope(None if teams is None else frozenset(teams))
    engine = Engine(session, cached_vocabulary(session), as_of=today, scope=scope, closure_days=closure_days)
    return engine, teams is not None


def _by_month(figure: Figure) -> dict[str, tuple[int, int | None]]:
    return {row.key: (int(row.value or 0), row.denominator) for row in figure.rows}


def build_dashboard(
    session: Session, user: StaffUser, calendar: WorkingCalendar, today: date, closure_days=()
) -> Dashboard:
    engine, scoped = _engine(session, user, today, closure_days)
    period = last_twelve_months(today)
    by_stage = {
        stage: _by_month(engine.figure(Query(stages=(stage,), period=period, group_by=Grouping.MONTH), period))
        for stage in STAGES
    }
    on_time = engine.figure(
        Query(measure=Measure.ON_TIME, stages=JUDGED_STAGES, period=period, group_by=Grouping.MONTH), period
    )
    judged = {row.key: (row.numerator or 0, row.denominator or 0) for row in on_time.rows}
    flagged = _by_month(
        engine.figure(
            Query(stages=(1,), period=period, filters=Filters(safeguarding=True), group_by=Grouping.MONTH), period
        )
    )
    months = []
    for key in sorted(by_stage[1]):
        year, number = int(key[:4]), int(key[5:7])
        months.append(
            MonthFigures(
                key,
                f"{MONTH_NAMES[number]} {year}",
                {stage: by_stage[stage].get(key, (0, None))[0] for stage in STAGES},
                *judged.get(key, (0, 0)),
                flagged.get(key, (0, None))[0],
            )
        )
    return Dashboard(period, months, open_by_team(session, user, calendar, today), scoped)


@dataclass(frozen=True)
class Behind:
    """The stages one figure of the dashboard counts."""

    title: str
    stages: list[StageBehind]
    judged: bool  # the list says on time or late for each


def month_of(key: str, today: date) -> Period | None:
    """The month "YYYY-MM" names, when it is one of the dashboard's (anything else is not a figure it shows)."""
    try:
        year, number = int(key[:4]), int(key[5:7])
        wanted = month(year, number)
    except (ValueError, KeyError):
        return None
    shown = last_twelve_months(today)
    if len(key) != 7 or key[4] != "-" or not shown.start <= wanted.start <= shown.end:
        return None
    return wanted


def figures_behind(
    session: Session, user: StaffUser, today: date, *, month_key: str, show: str, stage: int | None, closure_days=()
) -> Behind | None:
    """What a month's figure is made of, or None when the request names no figure of the dashboard."""
    period = month_of(month_key, today)
    if period is None or show not in SHOWS or (stage is not None and stage not in STAGES):
        return None
    engine, _scoped = _engine(session, user, today, closure_days)
    if show == "received":
        stages = (stage,) if stage else STAGES
        query = Query(stages=stages, period=period)
        what = f"{STAGE_NAMES[stage].capitalize()} complaints" if stage else "Complaints at every stage"
        title = f"{what} received in {period.label}"
    elif show == "on-time":
        query = Query(measure=Measure.ON_TIME, stages=JUDGED_STAGES, period=period)
        title = f"Stages received in {period.label} that can be judged on time or late"
    else:
        query = Query(stages=(1,), period=period, filters=Filters(safeguarding=True))
        title = f"Complaints received in {period.label} flagged for safeguarding"
    return Behind(title, engine.behind(query, period), show == "on-time")
