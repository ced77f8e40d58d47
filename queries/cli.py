"""Commands for staff questions and the annual report."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Registers the `ask` and `report` commands once they exist (see the queries issue)."""
