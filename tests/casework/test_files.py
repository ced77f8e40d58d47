"""Files kept with a complaint: the type read from the content, 20 MB each, kept outside the web root, served as
a download only to staff who may see the complaint; the complainant adds through their private link; purge and
subject access."""

from __future__ import annotations

import io
import stat
from datetime import date

from sqlmodel import select
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from casework.files import TOO_BIG, WRONG_TYPE, clean_filename
from casework.purge import purge_closed_before
from casework.subject_access import export_complaint
from models.audit import Action, AuditEvent
from models.complaints import Complaint
from models.records import Attachment, CaseEntry
from tests.factories import add_complaint, london
from tests.html import Page

TODAY = date(2026, 11, 26)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200 + b"This program cannot be run"
TOKEN = "status-token-for-files-" + "x" * 20


def text_of(html: str) -> str:
    return Page(html).one("main").text


def complaint_of(write, team="leaving-care", **kwargs):
    return write(lambda s: add_complaint(s, team=team, received=london(TODAY), token=TOKEN, **kwargs).reference)


def multipart(url: str, client, **fields):
    """POST a form with files, encoded in memory: Flask's test client leaves the temporary file it spools a large
    body to unclosed (a ResourceWarning, an error under -W error), so big bodies are encoded here instead."""
    values = {
        key: FileStorage(value[0], filename=value[1], content_type="application/octet-stream")
        if isinstance(value, tuple)
        else value
        for key, value in fields.items()
    }
    boundary, body = encode_multipart(MultiDict(values))
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def upload(client, reference, data: bytes, name: str):
    return multipart(f"/staff/complaints/{reference}/files", client, file=(io.BytesIO(data), name))


def test_a_pdf_is_kept_outside_the_web_root_and_served_only_as_a_download(signed_in, write, db_session, settings):
    reference = complaint_of(write)
    officer = signed_in("officer")

    response = upload(officer, reference, PDF, "Letter from school.pdf")

    assert response.status_code == 303
    item = db_session.exec(select(Attachment)).one()
    assert (item.filename, item.content_type, item.size) == ("Letter from school.pdf", "application/pdf", len(PDF))
    stored = settings.instance_dir / "files" / item.storage_key
    assert stored.read_bytes() == PDF and stat.S_IMODE(stored.stat().st_mode) == 0o600
    page = officer.get(f"/staff/complaints/{reference}").get_data(as_text=True)
    assert "Letter from school.pdf" in text_of(page)
    download = officer.get(f"/staff/complaints/{reference}/files/{item.id}")
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.headers["Content-Disposition"].startswith('attachment; filename="Letter from school.pdf"')
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    actions = db_session.exec(select(AuditEvent.action).where(AuditEvent.complaint_id.is_not(None))).all()
    assert Action.FILE_ADDED in actions and Action.FILE_DOWNLOADED in actions


def test_an_exe_renamed_pdf_is_refused_by_its_content(signed_in, write, db_session):
    reference = complaint_of(write)
    response = upload(signed_in("officer"), reference, EXE, "report.pdf")

    assert response.status_code == 400
    assert WRONG_TYPE in text_of(response.get_data(as_text=True))
    assert db_session.exec(select(Attachment)).all() == []


def test_a_25_mb_file_gets_a_clear_message_not_a_bare_error(signed_in, write, db_session):
    reference = complaint_of(write)
    response = upload(signed_in("officer"), reference, PDF + b"0" * (25 * 1024 * 1024), "scan.pdf")

    assert response.status_code == 413
    assert TOO_BIG in text_of(response.get_data(as_text=True))
    assert db_session.exec(select(Attachment)).all() == []


def test_a_manager_of_another_team_cannot_download_or_upload(signed_in, write, db_session):
    reference = complaint_of(write, team="assessments")
    upload(signed_in("officer"), reference, PDF, "a.pdf")
    item = db_session.exec(select(Attachment)).one()
    manager = signed_in("manager")  # Leaving Care's

    assert manager.get(f"/staff/complaints/{reference}/files/{item.id}").status_code == 404
    assert upload(manager, reference, PDF, "b.pdf").status_code == 404


