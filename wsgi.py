"""Builds the Flask app. `app` is what gunicorn serves; `create_app()` is what tests call."""

from __future__ import annotations

import logging
from datetime import datetime

from flask import Flask, abort, current_app, request
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader
from werkzeug.middleware.proxy_fix import ProxyFix

import casework.cli
import casework.views.api
import intake.api
import intake.api_spec
import intake.cli
import intake.safeguarding
import intake.views
import migrations.cli
import ops.cli
import ops.views
import queries.api_spec
import queries.cli
import queries.views
import reminders.calendar
import reminders.cli
import web.auth
import web.errors
import web.filters
import web.json_body
import web.languages
import web.openapi
import web.pages
import web.request_log
import web.session

# The staff pages join casework's blueprint when their modules are imported.
from casework.views import (  # noqa: F401
    admin,
    admin_reasons,
    complaint,
    disclosures,
    feedback,
    new_complaint,
    queue,
    records,
    search,
    sign_in,
    status,
)
from casework.views import lesson_actions as lesson_action_views  # noqa: F401
from content.i18n import N_
from extensions import csrf, limiter, login_manager
from settings import BASE_DIR, Settings, private_folder
from web.hosts import TrustedHostsMiddleware
from web.templating import StrictUndefinedExceptParams

SERVICE_NAME = N_("Children's services complaints")  # translated where shown: `_(service_name)`
MAX_CONTENT_LENGTH = 100 * 1024  # a complaint is words, not files
# Where files are uploaded (casework/files.py keeps each up to 20 MB): the body may be bigger, so a file of 25 MB
# still reaches the view, which says why it was refused and keeps what was typed; only past this is it a 413.
UPLOAD_BODY_LIMIT = 32 * 1024 * 1024
UPLOAD_ENDPOINTS = frozenset({"casework.complaint_file", "casework.status_add"})

# Every page and API, listed here so a reader (and import-linter) can follow them from the app.
BLUEPRINTS = (
    web.pages.bp,
    web.openapi.bp,
    intake.views.bp,
    intake.api.bp,
    casework.views.bp,
    casework.views.api.api_bp,
    queries.views.bp,
    queries.views.api_bp,
    ops.views.bp,  # /healthz, /metrics and the staff banner
)
# Each package describes its own JSON API for /api/v1/openapi.json.
API_DESCRIPTIONS = (intake.api_spec.document_api, casework.views.api.document_api, queries.api_spec.document_api)
# Each package's commands for `flask --app wsgi ...`.
COMMANDS = (
    migrations.cli.init_app,
    casework.cli.init_app,
    intake.cli.init_app,
    reminders.cli.init_app,
    queries.cli.init_app,
    ops.cli.init_app,
)


