"""Commands for loading data: complaints from a CSV, the team directory, and the demo."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext
from sqlmodel import select

from casework import auth, staff_cli
from casework.demo import seed_demo
from casework.directory import DirectoryError, export_directory, import_directory, parse_directory
from casework.importer import ImportRefused, import_complaints
from models.db import session_scope
from models.teams import Team
from models.web import engine
from reminders.calendar import WorkingCalendar


def _settings():
    return current_app.config["SETTINGS"]


@click.command("import-complaints")
@with_appcontext
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check every row and report; write nothing.")
@click.option("--skip-invalid", is_flag=True, help="Write the valid complaints and report the rest.")
def import_complaints_command(csv_file: Path, dry_run: bool, skip_invalid: bool) -> None:
    """Load historical complaints and their stages from CSV_FILE (one row per stage)."""
    settings = _settings()
    try:
        text = csv_file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise click.ClickException(f"{csv_file} is not UTF-8 text; save it as 'CSV UTF-8' and try again") from None
    try:
        with session_scope(engine()) as session:
            report = import_complaints(
                session,
                text,
                calendar=WorkingCalendar(settings.closure_days),
                zone=settings.timezone,
                dry_run=dry_run,
                skip_invalid=skip_invalid,
            )
    except ImportRefused as refused:
        for problem in refused.report.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(
            f"{len(refused.report.problems)} problems in {csv_file.name}; nothing was written. "
            "Fix the rows above, or use --skip-invalid to load only the valid complaints."
        ) from None
    for problem in report.problems:
        click.echo(f"skipped {problem}", err=True)
    click.echo(report.summary())


@click.command("seed-demo")
@with_appcontext
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has teams.")
def seed_demo_command(if_empty: bool) -> None:
    """Load the demo team directory and complaints (safe to run again: adds nothing twice)."""
    settings = _settings()
    if settings.is_production:
        raise click.ClickException("Refusing to load demo data: APP_ENV is production.")
    today = datetime.now(settings.timezone).date()
    with session_scope(engine()) as session:
        if if_empty and session.exec(select(Team.id).limit(1)).first() is not None:
            click.echo("The database already has data; the demo was not loaded.")
            return
        report = seed_demo(session, settings, today)
    teams = report.teams
    click.echo(f"Teams: {teams['created']} created, {teams['updated']} updated, {teams['unchanged']} unchanged.")
    click.echo(f"History: {report.history.summary()}")
    click.echo(f"Live: {report.live.summary()}")
    with session_scope(engine()) as session:
        staff_cli.print_demo_accounts(session)


teams_cli = AppGroup("teams", help="The team directory: names, aliases, keywords and workers.")


@teams_cli.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def teams_import(csv_file: Path) -> None:
    """Create or update teams from CSV_FILE (the format `teams export` writes)."""
    try:
        rows = parse_directory(csv_file.read_text(encoding="utf-8-sig"))
    except DirectoryError as error:
        for problem in error.problems:
            click.echo(problem, err=True)
        raise click.ClickException("The directory was not changed.") from None
    with session_scope(engine()) as session:
        counts = import_directory(session, rows)
    click.echo(f"Teams: {counts['created']} created, {counts['updated']} updated, {counts['unchanged']} unchanged.")


@teams_cli.command("export")
def teams_export() -> None:
    """Write the team directory as CSV to standard output."""
    with session_scope(engine()) as session:
        sys.stdout.write(export_directory(session))


def init_app(app: Flask) -> None:
    auth.init_app(app)
    staff_cli.init_app(app)
    app.cli.add_command(import_complaints_command)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(teams_cli)
