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
from queries.answers import STATUTORY_DAYS, plural, whole_percent
from queries.engine import LEARNING, OUTCOME_LABELS, Engine, Figure, Scope
from queries.periods import Period
from queries.query import Filters, Grouping, Measure, Query
from queries.vocabulary import cached_vocabulary

# The sections staff write words for, in the published report's order.
NARRATIVE_SECTIONS = {
    "trends": "Top trends for complaints and lessons learned",
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

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "title": self.title,
            "columns": [c for c, _h in self.columns],
            "rows": self.rows,
            "total": self.total,
        }


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
        sentences = [
            f"During {self.label()} stage 1 complaints for children's services can be grouped as below. "
            f"A response may record more than one lesson; {none_recorded} recorded none."
        ]
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
        sentences = [
            f"Of the {figure.value} complaints received {counts.get('upheld', 0)} were upheld at Stage 1 and "
            f"{counts.get('partially-upheld', 0)} partially upheld ({counts.get('not-upheld', 0)} not upheld)."
        ]
        roles = self.run(Query(stages=(1,), group_by=Grouping.ROLE))
        self.figures["stage_1_complainants"] = {r.key: r.value for r in roles.rows}
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
        return Section(
            "ombudsman", "Local Government & Social Care Ombudsman", sentences, [table], narrative="ombudsman"
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
        table = Table(
            "timeliness",
            "Responses on time",
            [
                ("key", "Stage"),
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
        return Section("timeliness", "Responding on time", sentences, [table])


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
        builder.stage_1(),
        builder.outcomes(),
        builder.learning(),
        builder.stage_2(),
        builder.stage_3(),
        builder.ombudsman(),
        builder.timeliness(),
    ]
    return Report(period, builder.previous, as_of, builder.figures, sections, scope.team_ids is not None)


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
