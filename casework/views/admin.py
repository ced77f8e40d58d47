"""Admin pages: staff accounts (add, change, switch off or on), the team directory (view, edit, add a team,
download as CSV) and the categories staff choose from."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from sqlmodel import select

from casework import accounts, category_admin, directory_admin, staff_admin
from casework.directory import export_directory
from casework.queue import team_choices
from casework.roles import ADMIN
from casework.views import bp
from models.staff import Role, StaffUser
from models.teams import Team
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


# --- the team directory, edited in the page -------------------------------------------------------------------------
def _team_or_404(slug: str) -> Team:
    team = db().exec(select(Team).where(Team.slug == slug)).first() if len(slug) <= 64 else None
    if team is None:
        abort(404, "There is no team with that short name.")
    return team


def _team_page(team: Team | None, form=None, errors=None, status=200):
    errors = errors or {}
    values = dict(form) if form is not None else directory_admin.form_values(db(), team)
    return render_template(
        "casework/admin_team.html",
        team=team,
        values=values,
        list_fields=directory_admin.LIST_FIELDS,
        managers=directory_admin.manager_accounts(db(), team) if team else [],
        manager_items=select_items(
            [(str(u.id), f"{u.name} ({u.email})") for u in directory_admin.manager_candidates(db(), team)],
            None,
            "Choose an account",
        )
        if team
        else [],
        errors=errors,
        error_list=error_list({f"team-{key}": message for key, message in errors.items()}),
        page_title=f"Change {team.name}" if team else "Add a team",
    ), status


@bp.route("/staff/admin/teams/new", methods=["GET", "POST"])
@staff_required(ADMIN)
def admin_team_new():
    if request.method == "GET":
        return _team_page(None)
    try:
        team, _changed = directory_admin.save_team(db(), settings(), staff_user(), None, request.form)
    except directory_admin.DirectoryEditError as error:
        return _team_page(None, request.form, {error.field: error.message}, 400)
    flash(f"{team.name} added. Complaints can be routed to it now.", "success")
    return redirect(url_for("casework.admin_team", slug=team.slug))


@bp.route("/staff/admin/teams/<slug>", methods=["GET", "POST"])
@staff_required(ADMIN)
def admin_team(slug: str):
    team = _team_or_404(slug)
    if request.method == "GET":
        return _team_page(team)
    try:
        team, changed = directory_admin.save_team(db(), settings(), staff_user(), slug, request.form)
    except directory_admin.DirectoryEditError as error:
        return _team_page(team, request.form, {error.field: error.message}, 400)
    # The save stamped the directory's version: every worker's router is rebuilt on its next request.
    flash(f"{team.name} saved. Routing uses the change now." if changed else "Nothing was changed.", "success")
    return redirect(url_for("casework.admin_team", slug=team.slug))


@bp.route("/staff/admin/teams/<slug>/managers", methods=["POST"])
@staff_required(ADMIN)
def admin_team_manager(slug: str):
    team = _team_or_404(slug)
    try:
        user = directory_admin.add_manager(db(), staff_user(), team, request.form.get("account", ""), now())
    except directory_admin.DirectoryEditError as error:
        return _team_page(team, None, {error.field: error.message}, 400)
    flash(f"{user.name} is now a manager of {team.name}. Every admin has been emailed.", "success")
    return redirect(url_for("casework.admin_team", slug=team.slug))


# --- one staff account ----------------------------------------------------------------------------------------------
def _account_page(user: StaffUser, form=None, errors=None, status=200):
    errors = errors or {}
    team = db().get(Team, user.team_id) if user.team_id else None
    values = (
        dict(form)
        if form is not None
        else {
            "name": user.name,
            "role": user.role,
            "team": team.slug if team else "",
            "active": "yes" if user.active else "no",
        }
    )
    return render_template(
        "casework/admin_account.html",
        user=user,
        values=values,
        me=signed_in_user(),
        role_items=select_items(
            [(role.value, f"{role.label}: {role.description}") for role in Role], values.get("role")
        ),
        team_items=select_items([(t.slug, t.name) for t in team_choices(db())], values.get("team", ""), "No team"),
        errors=errors,
        error_list=error_list({f"account-{key}": message for key, message in errors.items()}),
        page_title=f"Change {user.name}'s account",
    ), status


@bp.route("/staff/admin/accounts/<int(max=2147483647):user_id>", methods=["GET", "POST"])
@staff_required(ADMIN)
def admin_account(user_id: int):
    user = db().get(StaffUser, user_id)
    if user is None:
        abort(404, "There is no such account.")
    if request.method == "GET":
        return _account_page(user)
    form = request.form
    try:
        user = staff_admin.update_account(
            db(),
            staff_user(),
            user_id,
            name=form.get("name", ""),
            role=form.get("role", ""),
            team_slug=form.get("team", ""),
            active=form.get("active", "yes") == "yes",
            now=now(),
        )
    except accounts.AccountError as error:
        db().rollback()  # a refused change saves none of the form, not half of it
        return _account_page(db().get(StaffUser, user_id) or user, form, {error.field or "name": error.message}, 400)
    flash(f"{user.name}'s account is saved: {staff_admin.role_words(db(), user)}.", "success")
    return redirect(url_for("casework.admin_staff"))


# --- categories staff choose from -----------------------------------------------------------------------------------
def _categories_page(errors=None, form=None, status=200):
    errors = errors or {}
    return render_template(
        "casework/admin_categories.html",
        kinds=[(kind, category_admin.categories(db(), kind)) for kind in category_admin.CATEGORY_KINDS.values()],
        errors=errors,
        error_list=error_list(errors),
        form=form or {},
        page_title="Categories",
    ), status


@bp.route("/staff/admin/categories")
@staff_required(ADMIN)
def admin_categories():
    return _categories_page()


@bp.route("/staff/admin/categories/<key>", methods=["POST"])
@staff_required(ADMIN)
def admin_category_add(key: str):
    kind = category_admin.kind_of(key) or abort(404)
    try:
        row = category_admin.add(db(), staff_user(), kind, request.form.get("label", ""))
    except category_admin.CategoryError as error:
        return _categories_page({f"add-{key}-label": error.message}, request.form, 400)
    flash(f"{row.label} added to {kind.title.lower()}.", "success")
    return redirect(url_for("casework.admin_categories"))


@bp.route("/staff/admin/categories/<key>/<int(max=2147483647):category_id>", methods=["POST"])
@staff_required(ADMIN)
def admin_category_change(key: str, category_id: int):
    kind = category_admin.kind_of(key) or abort(404)
    try:
        row = category_admin.change(
            db(),
            staff_user(),
            kind,
            category_id,
            label=request.form.get("label", ""),
            # The form sends "no" always and "yes" when the box is ticked.
            active="yes" in request.form.getlist("active"),
        )
    except category_admin.CategoryError as error:
        return _categories_page({f"{key}-{category_id}-label": error.message}, request.form, 400)
    flash(f"{row.label} saved.", "success")
    return redirect(url_for("casework.admin_categories"))
