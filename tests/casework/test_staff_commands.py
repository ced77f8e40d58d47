"""`create-staff` (password from stdin or a prompt) and the demo accounts `seed-demo` adds."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from casework.demo_accounts import DEMO_ACCOUNTS, ensure_demo_accounts
from models.db import get_engine
from models.staff import StaffUser
from tests.conftest import make_settings
from tests.databases import migrated_database
from tests.factories import load_directory
from wsgi import create_app


@pytest.fixture
def runner(settings, clean_db):
    with Session(get_engine(clean_db)) as session:
        load_directory(session)
        session.commit()
    return create_app(settings).test_cli_runner()


def test_create_staff_reads_the_password_from_stdin(runner, clean_db):
    result = runner.invoke(
        args=[
            "create-staff",
            "--email",
            "M@Example.test",
            "--name",
            "Mo",
            "--role",
            "manager",
            "--team",
            "leaving-care",
            "--password-stdin",
        ],
        input="a long enough password\n",
    )
    assert result.exit_code == 0, result.output
    assert "Created manager account m@example.test" in result.output
    with Session(get_engine(clean_db)) as session:
        user = session.exec(select(StaffUser)).one()
    assert user.team_id is not None and user.password_hash.startswith("$argon2id$")


def test_create_staff_prompts_twice(runner):
    result = runner.invoke(
        args=["create-staff", "--email", "o@example.test", "--name", "Olu", "--role", "officer"],
        input="a long enough password\na long enough password\n",
    )
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (["--role", "manager"], "a long enough password", "A team manager needs a team"),
        (["--role", "officer", "--team", "nope"], "a long enough password", "There is no team 'nope'"),
        (["--role", "officer"], "short", "at least 12 characters"),
    ],
)
def test_create_staff_refusals(runner, args, password, message):
    result = runner.invoke(
        args=["create-staff", "--email", "x@example.test", "--name", "X", *args, "--password-stdin"],
        input=password + "\n",
    )
    assert result.exit_code != 0
    assert message in result.output


def test_demo_accounts_get_random_passwords_once(db_session, settings):
    load_directory(db_session)
    first = ensure_demo_accounts(db_session, settings)
    assert [(email, role) for email, role, _ in first] == [(email, role) for email, _, role, _ in DEMO_ACCOUNTS]
    assert all(password and len(password) >= 12 for _, _, password in first)
    again = ensure_demo_accounts(db_session, settings)
    assert [password for _, _, password in again] == [None, None, None]
    manager = db_session.exec(select(StaffUser).where(StaffUser.role == "manager")).one()
    assert manager.team_id is not None


def test_demo_accounts_are_never_made_in_production(db_session, settings, tmp_path):
    production = make_settings(settings.database_url, tmp_path, environment="production")
    with pytest.raises(ValueError):
        ensure_demo_accounts(db_session, production)


def test_seed_demo_prints_one_account_per_role(tmp_path):
    url = migrated_database("casework_seed_accounts", tmp_path)
    runner = create_app(make_settings(url, tmp_path)).test_cli_runner()
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    for email, _, role, _ in DEMO_ACCOUNTS:
        assert f"Demo {role}: {email}  password: " in first.output
    again = runner.invoke(args=["seed-demo"])
    assert "already exists; password unchanged" in again.output


def test_purge_refuses_a_date_in_the_future(app, clean_db):
    result = app.test_cli_runner().invoke(args=["purge", "--closed-before", "2999-01-01"])
    assert result.exit_code == 2
    assert "is in the future" in result.output


def test_purge_with_a_past_date_reports_what_it_did(app, clean_db):
    result = app.test_cli_runner().invoke(args=["purge", "--closed-before", "2012-04-01"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Purged 0 complaints closed before 1 April 2012")
