"""/healthz and /metrics for the operator's tools, and the warning banner on staff pages.

Both endpoints answer without a staff sign-in on purpose: a load balancer and Prometheus have no account.
/healthz says nothing about anyone (counts and times); /metrics asks for METRICS_TOKEN when it is set.
Neither is rate limited: a monitor polling every few seconds must never be told to slow down.
"""

from __future__ import annotations

import hmac

from flask import Blueprint, Response, jsonify, request
from prometheus_client import CONTENT_TYPE_LATEST

from extensions import limiter
from models.staff import Role
from ops.health import check, staff_warnings
from ops.metrics import exposition
from web.auth import signed_in_user
from web.context import now, settings
from web.session import engine

bp = Blueprint("ops", __name__)


@bp.get("/healthz")
@limiter.exempt
def healthz():
    health = check(engine(), settings(), now())
    # 503 only when the database does not answer: this host cannot serve anyone. A stale scheduler or failed
    # emails are "degraded" with 200, so a load balancer keeps sending people to a host that can take complaints.
    return jsonify(health.as_dict()), 200 if health.database else 503


@bp.get("/metrics")
@limiter.exempt
def metrics():
    token = settings().metrics_token
    if token:
        given = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if not hmac.compare_digest(given.encode(), token.encode()):
            return Response("Send the metrics token: Authorization: Bearer METRICS_TOKEN\n", 401, mimetype="text/plain")
    return Response(exposition(engine(), now()), mimetype=CONTENT_TYPE_LATEST)


def _operations_warnings():
    """Called by the staff layout when it is drawn: nothing is read for public pages or signed-out visitors."""
    user = signed_in_user()
    if user is None:
        return []
    health = check(engine(), settings(), now())
    return staff_warnings(health, is_admin=user.role == Role.ADMIN.value)


@bp.app_context_processor
def operations_banner():
    # Every page that extends the staff layout gets it; the database is read only when the banner is drawn.
    return {"operations_warnings": _operations_warnings}
