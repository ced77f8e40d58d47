"""Who is signed in, and the checks every staff view and staff API goes through.

Sessions carry the user id and a version, so sign-out, a password or role change and switching an account off end
every session of it at once (the version is on the account, in the database, checked on every request); the time
of sign-in, so a session ends after a working day however active it is; and a hash of the browser that signed in.
Who may see which complaints is decided in casework/roles.py; here is only whether the signed-in person has one
of a view's roles.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import wraps
from typing import Any, TypeVar, cast
from urllib.parse import urlsplit

from flask import Flask, redirect, request, session, url_for
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import Forbidden, Unauthorized

from extensions import login_manager
from models.staff import StaffUser
from web.context import now
from web.errors import ApiError, api_error_response, http_error_response
from web.session import db

F = TypeVar("F", bound=Callable[..., Any])

# The challenge on a staff API's 401: the staff APIs take the session a staff member signs in to, not a token.
STAFF_CHALLENGE = 'Session realm="staff", sign-in="/staff/sign-in"'
SESSION_LIFETIME = timedelta(hours=8)
SIGNED_IN_AT = "signed_in_at"
BOUND_TO = "bound_to"


@login_manager.user_loader
def load_user(user_id: str) -> StaffUser | None:
    ident, _, version = user_id.partition(":")
    if not ident.isdigit() or not version.isdigit():
        return None
    if session_expired() or session.get(BOUND_TO) != _browser():
        return None
    user = db().get(StaffUser, int(ident))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


def mark_signed_in() -> None:
    """Called at sign-in: the session is permanent (cookie expiry), stamped (absolute expiry) and bound to the
    browser that signed in."""
    session.permanent = True
    session[SIGNED_IN_AT] = int(now().timestamp())
    session[BOUND_TO] = _browser()


def _browser() -> str:
    """The address and browser that signed in, hashed. A cookie replayed from elsewhere is not signed in.

    Flask-Login's "strong" protection does not do this for a permanent session (it only marks it not fresh), and
    our sessions are permanent so that they expire. The session version (below) is what ends a session for good.
    """
    seen = f"{request.remote_addr}|{request.headers.get('User-Agent', '')}"
    return hashlib.sha256(seen.encode()).hexdigest()


def session_expired() -> bool:
    stamp = session.get(SIGNED_IN_AT)
    if not isinstance(stamp, int):
        return True
    return now() - datetime.fromtimestamp(stamp, UTC) > SESSION_LIFETIME


def _signed_out() -> ApiError:
    return ApiError(
        401, "unauthorised", "Sign in as staff to use this API.", headers={"WWW-Authenticate": STAFF_CHALLENGE}
    )


def _csrf_refused(error: CSRFError):
    # Flask-WTF checks the token before any view. Signed out, the answer that helps is "sign in" (a 401), not
    # "CSRF token missing": without a session there was never a token to send.
    if request.path.startswith("/api/") and signed_in_user() is None:
        return api_error_response(_signed_out())
    return http_error_response(error)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_refused)
    login_manager.login_view = "casework.sign_in"
    login_manager.login_message = "Sign in to see this page."
    login_manager.session_protection = "strong"
    # Idle sessions end after the lifetime too (the signed cookie carries its age).
    app.config["PERMANENT_SESSION_LIFETIME"] = SESSION_LIFETIME
    # We offer no "remember me"; should anything set that cookie, it would not outlive a day.
    app.config["REMEMBER_COOKIE_DURATION"] = SESSION_LIFETIME
    app.config["REMEMBER_COOKIE_HTTPONLY"] = True
    app.config["REMEMBER_COOKIE_SECURE"] = app.config.get("SESSION_COOKIE_SECURE", False)


def signed_in_user() -> StaffUser | None:
    """The signed-in staff member, or None (Flask-Login's anonymous user is not a StaffUser)."""
    user = current_user  # a proxy: isinstance sees the object behind it
    return user if isinstance(user, StaffUser) and user.is_authenticated else None


def staff_user() -> StaffUser:
    """The signed-in staff member, in a view behind `staff_required` (which has already turned anyone else away)."""
    user = signed_in_user()
    if user is None:
        raise Unauthorized("Sign in to see this page.")
    return user


def has_role(user: StaffUser | None, roles: tuple[str, ...]) -> bool:
    return user is not None and (not roles or user.role in roles)


def safe_next(target: str | None) -> str | None:
    """`target` when it is a plain path on this site (where to go back to after signing in), else None.

    Anything else would make the sign-in page an open redirect. Browsers drop tabs and newlines from a URL
    and read a backslash as a slash, so "/<tab>/evil.example" and "/\\evil.example" leave the site too.
    """
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    if any(ord(char) <= 0x20 or ord(char) == 0x7F for char in target):
        return None
    parts = urlsplit(target)
    return None if parts.scheme or parts.netloc else target


def staff_required(*roles: str) -> Callable[[F], F]:
    """For HTML views: anonymous -> the sign-in page (then back); signed in with another role -> 403.

    With no roles, any signed-in staff member may see the view.
    """

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args, **kwargs):
            user = signed_in_user()
            if user is None:
                # Back to the page after signing in; a form's address would answer a GET with 405, so not those.
                target = safe_next(request.full_path.rstrip("?")) if request.method == "GET" else None
                return redirect(url_for("casework.sign_in", next=target))
            if not has_role(user, roles):
                raise Forbidden("Your account cannot see this page. Ask a complaints officer if you need it.")
            return view(*args, **kwargs)

        # A function attribute mypy cannot see declared; tests/test_route_authentication.py reads it.
        wrapped.staff_roles = roles  # type: ignore[attr-defined]
        return cast(F, wrapped)  # functools.wraps keeps the view's signature, which mypy does not follow

    return decorator


def json_text_field(name: str, max_length: int, example: str) -> tuple[dict, str]:
    """The request's JSON object and its non-empty text field `name`, or ApiError (400) saying what to send."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, "invalid_json", f'Send a JSON object like {{"{name}": "{example}"}}.')
    text = body.get(name)
    if not isinstance(text, str) or not text.strip():
        raise ApiError(400, f"invalid_{name}", f"Give the {name} as a non-empty string.", name)
    if len(text) > max_length:
        raise ApiError(400, f"{name}_too_long", f"Keep the {name} to {max_length} characters or fewer.", name)
    return body, text


def staff_api_required(*roles: str) -> Callable[[F], F]:
    """For JSON views: anonymous -> 401, wrong role -> 403, both as `{"error": {"code", "message"}}`."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args, **kwargs):
            user = signed_in_user()
            if user is None:
                raise _signed_out()
            if not has_role(user, roles):
                raise ApiError(403, "forbidden", "Your account cannot use this API.")
            return view(*args, **kwargs)

        wrapped.staff_roles = roles  # type: ignore[attr-defined]  # as in staff_required
        return cast(F, wrapped)

    return decorator
