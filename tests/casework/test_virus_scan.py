"""Virus scanning through a real clamd (Debian's clamav-daemon), over its Unix socket with INSTREAM.

The signature database cannot be downloaded here (freshclam has no network), so clamd runs with a database of
one signature written by the test: the MD5 of one particular PDF. A file with that content is a virus to clamd,
any other is clean; the protocol, the daemon and our handling are all real. Skipped where clamd is not installed
(.ci/run installs it)."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from casework.files import INFECTED, SCAN_DOWN, clamd_scan
from models.records import Attachment
from tests.casework.test_files import PDF, multipart, text_of
from tests.conftest import make_settings
from tests.factories import add_complaint, london, sign_in
from wsgi import create_app

RECEIVED = date(2026, 11, 26)
CLAMD = shutil.which("clamd") or "/usr/sbin/clamd"
INFECTED_PDF = PDF.replace(b"/Catalog", b"/Catalog /Infected true")

pytestmark = pytest.mark.skipif(not Path(CLAMD).exists(), reason="clamd (Debian's clamav-daemon) is not installed")


@pytest.fixture(scope="module")
def clamd_socket(tmp_path_factory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("clamd")
    (folder / "db").mkdir()
    digest = hashlib.md5(INFECTED_PDF).hexdigest()  # noqa: S324 - ClamAV's .hdb format is MD5
    (folder / "db" / "test.hdb").write_text(f"{digest}:{len(INFECTED_PDF)}:Test.Infected.PDF\n")
    socket_path = folder / "clamd.sock"
    (folder / "clamd.conf").write_text(
        f"LocalSocket {socket_path}\nDatabaseDirectory {folder / 'db'}\nForeground yes\n"
        f"LogFile {folder / 'clamd.log'}\nUser root\n"
    )
    process = subprocess.Popen(
        [CLAMD, "-c", str(folder / "clamd.conf")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        while not socket_path.exists():
            assert process.poll() is None, (folder / "clamd.log").read_text()
            assert time.monotonic() < deadline, "clamd did not start in 60 s"
            time.sleep(0.2)
        yield str(socket_path)
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_clamd_answers_clean_and_infected_over_instream(clamd_socket):
    assert clamd_scan(clamd_socket, PDF) is None
    assert clamd_scan(clamd_socket, INFECTED_PDF) == "Test.Infected.PDF.UNOFFICIAL"  # clamd marks our own signature
    assert clamd_scan(clamd_socket, PDF * 50_000) is None  # several chunks


def test_an_upload_is_scanned_and_an_infected_one_is_not_kept(
    clean_db, staff_ids, tmp_path, write, db_session, clamd_socket
):
    app = create_app(make_settings(clean_db, tmp_path, clamav_socket=clamd_socket))
    app.config["WTF_CSRF_ENABLED"] = False
    officer = sign_in(app, "officer")
    reference = write(lambda s: add_complaint(s, team="leaving-care", received=london(RECEIVED)).reference)

    clean = multipart(f"/staff/complaints/{reference}/files", officer, file=(io.BytesIO(PDF), "clean.pdf"))
    infected = multipart(f"/staff/complaints/{reference}/files", officer, file=(io.BytesIO(INFECTED_PDF), "bad.pdf"))

    assert clean.status_code == 303 and infected.status_code == 400
    assert INFECTED in text_of(infected.get_data(as_text=True))
    [kept] = db_session.exec(select(Attachment)).all()
    assert (kept.filename, kept.scan) == ("clean.pdf", "clean")
    assert [path.name for path in (tmp_path / "files").iterdir()] == [kept.storage_key]  # the virus never stored


def test_a_scanner_that_does_not_answer_keeps_nothing(clean_db, staff_ids, tmp_path, write, db_session):
    app = create_app(make_settings(clean_db, tmp_path, clamav_socket=str(tmp_path / "no-clamd.sock")))
    app.config["WTF_CSRF_ENABLED"] = False
    reference = write(lambda s: add_complaint(s, team="leaving-care", received=london(RECEIVED)).reference)

    response = multipart(
        f"/staff/complaints/{reference}/files", sign_in(app, "officer"), file=(io.BytesIO(PDF), "a.pdf")
    )

    assert response.status_code == 400 and SCAN_DOWN in text_of(response.get_data(as_text=True))
    assert db_session.exec(select(Attachment)).all() == []
