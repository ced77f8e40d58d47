"""Who may do what. Every staff view, query and export goes through these, not only the menus.

- officer: every complaint, the triage queue, reports.
- manager: only their own team's complaints and figures.
- admin: staff accounts and the team directory; no complaint data (least privilege).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import jsonify, redirect, request, url_for
from flask_login import current_user
from werkzeug.exceptions import Forbidden

from models.complaints import Complaint
from models.staff import Role, StaffUser

F = TypeVar("F", bound=Callable[..., Any])

OFFICER = Role.OFFICER.value
MANAGER = Role.MANAGER.value
ADMIN = Role.ADMIN.value
# The roles that may read complaints (each within what visible_team_ids allows).
CASEWORK_ROLES = (OFFICER, MANAGER)


def signed_in_user() -> StaffUser | None:
    """The signed-in staff member, or None."""
    user = current_user
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user  # type: ignore[return-value]


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

        wrapped.staff_roles = roles  # type: ignore[attr-defined]  # read by the route meta-test
        return wrapped  # type: ignore[return-value]

    return decorator


def api_error(status: int, code: str, message: str, field: str | None = None):
    error: dict[str, str] = {"code": code, "message": message}
    if field:
        error["field"] = field
    return jsonify({"error": error}), status


class ApiInputError(Exception):
    """Bad input to a JSON API; `response` is the 400 reply to return."""

    def __init__(self, code: str, message: str, field: str | None = None):
        super().__init__(message)
        self.response = api_error(400, code, message, field)


def json_text_field(name: str, max_length: int, example: str) -> tuple[dict, str]:
    """The request's JSON object and its non-empty text field `name`, or ApiInputError saying what to send."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiInputError("invalid_json", f'Send a JSON object like {{"{name}": "{example}"}}.')
    text = body.get(name)
    if not isinstance(text, str) or not text.strip():
        raise ApiInputError(f"invalid_{name}", f"Give the {name} as a non-empty string.", name)
    if len(text) > max_length:
        raise ApiInputError(f"{name}_too_long", f"Keep the {name} to {max_length} characters or fewer.", name)
    return body, text


def staff_api_required(*roles: str) -> Callable[[F], F]:
    """For JSON views: anonymous -> 401, wrong role -> 403, both as `{"error": {"code", "message"}}`."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args, **kwargs):
            user = signed_in_user()
            if user is None:
                return api_error(401, "unauthorised", "Sign in as staff to use this API.")
            if not has_role(user, roles):
                return api_error(403, "forbidden", "Your account cannot use this API.")
            return view(*args, **kwargs)

        wrapped.staff_roles = roles  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


def visible_team_ids(user: StaffUser | None) -> set[int] | None:
    """The teams whose complaints `user` may see: None means every team (officers); a set limits it.

    A manager sees their own team; an admin or anyone else sees none (an empty set), never everything.
    """
    if user is None:
        return set()
    if user.role == OFFICER:
        return None
    if user.role == MANAGER and user.team_id is not None:
        return {user.team_id}
    return set()


def scope_to_user(statement, user: StaffUser | None, team_column=None):
    """Limit a select() to the complaints `user` may see; `team_column` defaults to Complaint.team_id."""
    teams = visible_team_ids(user)
    if teams is None:
        return statement
    column = Complaint.team_id if team_column is None else team_column
    return statement.where(column.in_(sorted(teams)))


def can_see_complaint(user: StaffUser | None, complaint: Complaint) -> bool:
    teams = visible_team_ids(user)
    return teams is None or complaint.team_id in teams


def can_triage(user: StaffUser | None) -> bool:
    """Only officers assign complaints nobody has routed yet: a manager sees no team-less complaint."""
    return user is not None and user.role == OFFICER
