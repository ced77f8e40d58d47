"""Finding: the Host header wrote the links in council emails, and a name put a paragraph into a greeting."""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.outbox import OutboxMessage
from reminders.mail import GREETING_NAME_LIMIT, greeting_name
from settings import Settings

# Every way in: public pages, the chat, its API, status links, staff pages, staff APIs, the API description.
ENTRY_POINTS = [
    ("get", "/"),
    ("get", "/complaint"),
    ("post", "/complaint/start"),
    ("post", "/api/v1/conversations"),
    ("get", "/api/v1/openapi.json"),
    ("get", "/status/some-token"),
    ("get", "/complaint/resume/some-token"),
    ("get", "/staff/sign-in"),
    ("post", "/staff/sign-in"),
    ("post", "/staff/forgot-password"),
    ("get", "/staff/queue"),
    ("post", "/api/v1/ask"),
    ("get", "/help-now"),
]


@pytest.mark.parametrize(("method", "path"), ENTRY_POINTS)
@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example"])
def test_a_request_for_another_host_is_refused_everywhere(client, method, path, host):
    response = getattr(client, method)(path, headers={"Host": host})
    assert response.status_code == 400
    assert "evil.example" not in response.get_data(as_text=True)


def test_the_hosts_come_from_base_url_and_the_list(tmp_path):
    production = Settings.from_env(
        {
            "APP_ENV": "production",
            "SECRET_KEY": "x" * 40,
            "INSTANCE_PATH": str(tmp_path),
            "BASE_URL": "https://complaints.example-council.gov.uk/",
            "TRUSTED_HOSTS": "complaints.internal, .example-council.gov.uk",
            "STAFF_EMAIL_DOMAINS": "example-council.gov.uk",
            "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379",
        }
    )
    assert production.trusted_hosts == (
        "complaints.example-council.gov.uk",
        "complaints.internal",
        ".example-council.gov.uk",
    )
    assert production.base_url == "https://complaints.example-council.gov.uk"


def test_links_in_replies_and_emails_come_from_base_url_whatever_the_host(client, db_session, settings):
    # "localhost" is trusted on a developer's machine, yet the link still names BASE_URL.
    response = client.post("/api/v1/conversations", headers={"Host": "localhost:5000"})
    assert response.get_json()["resume_url"].startswith(settings.base_url + "/complaint/resume/")
    conversation, token = response.get_json()["id"], response.get_json()["token"]
    headers = {"Authorization": f"Bearer {token}", "Host": "localhost:5000"}
    for step, answer in (("role", "parent"), ("about", "myself")):
        client.post(
            f"/api/v1/conversations/{conversation}/answers", json={"step": step, "answer": answer}, headers=headers
        )
    for message in db_session.exec(select(OutboxMessage)).all():
        for value in message.context.values():
            if isinstance(value, str) and "://" in value:
                assert value.startswith(settings.base_url)


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        ("Sam", "Sam"),
        ("  Sam \n Smith ", "Sam Smith"),
        ("Click http://evil.example now " * 10, ""),  # too long for a name: no greeting at all, not a slice of it
        (None, ""),
    ],
)
def test_a_greeting_is_one_short_line(name, greeting):
    assert greeting_name(name) == greeting
    assert len(greeting_name("x" * 500)) <= GREETING_NAME_LIMIT
