"""The public pages around the conversation: home, help now, accessibility, privacy, and "Exit this page"."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, session

from content.i18n import gettext
from content.safety_help import DANGER_NOW, help_now_page
from web.context import settings

bp = Blueprint("pages", __name__)

# Where "Exit this page" lands: a well-known, harmless page that gives nothing away (GOV.UK's suggestion).
EXIT_TO = "https://www.bbc.co.uk/weather"


@bp.get("/")
def home():
    return render_template("pages/home.html")


@bp.get("/help-now")
def help_now():
    lines = help_now_page(settings())
    return render_template(
        "pages/help_now.html", page_title=gettext("Need help now?"), lines=lines, danger_now=DANGER_NOW.translated()
    )


@bp.get("/accessibility")
def accessibility():
    return render_template("pages/accessibility.html", page_title=gettext("Accessibility"))


@bp.get("/privacy")
def privacy():
    return render_template("pages/privacy.html", page_title=gettext("Privacy"))


@bp.get("/exit")
def exit_this_page():
    """The "Exit this page" button (or Shift pressed three times): forget this visit on this device, then leave.

    The session cookie goes (the draft's token, what was just sent), so /complaint no longer offers to carry on
    and Back to a conversation page finds nothing to show (every page is Cache-Control: no-store). The draft is
    still saved with us for its resume link, and a disclosure in it has already been passed on. A GET, because
    the exit is a link that must work without JavaScript; it changes nothing but this device's session.
    """
    session.clear()
    response = redirect(EXIT_TO, 303)
    # Anything our pages stored in this browser goes too (the chat keeps nothing there, but a future one might).
    response.headers["Clear-Site-Data"] = '"storage"'
    return response
