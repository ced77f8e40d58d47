"""`flask check-config`: production refuses the example settings, saying what is wrong and how to fix it."""

from __future__ import annotations

import pytest

from settings import Settings
from tests.conftest import make_settings
from wsgi import create_app

READY = {
    "APP_ENV": "production",
    "SECRET_KEY": "x" * 64,
    "BASE_URL": "https://complaints.anytown.gov.uk",
    "TRUSTED_HOSTS": "complaints.anytown.gov.uk",
    "MAIL_BACKEND": "smtp",
    "SMTP_HOST": "smtp.anytown.gov.uk",
    "MAIL_FROM": "complaints@anytown.gov.uk",
    "DUTY_MANAGER_EMAIL": "duty@anytown.gov.uk",
    "HEAD_OF_SERVICE_EMAIL": "head@anytown.gov.uk",
    "COUNCIL_NAME": "Anytown Council",
    "CHILDRENS_SERVICES_PHONE": "01234 567 890",
    "EMERGENCY_DUTY_PHONE": "01234 567 999",
    "METRICS_TOKEN": "m" * 40,
    "DATABASE_URL": "postgresql://complaints@db.internal/complaints",
    "WEB_HOSTS": "2",
    "RATELIMIT_STORAGE_URI": "redis://redis.internal:6379",
    "PROXY_HOPS": "1",
    "STAFF_EMAIL_DOMAINS": "anytown.gov.uk",
    "LANGUAGES": "en",  # Polish waits for a professional translator's review (docs/languages.md)
}


def check(tmp_path, **changes):
    environ = {**READY, "INSTANCE_PATH": str(tmp_path), **changes}
    environ = {key: value for key, value in environ.items() if value is not None}
    app = create_app(Settings.from_env(environ))
    return app.test_cli_runner().invoke(args=["check-config"], env={"TRUSTED_HOSTS": environ.get("TRUSTED_HOSTS", "")})


def test_ready_settings_pass(tmp_path):
    result = check(tmp_path)
    assert result.exit_code == 0, result.output
    assert result.output == "The settings are ready for production.\n"


@pytest.mark.parametrize(
    ("changes", "what", "fix"),
    [
        ({"DUTY_MANAGER_EMAIL": None}, "DUTY_MANAGER_EMAIL is an example address", "Set DUTY_MANAGER_EMAIL"),
        ({"MAIL_FROM": "complaints@example.com"}, "MAIL_FROM is an example address", "Set MAIL_FROM"),
        ({"EMERGENCY_DUTY_PHONE": None}, "EMERGENCY_DUTY_PHONE is a made-up number", "council's own number"),
        ({"MAIL_BACKEND": "file"}, "MAIL_BACKEND is file", "MAIL_BACKEND=smtp"),
        ({"DATABASE_URL": "sqlite:////srv/complaints.sqlite3"}, "SQLite file but WEB_HOSTS is 2", "PostgreSQL"),
        ({"BASE_URL": "http://complaints.anytown.gov.uk"}, "is not https", "https://"),
        ({"METRICS_TOKEN": None}, "anyone can read /metrics", "METRICS_TOKEN"),
        ({"PROXY_HOPS": None}, "PROXY_HOPS is 0 with several hosts", "PROXY_HOPS"),
        ({"LANGUAGES": "en,pl"}, "Polski (pl) translation has not been reviewed", "LANGUAGES=en"),
    ],
)
def test_production_refuses_each_problem_with_its_fix(tmp_path, changes, what, fix):
    result = check(tmp_path, **changes)
    assert result.exit_code == 1
    assert "Refusing production: 1 setting(s) must change." in result.output
    [problem] = [line for line in result.output.splitlines() if line.startswith("- ")]
    assert what in problem
    assert fix in result.output.split(problem, 1)[1]


def test_one_host_may_use_sqlite(tmp_path):
    # BASE_URL's host is always trusted and in-memory rate limits are refused by the settings themselves in
    # production (settings.py), so check-config has no more to say about either.
    result = check(tmp_path, WEB_HOSTS="1", DATABASE_URL=None, PROXY_HOPS=None)
    assert result.exit_code == 0, result.output


def test_development_is_advised_not_refused(clean_db, tmp_path):
    result = (
        create_app(make_settings(clean_db, tmp_path, environment="development"))
        .test_cli_runner()
        .invoke(args=["check-config"])
    )
    assert result.exit_code == 0
    assert result.output.startswith("development: fine here, but production would be refused for these:")
    assert "MAIL_BACKEND is file" in result.output
