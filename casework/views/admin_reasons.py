"""Admin page: the list of reasons a complaint can be about (add one, rename one, switch one off)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from casework import categories
from casework.roles import ADMIN
from casework.views import bp
from web.auth import staff_required, staff_user
from web.forms import error_list
from web.session import db


def _page(errors=None, form=None, status=200):
    errors = errors or {}
    return render_template(
        "casework/admin_reasons.html",
        reasons=categories.reason_categories(db()),
        errors=errors,
        error_list=error_list(errors),
        form=form,
        page_title="Reasons for complaints",
    ), status


@bp.route("/staff/admin/reasons")
@staff_required(ADMIN)
def admin_reasons():
    return _page()


@bp.route("/staff/admin/reasons", methods=["POST"])
@staff_required(ADMIN)
def admin_reasons_add():
    try:
        category = categories.add_reason(db(), staff_user(), request.form.get("label", ""))
    except categories.CategoryRefused as error:
        return _page({"add-label": error.message}, request.form, 400)
    flash(f"Added the reason {category.label}.", "success")
    return redirect(url_for("casework.admin_reasons"))


@bp.route("/staff/admin/reasons/<int(max=2147483647):category_id>", methods=["POST"])
@staff_required(ADMIN)
def admin_reasons_change(category_id: int):
    form = request.form
    try:
        category = categories.change_reason(
            db(), staff_user(), category_id, label=form.get("label", ""), active=form.get("active") == "yes"
        )
    except categories.CategoryRefused as error:
        return _page({f"reason-{category_id}": error.message}, None, 400)
    flash(f"Saved {category.label}{'' if category.active else ' (switched off)'}.", "success")
    return redirect(url_for("casework.admin_reasons"))
