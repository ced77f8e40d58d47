"""Findings: 405s dropped `Allow`; a wrong Bearer token got 404 and signed-out staff API calls got 400 "CSRF token
missing", both without `WWW-Authenticate`; no HSTS in production; the database and .eml files were
world-readable; cancelled outbox rows kept resume links; `teams export` wrote cells starting with "="; tokens in
URL paths reached any default-format access log."""

from __future__ import annotations

import re
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import select

from casework.directory import export_directory, import_directory, parse_directory
from content.spreadsheet import spreadsheet_cell
from intake.drafts import cancel_resume_emails, create_draft, queue_resume_email
from models.outbox import OutboxMessage, OutboxStatus
from models.teams import Team
from reminders.mail import FileMailer, Outgoing, render
from settings import BASE_DIR, Settings
from tests.conftest import make_settings
from tests.intake.test_engine import make_engine
from wsgi import create_app


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("put", "/staff/sign-in", {"GET", "POST", "HEAD", "OPTIONS"}),
        ("get", "/staff/sign-out", {"POST", "OPTIONS"}),
        ("get", "/api/v1/conversations", {"POST", "OPTIONS"}),
        ("delete", "/api/v1/ask", {"POST", "OPTIONS"}),
    ],
)
def test_a_405_says_what_is_allowed(client, method, path, allowed):
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert {name.strip() for name in response.headers["Allow"].split(",")} == allowed


@pytest.mark.parametrize("authorization", [None, "Basic abc", "Bearer", "Bearer wrong-token"])
def test_a_missing_or_wrong_bearer_token_is_a_401_with_a_challenge(client, authorization):
    started = client.post("/api/v1/conversations").get_json()
    headers = {"Authorization": authorization} if authorization else {}
    for method, path in (("get", ""), ("post", "/answers"), ("post", "/submit")):
        response = getattr(client, method)(f"/api/v1/conversations/{started['id']}{path}", headers=headers, json={})
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"].startswith('Bearer realm="conversations"')
        if authorization == "Bearer wrong-token":
            assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


@pytest.mark.parametrize("path", ["/api/v1/route", "/api/v1/ask"])
def test_staff_apis_signed_out_say_sign_in(client, path):
    # The shared app has CSRF on: signed out, there is no token to send, and the answer is 401, not 400.
    response = client.post(path, json={"text": "leaving care", "question": "how many"})
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorised"
    assert response.headers["WWW-Authenticate"].startswith('Session realm="staff"')


def test_hsts_in_production_only(settings, tmp_path, client):
    assert "Strict-Transport-Security" not in client.get("/").headers
    production = make_settings(settings.database_url, tmp_path, environment="production", base_url="https://localhost")
    response = create_app(production).test_client().get("/", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_instance_files_are_the_owners_only(tmp_path):
    instance = tmp_path / "instance"
    settings = Settings.from_env({"INSTANCE_PATH": str(instance), "MAIL_BACKEND": "file"})
    create_app(settings)
    assert mode(instance) == 0o700
    assert mode(instance / "secret_key") == 0o600
    assert mode(instance / "complaints.sqlite3") == 0o600
    outbox = instance / "outbox"
    outgoing = Outgoing(
        1,
        "draft:1:resume:abc",
        "sam@example.test",
        "intake-resume",
        {"resume_url": "http://127.0.0.1:8000/complaint/resume/TOKEN", "expires_on": "2026-12-29"},
    )
    FileMailer(outbox).send(outgoing, render(outgoing, settings))
    (eml,) = outbox.glob("*.eml")
    assert mode(outbox) == 0o700 and mode(eml) == 0o600


def test_a_cancelled_resume_email_keeps_no_link(db_session):
    at = datetime(2026, 12, 1, 10, tzinfo=UTC)
    draft, _token = create_draft(db_session, make_engine(), at)
    queue_resume_email(db_session, draft, "sam@example.test", "http://127.0.0.1:8000/complaint/resume/SECRET", at)
    assert cancel_resume_emails(db_session, draft) == 1
    db_session.expire_all()
    (row,) = db_session.exec(select(OutboxMessage)).all()
    assert row.status == OutboxStatus.CANCELLED.value and "SECRET" not in str(row.context)


@pytest.mark.parametrize("text", ['=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_never_start_a_formula(text):
    assert spreadsheet_cell(text) == "'" + text
    assert spreadsheet_cell("-12.5") == "-12.5"  # a negative number stays a number


def test_teams_export_neutralises_formulas_and_reads_back(db_session):
    db_session.add(Team(slug="formula", name='=HYPERLINK("http://evil.example","Click")'))
    db_session.flush()
    exported = export_directory(db_session)
    assert "'=HYPERLINK" in exported and "\n=HYPERLINK" not in exported and ",=HYPERLINK" not in exported
    (row,) = parse_directory(exported)
    assert row.name == '=HYPERLINK("http://evil.example","Click")'  # the round trip keeps the name
    import_directory(db_session, [row])


def test_the_access_log_holds_no_path_address_or_referrer():
    # gunicorn reads gunicorn.conf.py from the folder it starts in: `make run`, scripts/serve.sh and README's
    # commands all start there. Atoms: r request line, U path, q query, h address, f referrer, a user agent.
    config: dict = {}
    exec((BASE_DIR / "gunicorn.conf.py").read_text(), config)
    atoms = set(re.findall(r"%\(([^)]+)\)s", config["access_log_format"]))
    assert atoms <= {"t", "m", "s", "B", "M"}
    assert "--access-logformat" not in (BASE_DIR / "scripts" / "serve.sh").read_text()
    assert "--access-logformat" not in (BASE_DIR / "Makefile").read_text()
