"""Staff pages and the JSON API for questions and the annual report."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    pass
