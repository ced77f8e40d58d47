"""POST /api/v1/route: the docs/contracts.md shape, and 4xx JSON errors for bad bodies."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from intake.routing import Router
from models.db import get_engine


def test_route_reply_has_the_contract_shape(signed_in):
    client = signed_in("officer")
    response = client.post("/api/v1/route", json={"text": "my PA from the leaving care team"})
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"text", "decision", "team", "team_name", "confidence", "candidates"}
    assert body["decision"] in ("auto", "triage")
    assert body["team"] == "leaving-care"
    assert all(set(c) == {"team", "name", "score"} for c in body["candidates"])


def test_route_matches_the_router(signed_in, staff_ids, clean_db):
    with Session(get_engine(clean_db)) as session:
        result = Router.from_session(session).route("the lady who came round").as_dict()
    expected = {key: result[key] for key in ("text", "decision", "team", "team_name", "confidence", "candidates")}
    response = signed_in("officer").post("/api/v1/route", json={"text": "the lady who came round"})
    assert response.get_json() == expected


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("not json", "invalid_json"),
        ([], "invalid_json"),
        ({}, "invalid_text"),
        ({"text": 3}, "invalid_text"),
        ({"text": "  "}, "invalid_text"),
        ({"text": "x" * 2001}, "text_too_long"),
    ],
)
def test_bad_bodies_are_4xx_json(signed_in, body, code):
    client = signed_in("officer")
    if isinstance(body, str):
        response = client.post("/api/v1/route", data=body, content_type="text/plain")
    else:
        response = client.post("/api/v1/route", json=body)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == code


def test_the_route_api_is_described_in_openapi(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert "post" in document["paths"]["/api/v1/route"]
    assert document["components"]["schemas"]["RouteResult"]["required"] == [
        "text",
        "decision",
        "team",
        "team_name",
        "confidence",
        "candidates",
    ]
