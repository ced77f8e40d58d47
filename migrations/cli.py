"""`flask --app wsgi db ...`: create, migrate and check the schema on DATABASE_URL."""

from __future__ import annotations

import click
from alembic import command
from flask import Flask, current_app
from flask.cli import AppGroup

from migrations import alembic_config

db_cli = AppGroup("db", help="Create or migrate the database schema.")


def _config():
    return alembic_config(current_app.config["SETTINGS"].database_url)


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def upgrade(revision: str) -> None:
    """Migrate the schema up to REVISION (default: the newest)."""
    command.upgrade(_config(), revision)
    click.echo(f"Database is at {revision}.")


@db_cli.command("downgrade")
@click.argument("revision")
def downgrade(revision: str) -> None:
    """Migrate the schema down to REVISION."""
    command.downgrade(_config(), revision)


@db_cli.command("current")
def current() -> None:
    """Show the schema's revision."""
    command.current(_config())


@db_cli.command("check")
def check() -> None:
    """Fail if the models hold changes that no migration makes."""
    command.check(_config())


@db_cli.command("revision")
@click.option("-m", "--message", required=True)
def revision(message: str) -> None:
    """Write a new migration from the difference between the models and the database."""
    command.revision(_config(), message=message, autogenerate=True)


def init_app(app: Flask) -> None:
    app.cli.add_command(db_cli)
