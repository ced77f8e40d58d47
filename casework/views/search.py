"""Search (`/staff/search?q=...`) and the closed complaints (`/staff/closed`): one form of filters, one results list.

A page that lists complaints shows their complainants' names, so each one that lists any is audited once
(`search.listed`, with the references shown and the filters, never the words searched for, which may be a name).
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from flask import render_template, request, url_for

from casework import audit
from casework.queue import team_choices
from casework.roles import CASEWORK_ROLES
from casework.search import EARLIEST, MAX_QUERY, STATUS_FILTERS, SearchCriteria, SearchPage, search
from casework.views import bp
from casework.views.action_context import action_context
from models.audit import Action
from models.complaints import Stage
from web.auth import staff_required
from web.forms import date_from, date_parts
from web.govuk import error_list, select_items

STATUS_LABELS = {"open": "Open", "closed": "Closed or withdrawn"}
DATE_LABELS = {"received_from": "from", "received_to": "to"}


def _criteria(args, *, closed: bool) -> tuple[SearchCriteria, dict[str, str]]:
    """The filters as asked, and what is wrong with them (a bad date is left out, and said)."""
    errors: dict[str, str] = {}
    days: dict[str, date | None] = {}
    for name, word in DATE_LABELS.items():
        typed = any(args.get(f"{name}-{part}", "").strip() for part in ("day", "month", "year"))
        day = date_from(args, name)
        if typed and day is None:
            errors[name] = f"Enter a real date for received {word}, like 1 4 2017"
        elif day is not None and not (EARLIEST <= day <= date(9999, 12, 30)):
            errors[name] = f"Enter a date for received {word} after 1 January 1990"
            day = None
        days[name] = day
    if days["received_from"] and days["received_to"] and days["received_from"] > days["received_to"]:
        errors["received_to"] = "The date received to must be the same as or after the date received from"
    stage = args.get("stage", "")
    status = args.get("status", "")
    criteria = SearchCriteria(
        query="" if closed else args.get("q", "")[:MAX_QUERY],
        team=args.get("team", "")[:64],
        stage=int(stage) if stage in ("1", "2", "3", "4") else None,
        status="closed" if closed else (status if status in STATUS_FILTERS else ""),
        received_from=days["received_from"],
        received_to=days["received_to"],
    )
    return criteria, errors


def _page_number() -> int:
    page = request.args.get("page", "1")
    return int(page) if page.isdigit() and len(page) < 7 else 1


def _pagination(found: SearchPage, endpoint: str) -> dict | None:
    if found.pages == 1:
        return None
    args = [(key, value) for key, value in request.args.items(multi=True) if key != "page"]

    def link(number: int) -> str:
        return url_for(endpoint) + "?" + urlencode([*args, ("page", str(number))])

    params: dict = {
        "items": [
            {"number": number, "href": link(number), "current": number == found.page}
            for number in range(max(1, found.page - 3), min(found.pages, found.page + 3) + 1)
        ]
    }
    if found.page > 1:
        params["previous"] = {"href": link(found.page - 1)}
    if found.page < found.pages:
        params["next"] = {"href": link(found.page + 1)}
    return params


def _render(*, closed: bool):
    ctx = action_context()
    criteria, errors = _criteria(request.args, closed=closed)
    found = (
        search(ctx.session, ctx.actor, criteria, ctx.settings.timezone, page=_page_number(), closed_first=closed)
        if closed or not criteria.is_empty
        else None
    )
    if found and found.rows:
        audit.record(
            ctx.session,
            ctx.actor,
            None,
            Action.SEARCH_LISTED,
            after={"list": "closed" if closed else "search", "references": found.references, **criteria.for_audit()},
        )
    endpoint = "casework.closed_complaints" if closed else "casework.search_complaints"
    return render_template(
        "casework/search.html",
        closed=closed,
        criteria=criteria,
        found=found,
        pagination=_pagination(found, endpoint) if found else None,
        action=url_for(endpoint),
        errors=errors,
        error_list=error_list(errors, DATE_LABELS),  # a date's error links to its day box
        dates={name: date_parts(request.args, name) for name in DATE_LABELS},
        team_items=select_items(
            [(team.slug, team.name) for team in team_choices(ctx.session, ctx.actor)], criteria.team, "All teams"
        ),
        stage_items=select_items(
            [(str(stage.value), stage.label) for stage in Stage],
            str(criteria.stage) if criteria.stage else None,
            "Any stage",
        ),
        status_items=select_items(STATUS_LABELS.items(), criteria.status, "Open or closed"),
        order_words="the most recently closed first"
        if closed
        else ("the most recently logged first" if criteria.query.strip() else "the newest received first"),
        page_title="Closed complaints" if closed else "Search complaints",
    ), (400 if errors else 200)


@bp.route("/staff/search")
@staff_required(*CASEWORK_ROLES)
def search_complaints():
    return _render(closed=False)


@bp.route("/staff/closed")
@staff_required(*CASEWORK_ROLES)
def closed_complaints():
    return _render(closed=True)
