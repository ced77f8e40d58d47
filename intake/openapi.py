"""The description served at /api/v1/openapi.json: one dict per path, so each package adds its own.

Another package documents its API by calling `add_path("/api/v1/route", {...})` from its `init_app`
(or `add_schema`), or by adding an entry to PATHS here. The document is built when asked for.
"""

from __future__ import annotations

import copy
from typing import Any

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

SCHEMAS: dict[str, Any] = {
    "Error": ERROR,
    "Option": {
        "type": "object",
        "required": ["value", "label"],
        "properties": {"value": {"type": "string"}, "label": {"type": "string"}},
    },
    "Question": {
        "type": "object",
        "required": ["id", "text", "kind", "options", "required", "help"],
        "properties": {
            "id": {"type": "string", "example": "what_happened"},
            "text": {"type": "string", "example": "What went wrong? Tell us in your own words."},
            "kind": {
                "type": "string",
                "enum": ["choice", "text", "long_text", "email", "phone", "date", "yes_no", "confirm"],
            },
            "options": {"type": "array", "items": {"$ref": "#/components/schemas/Option"}},
            "required": {"type": "boolean"},
            "help": {"type": "string"},
            "value": {"type": "string", "description": "The answer given before, when going back or changing it."},
        },
    },
    "Message": {
        "type": "object",
        "properties": {
            "from": {"type": "string", "enum": ["service", "person"]},
            "text": {"type": "string", "description": "Plain text: show it as text, never as HTML."},
            "step": {"type": "string"},
            "tone": {"type": "string", "enum": ["question", "answer", "note", "safety"]},
            "safety": {
                "$ref": "#/components/schemas/Safety",
                "description": "On a safety message: the help itself, to show with its numbers as links.",
            },
        },
    },
    "HelpLine": {
        "type": "object",
        "required": ["name"],
        "properties": {
            "name": {"type": "string", "example": "Childline"},
            "phone": {"type": "string", "example": "0800 1111", "description": "To call; absent when none"},
            "text": {"type": "string", "example": "Call or chat online, free, any time. They are there to listen."},
            "url": {"type": "string", "format": "uri", "example": "https://www.childline.org.uk"},
        },
    },
    "Safety": {
        "type": "object",
        "description": "Present when an answer suggests danger, or after 'I don't feel safe': show it at once, "
        "before the next question. Worded for the person (a child or young person, or a grown-up).",
        "required": ["message", "categories", "help"],
        "properties": {
            "message": {
                "type": "string",
                "example": "Thank you for telling us. It's not your fault. We will make sure someone checks you "
                "are safe.",
            },
            "categories": {
                "type": "array",
                "items": {"type": "string"},
                "example": ["self-harm"],
                "description": "The kinds of danger heard so far (slugs, as staff see them)",
            },
            "help": {"type": "array", "items": {"$ref": "#/components/schemas/HelpLine"}},
        },
    },
    "Conversation": {
        "type": "object",
        "required": ["question", "transcript"],
        "properties": {
            "id": {"type": "integer"},
            "question": {
                "oneOf": [{"$ref": "#/components/schemas/Question"}, {"type": "null"}],
                "description": "The next question, or null when every question is answered and it can be sent.",
            },
            "transcript": {"type": "array", "items": {"$ref": "#/components/schemas/Message"}},
            "summary": {
                "type": "array",
                "description": "When ready to send: each answer, for 'check your answers'.",
                "items": {
                    "type": "object",
                    "properties": {
                        "step": {"type": "string"},
                        "label": {"type": "string"},
                        "answer": {"type": "string"},
                    },
                },
            },
            "safety": {"$ref": "#/components/schemas/Safety"},
            "notes": {"type": "array", "items": {"type": "string"}},
        },
    },
}


