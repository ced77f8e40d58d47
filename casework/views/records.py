"""The complaint's notes, correspondence, files and letters (their forms are on the case page), the "to post"
list, and the letter templates admins edit. Each view reads the form and calls the logic; a refusal redraws the
page with a 4xx and what was typed kept."""

from __future__ import annotations

from urllib.parse import quote

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from werkzeug.datastructures import FileStorage

from casework import audit, correspondence, files, letters
from casework.actions import ActionRefused
from casework.letter_wording import DEFAULT_LETTERS, LETTER_NAMES
from casework.roles import ADMIN, CASEWORK_ROLES
from casework.views import bp
from casework.views.action_context import action_context
from casework.views.complaint import _complaint_or_404, render_complaint
from models.audit import Action
from models.records import Attachment
from web.auth import staff_required
from web.forms import date_from, error_list


def upload_of(name: str = "file") -> FileStorage | None:
    """The uploaded file, or None when the field was left empty."""
    upload = request.files.get(name)
    return upload if upload is not None and upload.filename else None


def _refused(ctx, complaint, action: str, refused: ActionRefused, status: int = 400):
    errors = {f"{action}-{refused.field}" if refused.field else action: refused.message}
    return render_complaint(ctx, complaint, errors=errors, open_action=action, form=request.form, status=status)


def _done(complaint, message: str, anchor: str = "records"):
    flash(message, "success")
    return redirect(url_for("casework.complaint", reference=complaint.reference, _anchor=anchor), 303)


@bp.post("/staff/complaints/<reference>/notes")
@staff_required(*CASEWORK_ROLES)
def complaint_note(reference: str):
    ctx = action_context()
    found = _complaint_or_404(ctx, reference, for_update=True)
    try:
        correspondence.add_note(ctx, found, request.form.get("body", ""))
    except ActionRefused as refused:
        return _refused(ctx, found, "note", refused)
    return _done(found, "The note was added.")


@bp.post("/staff/complaints/<reference>/contacts")
@staff_required(*CASEWORK_ROLES)
def complaint_contact(reference: str):
    ctx = action_context()
    found = _complaint_or_404(ctx, reference, for_update=True)
    form = request.form
    try:
        correspondence.record_contact(
            ctx,
            found,
            kind=form.get("kind", ""),
            direction=form.get("direction", ""),
            on=date_from(form, "on"),
            summary=form.get("summary", ""),
            body=form.get("body", ""),
        )
    except ActionRefused as refused:
        return _refused(ctx, found, "contact", refused)
    return _done(found, "It was added to the log.")


@bp.post("/staff/complaints/<reference>/files")
@staff_required(*CASEWORK_ROLES)
def complaint_file(reference: str):
    ctx = action_context()
    found = _complaint_or_404(ctx, reference, for_update=True)
    upload = upload_of()
    try:
        correspondence.may_write(ctx, found)
        if upload is None:
            raise files.FileRefused("Choose a file to add", "file")
        checked = files.check_file(ctx.settings, upload.filename or "", upload.stream)
        item = files.keep(ctx.session, ctx.settings, found, checked, by=ctx.actor)
    except ActionRefused as refused:
        status = 413 if refused.message == files.TOO_BIG else 400
        return _refused(ctx, found, "file", refused, status)
    audit.record(
        ctx.session,
        ctx.actor,
        found,
        Action.FILE_ADDED,
        after={"file": item.id, "type": item.content_type, "size": item.size, "scan": item.scan},
    )
    return _done(found, f"{item.filename} was added.", "files")


@bp.get("/staff/complaints/<reference>/files/<int:file_id>")
@staff_required(*CASEWORK_ROLES)
def complaint_file_download(reference: str, file_id: int):
    ctx = action_context()
    found = _complaint_or_404(ctx, reference)
    item = ctx.session.get(Attachment, file_id)
    if item is None or item.complaint_id != found.id:
        abort(404, "There is no such file on this complaint.")
    try:
        data = files.read(ctx.settings, item)
    except (OSError, KeyError):
        abort(404, "The file is missing from the store. Tell the service's administrator.")
    audit.record(ctx.session, ctx.actor, found, Action.FILE_DOWNLOADED, after={"file": item.id})
    return _download(data, item.content_type, item.filename)


