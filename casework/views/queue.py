"""The queue: what is due, most urgent first, and complaints waiting for triage."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import redirect, render_template, request, url_for

from casework import audit
from casework.queue import (
    QueueCounts,
    QueueFilters,
    QueuePage,
    QueueSort,
    queue_counts,
    queue_rows,
    team_choices,
    triage_count,
    triage_queue,
)
from casework.roles import CASEWORK_ROLES, can_triage
from casework.stages import STATE_FILTER_LABELS, Urgency
from casework.views import bp
from casework.views.action_context import action_context
from casework.views.complaint_page import STATE_TAG_PARAMS, review_tag
from models.audit import Action
from models.complaints import Stage
from web.auth import staff_required, staff_user
from web.forms import error_list
from web.govuk import select_items

# The queue's columns, in order: (sort key or None, heading).
COLUMNS = (
    ("reference", "Reference"),
    ("complainant", "Complainant"),
    ("team", "Team"),
    ("officer", "Officer"),
    ("stage", "Stage"),
    ("received", "Received"),
    ("due", "Due"),
    (None, "State"),
)


@bp.route("/staff/")
@staff_required()
def staff_home():
    user = staff_user()
    return redirect(url_for("casework.queue" if user.role in CASEWORK_ROLES else "casework.admin_staff"))


@bp.route("/staff/queue")
@staff_required(*CASEWORK_ROLES)
def queue():
    ctx = action_context()
    filters = QueueFilters.from_args(request.args)
    sort = QueueSort.from_args(request.args)
    page = request.args.get("page", "1")
    found = queue_rows(
        ctx.session,
        ctx.actor,
        ctx.calendar,
        ctx.today,
        ctx.settings.timezone,
        filters,
        page=int(page) if page.isdigit() and len(page) < 7 else 1,
        sort=sort,
    )
    waiting = triage_count(ctx.session, ctx.actor)
    counts = queue_counts(ctx.session, ctx.actor, ctx.calendar, ctx.today, waiting)
    return render_template(
        "casework/queue.html",
        rows=found.rows,
        queue=found,
        pagination=_pagination(found),
        filters=filters,
        counts=_count_links(counts, can_triage(ctx.actor)),
        headings=_headings(sort),
        team_items=select_items(
            [(team.slug, team.name) for team in team_choices(ctx.session, ctx.actor)], filters.team, "All teams"
        ),
        stage_items=select_items(
            [(str(stage.value), stage.label) for stage in Stage],
            str(filters.stage) if filters.stage else None,
            "All stages",
        ),
        state_items=select_items(STATE_FILTER_LABELS.items(), filters.state, "Any"),
        sort=sort,
        state_tags=STATE_TAG_PARAMS,
        safeguarding_tags={reviewed: review_tag(reviewed) for reviewed in (False, True)},
        triage_count=waiting,
        page_title="Queue",
    )


def _count_links(counts: QueueCounts, triages: bool) -> list[dict]:
    """The figures at the top, each a link to the rows it counts, with the colour and words of its state."""
    queue = url_for("casework.queue")
    figures = [
        (counts.overdue, "Overdue", f"{queue}?state=overdue", Urgency.OVERDUE.value),
        (counts.due_today, "Due today", f"{queue}?state=due-today", Urgency.DUE_TODAY.value),
        (counts.due_this_week, "Due this week", f"{queue}?state=due-this-week", Urgency.DUE_THIS_WEEK.value),
    ]
    if triages:  # only officers triage
        figures.append((counts.in_triage, "In triage", url_for("casework.triage"), "triage"))
    figures.append((counts.flagged, "Flagged, not yet reviewed", f"{queue}?flagged=yes", "flagged"))
    return [{"value": value, "label": label, "href": href, "kind": kind} for value, label, href, kind in figures]


def _headings(sort: QueueSort) -> list[dict]:
    """Each column's heading: a link that sorts by it (the other way round when it already does), and its
    aria-sort, so a screen reader says how the table is sorted."""
    args = [(key, value) for key, value in request.args.items(multi=True) if key not in ("sort", "order", "page")]
    headings = []
    for key, text in COLUMNS:
        if key is None:
            headings.append({"text": text, "href": None, "aria_sort": None})
            continue
        current = key == sort.column
        order = "asc" if current and sort.descending else ("desc" if current else "asc")
        headings.append(
            {
                "text": text,
                "href": url_for("casework.queue") + "?" + urlencode([*args, ("sort", key), ("order", order)]),
                "aria_sort": ("descending" if sort.descending else "ascending") if current else None,
            }
        )
    return headings


def _pagination(found: QueuePage) -> dict | None:
    """govukPagination's params for the queue's pages, keeping the filters; None when it fits on one page."""
    if found.pages == 1:
        return None
    args = [(key, value) for key, value in request.args.items(multi=True) if key != "page"]

    def link(number: int) -> str:
        return url_for("casework.queue") + "?" + urlencode([*args, ("page", str(number))])

    params: dict = {
        "items": [
            {"number": number, "href": link(number), "current": number == found.page}
            if number in (1, found.pages) or abs(number - found.page) <= 2
            else {"ellipsis": True}
            for number in range(1, found.pages + 1)
            if number in (1, found.pages) or abs(number - found.page) <= 3
        ]
    }
    if found.page > 1:
        params["previous"] = {"href": link(found.page - 1)}
    if found.page < found.pages:
        params["next"] = {"href": link(found.page + 1)}
    return params


@bp.route("/staff/triage")
@staff_required("officer")
def triage():
    return render_triage(action_context())


def render_triage(ctx, *, errors: dict[str, str] | None = None, form=None, status: int = 200):
    """The triage list; with `errors` (an Assign refused), the same list with the message beside that row's team."""
    errors = errors or {}
    rows = triage_queue(ctx.session, ctx.actor, ctx.settings.timezone)
    for row in rows:  # the triage list shows what each person wrote: a view of each complaint
        audit.record(ctx.session, ctx.actor, row.complaint_id, Action.COMPLAINT_VIEWED_IN_TRIAGE)
    teams = [(team.slug, team.name) for team in team_choices(ctx.session)]

    def team_select(row) -> dict:
        field = f"team-{row.reference}"
        chosen = form.get("team", "") if form is not None and field in errors else row.preselected
        select = {
            "id": field,
            "name": "team",
            "label": {"text": f"Team for {row.reference}"},
            "items": select_items(teams, chosen, "Choose a team"),
        }
        if field in errors:
            select["errorMessage"] = {"text": errors[field]}
        return select

    def candidates(row) -> list[dict]:
        return [
            {"name": c.name, "score": round(c.score), "rejected": c.team in row.rejected}
            for c in row.suggestion.candidates
        ]

    return render_template(
        "casework/triage.html",
        rows=[(row, team_select(row), candidates(row)) for row in rows],
        error_list=error_list(errors),
        page_title="Triage",
    ), status
