"""Registers the conversation's web parts: the HTML pages (/complaint) and the JSON API (/api/v1/...), and the
help lines every page's help panel shows."""

from __future__ import annotations

from flask import Flask, current_app

from content.safety_help import HelpLine, help_now
from intake.api import bp as api_bp
from intake.views import bp as pages_bp


def _help_now(role: str | None = None) -> tuple[HelpLine, ...]:
    return help_now(role, current_app.config["SETTINGS"])


def init_app(app: Flask) -> None:
    app.register_blueprint(pages_bp)
    app.register_blueprint(api_bp)
    # templates/pages/_help_now_panel.html: `help_now(help_role)` gives the lines for the person on the page.
    app.jinja_env.globals["help_now"] = _help_now
