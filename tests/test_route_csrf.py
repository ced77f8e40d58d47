"""Meta-test: every route that changes something and is reached with the session cookie refuses a request
without the CSRF token, the staff JSON APIs (`X-CSRFToken`) included.

It walks the app's real URL map, like tests/test_route_authentication.py, so a route added tomorrow (or a
`csrf.exempt` added to a blueprint) is checked without anyone remembering to. The only routes that may go
without the token are those that never read the cookie: the complaint conversation API, which is opened by the
conversation's own bearer token (a cross-site page cannot attach that header).
"""

from __future__ import annotations

from extensions import csrf
from tests.casework.test_csrf import signed_in_with_csrf
from tests.test_route_authentication import sample_url

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
# Opened by `Authorization: Bearer <conversation token>`, never by the cookie (intake/api.py).
BEARER_PREFIX = "/api/v1/conversations"


def state_changing_rules(app):
    for rule in app.url_map.iter_rules():
        methods = (rule.methods or set()) & STATE_CHANGING
        if methods and rule.endpoint != "static":
            yield rule, sorted(methods)


def test_the_walk_finds_the_routes_that_matter(app):
    rules = {rule.rule for rule, _methods in state_changing_rules(app)}
    assert {"/api/v1/ask", "/api/v1/route", "/staff/sign-in", "/staff/sign-out", "/complaint/start"} <= rules
    assert len(rules) > 20


def test_only_the_bearer_token_api_is_exempt_from_csrf(app):
    exempt = set()
    for rule, _methods in state_changing_rules(app):
        view = app.view_functions[rule.endpoint]
        blueprint = rule.endpoint.rpartition(".")[0]
        if (
            f"{view.__module__}.{view.__name__}" in csrf._exempt_views
            or app.blueprints.get(blueprint) in csrf._exempt_blueprints
        ):
            exempt.add(rule.rule)
    assert exempt and all(rule.startswith(BEARER_PREFIX) for rule in exempt), sorted(exempt)


def test_every_cookie_route_refuses_a_request_without_the_token(app, staff_ids):
    client = signed_in_with_csrf(app, "officer")  # the session a forged cross-site request would ride on
    admin = signed_in_with_csrf(app, "admin")
    let_through = []
    checked = 0
    for rule, methods in state_changing_rules(app):
        if rule.rule.startswith(BEARER_PREFIX):
            continue
        url = sample_url(app, rule)
        who = admin if rule.rule.startswith("/staff/admin") else client
        for method in methods:
            is_api = rule.rule.startswith("/api/")
            response = who.open(url, method=method, json={"text": "x"} if is_api else None)
            body = response.get_data(as_text=True)
            if response.status_code != 400 or "CSRF" not in body:
                let_through.append(f"{method} {rule.rule} -> {response.status_code}")
            elif is_api and response.get_json()["error"]["code"] != "bad_request":
                let_through.append(f"{method} {rule.rule}: not a JSON error")
            checked += 1
    assert let_through == [], "these take a request without the CSRF token: " + "; ".join(let_through)
    assert checked > 20
    assert client.get("/staff/queue").status_code == 200  # still signed in: the refusals changed nothing
