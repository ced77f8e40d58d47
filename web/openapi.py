"""The description served at /api/v1/openapi.json: one dict per path, so each package adds its own.

A package documents its API in its own `api_spec` (or views) module with `add_schema` and `add_path`, in a
`document_api()` that `create_app()` calls. The document is built when asked for; the errors every API shares
(`{"error": {"code", "message", "field"?}}`, web/errors.py) are described here once.
"""

from __future__ import annotations

import copy
from typing import Any

from flask import Blueprint, jsonify

ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string", "example": "bad_email"},
                "message": {"type": "string", "example": "Enter an email address like name@example.com"},
                "field": {"type": "string", "example": "answer"},
            },
        }
    },
}

SCHEMAS: dict[str, Any] = {"Error": ERROR}
PATHS: dict[str, dict[str, Any]] = {}


def json_request_body(required: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    """A required JSON object body with these properties (other packages describe their paths with it too)."""
    schema = {"type": "object", "required": required, "properties": properties}
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def json_response(schema_ref: str, description: str) -> dict[str, Any]:
    """A response described by a JSON schema (other packages describe their paths with it too)."""
    return {"description": description, "content": {"application/json": {"schema": {"$ref": schema_ref}}}}


def add_path(path: str, spec: dict[str, Any]) -> None:
    """Describe another path (from a package's document_api)."""
    PATHS[path] = spec


def add_schema(name: str, schema: dict[str, Any]) -> None:
    SCHEMAS[name] = schema


def document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Children's services complaints API",
            "version": "1",
            "description": 'Errors are always {"error": {"code", "message", "field"?}} with a 4xx status.',
        },
        "paths": copy.deepcopy(PATHS),
        "components": {
            "schemas": copy.deepcopy(SCHEMAS),
            "securitySchemes": {
                "conversationToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "The token returned when the conversation was started",
                }
            },
        },
    }


bp = Blueprint("openapi", __name__, url_prefix="/api/v1")


@bp.get("/openapi.json")
def openapi_document():
    return jsonify(document())
