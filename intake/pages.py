"""The public pages around the conversation: home, help now, accessibility, privacy."""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("pages", __name__)


@bp.get("/")
def home():
    return render_template("pages/home.html")


@bp.get("/help-now")
def help_now():
    return render_template("pages/help_now.html", page_title="Need help now?")


@bp.get("/accessibility")
def accessibility():
    return render_template("pages/accessibility.html", page_title="Accessibility")


@bp.get("/privacy")
def privacy():
    return render_template("pages/privacy.html", page_title="Privacy")
