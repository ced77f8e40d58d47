"""How POST /api/v1/ask is described in /api/v1/openapi.json (added by create_app through document_api)."""

from __future__ import annotations

from queries.parser import MAX_QUESTION
from web import openapi

ANSWER_SCHEMA = {
    "type": "object",
    "required": ["question", "answer", "value", "unit", "rows", "interpretation"],
    "properties": {
        "question": {"type": "string"},
        "answer": {
            "type": "string",
            "description": "One sentence with the figure and the period; an unclear question gets "
            '"I\'m not sure what you meant by ..." and a null value.',
            "example": "There were 8 stage 2 complaints in 2017/18 (1 April 2017 to 31 March 2018).",
        },
        "value": {"type": ["number", "null"]},
        "unit": {"type": "string", "enum": ["complaints", "percent", "working days", "feedback"]},
        "rows": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["key", "label", "value"],
                "properties": {
                    "key": {"type": "string", "description": "team slug, learning slug, outcome slug, stage or year"},
                    "label": {"type": "string"},
                    "value": {"type": ["number", "null"]},
                    "compare_value": {"type": ["number", "null"], "description": "the period compared with"},
                    "references": {
                        "type": "array",
                        "items": {"type": "string"},
                        "description": "today's caseload only: the references of the complaints counted in the row",
                    },
                },
            },
        },
        "interpretation": {
            "type": "object",
            "description": "How the question was read: status, measure, stages, period, compare_with, filters, "
            "group_by, live, notes, corrections; `query` can be sent back as `context` for a follow-up. An unclear "
            "question's `did_you_mean` lists questions that can be answered instead; status `not-recorded` names "
            "what these records never held (`not_recorded`), never a count of 0.",
        },
    },
}
ASK_PATH = {
    "post": {
        "summary": "Answer a staff question about the complaints (staff only)",
        "description": "Signed-in officers and managers (managers get their own team's figures). Send the session "
        "cookie and the CSRF token in an `X-CSRFToken` header. For a follow-up such as 'and last year?', send the "
        "previous answer's `interpretation.query` as `context`.",
        "requestBody": openapi.json_request_body(
            ["question"],
            {
                "question": {"type": "string", "maxLength": MAX_QUESTION, "example": "stage 2 this year"},
                "as_of": {"type": "string", "format": "date", "description": "the day 'this year' is from"},
                "context": {"type": "object", "description": "a previous answer's interpretation.query"},
            },
        ),
        "responses": {
            "200": {
                "description": "The answer, or what was not understood",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Answer"}}},
            },
            **{
                status: {
                    "description": description,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                }
                for status, description in (
                    ("400", "Not a JSON object with a question, a bad as_of or context, or no CSRF token"),
                    ("401", "Not signed in"),
                    ("403", "This account cannot ask, or a manager asked about another team"),
                )
            },
        },
    }
}


def document_api() -> None:
    openapi.add_schema("Answer", ANSWER_SCHEMA)
    openapi.add_path("/api/v1/ask", ASK_PATH)
