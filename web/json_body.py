"""Every JSON body is read once, before any view, and refused with a clear 400 when no view could use it.

Python's JSON parser fails on "[" x 5000 with a RecursionError (a 500), and accepts "\\ud800", a lone surrogate
that no database or email can hold (the draft then failed at every submit). Nothing our APIs take is deeper than
a few levels, so deep nesting, lone surrogates and bodies that are not JSON all stop here.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, request

from web.errors import ApiError

MAX_DEPTH = 8  # {"answer": {"on": ...}} is two deep; this leaves room and stops a parser bomb


def _problem(value: Any, depth: int = 0) -> str | None:
    if depth > MAX_DEPTH:
        return "nested too deeply"
    if isinstance(value, str):
        return _text_problem(value)
    if isinstance(value, dict):
        for key, item in value.items():
            problem = _text_problem(key) or _problem(item, depth + 1)
            if problem:
                return problem
    if isinstance(value, list):
        for item in value:
            problem = _problem(item, depth + 1)
            if problem:
                return problem
    return None


def _text_problem(text: str) -> str | None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "not valid Unicode text"
    return None


def check_json_body() -> None:
    if request.method not in ("POST", "PUT", "PATCH") or not request.is_json:
        return
    if not request.get_data(cache=True):
        return  # an empty body: the view says what it wanted
    problem: str | None
    try:
        body = request.get_json(silent=True)
    except RecursionError:
        problem = "nested too deeply"
    else:
        problem = "not JSON" if body is None else _problem(body)
    if problem:
        raise ApiError(400, "invalid_json", f"The request body is {problem}. Send one JSON object of text values.")


def init_app(app: Flask) -> None:
    app.before_request(check_json_body)
