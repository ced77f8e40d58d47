"""The migrations build exactly the schema the models describe, and can be undone."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

import migrations
from models.audit import Action
from models.base import SQLModel
from models.db import get_engine
from tests.databases import fresh_database


def test_models_and_migrations_agree(database_url):
    with get_engine(database_url).connect() as connection:
        options = {"compare_type": True, "include_name": migrations.include_name}
        context = MigrationContext.configure(connection, opts=options)
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == [], f"models differ from migrations; write one with `flask db revision`: {differences}"


def test_single_head_and_pinned(database_url):
    script = ScriptDirectory.from_config(migrations.alembic_config(database_url))
    heads = script.get_heads()
    assert len(heads) == 1, f"migrations have branched: {heads}"
    with get_engine(database_url).connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == heads[0]


def test_downgrade_to_nothing_and_back(tmp_path):
    url = fresh_database("complaints_roundtrip", tmp_path)
    migrations.upgrade(url)
    migrations.downgrade(url, "base")
    engine = get_engine(url)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrations.upgrade(url)
    assert "stage_record" in inspect(engine).get_table_names()
    engine.dispose()


def test_0004_moves_stored_audit_actions_to_the_dotted_names(tmp_path):
    url = fresh_database("complaints_audit_names", tmp_path)
    migrations.upgrade(url, "0003")
    engine = get_engine(url)
    with engine.begin() as connection:
        for action in ("team-reassigned", "viewed", "complaint.received", "safeguarding.unsafe"):
            connection.execute(
                text("INSERT INTO audit_event (at, actor_label, action) VALUES (:at, 'x', :action)"),
                {
                    "at": "2026-11-30 09:00:00+00:00",
                    "action": action,
                },
            )
    migrations.upgrade(url)
    with engine.connect() as connection:
        stored = sorted(connection.execute(text("SELECT action FROM audit_event")).scalars())
    assert stored == sorted(
        ["complaint.team-reassigned", "complaint.viewed", "complaint.received", "safeguarding.unsafe"]
    )
    assert set(stored) <= {action.value for action in Action}
    migrations.downgrade(url, "0003")
    with engine.connect() as connection:
        assert "team-reassigned" in set(connection.execute(text("SELECT action FROM audit_event")).scalars())
    engine.dispose()


def test_0009_a_fresh_database_has_reason_and_lesson_categories(tmp_path):
    url = fresh_database("complaints_defaults", tmp_path)
    migrations.upgrade(url)
    engine = get_engine(url)
    with engine.connect() as connection:
        reasons = set(connection.execute(text("SELECT slug FROM reason_category WHERE active")).scalars())
        lessons = set(connection.execute(text("SELECT slug FROM learning_category")).scalars())
    assert {"staff-conduct", "communication", "service-quality", "accuracy-of-information", "delay"} <= reasons
    assert lessons == {"poor-communication", "delays", "failure-to-act"}
    engine.dispose()


def test_0009_keeps_a_council_s_own_lessons_and_undoes_not_recorded(tmp_path):
    url = fresh_database("complaints_own_lessons", tmp_path)
    migrations.upgrade(url, "0008")
    engine = get_engine(url)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO learning_category (slug, label, active) VALUES ('ours', 'Ours', true)"))
    migrations.upgrade(url)
    with engine.connect() as connection:
        assert list(connection.execute(text("SELECT slug FROM learning_category")).scalars()) == ["ours"]
    migrations.downgrade(url, "0008")
    migrations.upgrade(url)
    engine.dispose()
