"""Staff record feedback that is not a complaint (a compliment, an enquiry...) and see the latest."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from casework import feedback
from casework.queue import team_choices
from casework.roles import CASEWORK_ROLES
from casework.views import bp
from models.feedback import FeedbackKind
from web.auth import staff_required, staff_user
from web.context import today
from web.forms import date_from, date_parts, error_list
from web.govuk import select_items
from web.session import db


def _page(errors=None, form=None, status=200):
    errors = errors or {}
    user = staff_user()
    return render_template(
        "casework/feedback.html",
        items=[
            (item, FeedbackKind(item.kind).label, team.name if team else "Whole service")
            for item, team in feedback.recent_feedback(db(), user)
        ],
        kind_items=select_items(
            [(kind.value, kind.label) for kind in FeedbackKind], form.get("kind", "") if form else "", "Choose a kind"
        ),
        team_items=select_items(
            [(team.slug, team.name) for team in team_choices(db(), user)],
            form.get("team", "") if form else "",
            "Whole service (no one team)" if user.role != "manager" else "Choose your team",
        ),
        received_parts=date_parts(form, "received_on", today()),
        responded_parts=date_parts(form, "responded_on"),
        errors=errors,
        error_list=error_list(errors),
        form=form,
        today=today(),
        page_title="Compliments and other feedback",
    ), status


@bp.route("/staff/feedback")
@staff_required(*CASEWORK_ROLES)
def feedback_page():
    return _page()


@bp.route("/staff/feedback", methods=["POST"])
@staff_required(*CASEWORK_ROLES)
def feedback_record():
    form = request.form
    responded_on = date_from(form, "responded_on")
    if responded_on is None and any(form.get(f"responded_on-{part}") for part in ("day", "month", "year")):
        return _page({"feedback-responded_on": "Enter a real reply date, or leave it empty"}, form, 400)
    try:
        item = feedback.record_feedback(
            db(),
            staff_user(),
            kind=form.get("kind", ""),
            received_on=date_from(form, "received_on"),
            team_slug=form.get("team", ""),
            responded_on=responded_on,
            summary=form.get("summary", ""),
            today=today(),
        )
    except feedback.FeedbackRefused as error:
        return _page({f"feedback-{error.field}": error.message}, form, 400)
    flash(f"{FeedbackKind(item.kind).label} recorded.", "success")
    return redirect(url_for("casework.feedback_page"))
