"""Staff commands (`create-staff`, `purge`) and the registration of the casework web pages."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from casework import accounts
from casework.demo_accounts import ensure_demo_accounts
from casework.purge import default_cutoff, purge_closed_before
from casework.views import admin, api, bp, complaint, disclosures, queue, sign_in, status  # noqa: F401  (routes join bp)
from models.db import session_scope
from models.staff import Role
from models.web import engine


def _settings():
    return current_app.config["SETTINGS"]


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
                session, _settings(), email=email, name=name, role=role, password=password, team_slug=team_slug
            )
            click.echo(f"Created {user.role} account {user.email}.")
    except accounts.AccountError as error:
        raise click.ClickException(error.message) from None


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
    settings = _settings()
    now = datetime.now(UTC)
    today = now.astimezone(settings.timezone).date()
    cutoff = closed_before.date() if closed_before else default_cutoff(today)
    if cutoff > today:
        # Most likely a typo for a past year; it would purge complaints closed yesterday, whose complainants may
        # still ask for a review and whose private links would stop working.
        raise click.BadParameter(f"{cutoff:%Y-%m-%d} is in the future; give a past date", param_hint="--closed-before")
    with session_scope(engine()) as session:
        report = purge_closed_before(session, cutoff, settings.timezone, now)
    click.echo(f"Purged {report.complaints} complaints closed before {cutoff:%-d %B %Y} ({report.emails} emails).")


def print_demo_accounts(session) -> None:
    """Used by seed-demo: create the demo staff accounts and show how to sign in."""
    for email, role, password in ensure_demo_accounts(session, _settings()):
        if password:
            click.echo(f"Demo {role}: {email}  password: {password}")
        else:
            click.echo(f"Demo {role}: {email}  (already exists; password unchanged)")


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(api.api_bp)
    api.document_api()
    app.cli.add_command(create_staff_command)
    app.cli.add_command(purge_command)
