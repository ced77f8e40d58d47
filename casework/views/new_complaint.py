"""Log a complaint that came by phone, letter, email or in person: `/staff/complaints/new` (officers and managers)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from casework import staff_intake
from casework.queue import team_choices
from casework.roles import CASEWORK_ROLES, visible_team_ids
from casework.views import bp
from casework.views.action_context import action_context
from content.dates import plain_date
from models.complaints import ChildConsent, ComplainantRole, ContactMethod
from web.auth import staff_required
from web.context import settings
from web.forms import date_from, date_parts, error_list
from web.govuk import radio_items, select_items

LET_THE_SERVICE_CHOOSE = "Let the service choose from what they said"


def _status_url(token: str) -> str:
    # BASE_URL, never the request's Host (as the chat's links).
    return settings().base_url + url_for("casework.status", token=token)


def _render(ctx, entry: staff_intake.NewComplaint, form, errors: dict[str, str], status: int = 200):
    teams = team_choices(ctx.session, ctx.actor)
    return render_template(
        "casework/new_complaint.html",
        entry=entry,
        errors=errors,
        error_list=error_list(errors),
        received=date_parts(form, "received_on", ctx.today),
        today=ctx.today,
        channel_items=radio_items([(c.value, c.label) for c in staff_intake.STAFF_CHANNELS], entry.channel),
        role_items=radio_items([(r.value, r.label) for r in ComplainantRole], entry.role),
        consent_items=radio_items([(c.value, c.label) for c in ChildConsent], entry.consent),
        contact_items=radio_items([(c.value, c.label) for c in ContactMethod], entry.contact),
        team_items=select_items(
            [(t.slug, t.name) for t in teams], entry.team, "Let the service choose from what they said"
        ),
        page_title="Log a complaint",
    ), status


@bp.route("/staff/complaints/new", methods=["GET", "POST"])
@staff_required(*CASEWORK_ROLES)
def new_complaint():
    ctx = action_context()
    if request.method == "GET":
        return _render(ctx, staff_intake.NewComplaint(), None, {})
    entry = staff_intake.NewComplaint.from_form(request.form)
    received_on = date_from(request.form, "received_on")
    typed = any(request.form.get(f"received_on-{part}", "").strip() for part in ("day", "month", "year"))
    errors = staff_intake.check(ctx.session, entry, received_on, typed, ctx.today)
    if errors or received_on is None:
        # 400: nothing is written; the form comes back as it was typed.
        return _render(ctx, entry, request.form, errors, 400)
    logged = staff_intake.log_complaint(ctx, entry, received_on, status_url_for=_status_url)
    team = logged.team_name or "triage (no team was clear from what they said)"
    message = f"Complaint {logged.reference} is logged and went to {team}. Reply by {plain_date(logged.due)}."
    if logged.flagged:
        message += " It is flagged for safeguarding and the duty manager has been alerted."
    teams = visible_team_ids(ctx.actor)
    if teams is not None and logged.team_id not in teams:
        # A manager logged one for another team (or for triage): it is theirs to see, not this manager's.
        flash(message + " Its team will see it in their queue.", "success")
        return redirect(url_for("casework.queue"))
    flash(message, "success")
    return redirect(url_for("casework.complaint", reference=logged.reference))
