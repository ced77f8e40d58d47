"""Admin pages: staff accounts (add, switch off or on) and the team directory (view, download as CSV)."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for

from casework import accounts, staff_admin
from casework.directory import export_directory
from casework.queue import team_choices
from casework.roles import ADMIN
from casework.views import bp
from models.staff import Role
from web.auth import signed_in_user, staff_required, staff_user
from web.context import now, settings
from web.forms import error_list
from web.govuk import select_items
from web.session import db


def _staff_page(errors=None, form=None, status=200):
    errors = errors or {}
    return render_template(
        "casework/admin_staff.html",
        # Each account with its role in words ("Team manager, Leaving Care").
        staff=[
            (user, Role(user.role).label + (f", {team.name}" if team else ""))
            for user, team in staff_admin.list_staff(db())
        ],
        role_items=select_items(
            [(role.value, f"{role.label}: {role.description}") for role in Role],
            form.get("role") if form else "",
            "Choose a role",
        ),
        team_items=select_items(
            [(team.slug, team.name) for team in team_choices(db())], form.get("team") if form else "", "No team"
        ),
        account_items=select_items(
            [(str(user.id), f"{user.name} ({user.email})") for user, _team in staff_admin.list_staff(db())],
            form.get("account") if form else "",
            "Choose an account",
        ),
        errors=errors,
        error_list=error_list(errors),
        form=form,
        me=signed_in_user(),
        page_title="Staff accounts",
    ), status


@bp.route("/staff/admin/accounts")
@staff_required(ADMIN)
def admin_staff():
    return _staff_page()


@bp.route("/staff/admin/accounts", methods=["POST"])
@staff_required(ADMIN)
def admin_staff_add():
    form = request.form
    try:
        user = staff_admin.add_staff(
            db(),
            settings(),
            staff_user(),
            email=form.get("email", ""),
            name=form.get("name", ""),
            role=form.get("role", ""),
            team_slug=form.get("team", ""),
            now=now(),
        )
    except accounts.AccountError as error:
        return _staff_page({f"add-{error.field or 'email'}": error.message}, form, 400)
    flash(f"Account added. We have emailed {user.email} a link to choose a password.", "success")
    return redirect(url_for("casework.admin_staff"))


@bp.route("/staff/admin/accounts/role", methods=["POST"])
@staff_required(ADMIN)
def admin_staff_role():
    form = request.form
    account = form.get("account", "")
    if not account.isdigit() or len(account) > 9:
        return _staff_page({"role-account": "Choose an account"}, form, 400)
    try:
        user = staff_admin.set_role(db(), staff_user(), int(account), form.get("role", ""), form.get("team"), now())
    except accounts.AccountError as error:
        return _staff_page({f"role-{error.field or 'account'}": error.message}, form, 400)
    flash(f"{user.name} is now {staff_admin.role_words(db(), user)}. Every admin has been emailed.", "success")
    return redirect(url_for("casework.admin_staff"))


# max: a larger number is no account (a 404), not an integer the database cannot hold (a 500).
@bp.route("/staff/admin/accounts/<int(max=2147483647):user_id>/<any(enable, disable):change>", methods=["POST"])
@staff_required(ADMIN)
def admin_staff_active(user_id: int, change: str):
    try:
        user = staff_admin.set_active(db(), staff_user(), user_id, change == "enable", now())
    except accounts.AccountError as error:
        return _staff_page({"accounts": error.message}, None, 400)
    flash(f"{user.name} can {'now' if user.active else 'no longer'} sign in.", "success")
    return redirect(url_for("casework.admin_staff"))


@bp.route("/staff/admin/teams")
@staff_required(ADMIN)
def admin_teams():
    return render_template("casework/admin_teams.html", teams=staff_admin.all_teams(db()), page_title="Team directory")


@bp.route("/staff/admin/teams.csv")
@staff_required(ADMIN)
def admin_teams_csv():
    return Response(
        export_directory(db()),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="teams.csv"'},
    )
