"""The complainant's private status page, reached only through the link in their confirmation."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for

from casework.actions import ActionRefused
from casework.complainant_adds import add_from_complainant
from casework.files import TOO_BIG
from casework.status_page import find_by_token, status_events, status_view
from casework.views import bp
from content.complainant import team_words
from content.dates import long_date
from content.i18n import gettext
from content.safety_help import safety_help
from extensions import limiter
from intake import disclosure
from intake.safeguarding import UNSAFE
from models.teams import Team
from reminders.calendar import WorkingCalendar
from web.context import now, settings, today
from web.forms import error_list
from web.govuk import summary_rows
from web.session import db

HELP_SHOWN = "help"  # ?shown=help after "I don't feel safe": the page opens at the help


ADD_LIMIT = "10 per hour"  # a person adding to their complaint; enough for a few files, not a flood
ADDED = "added"  # ?shown=added after they added something


@bp.route("/status/<token>")
def status(token: str):
    found = find_by_token(db(), token)
    if found is None:
        return render_template("casework/status_not_found.html", page_title=gettext("We can't find that page")), 404
    return _status_page(found, token)


def _status_page(found, token: str, *, errors: dict[str, str] | None = None, typed: str = "", status: int = 200):
    config = settings()
    view = status_view(db(), found, WorkingCalendar(config.closure_days), config.timezone, today())
    team = db().get(Team, found.team_id) if found.team_id else None
    # The team in this person's words: a child or care leaver never sees the official name.
    looking = team_words(team.name, team.public_name, found.complainant_role) if team else ""
    safety = None
    if request.args.get("shown") == HELP_SHOWN:
        safety = safety_help([UNSAFE], found.complainant_role, config)
    return render_template(
        "casework/status.html",
        view=view,
        rows=summary_rows(
            [(gettext("We got it on"), long_date(view.received))]
            + ([(gettext("Who is looking at it"), looking[:1].upper() + looking[1:])] if looking else [])
            + ([(gettext("We will reply by"), long_date(view.reply_by))] if view.reply_by else [])
            + ([(gettext("We replied on"), long_date(view.replied_on))] if view.replied_on else [])
        ),
        events=status_events(db(), found, config.timezone),
        page_title=gettext("Your complaint"),
        safety=safety,
        help_role=found.complainant_role,
        token=token,
        errors=errors or {},
        error_list=error_list(errors or {}),
        typed=typed,
        added=request.args.get("shown") == ADDED,
    ), status


@bp.post("/status/<token>/add")
@limiter.limit(ADD_LIMIT, methods=["POST"])
def status_add(token: str):
    """More words or a file, added after sending. A refusal keeps what they typed and says what to change."""
    found = find_by_token(db(), token)
    if found is None:
        return render_template("casework/status_not_found.html", page_title="We can't find that page"), 404
    upload = request.files.get("file")
    given = (upload.filename or "", upload.stream) if upload is not None and upload.filename else None
    text = request.form.get("text", "")
    try:
        add_from_complainant(db(), settings(), now(), found, text, given)
    except ActionRefused as refused:
        errors = {f"add-{refused.field or 'text'}": refused.message}
        return _status_page(found, token, errors=errors, typed=text, status=413 if refused.message == TOO_BIG else 400)
    return redirect(url_for("casework.status", token=token, shown=ADDED, _anchor="add"), 303)


@bp.post("/status/<token>/unsafe")
def status_unsafe(token: str):
    """The status page's "I don't feel safe" button: no words needed; the duty manager is alerted each time."""
    found = find_by_token(db(), token)
    if found is None:
        return render_template("casework/status_not_found.html", page_title=gettext("We can't find that page")), 404
    disclosure.record_unsafe_on_complaint(db(), found, settings(), now())
    return redirect(url_for("casework.status", token=token, shown=HELP_SHOWN, _anchor="safety"), 303)
