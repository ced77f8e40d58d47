"""Errors as people see them: one JSON shape for every API, one page for everything else.

Every API error is `{"error": {"code", "message", "field"?}}` with a 4xx status (docs/contracts.md); a view
raises `ApiError` and the one handler here shapes it. An unexpected error is logged without the request (its
body may hold a child's story) and answered with a page that says what the person told us is saved.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, jsonify, make_response, render_template, request
from werkzeug.exceptions import HTTPException

from content.i18n import N_, gettext
from models.lengths import ValueTooLong

SERVER_ERROR = N_("Something went wrong on our side. What you told us is saved. Please try again in a few minutes.")


class ApiError(Exception):
    """A JSON API refusal: `status` (4xx), a stable `code`, a message saying what to do, the `field` at fault.

    `extra` adds top-level keys beside "error" (the conversation API repeats the question after a bad answer).
    """

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        field: str | None = None,
        *,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ):
        super().__init__(message)
        self.status, self.code, self.message, self.field, self.extra = status, code, message, field, extra
        self.headers = headers or {}


def api_error_body(code: str, message: str, field: str | None = None) -> dict[str, Any]:
    error: dict[str, str] = {"code": code, "message": message}
    if field:
        error["field"] = field
    return {"error": error}


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def api_error_response(error: ApiError):
    body = api_error_body(error.code, error.message, error.field)
    body.update(error.extra)
    return jsonify(body), error.status, error.headers


# Werkzeug's own words for the errors a member of the public may meet, marked for the catalogues so the error
# page speaks their language (the template translates name and description; English is unchanged).
HTTP_ERROR_WORDS = (
    N_("Bad Request"),
    N_("The browser (or proxy) sent a request that this server could not understand."),
    N_("Forbidden"),
    N_("Not Found"),
    N_(
        "The requested URL was not found on the server. If you entered the URL manually please check your spelling "
        "and try again."
    ),
    N_("Method Not Allowed"),
    N_("The method is not allowed for the requested URL."),
    N_("Request Entity Too Large"),
    N_("The data value transmitted exceeds the capacity limit."),
    N_("Too Many Requests"),
    N_("Something you sent contains a character we cannot read. Remove it and try again."),
)


def http_error_response(error: HTTPException):
    # The exception's own headers go with it: `Allow` on a 405, `WWW-Authenticate` on a 401, `Retry-After`.
    headers = [(name, value) for name, value in error.get_headers() if name.lower() != "content-type"]
    if _wants_json():
        body = api_error_body(error.name.lower().replace(" ", "_"), error.description or error.name)
        return jsonify(body), error.code, headers
    # Translated here, not in the template: a description is not a format string (Jinja's `_` would `%` it).
    words = {"name": gettext(error.name), "description": gettext(error.description or "")}
    page = render_template("errors/error.html", error=words, message=None, page_title=words["name"])
    return page, error.code, headers


def too_long_response(error: ValueTooLong):
    # A value past a column's size that no view caught first: refused before anything was stored, on every database.
    message = gettext("Something you sent is too long: keep it to %(limit)s characters.", limit=f"{error.limit:,}")
    if _wants_json():
        return make_response(jsonify(api_error_body("too_long", message)), 422)
    page = render_template("errors/error.html", error=None, message=message, page_title=gettext("That is too long"))
    return make_response(page, 422)


def _server_error(_error: Exception):
    current_app.logger.exception("unhandled error on %s %s", request.method, request.url_rule)
    if _wants_json():
        return jsonify(api_error_body("server_error", SERVER_ERROR)), 500
    return render_template(
        "errors/error.html", error=None, message=gettext(SERVER_ERROR), page_title=gettext("Sorry")
    ), 500


def init_app(app: Flask) -> None:
    app.register_error_handler(ApiError, api_error_response)
    app.register_error_handler(ValueTooLong, too_long_response)
    app.register_error_handler(HTTPException, http_error_response)
    app.register_error_handler(Exception, _server_error)
