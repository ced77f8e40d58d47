"""Builds the Flask app. `app` is what gunicorn serves; `create_app()` is what tests call."""

from __future__ import annotations

import logging

from flask import Flask, abort, jsonify, render_template, request
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

import models.web
from extensions import csrf, limiter, login_manager
from intake.pages import bp as pages_bp
from settings import BASE_DIR, Settings

SERVICE_NAME = "Children's services complaints"
MAX_CONTENT_LENGTH = 100 * 1024  # a complaint is words, not files

# Each package registers its own blueprints and commands; the app only lists them.
PACKAGES = ("migrations.cli", "casework.cli", "intake.cli", "intake.web", "reminders.cli", "queries.cli")


def create_app(settings: Settings | None = None) -> Flask:
    settings = settings or Settings.from_env()
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
    )
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(BASE_DIR / "templates")),
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    if settings.proxy_hops:
        # The visitor's address (rate limits) and scheme come from the proxy's headers, trusted this many hops deep.
        hops = settings.proxy_hops
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    models.web.init_app(app, settings.database_url)
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    _register_page_context(app, settings)
    _register_errors(app)
    app.before_request(_refuse_oversized_bodies)
    app.before_request(_refuse_nul_bytes)
    app.after_request(_security_headers)
    app.register_blueprint(pages_bp)
    for name in PACKAGES:
        module = __import__(name, fromlist=["init_app"])
        module.init_app(app)
    logging.getLogger(__name__).info("app created for %s", settings.environment)
    return app


def _register_page_context(app: Flask, settings: Settings) -> None:
    @app.context_processor
    def page_context():
        return {
            "service_name": SERVICE_NAME,
            "council_name": settings.council_name,
            "page_title": None,
        }


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _register_errors(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if _wants_json():
            return jsonify(
                {"error": {"code": error.name.lower().replace(" ", "_"), "message": error.description}}
            ), error.code
        return render_template("errors/error.html", error=error, page_title=error.name), error.code

    @app.errorhandler(Exception)
    def server_error(error: Exception):
        # Logged without request data: bodies may hold a child's story.
        app.logger.exception("unhandled error on %s %s", request.method, request.url_rule)
        message = "Something went wrong on our side. What you told us is saved. Please try again in a few minutes."
        if _wants_json():
            return jsonify({"error": {"code": "server_error", "message": message}}), 500
        return render_template("errors/error.html", error=None, message=message, page_title="Sorry"), 500


def _refuse_oversized_bodies():
    # Werkzeug only refuses a large body when a view reads it; refuse it before routing instead.
    if request.content_length and request.content_length > MAX_CONTENT_LENGTH:
        abort(413)


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
    return response


def __getattr__(name: str):
    # `app` is built on first use (gunicorn, `flask --app wsgi`), not when tests import create_app.
    if name == "app":
        globals()["app"] = built = create_app()
        return built
    raise AttributeError(name)
