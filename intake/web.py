"""Registers the conversation's web parts: the HTML pages (/complaint) and the JSON API (/api/v1/...)."""

from __future__ import annotations

from flask import Flask

from intake.api import bp as api_bp
from intake.views import bp as pages_bp


def init_app(app: Flask) -> None:
    app.register_blueprint(pages_bp)
    app.register_blueprint(api_bp)
