"""The complainant's private status page, reached only through the link in their confirmation."""

from __future__ import annotations

from flask import render_template

from casework.status_page import find_by_token, status_view
from casework.views import bp
from casework.views.common import now, settings
from models.web import db
from reminders.calendar import WorkingCalendar
from reminders.mail import long_date  # pages write dates as the emails do


@bp.route("/status/<token>")
def status(token: str):
    found = find_by_token(db(), token)
    if found is None:
        return render_template("casework/status_not_found.html", page_title="We can't find that page"), 404
    config = settings()
    today = now().astimezone(config.timezone).date()
    view = status_view(db(), found, WorkingCalendar(config.closure_days), config.timezone, today)
    return render_template("casework/status.html", view=view, long_date=long_date, page_title="Your complaint")
