"""The migrations build exactly the schema the models describe, and can be undone."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

import migrations
from models.base import SQLModel
from models.db import get_engine
from tests.databases import fresh_database


def test_models_and_migrations_agree(database_url):
    with get_engine(database_url).connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
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
