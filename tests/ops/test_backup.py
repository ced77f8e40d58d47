"""Backups restore to the same service: the annual report and the outbox are the same after as before.

PostgreSQL: pg_dump from one cluster, pg_restore into a fresh one (docs/operations.md says the same commands).
SQLite: `flask backup FILE` (the online backup API), then the service run on the copy.
"""

from __future__ import annotations

import json
import subprocess

import pytest
from sqlalchemy import create_engine, text
from sqlmodel import Session, select

import migrations
from casework.demo import seed_demo
from models.db import dispose_engines, get_engine, session_scope
from models.outbox import OutboxMessage
from reminders.planner import plan_reminders
from reminders.sweep import send_due
from tests.conftest import DEMO_TODAY, make_settings
from tests.databases import backend
from tests.factories import london
from tests.needs import missing_here
from tests.ops.postgres_cluster import PGBIN, libpq_url, postgres_cluster
from wsgi import create_app

MORNING = london(DEMO_TODAY, 9)


def load_service(url: str, settings) -> None:
    """The demo, its reminders planned and the ones due this morning sent: a service with a history."""
    migrations.upgrade(url)
    with session_scope(get_engine(url)) as session:
        seed_demo(session, settings, DEMO_TODAY)
        plan_reminders(session, settings, MORNING)
    send_due(get_engine(url), settings, MORNING)


def snapshot(url: str, tmp_path) -> tuple[dict, list[tuple]]:
    """The 2017/18 report as `flask report --json` prints it, and every outbox row."""
    app = create_app(make_settings(url, tmp_path))
    result = app.test_cli_runner().invoke(args=["report", "2017/18", "--json", "--as-of", "2018-06-30"])
    assert result.exit_code == 0, result.output
    with Session(get_engine(url)) as session:
        rows = session.exec(select(OutboxMessage).order_by(OutboxMessage.idempotency_key)).all()
        outbox = [
            (r.idempotency_key, r.recipient, r.template, r.status, r.send_after, r.sent_at, r.context) for r in rows
        ]
    return json.loads(result.output), outbox


def test_a_sqlite_backup_taken_while_running_restores_the_same_service(tmp_path):
    source = f"sqlite:///{tmp_path}/complaints.sqlite3"
    settings = make_settings(source, tmp_path / "instance")
    load_service(source, settings)
    (tmp_path / "instance" / "files").mkdir(parents=True)
    (tmp_path / "instance" / "files" / "letter.txt").write_text("a scanned letter")
    before = snapshot(source, tmp_path)
    assert before[0]["sections"] and any(row[3] == "sent" for row in before[1])  # something to lose

    # Taken with a reader and a writer open, as gunicorn and the scheduler would be.
    writer = get_engine(source).connect()
    writer.execute(text("SELECT count(*) FROM complaint"))
    result = create_app(settings).test_cli_runner().invoke(args=["backup", str(tmp_path / "copy.sqlite3")])
    writer.close()
    assert result.exit_code == 0, result.output
    assert "Database copied to" in result.output and "Attachments archived to" in result.output
    assert (tmp_path / "copy.sqlite3.attachments.tar.gz").exists()

    assert snapshot(f"sqlite:///{tmp_path}/copy.sqlite3", tmp_path) == before
    again = create_app(settings).test_cli_runner().invoke(args=["backup", str(tmp_path / "copy.sqlite3")])
    assert again.exit_code == 1 and "exists already" in again.output


def test_backup_of_postgresql_says_to_use_pg_dump(tmp_path):
    settings = make_settings("postgresql+psycopg://postgres@127.0.0.1:1/none", tmp_path)
    result = create_app(settings).test_cli_runner().invoke(args=["backup", str(tmp_path / "x")])
    assert result.exit_code == 1
    assert "back it up with pg_dump" in result.output


@pytest.mark.skipif(missing_here(PGBIN is None), reason="PostgreSQL server binaries are not installed")
@pytest.mark.skipif(backend() == "postgresql", reason="it starts its own clusters: once per `make test` is enough")
def test_pg_dump_restored_into_a_fresh_cluster_is_the_same_service(tmp_path):
    dump = tmp_path / "complaints.dump"
    with postgres_cluster() as server:
        source = server.rsplit("/", 1)[0] + "/postgres"
        load_service(source, make_settings(source, tmp_path))
        before = snapshot(source, tmp_path)
        subprocess.run([str(PGBIN / "pg_dump"), "--format=custom", f"--file={dump}", libpq_url(source)], check=True)
        dispose_engines()
    with postgres_cluster() as fresh:
        admin = create_engine(fresh, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text("CREATE DATABASE complaints"))
        admin.dispose()
        restored = fresh.rsplit("/", 1)[0] + "/complaints"
        subprocess.run(
            [str(PGBIN / "pg_restore"), "--no-owner", "--exit-on-error", f"--dbname={libpq_url(restored)}", str(dump)],
            check=True,
        )
        assert snapshot(restored, tmp_path) == before
        dispose_engines()
