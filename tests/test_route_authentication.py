"""Meta-test: every staff page and every API route refuses a visitor who has not signed in.

It walks the app's real URL map, so a route added tomorrow is checked without anyone remembering to.
Only the routes listed in PUBLIC may answer anonymously; adding to it needs a reason in a comment.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from urllib.parse import urlsplit

import pytest
from werkzeug.routing.converters import AnyConverter, NumberConverter, UUIDConverter

from wsgi import create_app

PUBLIC_EXACT = {
    "/staff/sign-in",  # the way in
    "/staff/forgot-password",  # asks for a reset link; the same answer whether or not the account exists
    "/staff/reset-password/<token>",  # the emailed single-use link is the credential
    "/api/v1/openapi.json",  # the API's description holds no data
}
# Open outside /staff and /api on purpose, for machines that have no account; each is tested below.
OPERATIONS = {
    "/healthz": "a load balancer's check: counts and times, never a person",
    "/metrics": "Prometheus: counts only, and behind METRICS_TOKEN when it is set",
}
# The complaint conversation is for the public: anyone may write a complaint.
PUBLIC_PREFIXES = ("/api/v1/conversation",)
GUARDED_PREFIXES = ("/staff", "/api")


@pytest.fixture(scope="module")
def anonymous_app(settings):
    app = create_app(settings)
    # CSRF would refuse a POST before the sign-in check does; switch it off so the sign-in check is what answers.
    app.config["WTF_CSRF_ENABLED"] = False
    return app


def guarded_rules(app):
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(GUARDED_PREFIXES):
            continue
        if rule.rule in PUBLIC_EXACT or rule.rule.startswith(PUBLIC_PREFIXES):
            continue
        yield rule


def _sample(converter):
    if isinstance(converter, NumberConverter):
        return 1
    if isinstance(converter, UUIDConverter):
        return uuid.UUID(int=1)
    if isinstance(converter, AnyConverter):
        return sorted(converter.items)[0]
    return "sample"


def sample_url(app, rule) -> str:
    values = {name: _sample(converter) for name, converter in rule._converters.items()}
    with app.test_request_context():
        return app.url_map.bind("localhost").build(rule.endpoint, values, force_external=False)


def test_there_are_guarded_routes_to_check(anonymous_app):
    rules = {rule.rule for rule in guarded_rules(anonymous_app)}
    assert {"/staff/queue", "/staff/complaints/<reference>", "/api/v1/route"} <= rules


def test_every_staff_and_api_route_refuses_anonymous_visitors(anonymous_app, clean_db):
    client = anonymous_app.test_client()
    answered = []
    for rule in guarded_rules(anonymous_app):
        url = sample_url(anonymous_app, rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method, json={} if rule.rule.startswith("/api") else None)
            location = urlsplit(response.headers.get("Location", "")).path
            refused = response.status_code in (401, 403) or (
                response.status_code in (302, 303) and location == "/staff/sign-in"
            )
            if not refused:
                answered.append(f"{method} {rule.rule} -> {response.status_code}")
    assert answered == [], "these answer without sign-in: " + "; ".join(answered)


def test_api_refusals_are_json_errors(anonymous_app, clean_db):
    response = anonymous_app.test_client().post("/api/v1/route", json={"text": "leaving care"})
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorised"


def test_the_operations_endpoints_are_the_only_deliberate_exceptions(anonymous_app):
    # Anything else for operators (an admin page, a debug view) belongs under /staff, behind sign-in.
    rules = {rule.rule for rule in anonymous_app.url_map.iter_rules()}
    operations = {rule for rule in rules if rule.startswith(("/healthz", "/metrics", "/ops", "/debug", "/admin"))}
    assert operations == set(OPERATIONS)


def test_healthz_answers_anonymously_with_nothing_personal(anonymous_app, clean_db):
    body = anonymous_app.test_client().get("/healthz").get_json()
    assert set(body) == {"status", "database", "scheduler", "outbox"}


def test_metrics_refuses_anyone_without_the_token_when_one_is_set(settings, clean_db):
    app = create_app(replace(settings, metrics_token="s3cret-metrics-token"))
    client = app.test_client()
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer s3cret-metrics-token"}).status_code == 200
