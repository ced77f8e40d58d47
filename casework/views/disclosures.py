"""Safeguarding pages: an unsent conversation with a disclosure (read-only, audited), and the review form for it
and for a flagged complaint."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for

from casework import audit
from casework.actions import ActionRefused
from casework.casefile import find_complaint
from casework.roles import CASEWORK_ROLES, can_see_complaint, can_triage
from casework.safeguarding import draft_panel, find_flagged_draft, review
from casework.views import bp
from casework.views.action_context import action_context
from casework.views.complaint_page import review_items, review_tag
from intake.conversation import conversation_engine
from intake.drafts import state_of
from intake.flow import READY
from models.audit import Action
from models.complaints import Complaint
from web.auth import staff_required
from web.forms import error_list

REVIEWED = "The safeguarding review was recorded."


def _draft_or_404(ctx, draft_id: int):
    draft = find_flagged_draft(ctx.session, ctx.actor, draft_id)
    if draft is None:
        abort(404, "There is no conversation with a disclosure at that address, or your account cannot see it.")
    return draft


def _render_draft(ctx, draft, *, errors=None, form=None, status=200):
    state = state_of(draft)
    panel = draft_panel(ctx, draft)
    events = audit.events_for_draft(ctx.session, draft.id) if ctx.actor.role == "officer" else []
    # Every answer given, whichever question they were on (going back leaves later answers in place).
    transcript = conversation_engine(ctx.session, ctx.settings, ctx.now).transcript(state, until=READY)
    return render_template(
        "casework/disclosure.html",
        draft=draft,
        transcript=transcript,
        danger_steps=set(state.answers.get("_danger") or []),
        flagged_at=draft.flagged_at,
        safeguarding=panel,
        safeguarding_tag=review_tag(panel.reviewed),
        review_items=review_items(form),
        review_action=url_for("casework.disclosure_review", draft_id=draft.id),
        errors=errors or {},
        error_list=error_list(errors or {}),
        form=form,
        # "draft viewed by Olu Officer": on this page every event is about safeguarding.
        events=[
            (e.at, f"{e.action.removeprefix('safeguarding.').replace('-', ' ')} by {e.actor_label}") for e in events
        ],
        page_title="Not sent: disclosure",
    ), status


def _sent_as(ctx, draft) -> Complaint | None:
    """The complaint this conversation has since been sent as, when this person may see it; else None."""
    complaint = ctx.session.get(Complaint, draft.complaint_id) if draft.complaint_id is not None else None
    if complaint is None:
        return None
    visible = can_triage(ctx.actor) if complaint.team_id is None else can_see_complaint(ctx.actor, complaint)
    return complaint if visible else None


@bp.route("/staff/disclosures/<int:draft_id>")
@staff_required(*CASEWORK_ROLES)
def disclosure(draft_id: int):
    ctx = action_context()
    draft = _draft_or_404(ctx, draft_id)
    complaint = _sent_as(ctx, draft)
    if complaint is not None:
        # Sent since the alert: the case holds it all now, with the alert and any review.
        return redirect(url_for("casework.complaint", reference=complaint.reference))
    # Read before it is shown: even a conversation nobody ever sends has a record of who read it.
    audit.record(ctx.session, ctx.actor, draft.complaint_id, Action.SAFEGUARDING_DRAFT_VIEWED, draft_id=draft.id)
    return _render_draft(ctx, draft)


@bp.route("/staff/disclosures/<int:draft_id>/review", methods=["POST"])
@staff_required(*CASEWORK_ROLES)
def disclosure_review(draft_id: int):
    ctx = action_context()
    draft = _draft_or_404(ctx, draft_id)
    complaint = _sent_as(ctx, draft)
    if complaint is not None:
        # Sent meanwhile: the review belongs on the complaint now.
        return complaint_safeguarding_review(complaint.reference)
    try:
        review(ctx, decision=request.form.get("decision", ""), note=request.form.get("note", ""), draft=draft)
    except ActionRefused as refused:
        return _render_draft(ctx, draft, errors=_errors(refused), form=request.form, status=400)
    flash(REVIEWED, "success")
    return redirect(url_for("casework.disclosure", draft_id=draft.id))


@bp.route("/staff/complaints/<reference>/safeguarding/review", methods=["POST"])
@staff_required(*CASEWORK_ROLES)
def complaint_safeguarding_review(reference: str):
    from casework.views.complaint import render_complaint  # one page, drawn in one place

    ctx = action_context()
    found = find_complaint(ctx.session, ctx.actor, reference, for_update=True)
    if found is None:
        abort(404, "There is no complaint with that reference, or your account cannot see it.")
    try:
        review(ctx, decision=request.form.get("decision", ""), note=request.form.get("note", ""), complaint=found)
    except ActionRefused as refused:
        return render_complaint(ctx, found, errors=_errors(refused), form=request.form, status=400)
    flash(REVIEWED, "success")
    return redirect(url_for("casework.complaint", reference=found.reference))


def _errors(refused: ActionRefused) -> dict[str, str]:
    return {f"safeguarding-{refused.field}" if refused.field else "safeguarding": refused.message}