def create_app(settings: Settings | None = None) -> Flask:
    settings = settings or Settings.from_env()
    private_folder(settings.instance_dir)  # 0700: the database, the secret key, the emails' private links
    app = Flask(__name__, template_folder=str(BASE_DIR / "templates"), static_folder=str(BASE_DIR / "static"))
    app.config.update(
        SECRET_KEY=settings.secret_key,
        SETTINGS=settings,
        MAX_CONTENT_LENGTH=MAX_CONTENT_LENGTH,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.is_production,
        TESTING=settings.environment == "test",
        RATELIMIT_ENABLED=settings.ratelimit_enabled,
        RATELIMIT_STORAGE_URI=settings.ratelimit_storage_uri,
        RATELIMIT_HEADERS_ENABLED=True,
        WTF_CSRF_TIME_LIMIT=None,  # a complaint may take an evening to write; the session bounds the token
        # A request for any other host is refused (400) before routing: links are written from BASE_URL, and
        # nothing should answer for a name an attacker chose.
        TRUSTED_HOSTS=list(settings.trusted_hosts),
    )
    # A name a template uses but was not given is an error, not a blank (a typo would otherwise hide a value).
    app.jinja_env.undefined = StrictUndefinedExceptParams
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(BASE_DIR / "templates")),
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    # First, so every request (one refused by a later hook too) has an id, a log line and its metrics.
    web.request_log.init_app(app, settings)
    # Inside ProxyFix (below), so the host checked is the one the proxy was asked for.
    app.wsgi_app = TrustedHostsMiddleware(app.wsgi_app, settings.trusted_hosts)  # type: ignore[method-assign]
    if settings.proxy_hops:
        # The visitor's address (rate limits) and scheme come from the proxy's headers, trusted this many hops deep.
        hops = settings.proxy_hops
        # Wrapping wsgi_app is Flask's documented way to add middleware; mypy sees it as replacing a method.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    web.session.init_app(app, settings.database_url)
    # Before the CSRF check, which reads the form: an upload's larger limit must be set before anything reads it.
    app.before_request(_refuse_oversized_bodies)
    csrf.init_app(app)
    login_manager.init_app(app)
    web.auth.init_app(app)
    limiter.init_app(app)
    web.languages.init_app(app)  # before the page context: pages say their language
    _register_page_context(app, settings)
    web.filters.init_app(app)
    web.errors.init_app(app)
    web.json_body.init_app(app)
    app.before_request(_refuse_nul_bytes)
    app.after_request(_security_headers)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    for document_api in API_DESCRIPTIONS:
        document_api()
    for add_commands in COMMANDS:
        add_commands(app)
    if not app.testing:
        # The safeguarding detector takes about a second to build: build it now, beside the start-up, so the
        # first child whose answer is read for danger is not the one kept waiting. Tests build it when used.
        # The same for the bank holidays every deadline counts with.
        intake.safeguarding.warm_up()
        reminders.calendar.warm_up(datetime.now(settings.timezone).date())
    logging.getLogger(__name__).info("app created for %s", settings.environment)
    return app


def _register_page_context(app: Flask, settings: Settings) -> None:
    @app.context_processor
    def page_context():
        return {
            "service_name": SERVICE_NAME,
            "council_name": settings.council_name,
            # How to reach the council: templates/pages/_contact_us.html shows it.
            "council": {
                "name": settings.council_name,
                "phone": settings.council_phone,
                "tel": "".join(ch for ch in settings.council_phone if ch.isdigit() or ch == "+"),
                "email": settings.council_email,
                "address_lines": [line.strip() for line in settings.council_address.split(",") if line.strip()],
            },
            "page_title": None,
        }


def _refuse_oversized_bodies():
    # Werkzeug only refuses a large body when a view reads it; refuse it before the view instead.
    limit = UPLOAD_BODY_LIMIT if request.endpoint in UPLOAD_ENDPOINTS else MAX_CONTENT_LENGTH
    if request.content_length and request.content_length > limit:
        abort(413)
    if limit != MAX_CONTENT_LENGTH:
        request.max_content_length = limit  # Flask 3.1: per request


def _refuse_nul_bytes():
    # PostgreSQL refuses a NUL byte in any text parameter (a 500 there, silently kept on SQLite); no browser
    # sends one in a path, a query or a form, so refuse it here rather than in every view. JSON bodies are left
    # to the API views (the intake cleans its answers of control characters).
    fields = [*request.args.items(multi=True), *request.form.items(multi=True)]
    if "\x00" in request.path or any("\x00" in key or "\x00" in value for key, value in fields):
        abort(400, "Something you sent contains a character we cannot read. Remove it and try again.")


def _security_headers(response):
    response.headers.setdefault("Cache-Control", "no-store")
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    )
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Frame-Options", "DENY")
    if current_app.config["SETTINGS"].is_production:
        # Production is served over HTTPS only (SESSION_COOKIE_SECURE); browsers should never try plain HTTP.
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    return response


def __getattr__(name: str):
    # `app` is built on first use (gunicorn, `flask --app wsgi`), not when tests import create_app.
    if name == "app":
        globals()["app"] = built = create_app()
        return built
    raise AttributeError(name)
