"""What the dashboard page shows, built from `queries.dashboard`: each chart, the sentence that describes it, and
the table of the same numbers whose cells link to the complaints behind them. The template only draws it.

`link(endpoint, **params)` builds a URL (the view passes Flask's `url_for`), so this module needs no request.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from casework.stages import Urgency
from queries.dashboard import STAGES, Dashboard, MonthFigures
from queries.dashboard_charts import Series, bars, columns
from queries.query import STAGE_NAMES

Link = Callable[..., str]

STAGE_SERIES = [
    Series("Stage 1", "#1d5b79"),
    Series("Stage 2", "#5694ca"),
    Series("Stage 3", "#f47738"),
    Series("Ombudsman", "#4c2c92"),
]
# The queue's colours and words for each deadline state (casework/stages.py STATE_TAGS), and no deadline.
STATE_SERIES = [
    (Urgency.OVERDUE.value, Series("Overdue", "#d4351c")),
    (Urgency.DUE_TODAY.value, Series("Due today", "#f47738")),
    (Urgency.DUE_THIS_WEEK.value, Series("Due this week", "#ffdd00")),
    (Urgency.ON_TRACK.value, Series("On track", "#00703c")),
    ("", Series("No deadline (Ombudsman)", "#b1b4b6")),
]


@dataclass(frozen=True)
class Panel:
    key: str  # the heading's id
    heading: str
    summary: str  # one sentence: what the chart shows, for everyone
    chart: Markup
    table: dict[str, Any]  # govukTable's params


def _cell(value: int | float | str, href: str | None = None, numeric: bool = True) -> dict[str, Any]:
    text = str(value)
    cell: dict[str, Any] = {"format": "numeric"} if numeric else {}
    if href and value not in (0, "0"):
        cell["html"] = Markup('<a class="govuk-link" href="{}">{}</a>').format(href, text)
    else:
        cell["text"] = text
    return cell


def _short(month: MonthFigures) -> str:
    return month.label[:3] + (" " + month.key[2:4] if month.key.endswith("-01") else "")


def _busiest(months: list[MonthFigures], value: Callable[[MonthFigures], int]) -> str:
    best = max(months, key=value, default=None)
    return f" The most in {best.label}: {value(best)}." if best is not None and value(best) else ""


def received_panel(board: Dashboard, link: Link) -> Panel:
    months = board.months
    total = sum(m.total for m in months)
    summary = f"{total} stages received from {board.period.description}, by month and stage." + _busiest(
        months, lambda m: m.total
    )
    chart = columns(
        "received",
        [_short(m) for m in months],
        [[float(m.received[stage]) for stage in STAGES] for m in months],
        STAGE_SERIES,
        title="Complaints received by month and stage",
        description=summary,
    )

    def href(month: MonthFigures, stage: int | None) -> str:
        return link("queries.dashboard_complaints", month=month.key, show="received", stage=stage or "")

    head = [{"text": "Month"}] + [{"text": s.name, "format": "numeric"} for s in STAGE_SERIES]
    rows = [
        [{"text": m.label}]
        + [_cell(m.received[stage], href(m, stage)) for stage in STAGES]
        + [_cell(m.total, href(m, None))]
        for m in months
    ]
    table = {"head": [*head, {"text": "All stages", "format": "numeric"}], "rows": rows, "firstCellIsHeader": True}
    return Panel("received", "Received, by month and stage", summary, chart, table)


def on_time_panel(board: Dashboard, link: Link) -> Panel:
    months = board.months
    on_time = sum(m.on_time for m in months)
    judged = sum(m.judged for m in months)
    overall = f"{round(100.0 * on_time / judged, 1):g}%" if judged else "no stage to judge yet"
    summary = (
        f"Stages 1 to 3 answered by their statutory date, by the month received: {overall} over the 12 months "
        f"({on_time} of {judged}). Open stages past their date count as late; those not yet due are left out."
    )
    chart = columns(
        "on-time",
        [_short(m) for m in months],
        [[m.percent_on_time] for m in months],
        [Series("Answered on time", "#00703c")],
        title="Per cent answered on time, by month received",
        description=summary,
        unit="%",
        top=100,
    )
    rows = [
        [
            {"text": m.label},
            _cell(m.on_time),
            _cell(m.judged, link("queries.dashboard_complaints", month=m.key, show="on-time")),
            _cell("–" if m.percent_on_time is None else f"{m.percent_on_time:g}%"),
        ]
        for m in months
    ]
    head = [
        {"text": "Month received"},
        {"text": "On time", "format": "numeric"},
        {"text": "Could be judged", "format": "numeric"},
        {"text": "Per cent on time", "format": "numeric"},
    ]
    return Panel("on-time", "Answered on time", summary, chart, {"head": head, "rows": rows, "firstCellIsHeader": True})


def open_panel(board: Dashboard, link: Link) -> Panel:
    teams = board.teams
    total = sum(team.total for team in teams)
    overdue = sum(team.overdue for team in teams)
    summary = f"{total} stages open now, {overdue} of them overdue, by team and how soon each is due."
    values = [[t.overdue, t.due_today, t.due_this_week, t.on_track, t.no_deadline] for t in teams]
    chart = bars(
        "open",
        [team.name for team in teams],
        values,
        [series for _state, series in STATE_SERIES],
        title="Open now, by team and deadline",
        description=summary,
    )
    rows = []
    for team, counts in zip(teams, values, strict=True):
        cells = [{"text": team.name}]
        for (state, _series), count in zip(STATE_SERIES, counts, strict=True):
            href = (
                link("casework.queue", team=team.slug, state=state)
                if state
                else link("casework.queue", team=team.slug, stage=4)
            )
            cells.append(_cell(count, href))
        cells.append(_cell(team.total, link("casework.queue", team=team.slug)))
        rows.append(cells)
    head = [{"text": "Team"}] + [{"text": s.name, "format": "numeric"} for _state, s in STATE_SERIES]
    table = {"head": [*head, {"text": "All open", "format": "numeric"}], "rows": rows, "firstCellIsHeader": True}
    return Panel("open", "Open now, by team and deadline", summary, chart, table)


def flagged_panel(board: Dashboard, link: Link) -> Panel:
    months = board.months
    total = sum(m.flagged for m in months)
    summary = f"{total} complaints flagged for safeguarding, by the month received." + _busiest(
        months, lambda m: m.flagged
    )
    chart = columns(
        "flagged",
        [_short(m) for m in months],
        [[float(m.flagged)] for m in months],
        [Series("Flagged for safeguarding", "#4c2c92")],
        title="Complaints flagged for safeguarding, by month received",
        description=summary,
    )
    rows = [
        [{"text": m.label}, _cell(m.flagged, link("queries.dashboard_complaints", month=m.key, show="flagged"))]
        for m in months
    ]
    head = [{"text": "Month received"}, {"text": "Flagged", "format": "numeric"}]
    return Panel(
        "flagged", "Flagged for safeguarding", summary, chart, {"head": head, "rows": rows, "firstCellIsHeader": True}
    )


def panels(board: Dashboard, link: Link) -> list[Panel]:
    found = [received_panel(board, link), on_time_panel(board, link), open_panel(board, link)]
    found.append(flagged_panel(board, link))
    for panel in found:  # each table is named for screen readers, as its chart is
        panel.table.update(caption=panel.heading, captionClasses="govuk-visually-hidden", classes="dashboard__table")
    return found


def stage_words(stage: int) -> str:
    return STAGE_NAMES[stage].capitalize()
