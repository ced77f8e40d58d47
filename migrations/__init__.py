"""Alembic, driven from the Flask CLI (`flask --app wsgi db upgrade`) and from the tests."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from models.search_index import is_index_table

MIGRATIONS_DIR = Path(__file__).resolve().parent


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # "%" is Alembic's interpolation character; a password may contain it.
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str) -> None:
    command.downgrade(alembic_config(database_url), revision)


def include_name(name, type_, _parent_names) -> bool:
    """What Alembic compares with the models: everything but the full-text index, which no model describes."""
    return not (type_ == "table" and is_index_table(name))
