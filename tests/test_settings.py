from datetime import date

import pytest

from settings import Settings, SettingsError


def test_production_refuses_a_missing_secret(tmp_path):
    with pytest.raises(SettingsError, match="SECRET_KEY"):
        Settings.from_env({"APP_ENV": "production", "INSTANCE_PATH": str(tmp_path)})


def test_development_key_is_generated_once_and_kept(tmp_path):
    first = Settings.from_env({"INSTANCE_PATH": str(tmp_path)})
    second = Settings.from_env({"INSTANCE_PATH": str(tmp_path)})
    assert len(first.secret_key) == 64
    assert first.secret_key == second.secret_key
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_defaults_are_sqlite_in_instance_and_london(tmp_path):
    settings = Settings.from_env({"INSTANCE_PATH": str(tmp_path)})
    assert settings.database_url == f"sqlite:///{tmp_path / 'complaints.sqlite3'}"
    assert settings.timezone.key == "Europe/London"
    assert settings.acknowledgement_working_days == 2
    assert settings.mail_backend == "file"


def test_values_are_read_and_typed(tmp_path):
    settings = Settings.from_env(
        {
            "INSTANCE_PATH": str(tmp_path),
            "DATABASE_URL": "postgres://user:pw@db/complaints",
            "ACK_WORKING_DAYS": "5",
            "CLOSURE_DAYS": "2026-12-29, 2026-12-30",
            "SMTP_STARTTLS": "true",
            "RATELIMIT_ENABLED": "false",
        }
    )
    assert settings.database_url == "postgresql+psycopg://user:pw@db/complaints"
    assert settings.acknowledgement_working_days == 5
    assert settings.closure_days == (date(2026, 12, 29), date(2026, 12, 30))
    assert settings.smtp_starttls is True
    assert settings.ratelimit_enabled is False


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("ACK_WORKING_DAYS", "two", "whole number"),
        ("CLOSURE_DAYS", "29/12/2026", "dates like"),
        ("SMTP_STARTTLS", "maybe", "true or false"),
        ("MAIL_BACKEND", "pigeon", "MAIL_BACKEND"),
        ("APP_ENV", "staging", "APP_ENV"),
        ("TIMEZONE", "Mars/Olympus", "time zone"),
    ],
)
def test_bad_values_say_what_to_fix(tmp_path, name, value, message):
    with pytest.raises(SettingsError, match=message):
        Settings.from_env({"INSTANCE_PATH": str(tmp_path), name: value})


def test_corporate_timescales_are_read_and_checked(tmp_path):
    base = {"INSTANCE_PATH": str(tmp_path)}
    env = base | {"CORPORATE_STAGE_1_WORKING_DAYS": "15", "CORPORATE_STAGE_2_WORKING_DAYS": "25"}
    assert Settings.from_env(env).corporate_working_days == (15, 25)
    assert Settings.from_env(base).corporate_working_days == (10, 20)
    with pytest.raises(SettingsError, match="CORPORATE_STAGE_1_WORKING_DAYS"):
        Settings.from_env(base | {"CORPORATE_STAGE_1_WORKING_DAYS": "0"})
