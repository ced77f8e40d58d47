"""POST /api/v1/route for signed-in staff: which team a piece of text points to.

CSRF: the API authenticates by the staff session cookie, so it stays CSRF-protected like every form.
Clients send the token in an `X-CSRFToken` header (staff pages carry it in <meta name="csrf-token">).
"""

from __future__ import annotations

from flask import Blueprint, jsonify

from casework.router import router_for
from web import openapi
from web.auth import json_text_field, staff_api_required
from web.context import db

api_bp = Blueprint("casework_api", __name__, url_prefix="/api/v1")
MAX_TEXT = 2000
# The reply is exactly the contract in docs/contracts.md ("Routing"); the router may know more than it promises.
ROUTE_KEYS = ("text", "decision", "team", "team_name", "confidence", "candidates")


@api_bp.route("/route", methods=["POST"])
@staff_api_required()
def route():
    _body, text = json_text_field("text", MAX_TEXT, "leaving care team")
    result = router_for(db()).route(text).as_dict()
    return jsonify({key: result[key] for key in ROUTE_KEYS})


ROUTE_RESULT_SCHEMA = {
    "type": "object",
    "required": list(ROUTE_KEYS),
    "properties": {
        "text": {"type": "string"},
        "decision": {"type": "string", "enum": ["auto", "triage"]},
        "team": {"type": ["string", "null"], "example": "leaving-care"},
        "team_name": {"type": ["string", "null"], "example": "Leaving Care"},
        "confidence": {"type": "number", "minimum": 0, "maximum": 100},
        "candidates": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["team", "name", "score"],
                "properties": {"team": {"type": "string"}, "name": {"type": "string"}, "score": {"type": "number"}},
            },
        },
    },
}
ROUTE_PATH = {
    "post": {
        "summary": "Which team does this text point to? (staff only)",
        "description": "Signed-in staff only: send the session cookie and the CSRF token in an `X-CSRFToken` "
        'header (staff pages carry it in `<meta name="csrf-token">`). Unclear text gets `"decision": "triage"`.',
        "requestBody": openapi.json_request_body(
            ["text"], {"text": {"type": "string", "maxLength": MAX_TEXT, "example": "my PA"}}
        ),
        "responses": {
            "200": openapi.json_response("#/components/schemas/RouteResult", "The router's decision"),
            "400": openapi.json_response("#/components/schemas/Error", "Not a JSON object with text, or no CSRF token"),
            "401": openapi.json_response("#/components/schemas/Error", "Not signed in"),
        },
    }
}


def document_api() -> None:
    openapi.add_schema("RouteResult", ROUTE_RESULT_SCHEMA)
    openapi.add_path("/api/v1/route", ROUTE_PATH)
