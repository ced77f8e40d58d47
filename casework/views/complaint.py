"""One complaint: what was said, its stages and timeline, the actions the law allows now, and the SAR export."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from sqlmodel import select

from casework import actions, audit, lesson_actions
from casework.casefile import find_complaint, load_case_file
from casework.queue import team_choices
from casework.records_page import records_panel
from casework.roles import CASEWORK_ROLES, OFFICER
from casework.safeguarding import safeguarding_panel
from casework.subject_access import export_complaint
from casework.views import bp
from casework.views.action_context import action_context
from casework.views.complaint_page import complaint_page, outcome_items, review_items
from casework.views.queue import render_triage
from casework.views.records_page import decision_items, ombudsman_record, procedure_items, reason_items
from models.audit import Action
from models.complaints import LearningCategory
from web.auth import staff_required
from web.forms import date_from, error_list
from web.govuk import select_items

DONE_MESSAGES = {
    "assign": "The team was changed.",
    "assign-officer": "The complaint has a new officer.",
    "respond": "The response was recorded.",
    "extend": "The deadline was extended.",
    "panel": "The panel dates were recorded and the deadline worked out again.",
    "escalate": "The complaint moved to the next stage.",
    "ombudsman": "The Ombudsman complaint was recorded.",
    "ombudsman-decision": "The Ombudsman's decision was recorded.",
    "ombudsman-remedy": "The Ombudsman record was updated.",
    "remedy-done": "The remedy was recorded as carried out.",
    "procedure": "The procedure was changed and the deadline worked out again.",
    "withdraw": "The complaint was recorded as withdrawn.",
    "resolve-early": "The complaint was recorded as resolved early.",
}


def _complaint_or_404(ctx, reference: str, *, for_update: bool = False):
    complaint = find_complaint(ctx.session, ctx.actor, reference, for_update=for_update)
    if complaint is None:
        abort(404, "There is no complaint with that reference, or your account cannot see it.")
    return complaint


def _run(action: str, ctx, complaint, form) -> None:
    if action == "assign":
        actions.assign_team(ctx, complaint, form.get("team", ""), form.get("reason", ""))
    elif action == "assign-officer":
        actions.assign_officer(ctx, complaint, form.get("officer", ""))
    elif action == "respond":
        actions.record_response(
            ctx,
            complaint,
            responded_on=date_from(form, "responded_on"),
            outcome=form.get("outcome", ""),
            learning=form.getlist("learning"),
            summary=form.get("summary", ""),
            reasons=form.getlist("reasons"),
        )
    elif action == "extend":
        actions.extend(ctx, complaint, extend_to=date_from(form, "extend_to"), reason=form.get("reason", ""))
    elif action == "panel":
        actions.record_panel(
            ctx, complaint, panel_on=date_from(form, "panel_on"), report_on=date_from(form, "report_on")
        )
    elif action == "escalate":
        actions.escalate(
            ctx, complaint, requested_on=date_from(form, "requested_on"), late_reason=form.get("late_reason", "")
        )
    elif action == "procedure":
        actions.set_procedure(ctx, complaint, form.get("procedure", ""), form.get("reason", ""))
    elif action in OMBUDSMAN_ACTIONS:
        _run_ombudsman(action, ctx, complaint, form)
    elif action == "withdraw":
        actions.withdraw(ctx, complaint, on=date_from(form, "on"), reason=form.get("note", ""))
    elif action == "resolve-early":
        actions.resolve_early(ctx, complaint, on=date_from(form, "on"), summary=form.get("note", ""))
    else:
        abort(404)


OMBUDSMAN_ACTIONS = ("ombudsman", "ombudsman-decision", "ombudsman-remedy", "remedy-done")


def _run_ombudsman(action: str, ctx, complaint, form) -> None:
    remedy = {
        "reference": form.get("reference", ""),
        "remedy": form.get("remedy", ""),
        "remedy_amount": form.get("remedy_amount", ""),
        "remedy_due_on": date_from(form, "remedy_due_on"),
        "remedy_due_typed": any(form.get(f"remedy_due_on-{part}") for part in ("day", "month", "year")),
    }
    if action == "ombudsman":
        actions.record_ombudsman(
            ctx, complaint, received_on=date_from(form, "received_on"), reference=form.get("reference", "")
        )
    elif action == "ombudsman-decision":
        actions.record_ombudsman_decision(
            ctx,
            complaint,
            decided_on=date_from(form, "decided_on"),
            decision=form.get("decision", ""),
            summary=form.get("summary", ""),
            **remedy,
        )
    elif action == "ombudsman-remedy":
        actions.update_ombudsman_record(ctx, complaint, **remedy)
    else:
        actions.record_remedy_done(ctx, complaint, done_on=date_from(form, "done_on"))


def render_complaint(ctx, complaint, *, errors=None, open_action=None, form=None, status=200):
    case = load_case_file(ctx, complaint)
    learning = ctx.session.exec(select(LearningCategory).where(LearningCategory.active)).all()
    panel = safeguarding_panel(ctx, complaint)
    page = complaint_page(
        case,
        panel,
        ctx.settings.timezone,
        teams=team_choices(ctx.session),
        learning=learning,
        me=ctx.actor,
        form=form,
    )
    return render_template(
        "casework/complaint.html",
        case=case,
        page=page,
        errors=errors or {},
        error_list=error_list(errors or {}),
        open_action=open_action,
        form=form,
        today=ctx.today,
        outcome_items=outcome_items(form),
        safeguarding=panel,
        ombudsman=ombudsman_record(case, ctx.calendar, ctx.today),
        decision_items=decision_items(form),
        reason_items=reason_items(ctx.session, form),
        procedure_items=procedure_items(complaint, form),
        review_items=review_items(form),
        show_audit=ctx.actor.role == OFFICER,
        lessons=lesson_actions.case_panel(ctx.session, complaint),
        owner_items=select_items(
            [(str(user.id), user.name) for user in lesson_actions.owners(ctx.session)],
            form.get("owner") if form is not None else None,
            "Choose a person",
        ),
        records=records_panel(ctx.session, complaint, ctx.settings.timezone, form),
        page_title=f"Complaint {complaint.reference}",
    ), status


@bp.route("/staff/complaints/<reference>")
@staff_required(*CASEWORK_ROLES)
def complaint(reference: str):
    ctx = action_context()
    found = _complaint_or_404(ctx, reference)
    audit.record(ctx.session, ctx.actor, found, Action.COMPLAINT_VIEWED)
    return render_complaint(ctx, found)


@bp.route("/staff/complaints/<reference>/<action>", methods=["POST"])
@staff_required(*CASEWORK_ROLES)
def complaint_action(reference: str, action: str):
    if action not in DONE_MESSAGES:
        abort(404)
    ctx = action_context()
    found = _complaint_or_404(ctx, reference, for_update=True)
    try:
        _run(action, ctx, found, request.form)
    except actions.ActionRefused as refused:
        # 400 rolls back anything the action had begun; the page says what to fix, on the page it was asked from.
        if request.form.get("return_to") == "triage" and action == "assign":
            return render_triage(
                ctx, errors={f"team-{found.reference}": refused.message}, form=request.form, status=400
            )
        errors = {f"{action}-{refused.field}" if refused.field else action: refused.message}
        return render_complaint(ctx, found, errors=errors, open_action=action, form=request.form, status=400)
    flash(DONE_MESSAGES[action], "success")
    if request.form.get("return_to") == "triage":
        return redirect(url_for("casework.triage"))
    return redirect(url_for("casework.complaint", reference=found.reference))


@bp.route("/staff/complaints/<reference>/subject-access.json")
@staff_required(OFFICER)
def subject_access(reference: str):
    ctx = action_context()
    found = _complaint_or_404(ctx, reference)
    audit.record(ctx.session, ctx.actor, found, Action.COMPLAINT_EXPORTED)
    response = jsonify(export_complaint(ctx.session, found))
    response.headers["Content-Disposition"] = f'attachment; filename="{found.reference}.json"'
    return response
