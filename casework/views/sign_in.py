"""Sign in, sign out, and reset a forgotten password by an emailed link."""

from __future__ import annotations

from flask import redirect, render_template, request, session, url_for
from flask_login import login_user, logout_user

from casework import accounts
from casework.views import bp, sign_in_throttle
from extensions import limiter
from models.staff import Role
from web.auth import mark_signed_in, safe_next, signed_in_user, staff_required, staff_user
from web.context import now, settings
from web.forms import error_list
from web.session import db

# Slows guessing from one address; failures per account and address (sign_in_throttle) stop it.
SIGN_IN_LIMIT = "10 per minute;50 per hour"
TOO_MANY = "Too many attempts from this computer. Wait a few minutes, then try again."
# The one answer to every failed sign-in: unknown email, wrong password, switched-off account.
NOT_SIGNED_IN = "Enter the email address and password of a staff account"


def _home_for(user) -> str:
    return url_for("casework.queue") if user.role in ("officer", "manager") else url_for("casework.admin_staff")


@bp.route("/staff/sign-in", methods=["GET", "POST"])
@limiter.limit(SIGN_IN_LIMIT, methods=["POST"], error_message=TOO_MANY)
def sign_in():
    user = signed_in_user()
    if request.method == "GET" and user is not None:
        return redirect(_home_for(user))
    errors: dict[str, str] = {}
    email = request.form.get("email", "").strip()
    if request.method == "POST":
        password = request.form.get("password", "")
        if not email:
            errors["email"] = "Enter your email address"
        if not password:
            errors["password"] = "Enter your password"
        if not errors and sign_in_throttle.slowed_down(email):
            # Before any look-up, whatever the email: it says nothing about whether the account exists.
            errors["email"] = TOO_MANY
            return _sign_in_page(errors, email, 429)
        if not errors:
            user = accounts.sign_in(db(), settings(), email, password)
            if user is not None:
                session.clear()  # a fresh session at sign-in: nothing from before survives (fixation)
                login_user(user)
                mark_signed_in()
                return redirect(safe_next(request.args.get("next")) or _home_for(user))
            sign_in_throttle.count_failure(email)
            errors["email"] = NOT_SIGNED_IN
    return _sign_in_page(errors, email, 200)


def _sign_in_page(errors: dict[str, str], email: str, status: int):
    # A failed attempt is 200, like the form: it writes nothing, and differs from no other failure.
    return render_template(
        "casework/sign_in.html", errors=errors, error_list=error_list(errors), email=email, page_title="Sign in"
    ), status
    return render_template(
        "casework/sign_in.html", errors=errors, error_list=error_list(errors), email=email, page_title="Sign in"
    )


@bp.route("/staff/sign-out", methods=["POST"])
@staff_required()
def sign_out():
    # The cookie is only a signed note of the account and its session version: forgetting it here would leave a
    # copy of it working. Bumping the version ends every session of the account, on every device, at once.
    accounts.end_sessions(db(), staff_user())
    logout_user()
    session.clear()
    return redirect(url_for("casework.sign_in"))


@bp.route("/staff/account")
@staff_required()
def account():
    user = staff_user()
    return render_template("casework/account.html", user=user, role=Role(user.role).label, page_title="Your account")


@bp.route("/staff/forgot-password", methods=["GET", "POST"])
@limiter.limit(SIGN_IN_LIMIT, methods=["POST"], error_message=TOO_MANY)
def forgot_password():
    errors: dict[str, str] = {}
    if request.method == "POST":
        email = request.form.get("email", "").strip()
        if not email:
            errors["email"] = "Enter your email address"
        else:
            # The same answer whether or not the account exists: the page must not confirm who works here.
            accounts.request_reset(db(), email, settings().base_url, now())
            return render_template("casework/reset_sent.html", page_title="Check your email")
    return render_template(
        "casework/forgot_password.html", errors=errors, error_list=error_list(errors), page_title="Reset your password"
    )


@bp.route("/staff/reset-password/<token>", methods=["GET", "POST"])
@limiter.limit(SIGN_IN_LIMIT, methods=["POST"], error_message=TOO_MANY)
def reset_password(token: str):
    if accounts.reset_token_row(db(), token, now()) is None:
        return render_template("casework/reset_expired.html", page_title="This link has expired"), 404
    errors: dict[str, str] = {}
    if request.method == "POST":
        password = request.form.get("password", "")
        if password != request.form.get("confirm", ""):
            errors["confirm"] = "Enter the same password twice"
        else:
            try:
                accounts.reset_password(db(), settings(), token, password, now())
            except accounts.AccountError as error:
                errors[error.field or "password"] = error.message
            else:
                logout_user()
                return redirect(url_for("casework.sign_in", reset="done"))
    return render_template(
        "casework/reset_password.html",
        errors=errors,
        error_list=error_list(errors),
        token=token,
        page_title="Choose a new password",
    ), (400 if errors else 200)
