"""Commands: `check-config` (refuse production settings that would lose emails or split the service) and
`backup FILE` (a consistent copy of the embedded SQLite database)."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext

from ops.backup import BackupError, backup_sqlite
from ops.config_check import problems
from web import context


@click.command("check-config")
@with_appcontext
def check_config_command() -> None:
    """Check the settings for going live; in production, exit 1 when any must change."""
    settings = context.settings()
    # The hosts the app answers to: BASE_URL's and TRUSTED_HOSTS (settings.trusted_hosts, checked on every request).
    found = problems(settings, settings.trusted_hosts)
    if not found:
        click.echo(f"The settings are ready for {settings.environment}.")
        return
    if settings.is_production:
        click.echo(f"Refusing production: {len(found)} setting(s) must change.", err=True)
    else:
        click.echo(f"{settings.environment}: fine here, but production would be refused for these:")
    for problem in found:
        click.echo(f"- {problem.what}\n  Fix: {problem.fix}", err=settings.is_production)
    if settings.is_production:
        raise SystemExit(1)


@click.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(target: Path) -> None:
    """Copy the SQLite database to TARGET while the service runs (PostgreSQL: use pg_dump)."""
    settings = context.settings()
    try:
        result = backup_sqlite(settings.database_url, target, settings.instance_dir)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Database copied to {result.database}.")
    if result.attachments:
        click.echo(f"Attachments archived to {result.attachments}.")


def init_app(app: Flask) -> None:
    app.cli.add_command(check_config_command)
    app.cli.add_command(backup_command)