def test_the_complainant_adds_words_and_a_file_through_their_link(staff_app, write, db_session, signed_in):
    reference = complaint_of(write)
    client = staff_app.test_client()  # the casework app, CSRF off (tests/casework/test_csrf.py covers it)

    response = client.post(
        f"/status/{TOKEN}/add",
        data={"text": "Here is the letter they sent me.", "file": (io.BytesIO(PDF), "letter.pdf")},
        content_type="multipart/form-data",
    )

    assert response.status_code == 303
    entry = db_session.exec(select(CaseEntry)).one()
    assert (entry.kind, entry.direction, entry.by_label) == ("message", "in", "complainant")
    assert db_session.exec(select(Attachment)).one().entry_id == entry.id
    status_page = text_of(client.get(f"/status/{TOKEN}?shown=added").get_data(as_text=True))
    assert "Thank you. We have added it to your complaint." in status_page
    assert "You added more information." in status_page
    staff_page = text_of(signed_in("officer").get(f"/staff/complaints/{reference}").get_data(as_text=True))
    assert "Here is the letter they sent me." in staff_page and "letter.pdf" in staff_page


def test_the_complainant_keeps_what_they_typed_when_a_file_is_refused(staff_app, write, db_session):
    complaint_of(write)
    client = staff_app.test_client()
    words = "The school wrote to me & I don't understand it"

    too_big = multipart(
        f"/status/{TOKEN}/add", client, text=words, file=(io.BytesIO(PDF + b"0" * (25 * 1024 * 1024)), "big.pdf")
    )
    wrong = client.post(
        f"/status/{TOKEN}/add",
        data={"text": words, "file": (io.BytesIO(EXE), "photo.pdf")},
        content_type="multipart/form-data",
    )
    empty = client.post(f"/status/{TOKEN}/add", data={"text": "  "}, content_type="multipart/form-data")

    assert too_big.status_code == 413 and TOO_BIG in text_of(too_big.get_data(as_text=True))
    assert wrong.status_code == 400 and WRONG_TYPE in text_of(wrong.get_data(as_text=True))
    for refused in (too_big, wrong):
        assert Page(refused.get_data(as_text=True)).one("#add-text").text == words
    assert empty.status_code == 400
    assert "Write something or choose a file to add." in text_of(empty.get_data(as_text=True))
    assert db_session.exec(select(CaseEntry)).all() == [] and db_session.exec(select(Attachment)).all() == []


def test_purge_deletes_the_files_and_subject_access_lists_them(signed_in, write, db_session, settings):
    reference = write(
        lambda s: add_complaint(s, team="leaving-care", received=date(2018, 1, 10), responded={1: date(2018, 1, 20)})
    ).reference
    upload(signed_in("officer"), reference, PDF, "photo of the flat.pdf")
    signed_in("officer").post(f"/staff/complaints/{reference}/notes", data={"body": "Sam's landlord rang."})
    complaint = db_session.exec(select(Complaint).where(Complaint.reference == reference)).one()
    item = db_session.exec(select(Attachment)).one()
    exported = export_complaint(db_session, complaint)
    assert [f["filename"] for f in exported["files"]] == ["photo of the flat.pdf"]
    assert exported["correspondence"][0]["body"] == "Sam's landlord rang."
    stored = settings.instance_dir / "files" / item.storage_key
    assert stored.exists()

    report = purge_closed_before(db_session, date(2020, 1, 1), settings.timezone, london(TODAY), settings)

    assert report.files == 1 and not stored.exists()
    assert db_session.exec(select(Attachment)).all() == []
    assert db_session.exec(select(CaseEntry.body)).all() == [""]


def test_a_file_name_is_cleaned_of_folders_and_control_characters():
    assert clean_filename("C:\\Users\\sam\\..\\evil\x07.pdf", "application/pdf") == "evil.pdf"
    assert clean_filename("", "application/pdf") == "file"
