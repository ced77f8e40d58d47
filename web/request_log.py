"""Every request gets an id, one log line and two metrics; the logs can be JSON for a log collector.

The id comes back in the `X-Request-Id` header and on error pages, so a member of staff can quote it and an
operator can find the log line (and the traceback) it belongs to. What is logged is the route's template
(`/status/<token>`), never the URL: paths carry private-link tokens and query strings carry what people typed.
No address, no body, no name: the staff user's id is the only person in a line.
"""

from __future__ import annotations

import logging
import re
import sys
import time
import uuid

from flask import Flask, g, has_request_context, request
from prometheus_client import Counter, Histogram
from pythonjsonlogger.json import JsonFormatter
from sqlalchemy import inspect

from settings import Settings

log = logging.getLogger("web.requests")
# A proxy's id is kept when it looks like one (so its log and ours match); anything else is replaced.
INCOMING_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
UNMATCHED = "<unmatched>"  # 404s: the path someone tried is not a label (anyone could make endless ones)

REQUESTS = Counter(
    "http_requests", "Requests answered, by route template, method and status", ["route", "method", "status"]
)
LATENCY = Histogram(
    "http_request_duration_seconds",
    "Time to answer a request, by route template",
    ["route"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


def request_id() -> str | None:
    return g.get("request_id") if has_request_context() else None


def route_template() -> str:
    return request.url_rule.rule if request.url_rule is not None else UNMATCHED


class RequestIdFilter(logging.Filter):
    """Puts the request id on every record logged while answering a request (the error handler's traceback too)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id()
        return True


def configure_logging(settings: Settings) -> None:
    """LOG_FORMAT=json: one JSON object a line on stderr for everything at INFO and up (the app, the scheduler).

    With the default text format nothing changes: gunicorn's access log and Python's defaults stay as they are.
    """
    if settings.log_format != "json":
        return
    root = logging.getLogger()
    if any(isinstance(handler.formatter, JsonFormatter) for handler in root.handlers):
        return  # once per process (tests build many apps)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        JsonFormatter(
            "{asctime}{levelname}{name}{message}",
            style="{",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            datefmt="%Y-%m-%dT%H:%M:%S%z",
        )
    )
    handler.addFilter(RequestIdFilter())
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def _start() -> None:
    incoming = request.headers.get("X-Request-Id", "")
    g.request_id = incoming if INCOMING_ID.fullmatch(incoming) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _staff_user_id() -> int | None:
    # Only a user the view already loaded (Flask-Login keeps it on g), and read from SQLAlchemy's identity map,
    # never from the row: the log line costs no query, and a request whose transaction failed or was rolled back
    # (its objects expired or detached) does not go back to the database here.
    state = inspect(g.get("_login_user"), raiseerr=False)  # None for the anonymous user: not a table row
    identity = state.identity if state is not None else None
    return identity[0] if identity else None


def _finish(response):
    started = g.get("request_started")
    duration = time.perf_counter() - started if started is not None else 0.0
    route = route_template()
    # setdefault: a request refused before our first hook ran still gets an id.
    response.headers["X-Request-Id"] = g.setdefault("request_id", uuid.uuid4().hex)
    REQUESTS.labels(route=route, method=request.method, status=str(response.status_code)).inc()
    LATENCY.labels(route=route).observe(duration)
    log.info(
        "request",
        extra={
            "method": request.method,
            "route": route,
            "status": response.status_code,
            "duration_ms": round(duration * 1000, 1),
            "staff_user_id": _staff_user_id(),
        },
    )
    return response


def init_app(app: Flask, settings: Settings) -> None:
    configure_logging(settings)
    app.before_request(_start)
    app.after_request(_finish)

    @app.context_processor
    def request_id_context():
        # Error pages show it, so whoever reports a problem can quote it.
        return {"request_id": request_id()}
