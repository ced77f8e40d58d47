"""The annual complaints report, rebuilt from the data: the published report's sections, plus timeliness.

Figures come from the same engine as staff questions, so the report and `ask` can never disagree.
The narrative (what the figures mean, what the service will do) is written by staff per year and saved
in `report_narrative`; see queries/narrative.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any  # the report's rows: mixed values for the page and the CSV

from sqlalchemy import func, select
from sqlmodel import Session

from models.base import table_of
from models.complaints import Complaint
from models.teams import Team
from queries import report_facts as facts
from queries.answers import STATUTORY_DAYS, plural, whole_percent
from queries.engine import COMPLAINT, LEARNING, OUTCOME_LABELS, Engine, Figure, Scope
from queries.periods import Period
from queries.query import STAGE_KEYS, STAGE_NAMES, Filters, Grouping, Measure, Query
from queries.vocabulary import cached_vocabulary

# The sections staff write words for, in the published report's order.
NARRATIVE_SECTIONS = {
    "introduction": "Introduction",
    "trends": "Top trends for complaints and lessons learned",
    "reasons": "What the complaints tell us",
    "lessons": "Lessons from complaints",
    "stage-2-trends": "Top trends for complaints at stage 2",
    "stage-3": "Stage 3 commentary",
    "ombudsman": "Ombudsman commentary",
}


@dataclass
class Table:
    key: str  # used in the CSV's file name and the page's anchors
    title: str
    columns: list[tuple[str, str]]  # (field, heading)
    rows: list[dict] = field(default_factory=list)
    total: dict | None = None  # the "Grand Total" row, when the table has one
    # Data cleaning for staff (the labels earlier records used): on the staff screen and in the CSV, never printed.
    internal: bool = False
    internal_columns: tuple[str, ...] = ()
    chart: Chart | None = None  # drawn beside the table on the page and in the PDF

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "title": self.title,
            "columns": [c for c, _h in self.columns],
            "rows": self.rows,
            "total": self.total,
            "internal": self.internal,
        }


# Columns that hold numbers (right-aligned on the page and in print); the rest are words.
NUMERIC_FIELDS = frozenset(
    {"value", "closed", "on_time", "of", "judged", "previous", "previous_closed", "escalated", "statutory"}
    | {"with_extensions", "costed"}
)


def is_numeric(field_name: str) -> bool:
    return field_name in NUMERIC_FIELDS or field_name.endswith(("_received", "_closed", "_on_time"))


@dataclass(frozen=True)
class Chart:
    """A bar per row of a table: `value` the long bar, `compare` (if any) the short grey one under it."""

    value: str
    value_label: str = ""
    compare: str | None = None
    compare_label: str | None = None
    unit: str = "count"  # or "percent"


@dataclass
class Section:
    key: str
    title: str
    sentences: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    narrative: str | None = None  # the key of the staff-written text shown under the figures


@dataclass
class Report:
    period: Period
    previous: Period
    as_of: date
    figures: dict[str, object]
    sections: list[Section]
    your_team_only: bool = False

    def table(self, key: str) -> Table | None:
        for section in self.sections:
            for table in section.tables:
                if table.key == key:
                    return table
        return None

    def as_dict(self) -> dict:
        return {
            "year": self.period.label,
            "period": self.period.as_dict(),
            "previous_year": self.previous.label,
            "as_of": self.as_of.isoformat(),
            "your_team_only": self.your_team_only,
            "figures": self.figures,
            "sections": [
                {"key": s.key, "title": s.title, "sentences": s.sentences, "tables": [t.as_dict() for t in s.tables]}
                for s in self.sections
            ],
        }


class _Builder:
    def __init__(self, session: Session, period: Period, as_of: date, scope: Scope, closure_days: Iterable[date]):
        self.session = session
        self.period = period
        self.previous = period.year_before()
        self.vocab = cached_vocabulary(session)
        self.engine = Engine(session, self.vocab, as_of=as_of, scope=scope, closure_days=closure_days)
        self.scope = scope
        self.scoped = scope.team_ids is not None
        # A manager's report is of their own team: the sentences must not speak for the whole service.
        self.who = "Your team" if self.scoped else "Children's services"
        self.about = "your team" if self.scoped else "children's services"
        self.figures: dict[str, object] = {}
        self.sr = self.engine.sr  # stage_record as of the report's day

    def run(self, query: Query, period: Period | None = None) -> Figure:
        return self.engine.figure(query, period or self.period)

    def label(self) -> str:
        return self.period.label

    # -- sections ---------------------------------------------------------------------------------------------
    def stage_1(self) -> Section:
        total = self.run(Query(stages=(1,))).value
        lac = self.run(Query(stages=(1,), filters=Filters(lac=True))).value
        share = None if not total or lac is None else round(100.0 * lac / total, 1)
        self.figures.update(stage_1_total=total, stage_1_lac=lac, stage_1_lac_percent=share)
        by_lac = self.run(Query(stages=(1,), filters=Filters(lac=True), group_by=Grouping.TEAM))
        lac_rows = sorted(by_lac.rows, key=lambda r: r.label)
        table = Table(
            "stage-1-lac-teams",
            "Stage 1 complaints by LAC service team",
            [("key", "Team key"), ("label", "Team"), ("labels", "Labels in earlier reports"), ("value", "Volume")],
            [
                {
                    "key": r.key,
                    "label": r.label,
                    "labels": "; ".join(self.vocab.team_labels.get(r.key, [])),
                    "value": r.value,
                }
                for r in lac_rows
            ],
            {"label": "Total", "value": lac},
            internal_columns=("labels",),
        )
        self.figures["stage_1_by_lac_team"] = {r.key: r.value for r in lac_rows}
        by_team = self.run(Query(stages=(1,), group_by=Grouping.TEAM))
        all_teams = Table(
            "stage-1-teams",
            "Stage 1 complaints by team (all children's services)",
            [("key", "Team key"), ("label", "Team"), ("lac", "LAC"), ("value", "Volume")],
            [
                {"key": r.key, "label": r.label, "lac": "yes" if self._is_lac(r.key) else "no", "value": r.value}
                for r in by_team.rows
            ],
            {"label": "Total", "value": total},
            chart=Chart("value", "complaints"),
        )
        if self.scoped:
            sentences = [f"Your team received {total} stage 1 complaints in {self.label()}."]
        else:
            sentences = [
                f"The Looked After Children (LAC) service received a total of {lac} stage 1 complaints in "
                f"{self.label()}, which was {whole_percent(share)} of the total stage 1 complaints for the "
                f"Children's Service ({total})."
            ]
        return Section("stage-1", "Stage 1 complaints", sentences, [table, self._lac_source_labels(), all_teams])

    def _lac_source_labels(self) -> Table:
        """LAC stage 1 counts by the team label the imported records carried (as the published report lists them).

        Only imported complaints have such a label (`complaint.about_text` holds the label of the row the complaint
        came from); what a complainant typed online is their own words, never shown here.
        """
        complaint = table_of(Complaint)
        team = table_of(Team)
        conditions = [
            self.sr.c.stage == 1,
            self.sr.c.received_on.between(self.period.start, self.period.end),
            team.c.is_lac.is_(True),
            complaint.c.routing_decision == "imported",
        ]
        if self.scope.team_ids is not None:
            conditions.append(self.sr.c.team_id.in_(sorted(self.scope.team_ids)))
        statement = (
            select(team.c.slug, team.c.name, complaint.c.about_text, func.count())
            .select_from(
                self.sr.join(complaint, complaint.c.id == self.sr.c.complaint_id).join(
                    team, team.c.id == self.sr.c.team_id
                )
            )
            .where(*conditions)
            .group_by(team.c.slug, team.c.name, complaint.c.about_text)
            .order_by(team.c.name, func.count().desc(), complaint.c.about_text)
        )
        rows = [
            {"key": slug, "label": source_label, "team": name, "value": count}
            for slug, name, source_label, count in self.session.execute(statement)
        ]
        return Table(
            "stage-1-lac-source-labels",
            "Stage 1 LAC complaints by the team label in the imported records",
            [("key", "Team key"), ("label", "Label in the records"), ("team", "Team"), ("value", "Volume")],
            rows,
            {"label": "Total", "value": sum(row["value"] for row in rows)},
            internal=True,
        )

    def _is_lac(self, slug: str) -> bool:
        team = self.vocab.teams.get(slug)
        return bool(team and team.is_lac)

    def learning(self) -> Section:
        figure = self.run(Query(stages=(1,), group_by=Grouping.REASON))
        none_recorded = self._stage_1_without_learning()
        self.figures["stage_1_learning"] = {r.key: r.value for r in figure.rows}
        self.figures["stage_1_learning_none"] = none_recorded
        # No total row: a response may record several lessons, so a sum would mislead.
        table = _grouped_table(
            "stage-1-learning", f"Stage 1 learning, {self.label()}", ("Learning", "Total"), figure, total=False
        )
        table.chart = Chart("value", "complaints")
        sentences = [
            f"During {self.label()} stage 1 complaints for children's services can be grouped as below. "
            f"A response may record more than one lesson; {none_recorded} recorded none."
        ]
        if not any(r.value for r in figure.rows):
            sentences = [f"No lessons were recorded for the stage 1 complaints of {self.label()}."]
            table.rows = []  # a table of zeros says nothing the sentence does not
        return Section("learning", "Lessons from complaints", sentences, [table], narrative="lessons")

    def _stage_1_without_learning(self) -> int:
        has_learning = select(LEARNING.c.stage_record_id).where(LEARNING.c.stage_record_id == self.sr.c.id).exists()
        conditions, _joins = self.engine.conditions(Query(stages=(1,)), self.period, Filters())
        stmt = select(func.count()).select_from(self.sr).where(*conditions, ~has_learning)
        return self.session.execute(stmt).scalar_one()

    def outcomes(self) -> Section:
        figure = self.run(Query(stages=(1,), group_by=Grouping.OUTCOME))
        counts = {r.key: r.value for r in figure.rows}
        self.figures["stage_1_outcomes"] = counts
        table = _grouped_table(
            "stage-1-outcomes", f"Stage 1 outcomes, {self.label()}", ("Outcome", "Complaints"), figure
        )
        table.chart = Chart("value", "complaints")
        sentences = [
            f"Of the {figure.value} complaints received {counts.get('upheld', 0)} were upheld at Stage 1 and "
            f"{counts.get('partially-upheld', 0)} partially upheld ({counts.get('not-upheld', 0)} not upheld)."
        ]
        roles = self.run(Query(stages=(1,), group_by=Grouping.ROLE))
        self.figures["stage_1_complainants"] = {r.key: r.value for r in roles.rows}
        closed: dict[str, dict[str, int]] = {}
        for stage in (1, 2, 3):
            by_outcome = self.run(Query(stages=(stage,), group_by=Grouping.OUTCOME, by_response=True))
            closed[str(stage)] = {r.key: int(r.value or 0) for r in by_outcome.rows}
        self.figures["outcomes_closed"] = closed
        first = closed["1"]
        upheld = first.get("upheld", 0) + first.get("partially-upheld", 0)
        share = None if not sum(first.values()) else 100.0 * upheld / sum(first.values())
        self.figures["stage_1_closed_upheld_percent"] = None if share is None else round(share, 1)
        sentences.append(
            f"Of the {plural(sum(first.values()), 'stage 1 complaint')} closed in {self.label()}, {upheld} "
            f"({whole_percent(share)}) were upheld in full or in part."
        )
        via = self._count_where(1, [facts.via_advocate_condition()], joins_complaint=True)
        self.figures["stage_1_via_advocate"] = via
        sentences.append(f"{plural(via, 'stage 1 complaint')} came through an advocate.")
        roles_table = _grouped_table(
            "stage-1-complainants", f"Who made stage 1 complaints, {self.label()}", ("Complainant", "Complaints"), roles
        )
        return Section(
            "outcomes", "Stage 1 outcomes and complainants", sentences, [table, roles_table], narrative="trends"
        )

    def stage_2(self) -> Section:
        query = Query(stages=(2,), group_by=Grouping.TEAM)
        this_year = self.run(query)
        last_year = self.run(query, self.previous)
        previous = {r.key: r.value for r in last_year.rows}
        rows: list[dict[str, Any]] = [
            {"key": r.key, "label": r.label, "value": r.value, "previous": previous.get(r.key, 0)}
            for r in this_year.rows
            if r.value or previous.get(r.key)
        ]
        rows.sort(key=lambda row: (-row["value"], -row["previous"], row["label"]))
        self.figures.update(
            stage_2_total=this_year.value,
            stage_2_previous_total=last_year.value,
            stage_2_by_team={r["key"]: r["value"] for r in rows if r["value"]},
        )
        table = Table(
            "stage-2-teams",
            "Stage 2 complaints by service area",
            [
                ("key", "Team key"),
                ("label", "Service area"),
                ("value", self.label()),
                ("previous", self.previous.label),
            ],
            rows,
            {"label": "Grand Total", "value": this_year.value, "previous": last_year.value},
        )
        sentences = [
            f"In {self.previous.label} {self.who} received {last_year.value} stage 2 complaints. "
            f"This compares to {this_year.value} in {self.label()}."
        ]
        lessons = self.run(Query(stages=(2,), group_by=Grouping.REASON))
        self.figures["stage_2_learning"] = {r.key: r.value for r in lessons.rows}
        trends = _grouped_table(
            "stage-2-learning",
            f"Top trends for complaints at stage 2, {self.label()}",
            ("Learning", "Total"),
            lessons,
            total=False,
        )
        return Section("stage-2", "Stage 2", sentences, [table, trends], narrative="stage-2-trends")

    def _by_team_and_outcome(self, stage: int, period: Period) -> list[tuple[int | None, str | None, int]]:
        conditions, _joins = self.engine.conditions(Query(stages=(stage,)), period, Filters())
        stmt = (
            select(self.sr.c.team_id, self.sr.c.outcome, func.count())
            .where(*conditions)
            .group_by(self.sr.c.team_id, self.sr.c.outcome)
        )
        return [tuple(row) for row in self.session.execute(stmt).all()]

    def _outcome_table(self, key: str, title: str, stage: int) -> tuple[Table, dict]:
        counts: dict[str, dict[str, int]] = {}
        for team_id, outcome, n in self._by_team_and_outcome(stage, self.period):
            team = self.vocab.team_by_id(team_id)
            slug = team.slug if team else "none"
            counts.setdefault(slug, {})[outcome or "none"] = n
        rows: list[dict[str, Any]] = []
        for slug, outcomes in sorted(counts.items(), key=lambda item: -sum(item[1].values())):
            summary = ", ".join(
                f"{n} {OUTCOME_LABELS.get(o, o).lower()}" if sum(outcomes.values()) > 1 else OUTCOME_LABELS.get(o, o)
                for o, n in sorted(outcomes.items())
            )
            rows.append(
                {
                    "key": slug,
                    "label": self.vocab.team_name(slug),
                    "value": sum(outcomes.values()),
                    "upheld_or_not": summary,
                }
            )
        upheld = sum(o.get("upheld", 0) + o.get("partially-upheld", 0) for o in counts.values())
        not_upheld = sum(o.get("not-upheld", 0) for o in counts.values())
        total = sum(row["value"] for row in rows)
        table = Table(
            key,
            title,
            [("key", "Team key"), ("label", "Service area"), ("value", self.label()), ("upheld_or_not", "Upheld/Not")],
            rows,
            {"label": "Grand Total", "value": total, "upheld_or_not": f"{upheld} upheld, {not_upheld} not upheld"},
        )
        return table, {"total": total, "upheld": upheld, "not_upheld": not_upheld}

    def stage_3(self) -> Section:
        table, totals = self._outcome_table("stage-3-teams", "Stage 3 complaints by service area", 3)
        previous = self.run(Query(stages=(3,)), self.previous).value
        self.figures.update(
            stage_3_total=totals["total"],
            stage_3_previous_total=previous,
            stage_3_upheld=totals["upheld"],
            stage_3_not_upheld=totals["not_upheld"],
        )
        sentences = [
            f"In {self.previous.label} {self.who} received {previous} stage 3 complaints. "
            f"In {self.label()} {totals['total']} stage 3 complaints were received: {totals['upheld']} upheld "
            f"(fully or partly) and {totals['not_upheld']} not upheld."
        ]
        return Section("stage-3", "Stage three volumes", sentences, [table], narrative="stage-3")

    def ombudsman(self) -> Section:
        table, totals = self._outcome_table("ombudsman-teams", "Ombudsman complaints by service area", 4)
        lac = self.run(Query(stages=(4,), filters=Filters(lac=True))).value
        self.figures.update(ombudsman_total=totals["total"], ombudsman_lac=lac)
        sentences = [
            f"{lac} complaints were received in relation to the LAC service. In all, "
            f"{plural(totals['total'], 'complaint')} about {self.about} went to the Ombudsman in {self.label()}."
        ]
        found = facts.ombudsman(
            self.session, self.sr, self.period.start, self.period.end, self.engine.as_of, self.scope.team_ids
        )
        amount = None if found.remedy_amount is None else float(found.remedy_amount)
        self.figures["ombudsman"] = {
            "received": found.received,
            "decided": found.decided,
            "decisions": found.decisions,
            "investigated": found.investigated,
            "upheld": found.upheld,
            "remedies": found.remedies,
            "remedy_amount": amount,
            "remedies_done": found.remedies_done,
            "remedies_overdue": found.remedies_overdue,
        }
        decisions = Table(
            "ombudsman-decisions",
            f"The Ombudsman's decisions made in {self.label()}",
            [("key", "Key"), ("label", "Decision"), ("value", "Complaints")],
            [{"key": k, "label": facts.OMBUDSMAN_DECISIONS[k], "value": n} for k, n in found.decisions.items()],
            {"label": "Total", "value": found.decided},
        )
        decided = (
            f"It made {plural(found.decided, 'decision')} in the year: it investigated {found.investigated} and "
            f"upheld {found.upheld} of them (fully or in part)."
        )
        if found.remedy_amount is not None or found.remedies:
            money = f", with payments of {_pounds(found.remedy_amount)}" if found.remedy_amount else ""
            decided += f" It asked the council to put things right in {plural(found.remedies, 'case')}{money}."
        if found.remedies_overdue:
            decided += f" {plural(found.remedies_overdue, 'remedy')} are past their date and not yet done."
        sentences.append(decided)
        return Section(
            "ombudsman",
            "Local Government & Social Care Ombudsman",
            sentences,
            [table, decisions],
            narrative="ombudsman",
        )

    def timeliness(self) -> Section:
        rows: list[dict[str, Any]] = []
        for stage in (1, 2, 3):
            statutory = self.run(Query(measure=Measure.ON_TIME, stages=(stage,)))
            extended = self.run(Query(measure=Measure.ON_TIME, stages=(stage,), count_extensions=True))
            before = self.run(Query(measure=Measure.ON_TIME, stages=(stage,)), self.previous)
            rows.append(
                {
                    "key": str(stage),
                    "label": f"Stage {stage}",
                    "deadline": f"{STATUTORY_DAYS[stage]} working days" if stage in STATUTORY_DAYS else "panel dates",
                    "on_time": statutory.numerator,
                    "judged": statutory.denominator,
                    "value": statutory.value,
                    "with_extensions": extended.value,
                    "previous": before.value,
                }
            )
        stage_1 = rows[0]
        self.figures["on_time"] = {
            row["key"]: {"on_time": row["on_time"], "of": row["judged"], "percent": row["value"]} for row in rows
        }
        self.figures["on_time_with_extensions"] = {row["key"]: row["with_extensions"] for row in rows}
        table = Table(
            "timeliness",
            f"Complaints received in {self.label()}: answered on time",
            [
                ("label", "Stage"),
                ("deadline", "Statutory deadline"),
                ("on_time", "On time"),
                ("judged", "Of"),
                ("value", "% on time"),
                ("with_extensions", "% counting extensions"),
                ("previous", f"% on time {self.previous.label}"),
            ],
            rows,
        )
        sentences = [
            f"{stage_1['on_time']} of {stage_1['judged']} stage 1 complaints were answered within 10 working days "
            f"({whole_percent(stage_1['value'])}), against {whole_percent(stage_1['previous'])} in "
            f"{self.previous.label}. On time means by the statutory deadline; an agreed extension is shown "
            "separately, and complaints still open after their deadline count as late."
        ]
        closed = self._closed_timeliness()
        return Section("timeliness", "Responding on time", [*closed["sentences"], *sentences], [closed["table"], table])

    def _closed_timeliness(self) -> dict:
        """What councils publish: of the stages closed (answered) in the year, how many by their deadline."""
        rows: list[dict[str, Any]] = []
        for stage in (1, 2, 3):
            base = Query(measure=Measure.ON_TIME, stages=(stage,), by_response=True)
            agreed = self.run(base.with_changes(count_extensions=True))
            statutory = self.run(base)
            before = self.run(base.with_changes(count_extensions=True), self.previous)
            rows.append(
                {
                    "key": str(stage),
                    "label": f"Stage {stage}",
                    "closed": agreed.denominator,
                    "on_time": agreed.numerator,
                    "value": agreed.value,
                    "statutory": statutory.value,
                    "previous": before.value,
                }
            )
        self.figures["on_time_closed"] = {
            row["key"]: {"on_time": row["on_time"], "of": row["closed"], "percent": row["value"]} for row in rows
        }
        table = Table(
            "timeliness-closed",
            f"Complaints closed in {self.label()}: answered on time",
            [
                ("label", "Stage"),
                ("closed", "Closed"),
                ("on_time", "On time"),
                ("value", "% on time"),
                ("statutory", "% by the first deadline"),
                ("previous", f"% on time {self.previous.label}"),
            ],
            rows,
            chart=Chart("value", self.label(), "previous", self.previous.label, unit="percent"),
        )
        first = rows[0]
        sentences = [
            f"Of the {plural(first['closed'] or 0, 'stage 1 complaint')} closed in {self.label()}, {first['on_time']} "
            f"were answered on time ({whole_percent(first['value'])}): by the deadline, or by a later date agreed "
            f"with the complainant. Stage 2: {whole_percent(rows[1]['value'])} of {rows[1]['closed']}; "
            f"stage 3: {whole_percent(rows[2]['value'])} of {rows[2]['closed']}."
        ]
        return {"table": table, "sentences": sentences}

    # -- the year at a glance, and what councils publish beyond the 2017/18 report ---------------------------
    def summary(self) -> Section:
        """Received and closed at each stage, this year and last, and how many were closed on time."""
        rows: list[dict[str, Any]] = []
        received: dict[str, int] = {}
        closed: dict[str, int] = {}
        for stage in (1, 2, 3, 4):
            key = STAGE_KEYS[stage]
            counts = [
                int(self.run(Query(stages=(stage,), by_response=by_response), period).value or 0)
                for period in (self.period, self.previous)
                for by_response in (False, True)
            ]
            on_time = None
            if stage != 4:
                on_time = self.run(
                    Query(measure=Measure.ON_TIME, stages=(stage,), by_response=True, count_extensions=True)
                ).value
            received[key], closed[key] = counts[0], counts[1]
            rows.append(
                {
                    "key": key,
                    "label": STAGE_NAMES[stage].capitalize() if stage == 4 else f"Stage {stage}",
                    "value": counts[0],
                    "closed": counts[1],
                    "on_time": on_time,
                    "previous": counts[2],
                    "previous_closed": counts[3],
                }
            )
        self.figures.update(received=received, closed=closed)
        table = Table(
            "summary",
            f"Complaints received and closed, {self.label()}",
            [
                ("label", "Stage"),
                ("value", "Received"),
                ("closed", "Closed"),
                ("on_time", "% closed on time"),
                ("previous", f"Received {self.previous.label}"),
                ("previous_closed", f"Closed {self.previous.label}"),
            ],
            rows,
            chart=Chart("value", "received", "closed", "closed"),
        )
        sentences = [
            f"{self.who} received {plural(received['1'], 'stage 1 complaint')} in {self.label()} "
            f"({received['1'] - rows[0]['previous']:+d} on {self.previous.label}) and closed {closed['1']}. "
            f"{plural(received['2'], 'complaint')} went on to stage 2, {received['3']} to stage 3 and "
            f"{received['ombudsman']} to the Ombudsman.",
            "A complaint counts once at each stage it reaches: received in the year the stage began, closed in "
            "the year it was answered, so a stage received in one year can close in the next.",
        ]
        if facts.has_procedure():
            corporate = self._count_where(1, [facts.procedure_condition("corporate")], joins_complaint=True)
            if not corporate:
                sentences.append("Every complaint this year was under the children's social care procedure.")
        tables = [table]
        feedback = self._feedback_figures()
        if feedback is not None:
            tables.append(feedback)
        return Section("summary", f"{self.label()} at a glance", sentences, tables, narrative="introduction")

    def _count_where(self, stage: int, extra: list, *, joins_complaint: bool = False) -> int:
        conditions, _joins = self.engine.conditions(Query(stages=(stage,)), self.period, Filters())
        source = self.sr.join(COMPLAINT, COMPLAINT.c.id == self.sr.c.complaint_id) if joins_complaint else self.sr
        stmt = select(func.count()).select_from(source).where(*conditions, *extra)
        return int(self.session.execute(stmt).scalar_one())

    def quarters(self) -> Section:
        by_quarter: dict[str, dict[str, Any]] = {}
        for stage in (1, 2, 3):
            for by_response, field_name in ((False, "received"), (True, "closed")):
                figure = self.run(Query(stages=(stage,), group_by=Grouping.QUARTER, by_response=by_response))
                for row in figure.rows:
                    entry = by_quarter.setdefault(row.key, {"key": row.key, "label": row.label})
                    entry[f"s{stage}_{field_name}"] = row.value
        on_time = self.run(
            Query(
                measure=Measure.ON_TIME,
                stages=(1,),
                by_response=True,
                count_extensions=True,
                group_by=Grouping.QUARTER,
            )
        )
        for row in on_time.rows:
            by_quarter.setdefault(row.key, {"key": row.key, "label": row.label})["s1_on_time"] = row.value
        rows = [by_quarter[key] for key in sorted(by_quarter, key=lambda k: k.split()[0])]
        self.figures["quarters"] = {
            row["key"]: {k: v for k, v in row.items() if k not in ("key", "label")} for row in rows
        }
        table = Table(
            "quarters",
            f"Complaints by quarter, {self.label()}",
            [
                ("key", "Quarter"),
                ("label", "Quarter"),
                ("s1_received", "Stage 1 received"),
                ("s1_closed", "Stage 1 closed"),
                ("s1_on_time", "Stage 1 % closed on time"),
                ("s2_received", "Stage 2 received"),
                ("s2_closed", "Stage 2 closed"),
                ("s3_received", "Stage 3 received"),
                ("s3_closed", "Stage 3 closed"),
            ],
            rows,
            chart=Chart("s1_received", "stage 1 received", "s1_closed", "closed"),
        )
        sentences = ["Quarters of the financial year: Q1 is April to June, Q4 is January to March."]
        return Section("quarters", "Quarter by quarter", sentences, [table])

    def escalation(self) -> Section:
        rows: list[dict[str, Any]] = []
        for stage in (1, 2, 3):
            query = Query(measure=Measure.SHARE, stages=(stage,), filters=Filters(escalated=True))
            this_year, last_year = self.run(query), self.run(query, self.previous)
            following = STAGE_NAMES[stage + 1]
            rows.append(
                {
                    "key": str(stage),
                    "label": f"Stage {stage} to {following}",
                    "escalated": this_year.numerator,
                    "of": this_year.denominator,
                    "value": this_year.value,
                    "previous": last_year.value,
                }
            )
        self.figures["escalation"] = {
            row["key"]: {"escalated": row["escalated"], "of": row["of"], "percent": row["value"]} for row in rows
        }
        table = Table(
            "escalation",
            "Complaints that went on to the next stage",
            [
                ("label", "From and to"),
                ("escalated", "Went on"),
                ("of", "Of"),
                ("value", "% went on"),
                ("previous", f"% {self.previous.label}"),
            ],
            rows,
        )
        first = rows[0]
        sentences = [
            f"{first['escalated']} of the {first['of']} stage 1 complaints received in {self.label()} went on to "
            f"stage 2 ({whole_percent(first['value'])}; {whole_percent(first['previous'])} in "
            f"{self.previous.label}). A complaint still open may yet go on, so this year's rates can rise."
        ]
        return Section("escalation", "How many complaints went further", sentences, [table])

    def procedures(self) -> Section | None:
        """Statutory (children's social care) and corporate complaints side by side, each with its own timescales."""
        if not facts.has_procedure():
            self.figures["procedures"] = None
            return None
        result: dict[str, dict[str, Any]] = {}
        rows: list[dict[str, Any]] = []
        for stage in (1, 2, 3):
            row: dict[str, Any] = {"key": str(stage), "label": f"Stage {stage}"}
            for procedure in facts.PROCEDURES:
                only = Filters(procedure=procedure)
                received = self.run(Query(stages=(stage,), filters=only)).value
                closed = self.run(Query(stages=(stage,), filters=only, by_response=True)).value
                on_time = self.run(
                    Query(
                        measure=Measure.ON_TIME, stages=(stage,), filters=only, by_response=True, count_extensions=True
                    )
                )
                result.setdefault(procedure, {})[str(stage)] = {
                    "received": received,
                    "closed": closed,
                    "on_time": on_time.numerator,
                    "on_time_percent": on_time.value,
                }
                row.update({f"{procedure}_received": received, f"{procedure}_closed": closed})
                row[f"{procedure}_on_time"] = on_time.value
            rows.append(row)
        self.figures["procedures"] = result
        if not any(stage["received"] or stage["closed"] for stage in result["corporate"].values()):
            return None  # nothing corporate this year: the summary says so in a sentence
        columns = [("label", "Stage")]
        for procedure in facts.PROCEDURES:
            name = facts.PROCEDURE_LABELS[procedure].split(" (")[0]
            columns += [
                (f"{procedure}_received", f"{name}: received"),
                (f"{procedure}_closed", f"{name}: closed"),
                (f"{procedure}_on_time", f"{name}: % on time"),
            ]
        table = Table("procedures", "Statutory and corporate complaints", columns, rows)
        sentences = [
            "Complaints about children's social care follow the statutory procedure (answers within 10 working "
            "days at stage 1, 25 at stage 2). Other complaints about children's services follow the council's "
            "corporate procedure, with its own timescales and no stage 3."
        ]
        return Section("procedures", "Statutory and corporate complaints", sentences, [table])

    def reasons(self) -> Section | None:
        conditions, _joins = self.engine.conditions(Query(stages=(1,)), self.period, Filters())
        found = facts.reasons(self.session, self.sr, conditions)
        if found is None:
            self.figures["stage_1_reasons"] = None
            return None
        self.figures["stage_1_reasons"] = {row.key: row.value for row in found}
        if not any(row.value for row in found):
            return None  # none recorded this year: nothing to publish
        table = Table(
            "stage-1-reasons",
            f"What stage 1 complaints were about, {self.label()}",
            [("key", "Key"), ("label", "Reason"), ("value", "Complaints")],
            [{"key": r.key, "label": r.label, "value": r.value} for r in found if r.value],
            chart=Chart("value", "complaints"),
        )
        sentences = ["A complaint can be about more than one thing, so the reasons add up to more than the total."]
        return Section("reasons", "What complaints were about", sentences, [table], narrative="reasons")

    def _feedback_figures(self) -> Table | None:
        found = facts.feedback(self.session, self.period.start, self.period.end, self.engine.as_of, self.scope.team_ids)
        if found is None:
            self.figures["feedback"] = None
            return None
        self.figures["feedback"] = {f.kind: {"received": f.received, "closed": f.closed} for f in found}
        if not any(f.received or f.closed for f in found):
            return None
        return Table(
            "feedback",
            f"Compliments, enquiries and other feedback, {self.label()}",
            [("key", "Kind"), ("label", "Kind"), ("value", "Received"), ("closed", "Answered")],
            [{"key": f.kind, "label": f.label, "value": f.received, "closed": f.closed} for f in found],
        )

    def equalities(self) -> Section | None:
        conditions, _joins = self.engine.conditions(Query(stages=(1,)), self.period, Filters())
        found = facts.equalities(self.session, self.sr, conditions)
        if found is None:
            self.figures["equalities"] = None
            return None
        self.figures["equalities"] = {name: {r.key: r.value for r in rows} for name, rows in found.items()}
        if all(row.key == "not-given" for rows in found.values() for row in rows):
            return None  # nobody answered: a table of "not given" tells a reader nothing
        tables = [
            Table(
                f"equalities-{name.replace('_', '-')}",
                f"{facts.EQUALITY_FIELDS[name]} of the people who made stage 1 complaints",
                [("key", "Key"), ("label", facts.EQUALITY_FIELDS[name]), ("value", "Complaints")],
                [{"key": r.key, "label": r.label, "value": r.value} for r in rows],
            )
            for name, rows in found.items()
            if rows
        ]
        sentences = [
            "People are asked these questions only if they choose to answer. Numbers from 1 to 4 are shown as "
            f"'{facts.SUPPRESSED}' so that nobody can be recognised."
        ]
        return Section("equalities", "Who made complaints: equalities monitoring", sentences, tables)

    def cost(self) -> Section | None:
        found = [
            facts.cost(self.session, self.sr, stage, self.period.start, self.period.end, self.scope.team_ids)
            for stage in (2, 3)
        ]
        if any(item is None for item in found):
            self.figures["cost"] = None
            return None
        costs = [item for item in found if item is not None]
        self.figures["cost"] = {
            str(c.stage): {"closed": c.closed, "costed": c.costed, "total": float(c.total)} for c in costs
        }
        remedies = self.figures.get("ombudsman") or {}
        rows: list[dict[str, Any]] = [
            {
                "key": str(c.stage),
                "label": f"Stage {c.stage} investigations and panels closed"
                if c.stage == 3
                else "Stage 2 investigations closed",
                "closed": c.closed,
                "costed": c.costed,
                "value": _pounds(c.total),
            }
            for c in costs
        ]
        if isinstance(remedies, dict) and remedies.get("remedy_amount") is not None:
            rows.append(
                {
                    "key": "ombudsman-remedies",
                    "label": "Payments the Ombudsman asked for",
                    "closed": remedies.get("decided"),
                    "costed": remedies.get("remedies"),
                    "value": _pounds(remedies["remedy_amount"]),
                }
            )
        if not any(c.costed for c in costs) and len(rows) == len(costs):
            return None
        table = Table(
            "cost",
            f"What complaints cost, {self.label()}",
            [("key", "Key"), ("label", "What"), ("closed", "Closed"), ("costed", "With a cost"), ("value", "Cost")],
            rows,
        )
        sentences = ["Costs are those recorded: independent investigators and panels, and payments to complainants."]
        return Section("cost", "What complaints cost", sentences, [table])


def _pounds(amount) -> str:
    return f"£{amount:,.2f}"


def _grouped_table(key: str, title: str, headings: tuple[str, str], figure: Figure, *, total: bool = True) -> Table:
    """A table of one grouped figure: key, label and count per row, with a total row unless told not to."""
    return Table(
        key,
        title,
        [("key", "Key"), ("label", headings[0]), ("value", headings[1])],
        [{"key": r.key, "label": r.label, "value": r.value} for r in figure.rows],
        {"label": "Total", "value": figure.value} if total else None,
    )


def build_report(
    session: Session, period: Period, *, as_of: date, scope: Scope | None = None, closure_days: Iterable[date] = ()
) -> Report:
    """Every section of the annual report for the financial year `period`, as SQL aggregates."""
    scope = scope or Scope()
    builder = _Builder(session, period, as_of, scope, closure_days)
    sections = [
        builder.summary(),
        builder.stage_1(),
        builder.outcomes(),
        builder.reasons(),
        builder.learning(),
        builder.stage_2(),
        builder.stage_3(),
        builder.ombudsman(),
        builder.cost(),
        builder.timeliness(),
        builder.quarters(),
        builder.escalation(),
        builder.procedures(),
        builder.equalities(),
    ]
    shown = [section for section in sections if section is not None]  # a fact the schema does not hold: left out
    return Report(period, builder.previous, as_of, builder.figures, shown, scope.team_ids is not None)


def report_as_text(report: Report) -> str:
    lines = [f"Children's services complaints {report.period.label} ({report.period.description})", ""]
    if report.your_team_only:
        lines += ["Your team's figures only.", ""]
    for number, section in enumerate(report.sections, start=1):
        lines.append(f"{number}. {section.title}")
        lines.extend(section.sentences)
        for table in section.tables:
            lines.append("")
            lines.append(table.title)
            shown = [(f, h) for f, h in table.columns if f != "key"]
            lines.append("\t".join(h for _f, h in shown))
            for row in [*table.rows, *([table.total] if table.total else [])]:
                lines.append("\t".join(_cell(row.get(f)) for f, _h in shown))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
