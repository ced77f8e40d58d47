"""The queue: what is due, most urgent first, and complaints waiting for triage."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for

from casework import audit
from casework.queue import QueueFilters, queue_rows, team_choices, triage_count, triage_queue
from casework.roles import CASEWORK_ROLES
from casework.stages import STATE_FILTERS, STATE_TAGS
from casework.views import bp
from casework.views.action_context import action_context
from models.audit import Action
from web.auth import signed_in_user, staff_required


@bp.route("/staff/")
@staff_required()
def staff_home():
    user = signed_in_user()
    return redirect(url_for("casework.queue" if user.role in CASEWORK_ROLES else "casework.admin_staff"))


@bp.route("/staff/queue")
@staff_required(*CASEWORK_ROLES)
def queue():
    ctx = action_context()
    filters = QueueFilters.from_args(request.args)
    rows = queue_rows(ctx.session, ctx.actor, ctx.calendar, ctx.today, ctx.settings.timezone, filters)
    return render_template(
        "casework/queue.html",
        rows=rows,
        filters=filters,
        teams=team_choices(ctx.session, ctx.actor),
        state_filters=STATE_FILTERS,
        state_tags=STATE_TAGS,
        triage_count=triage_count(ctx.session, ctx.actor),
        page_title="Queue",
    )


@bp.route("/staff/triage")
@staff_required("officer")
def triage():
    ctx = action_context()
    rows = triage_queue(ctx.session, ctx.actor, ctx.settings.timezone)
    for row in rows:  # the triage list shows what each person wrote about the team: a view of each complaint
        audit.record(ctx.session, ctx.actor, row.complaint_id, Action.COMPLAINT_VIEWED_IN_TRIAGE)
    return render_template("casework/triage.html", rows=rows, teams=team_choices(ctx.session), page_title="Triage")
