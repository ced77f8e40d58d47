"""Casework commands: loading data (complaints from a CSV, the team directory, the demo), staff accounts
(`create-staff`) and the retention purge."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext
from sqlmodel import select

from casework import accounts, feedback, staff_admin
from casework.demo import seed_demo
from casework.demo_accounts import ensure_demo_accounts
from casework.directory import DirectoryError, export_directory, import_directory, parse_directory
from casework.importer import ImportRefused, import_complaints
from casework.purge import default_cutoff, purge_closed_before
from content.dates import plain_date
from models.db import session_scope
from models.staff import Role
from models.teams import Team
from reminders.calendar import WorkingCalendar
from web import context
from web.session import engine


@click.command("import-complaints")
@with_appcontext
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check every row and report; write nothing.")
@click.option("--skip-invalid", is_flag=True, help="Write the valid complaints and report the rest.")
@click.option("--add-categories", is_flag=True, help="Add reason and lesson labels the database does not know yet.")
@click.option("--partial-history", is_flag=True, help="Accept a later stage whose earlier stages are not in the file.")
def import_complaints_command(
    csv_file: Path, dry_run: bool, skip_invalid: bool, add_categories: bool, partial_history: bool
) -> None:
    """Load historical complaints and their stages from CSV_FILE (one row per stage; comma, semicolon or tab
    separated)."""
    settings = context.settings()
    text = read_csv_text(csv_file)
    try:
        with session_scope(engine()) as session:
            report = import_complaints(
                session,
                text,
                calendar=WorkingCalendar(settings.closure_days),
                zone=settings.timezone,
                dry_run=dry_run,
                skip_invalid=skip_invalid,
                add_categories=add_categories,
                partial_history=partial_history,
                today=context.today(),
                corporate_working_days=settings.corporate_working_days,
                progress=show_progress,
            )
    except ImportRefused as refused:
        for problem in refused.report.problems:
            click.echo(str(problem), err=True)
        click.echo(refused.report.table())
        raise click.ClickException(
            f"{len(refused.report.problems)} problems in {csv_file.name}; nothing was written. "
            "Fix the rows above, or use --skip-invalid to load only the valid complaints."
        ) from None
    for problem in report.problems:
        click.echo(f"skipped {problem}", err=True)
    click.echo(report.summary())
    click.echo(report.table())


def read_csv_text(csv_file: Path) -> str:
    try:
        return csv_file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise click.ClickException(f"{csv_file} is not UTF-8 text; save it as 'CSV UTF-8' and try again") from None


def show_progress(words: str) -> None:
    """A large import says how far it has got (on standard error, so the summary on standard output stays clean)."""
    click.echo(f"... {words}", err=True)


@click.command("import-feedback")
@with_appcontext
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check every row and report; write nothing.")
@click.option("--skip-invalid", is_flag=True, help="Write the valid rows and report the rest.")
def import_feedback_command(csv_file: Path, dry_run: bool, skip_invalid: bool) -> None:
    """Load compliments, enquiries and other feedback that is not a complaint from CSV_FILE (columns kind,
    received_on, team, responded_on, summary)."""
    text = read_csv_text(csv_file)
    try:
        with session_scope(engine()) as session:
            report = feedback.import_feedback(
                session, text, today=context.today(), dry_run=dry_run, skip_invalid=skip_invalid, progress=show_progress
            )
    except feedback.FeedbackImportRefused as refused:
        for problem in refused.report.problems:
            click.echo(problem, err=True)
        click.echo(refused.report.table())
        raise click.ClickException(
            f"{len(refused.report.problems)} problems in {csv_file.name}; nothing was written. "
            "Fix the rows above, or use --skip-invalid to load only the valid rows."
        ) from None
    for problem in report.problems:
        click.echo(f"skipped {problem}", err=True)
    click.echo(report.table())


@click.command("seed-demo")
@with_appcontext
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has teams.")
def seed_demo_command(if_empty: bool) -> None:
    """Load the demo team directory and complaints (safe to run again: adds nothing twice)."""
    settings = context.settings()
    if settings.is_production:
        raise click.ClickException("Refusing to load demo data: APP_ENV is production.")
    today = context.today()
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
        print_demo_accounts(session)


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


@click.command("create-staff")
@with_appcontext
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option("--team", "team_slug", default=None, help="Team slug; required for a manager.")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
def create_staff_command(email: str, name: str, role: str, team_slug: str | None, password_stdin: bool) -> None:
    """Create a staff account. The password is asked for (never an argument: it would sit in shell history)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        with session_scope(engine()) as session:
            user = accounts.create_staff(
                session, context.settings(), email=email, name=name, role=role, password=password, team_slug=team_slug
            )
            staff_admin.announce(session, user, staff_admin.ADDED, "the create-staff command", "added", context.now())
            click.echo(f"Created {user.role} account {user.email}.")
    except accounts.AccountError as error:
        # The command names its option; the admin page's words name its field.
        hint = " (--team SLUG)" if error.field == "team" else ""
        raise click.ClickException(error.message + hint) from None


@click.command("purge")
@with_appcontext
@click.option(
    "--closed-before",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Purge complaints closed before this day (default: 6 years before today).",
)
def purge_command(closed_before) -> None:
    """Remove the personal data of complaints closed before a date; the report figures stay the same."""
    settings = context.settings()
    now, today = context.now(), context.today()
    cutoff = closed_before.date() if closed_before else default_cutoff(today)
    if cutoff > today:
        # Most likely a typo for a past year; it would purge complaints closed yesterday, whose complainants may
        # still ask for a review and whose private links would stop working.
        raise click.BadParameter(f"{cutoff:%Y-%m-%d} is in the future; give a past date", param_hint="--closed-before")
    with session_scope(engine()) as session:
        report = purge_closed_before(session, cutoff, settings.timezone, now, settings)
    click.echo(
        f"Purged {report.complaints} complaints closed before {plain_date(cutoff)} "
        f"({report.emails} emails, {report.files} files)."
    )


def print_demo_accounts(session) -> None:
    """Used by seed-demo: create the demo staff accounts and show how to sign in."""
    for email, role, password in ensure_demo_accounts(session, context.settings()):
        if password:
            click.echo(f"Demo {role}: {email}  password: {password}")
        else:
            click.echo(f"Demo {role}: {email}  (already exists; password unchanged)")


def init_app(app: Flask) -> None:
    app.cli.add_command(import_complaints_command)
    app.cli.add_command(import_feedback_command)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(teams_cli)
    app.cli.add_command(create_staff_command)
    app.cli.add_command(purge_command)
