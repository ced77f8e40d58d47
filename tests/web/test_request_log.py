"""Request ids and the JSON request log: one line per request, the route's template, never a token or a story."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from pythonjsonlogger.json import JsonFormatter

from models.db import get_engine, session_scope
from tests.conftest import make_settings
from tests.factories import WHAT_HAPPENED, add_staff, sign_in
from wsgi import create_app


@pytest.fixture
def json_log(clean_db, tmp_path) -> Iterator[tuple[object, io.StringIO]]:
    """An app with LOG_FORMAT=json, and what its logs wrote (the handler's stream, read back)."""
    root = logging.getLogger()
    level = root.level
    app = create_app(make_settings(clean_db, tmp_path, log_format="json"))
    app.config["WTF_CSRF_ENABLED"] = False
    [handler] = [h for h in root.handlers if isinstance(h.formatter, JsonFormatter)]
    stream = io.StringIO()
    assert isinstance(handler, logging.StreamHandler)
    handler.setStream(stream)
    yield app, stream
    root.removeHandler(handler)
    root.setLevel(level)


def lines(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_every_response_has_a_request_id_and_a_proxys_is_kept(client):
    assert len(client.get("/").headers["X-Request-Id"]) == 32
    assert client.get("/", headers={"X-Request-Id": "lb-0123456789"}).headers["X-Request-Id"] == "lb-0123456789"
    forged = client.get("/", headers={"X-Request-Id": "<script>alert(1)</script>"}).headers["X-Request-Id"]
    assert forged != "<script>alert(1)</script>" and len(forged) == 32


def test_one_json_line_per_request_with_the_route_template_and_no_token(json_log):
    app, stream = json_log
    token = "a-private-status-token-0123456789"
    response = app.test_client().get(f"/status/{token}?q={WHAT_HAPPENED}")
    [line] = [entry for entry in lines(stream) if entry["message"] == "request"]
    assert line["request_id"] == response.headers["X-Request-Id"]
    assert (line["method"], line["route"], line["status"], line["staff_user_id"]) == (
        "GET",
        "/status/<token>",
        404,
        None,
    )
    assert line["duration_ms"] >= 0 and line["level"] == "INFO" and line["logger"] == "web.requests"
    written = stream.getvalue()
    assert token not in written and "flat" not in written and "127.0.0.1" not in written


def test_a_signed_in_request_names_the_staff_user_by_id_only(json_log, clean_db, settings):
    app, stream = json_log
    with session_scope(get_engine(clean_db)) as session:
        ids = add_staff(session, settings)
    client = sign_in(app, "officer")
    client.get("/staff/queue")
    [line] = [entry for entry in lines(stream) if entry.get("route") == "/staff/queue"]
    assert line["staff_user_id"] == ids["officer"]
    assert "officer@example.test" not in stream.getvalue() and "Olu" not in stream.getvalue()


def test_an_error_page_shows_the_request_id_that_its_log_lines_carry(json_log):
    app, stream = json_log

    @app.get("/test-only/broken")
    def broken():
        raise RuntimeError("something broke")

    response = app.test_client().get("/test-only/broken")
    assert response.status_code == 500
    request_id = response.headers["X-Request-Id"]
    assert request_id in response.get_data(as_text=True)
    traced = [entry for entry in lines(stream) if entry.get("request_id") == request_id]
    assert [entry["message"] for entry in traced] == ["unhandled error on GET /test-only/broken", "request"]
    assert "RuntimeError: something broke" in traced[0]["exc_info"]
    assert traced[1]["status"] == 500


def test_text_logs_are_left_as_they_were(clean_db, tmp_path):
    before = list(logging.getLogger().handlers)
    create_app(make_settings(clean_db, tmp_path))
    assert logging.getLogger().handlers == before