def _download(data: bytes, content_type: str, filename: str):
    """Always a download, never shown in the page: a file a stranger sent must not run as this site."""
    response = make_response(data)
    ascii_name = "".join(ch if ch.isascii() and ch.isprintable() and ch not in '"\\' else "_" for ch in filename)
    response.headers["Content-Type"] = content_type
    response.headers["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# --- letters ---------------------------------------------------------------------------------------------------------


@bp.get("/staff/complaints/<reference>/letters/new")
@staff_required(*CASEWORK_ROLES)
def letter_new(reference: str):
    ctx = action_context()
    found = _complaint_or_404(ctx, reference)
    slug = request.args.get("kind", "")
    try:
        correspondence.may_write(ctx, found)
        written = letters.draft(ctx.session, found, ctx.settings, ctx.today, slug, ctx.actor.name)
    except ActionRefused as refused:
        return _refused(ctx, found, "letter", refused)
    return _letter_page(found, written.slug, written.name, written.subject, written.body, {})


def _letter_page(complaint, slug, name, subject, body, errors, status=200):
    return render_template(
        "casework/letter.html",
        c=complaint,
        slug=slug,
        name=name,
        subject=subject,
        body=body,
        how=request.form.getlist("how") if request.method == "POST" else ["email"] if complaint.email else ["post"],
        errors=errors,
        error_list=error_list(errors),
        page_title=f"{name}: {complaint.reference}",
    ), status


@bp.post("/staff/complaints/<reference>/letters")
@staff_required(*CASEWORK_ROLES)
def letter_send(reference: str):
    ctx = action_context()
    found = _complaint_or_404(ctx, reference, for_update=True)
    form = request.form
    slug = form.get("kind", "")
    try:
        entry = letters.send_letter(
            ctx, found, slug=slug, subject=form.get("subject", ""), body=form.get("body", ""), how=form.getlist("how")
        )
    except ActionRefused as refused:
        name = DEFAULT_LETTERS[slug].name if slug in DEFAULT_LETTERS else "Letter"
        errors = {f"letter-{refused.field or 'body'}": refused.message}
        return _letter_page(found, slug, name, form.get("subject", ""), form.get("body", ""), errors, 400)
    words = {"emailed": "The letter will be emailed.", "to-post": "The letter is in the list to post."}
    if entry.outbox_message_id and entry.delivery == "to-post":
        message = "The letter will be emailed, and a copy is in the list to post."
    else:
        message = words.get(entry.delivery, "The letter was saved.")
    return _done(found, message)


@bp.get("/staff/complaints/<reference>/letters/<int:entry_id>.pdf")
@staff_required(*CASEWORK_ROLES)
def letter_pdf(reference: str, entry_id: int):
    ctx = action_context()
    found = _complaint_or_404(ctx, reference)
    entry = letters.letter_entry(ctx.session, found, entry_id)
    if entry is None:
        abort(404, "There is no such letter on this complaint.")
    audit.record(ctx.session, ctx.actor, found, Action.LETTER_PRINTED, after={"entry": entry.id})
    pdf = letters.letter_pdf(found, entry, ctx.settings)
    return _download(pdf, "application/pdf", f"{found.reference}-letter-{entry.id}.pdf")


@bp.get("/staff/to-post")
@staff_required(*CASEWORK_ROLES)
def to_post():
    ctx = action_context()
    waiting = letters.to_post(ctx.session, ctx.actor)
    return render_template("casework/to_post.html", waiting=waiting, page_title="Letters to post")


@bp.post("/staff/complaints/<reference>/letters/<int:entry_id>/posted")
@staff_required(*CASEWORK_ROLES)
def letter_posted(reference: str, entry_id: int):
    ctx = action_context()
    found = _complaint_or_404(ctx, reference, for_update=True)
    entry = letters.letter_entry(ctx.session, found, entry_id)
    if entry is None:
        abort(404, "There is no such letter on this complaint.")
    try:
        letters.mark_posted(ctx, found, entry)
    except ActionRefused as refused:
        abort(409, refused.message)
    flash(f"The letter for {found.reference} is marked as posted.", "success")
    return redirect(url_for("casework.to_post"), 303)


# --- the templates, for admins ---------------------------------------------------------------------------------------


@bp.get("/staff/admin/letters")
@staff_required(ADMIN)
def admin_letters():
    ctx = action_context()
    kinds = [letters.wording(ctx.session, slug) for slug in DEFAULT_LETTERS]
    return render_template("casework/admin_letters.html", kinds=kinds, page_title="Letter templates")


@bp.route("/staff/admin/letters/<slug>", methods=["GET", "POST"])
@staff_required(ADMIN)
def admin_letter(slug: str):
    ctx = action_context()
    if slug not in DEFAULT_LETTERS:
        abort(404)
    current = letters.wording(ctx.session, slug)
    subject, body = current.subject, current.body
    errors: dict[str, str] = {}
    shown = None
    status = 200
    if request.method == "POST":
        subject, body = request.form.get("subject", ""), request.form.get("body", "")
        try:
            if request.form.get("do") == "save":
                letters.save_template(ctx, slug, subject, body)
                flash(f"The {current.kind.name.lower()} letter was saved.", "success")
                return redirect(url_for("casework.admin_letters"), 303)
            if request.form.get("do") == "reset":
                subject, body = current.kind.subject, current.kind.body
            shown = letters.preview(ctx.settings, ctx.today, subject, body)
        except ActionRefused as refused:
            errors = {f"template-{refused.field or 'body'}": refused.message}
            status = 400
    return render_template(
        "casework/admin_letter.html",
        kind=current.kind,
        subject=subject,
        body=body,
        names=LETTER_NAMES,
        shown=shown,
        errors=errors,
        error_list=error_list(errors),
        page_title=f"Letter template: {current.kind.name}",
    ), status