def json_request_body(required: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    """A required JSON object body with these properties (other packages describe their paths with it too)."""
    schema = {"type": "object", "required": required, "properties": properties}
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def json_response(schema_ref: str, description: str) -> dict[str, Any]:
    """A response described by a JSON schema (other packages describe their paths with it too)."""
    return {"description": description, "content": {"application/json": {"schema": {"$ref": schema_ref}}}}


_ERRORS = {
    "401": json_response("#/components/schemas/Error", "No `Authorization: Bearer <token>` header"),
    "404": json_response(
        "#/components/schemas/Error", "No such conversation for this token (or it expired after 28 days)"
    ),
}
_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
_BEARER = [{"conversationToken": []}]

PATHS: dict[str, dict[str, Any]] = {
    "/api/v1/conversations": {
        "post": {
            "summary": "Start a complaint conversation",
            "description": "No body needed. Keep the token: it is shown once and is the only way back in.",
            "responses": {
                "201": {
                    "description": "Started",
                    "content": {
                        "application/json": {
                            "schema": {
                                "allOf": [
                                    {"$ref": "#/components/schemas/Conversation"},
                                    {
                                        "type": "object",
                                        "required": ["id", "token"],
                                        "properties": {
                                            "token": {"type": "string"},
                                            "resume_url": {"type": "string", "format": "uri"},
                                        },
                                    },
                                ]
                            }
                        }
                    },
                },
                "429": json_response("#/components/schemas/Error", "Too many conversations started from here"),
            },
        }
    },
    "/api/v1/conversations/{id}": {
        "get": {
            "summary": "Where the conversation is: the current question and the transcript",
            "parameters": [_ID],
            "security": _BEARER,
            "responses": {"200": json_response("#/components/schemas/Conversation", "The conversation"), **_ERRORS},
        }
    },
    "/api/v1/conversations/{id}/answers": {
        "post": {
            "summary": "Answer the current question (or, with `step`, change an earlier answer)",
            "parameters": [_ID],
            "security": _BEARER,
            "requestBody": json_request_body(
                ["answer"],
                {
                    "answer": {
                        "type": "string",
                        "maxLength": 5000,
                        "description": "Text, or an option's value. true/false are read as yes/no.",
                    },
                    "step": {"type": "string", "description": "The question answered; default current"},
                },
            ),
            "responses": {
                "200": json_response("#/components/schemas/Conversation", "Saved; the next question (null when ready)"),
                "400": json_response("#/components/schemas/Error", "The body is not a JSON object"),
                "409": json_response("#/components/schemas/Error", "That question is not being asked, or already sent"),
                "422": {
                    "description": "The answer can't be used: the message says what to do; the question is repeated",
                    "content": {
                        "application/json": {
                            "schema": {
                                "allOf": [
                                    {"$ref": "#/components/schemas/Error"},
                                    {"properties": {"question": {"$ref": "#/components/schemas/Question"}}},
                                ]
                            }
                        }
                    },
                },
                **_ERRORS,
            },
        }
    },
    "/api/v1/conversations/{id}/back": {
        "post": {
            "summary": "Go back to the question before",
            "parameters": [_ID],
            "security": _BEARER,
            "responses": {"200": json_response("#/components/schemas/Conversation", "The earlier question"), **_ERRORS},
        }
    },
    "/api/v1/conversations/{id}/unsafe": {
        "post": {
            "summary": '"I don\'t feel safe": no words needed. Shows the help and alerts the duty manager at once',
            "description": "No body needed. The conversation carries on at the same question.",
            "parameters": [_ID],
            "security": _BEARER,
            "responses": {
                "200": json_response(
                    "#/components/schemas/Conversation", "Noted; `safety` holds the help, `question` is unchanged"
                ),
                "409": json_response("#/components/schemas/Error", "The complaint has been sent already"),
                **_ERRORS,
            },
        }
    },
    "/api/v1/conversations/{id}/submit": {
        "post": {
            "summary": "Send the complaint. Repeating it returns the same complaint (with a new status link).",
            "parameters": [_ID],
            "security": _BEARER,
            "responses": {
                "201": {
                    "description": "Sent",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["reference", "team", "due", "status_url"],
                                "properties": {
                                    "reference": {"type": "string", "example": "CS-7KQ3-MX9P"},
                                    "team": {"type": ["string", "null"], "description": "null: triage decides"},
                                    "due": {"type": "string", "format": "date"},
                                    "due_text": {"type": "string", "example": "Monday 8 January 2018"},
                                    "status_url": {"type": "string", "format": "uri"},
                                },
                            }
                        }
                    },
                },
                "409": json_response("#/components/schemas/Error", "Some questions are still to be answered"),
                "429": json_response("#/components/schemas/Error", "Too many complaints sent from here"),
                **_ERRORS,
            },
        }
    },
}


def add_path(path: str, spec: dict[str, Any]) -> None:
    """Describe another path (call from a package's init_app)."""
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
