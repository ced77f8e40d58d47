"""How the conversation API (/api/v1/conversations...) is described in /api/v1/openapi.json (web/openapi.py)."""

from __future__ import annotations

from typing import Any

from intake.drafts import KEEP_FOR
from web import openapi

SCHEMAS: dict[str, Any] = {
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


_ERRORS = {
    "401": openapi.json_response(
        "#/components/schemas/Error",
        "No `Authorization: Bearer <token>` header, or a token that does not open this conversation (wrong, or "
        f"expired after {KEEP_FOR.days} days); with `WWW-Authenticate`",
    ),
    "404": openapi.json_response("#/components/schemas/Error", "No such address (the id is not a number)"),
}
_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
_BEARER: list[dict[str, list[str]]] = [{"conversationToken": []}]

PATHS: dict[str, dict[str, Any]] = {
    "/api/v1/conversations": {
        "post": {
            "summary": "Start a complaint conversation",
            "description": "No body needed. Keep the token: it is shown once and is the only way back in. Every call "
            'answers in the language of a `lang` field in its JSON body (`{"lang": "pl"}`) or else of its '
            "`Accept-Language` header (English or Polish; English when neither), and says it in `Content-Language`.",
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
                "429": openapi.json_response("#/components/schemas/Error", "Too many conversations started from here"),
            },
        }
    },
    "/api/v1/conversations/{id}": {
        "get": {
            "summary": "Where the conversation is: the current question and the transcript",
            "parameters": [_ID],
            "security": _BEARER,
            "responses": {
                "200": openapi.json_response("#/components/schemas/Conversation", "The conversation"),
                **_ERRORS,
            },
        }
    },
    "/api/v1/conversations/{id}/answers": {
        "post": {
            "summary": "Answer the current question (or, with `step`, change an earlier answer)",
            "parameters": [_ID],
            "security": _BEARER,
            "requestBody": openapi.json_request_body(
                ["answer"],
                {
                    "answer": {
                        "type": "string",
                        "maxLength": 5000,
                        "description": "Text, or an option's value. true/false are read as yes/no.",
                    },
                    "step": {"type": "string", "description": "The question answered; default current"},
                    "lang": {
                        "type": "string",
                        "enum": ["en", "pl"],
                        "description": "The language of the reply's words (else Accept-Language); values stay the same",
                    },
                },
            ),
            "responses": {
                "200": openapi.json_response(
                    "#/components/schemas/Conversation", "Saved; the next question (null when ready)"
                ),
                "400": openapi.json_response("#/components/schemas/Error", "The body is not a JSON object"),
                "409": openapi.json_response(
                    "#/components/schemas/Error", "That question is not being asked, or already sent"
                ),
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
            "responses": {
                "200": openapi.json_response("#/components/schemas/Conversation", "The earlier question"),
                **_ERRORS,
            },
        }
    },
    "/api/v1/conversations/{id}/unsafe": {
        "post": {
            "summary": '"I don\'t feel safe": no words needed. Shows the help and alerts the duty manager at once',
            "description": "No body needed. The conversation carries on at the same question.",
            "parameters": [_ID],
            "security": _BEARER,
            "responses": {
                "200": openapi.json_response(
                    "#/components/schemas/Conversation", "Noted; `safety` holds the help, `question` is unchanged"
                ),
                "409": openapi.json_response("#/components/schemas/Error", "The complaint has been sent already"),
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
                                    "team_words": {
                                        "type": "string",
                                        "description": "the team as this person is told it, inside a sentence "
                                        "(a child's own words for a child or care leaver); empty for triage",
                                        "example": "the team that helps young people leaving care",
                                    },
                                    "due": {"type": "string", "format": "date"},
                                    "due_text": {"type": "string", "example": "Monday 8 January 2018"},
                                    "status_url": {"type": "string", "format": "uri"},
                                },
                            }
                        }
                    },
                },
                "409": openapi.json_response("#/components/schemas/Error", "Some questions are still to be answered"),
                "429": openapi.json_response("#/components/schemas/Error", "Too many complaints sent from here"),
                **_ERRORS,
            },
        }
    },
}


def document_api() -> None:
    for name, schema in SCHEMAS.items():
        openapi.add_schema(name, schema)
    for path, spec in PATHS.items():
        openapi.add_path(path, spec)
