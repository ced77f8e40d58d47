"""Lesson actions: added and changed on the case page; the open ones of each team listed at /staff/actions."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for

from casework import lesson_actions
from casework.actions import ActionRefused
from casework.queue import team_choices
from casework.roles import CASEWORK_ROLES
from casework.views import bp
from casework.views.action_context import action_context
from casework.views.complaint import _complaint_or_404, render_complaint
from web.auth import staff_required
from web.forms import date_from
from web.govuk import select_items

DONE = {
    "done": "The action is marked done.",
    "cancel": "The action is cancelled.",
    "reopen": "The action is open again.",
    "update": "The action was changed.",
}


@bp.route("/staff/complaints/<reference>/lesson-actions", methods=["POST"])
@staff_required(*CASEWORK_ROLES)
def lesson_action_add(reference: str):
    ctx = action_context()
    found = _complaint_or_404(ctx, reference, for_update=True)
    form = request.form
    try:
        lesson_actions.add_action(
            ctx,
            found,
            stage=form.get("stage", ""),
            description=form.get("description", ""),
            owner_id=form.get("owner", ""),
            due_on=date_from(form, "due_on"),
        )
    except ActionRefused as refused:
        key = f"lesson-{form.get('stage', '')}-{refused.field}" if refused.field else "lesson-actions"
        return render_complaint(ctx, found, errors={key: refused.message}, form=form, status=400)
    flash("The action was added. Its owner will be reminded before the due date.", "success")
    return redirect(url_for("casework.complaint", reference=found.reference, _anchor="lesson-actions"))


# max: a larger number is no action (a 400 with the message), not an integer the database cannot hold (a 500).
CHANGE_URL = "/staff/complaints/<reference>/lesson-actions/<int(max=2147483647):action_id>/<any({changes}):change>"


@bp.route(CHANGE_URL.format(changes=", ".join(DONE)), methods=["POST"])
@staff_required(*CASEWORK_ROLES)
def lesson_action_change(reference: str, action_id: int, change: str):
    ctx = action_context()
    found = _complaint_or_404(ctx, reference, for_update=True)
    try:
        lesson_actions.change_action(
            ctx,
            found,
            action_id,
            change=change,
            due_on=date_from(request.form, "due_on"),
            owner_id=request.form.get("owner", ""),
        )
    except ActionRefused as refused:
        key = f"action-{action_id}-{refused.field}" if refused.field else "lesson-actions"
        return render_complaint(ctx, found, errors={key: refused.message}, form=request.form, status=400)
    flash(DONE[change], "success")
    return redirect(url_for("casework.complaint", reference=found.reference, _anchor="lesson-actions"))


@bp.route("/staff/actions")
@staff_required(*CASEWORK_ROLES)
def open_lesson_actions():
    ctx = action_context()
    teams = team_choices(ctx.session, ctx.actor)
    chosen = request.args.get("team", "")
    if chosen and chosen not in {team.slug for team in teams}:
        abort(404, "There is no such team, or your account cannot see it.")
    rows = lesson_actions.open_actions(ctx.session, ctx.actor, ctx.today, ctx.calendar, chosen or None)
    return render_template(
        "casework/lesson_actions.html",
        rows=rows,
        chosen=chosen,
        team_items=select_items([(team.slug, team.name) for team in teams], chosen, "Every team you can see"),
        page_title="Open lesson actions",
    )
