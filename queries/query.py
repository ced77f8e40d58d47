"""The small typed query a staff question is turned into, before any SQL."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from queries.periods import Period


class Measure(StrEnum):
    COUNT = "count"
    SHARE = "share"  # per cent of a stated denominator
    TOP = "top"  # the biggest groups, largest first
    ON_TIME = "on-time"  # per cent answered by the deadline; open overdue stages count as late
    AVERAGE_DAYS = "average-working-days"  # mean working days from receipt to response
    MEDIAN_DAYS = "median-working-days"  # the middle answered stage's working days from receipt to response
    LATE = "late"  # per cent answered after the deadline (or open past it): 100 less the on-time rate
    LATE_COUNT = "late-count"  # how many answered after the deadline (or open past it)


class Live(StrEnum):
    """The caseload as it stands on the day asked (`as_of`), not complaints received in a period."""

    OPEN = "open"  # a stage waiting for a response
    OVERDUE = "overdue"  # open past its deadline (an agreed extension moves the deadline)
    DUE_TODAY = "due-today"
    DUE_THIS_WEEK = "due-this-week"  # from today to Sunday, not yet overdue
    DUE_NEXT_WEEK = "due-next-week"  # Monday to Sunday of next week
    DUE_TOMORROW = "due-tomorrow"  # the next day (a deadline is a working day, so Friday's "tomorrow" has none)
    DUE_NEXT_7_DAYS = "due-next-7-days"  # from today to 7 days on, not yet overdue
    TRIAGE = "triage"  # waiting to be given a team


class Grouping(StrEnum):
    TEAM = "team"
    OUTCOME = "outcome"
    MONTH = "month"
    OFFICER = "officer"  # the officer a complaint is assigned to (the live caseload)
    QUARTER = "quarter"  # financial quarters: Q1 is April to June
    REASON = "reason"  # learning categories
    STAGE = "stage"
    ROLE = "role"  # who complained
    DANGER = "danger"  # the kinds of danger a safeguarding flag was raised for (complaints flagged only)
    PROCEDURE = "procedure"  # statutory or corporate (complaint.procedure)
    DECISION = "decision"  # the Ombudsman's decision (stage_record.ombudsman_decision)
    KIND = "kind"  # feedback that is not a complaint: compliments, enquiries and the rest


STAGE_NAMES = {1: "stage 1", 2: "stage 2", 3: "stage 3", 4: "Ombudsman"}
STAGE_KEYS = {1: "1", 2: "2", 3: "3", 4: "ombudsman"}


@dataclass(frozen=True)
class Filters:
    teams: tuple[str, ...] = ()  # team slugs
    lac: bool | None = None  # True: LAC teams only; False: all but LAC teams
    outcomes: tuple[str, ...] = ()
    learning: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    safeguarding: bool = False  # only complaints flagged for safeguarding (a child may be at risk)
    extended: bool = False  # only stages whose deadline was extended
    escalated: bool = False  # only stages the complaint went on from (a stage 1 with a stage 2)
    procedure: str | None = None  # "statutory" or "corporate" complaints only (queries/report_facts.py)
    decisions: tuple[str, ...] = ()  # the Ombudsman's decisions ("investigated" is upheld, partly or not upheld)
    remedy: bool = False  # only Ombudsman decisions that asked the council to put something right
    via_advocate: bool = False  # only complaints made through an advocate (or by one)

    def is_empty(self) -> bool:
        return self == Filters()


@dataclass(frozen=True)
class Query:
    measure: Measure = Measure.COUNT
    stages: tuple[int, ...] = (1,)  # () means every stage
    period: Period | None = None
    compare_with: Period | None = None
    filters: Filters = field(default_factory=Filters)
    group_by: Grouping | None = None
    limit: int | None = None  # "top 3"
    count_extensions: bool = False  # on time against an agreed extension, not only the statutory date
    live: Live | None = None  # the caseload on the day asked; `period` is then that day
    by_response: bool = False  # counted by the day each stage was answered ("closed in 2022/23"), not received
    headline: str | None = None  # "stage 1 vs stage 2": the row named first is the answer's value, the table both
    feedback: tuple[str, ...] = ()  # compliments, enquiries...: counts feedback of these kinds, not complaints

    def with_changes(self, **changes) -> Query:
        return replace(self, **changes)


def query_to_dict(query: Query) -> dict:
    """A plain dict to keep between questions (the web page's follow-ups); read back by query_from_dict."""

    def period(p: Period | None):
        return None if p is None else [p.start.isoformat(), p.end.isoformat(), p.label, p.kind]

    f = query.filters
    return {
        "measure": query.measure.value,
        "stages": list(query.stages),
        "period": period(query.period),
        "compare_with": period(query.compare_with),
        "filters": [
            list(f.teams),
            f.lac,
            list(f.outcomes),
            list(f.learning),
            list(f.roles),
            f.safeguarding,
            f.extended,
            f.escalated,
            f.procedure,
            list(f.decisions),
            f.remedy,
            f.via_advocate,
        ],
        "group_by": query.group_by.value if query.group_by else None,
        "limit": query.limit,
        "count_extensions": query.count_extensions,
        "live": query.live.value if query.live else None,
        "by_response": query.by_response,
        "headline": query.headline,
        "feedback": list(query.feedback),
    }


def query_from_dict(data: object) -> Query | None:
    """The Query a dict describes, or None when it is not one (a stale or tampered session is not an error)."""

    def period(value) -> Period | None:
        if value is None:
            return None
        start, end, label, kind = value
        return Period(date.fromisoformat(start), date.fromisoformat(end), str(label), str(kind))

    if not isinstance(data, dict):
        return None
    try:
        teams, lac, outcomes, learning, roles, *rest = data["filters"]  # rest: safeguarding, absent from older ones
        if data["period"] is None:  # every query asked has a period
            return None
        return Query(
            measure=Measure(data["measure"]),
            stages=tuple(int(s) for s in data["stages"] if int(s) in STAGE_NAMES),
            period=period(data["period"]),
            compare_with=period(data["compare_with"]),
            filters=Filters(
                tuple(map(str, teams)),
                None if lac is None else bool(lac),
                tuple(map(str, outcomes)),
                tuple(map(str, learning)),
                tuple(map(str, roles)),
                bool(rest[0]) if rest else False,
                bool(rest[1]) if len(rest) > 1 else False,
                bool(rest[2]) if len(rest) > 2 else False,
                str(rest[3]) if len(rest) > 3 and rest[3] in ("statutory", "corporate") else None,
                tuple(map(str, rest[4])) if len(rest) > 4 else (),
                bool(rest[5]) if len(rest) > 5 else False,
                bool(rest[6]) if len(rest) > 6 else False,
            ),
            group_by=Grouping(data["group_by"]) if data["group_by"] else None,
            limit=int(data["limit"]) if data["limit"] else None,
            count_extensions=bool(data["count_extensions"]),
            live=Live(data["live"]) if data.get("live") else None,
            by_response=bool(data.get("by_response")),
            headline=str(data["headline"]) if data.get("headline") else None,
            feedback=tuple(map(str, data.get("feedback") or ())),
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def same_query(first: Query | None, second: Query | None) -> bool:
    """The same question whatever the order of its filters and the names of its periods ("this year", "2026/27")."""

    def key(query: Query | None):
        if query is None:
            return None
        data = query_to_dict(query)
        for name in ("period", "compare_with"):
            if data[name]:
                data[name] = data[name][:2]
        data["filters"] = [sorted(v) if isinstance(v, list) else v for v in data["filters"]]
        data["stages"] = sorted(data["stages"])
        data["feedback"] = sorted(data["feedback"])
        return data

    return key(first) == key(second)
