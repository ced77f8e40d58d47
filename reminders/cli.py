"""Commands: `deadlines` (the statutory dates of a stage), `reminders plan|send-due`, and `scheduler`."""

from __future__ import annotations

import json
import logging
from datetime import datetime

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext

from models.complaints import Procedure, Stage
from models.db import session_scope
from models.types import utcnow
from reminders.calendar import WorkingCalendar
from reminders.deadlines import rules_for, stage_deadlines
from reminders.outbox import counts_by_status, failed_messages, retry_failed
from reminders.planner import plan_reminders
from reminders.scheduler import run_scheduler
from reminders.sweep import send_due
from web import context
from web.request_log import configure_logging
from web.session import engine

STAGE_CHOICES = {"1": Stage.ONE, "2": Stage.TWO, "3": Stage.THREE, "ombudsman": Stage.OMBUDSMAN}


@click.command("deadlines")
@click.option(
    "--stage", "stage_name", required=True, type=click.Choice(list(STAGE_CHOICES)), help="1, 2, 3 or ombudsman"
)
@click.option("--from", "received", required=True, type=click.DateTime(formats=["%Y-%m-%d"]), help="day received")
@click.option(
    "--procedure",
    type=click.Choice([p.value for p in Procedure]),
    default=Procedure.STATUTORY.value,
    help="statutory (default) or corporate (the council's own timescales; no stage 3)",
)
@click.option("--json", "as_json", is_flag=True)
@with_appcontext
def deadlines_command(stage_name: str, received, procedure: str, as_json: bool) -> None:
    """Print the deadlines of a stage received on --from."""
    settings = context.settings()
    rules = rules_for(procedure, settings.corporate_working_days)
    if STAGE_CHOICES[stage_name] not in rules:
        raise click.BadParameter(f"a {procedure} complaint has no stage {stage_name}", param_hint="--stage")
    result = stage_deadlines(
        WorkingCalendar(settings.closure_days), STAGE_CHOICES[stage_name], received.date(), rules=rules
    )
    data = result.as_dict()
    if as_json:
        click.echo(json.dumps(data))
        return
    for key, value in data.items():
        click.echo(f"{key}: {value}")


def _moment(value: str | None) -> datetime:
    """--now as ISO time; without a zone it is London time, as staff would say it."""
    if not value:
        return utcnow()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a time like 2026-11-30T08:05 or 2026-11-30T08:05+00:00") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=context.settings().timezone)
    return moment


def emails(count: int) -> str:
    return f"{count} email" if count == 1 else f"{count} emails"


NOW_OPTION = click.option("--now", "now_text", metavar="ISO-TIME", help="act as if it were this time (default: now)")
reminders_cli = AppGroup("reminders", help="The outbox of reminder emails.")


@reminders_cli.command("plan")
@NOW_OPTION
def plan_command(now_text: str | None) -> None:
    """Add the reminders due by today to the outbox and cancel outdated ones (sends nothing)."""
    now = _moment(now_text)
    with session_scope(engine()) as session:
        report = plan_reminders(session, context.settings(), now)
    click.echo(f"Planned {emails(report.planned)}, cancelled {report.cancelled}.")


@reminders_cli.command("send-due")
@NOW_OPTION
def send_due_command(now_text: str | None) -> None:
    """Plan, then send every email due at --now: one sweep of the scheduler, for cron and tests."""
    settings = context.settings()
    now = _moment(now_text)
    with session_scope(engine()) as session:
        plan = plan_reminders(session, settings, now)
    sweep = send_due(engine(), settings, now)
    click.echo(f"Planned {emails(plan.planned)}, cancelled {plan.cancelled}. {sweep.summary()}")


@reminders_cli.command("status")
def status_command() -> None:
    """Count the outbox by status and list the emails given up on."""
    with session_scope(engine()) as session:
        counts = counts_by_status(session)
        failed = failed_messages(session)
    click.echo(", ".join(f"{status} {count}" for status, count in counts.items()))
    for message in failed:
        click.echo(f"failed #{message.id} {message.template} to {message.recipient}: {message.last_error}")


@reminders_cli.command("retry")
@click.argument("message_id", type=int)
def retry_command(message_id: int) -> None:
    """Send failed email MESSAGE_ID again at the next sweep (after fixing the address or the server)."""
    with session_scope(engine()) as session:
        if not retry_failed(session, message_id, utcnow()):
            raise click.ClickException(f"No failed email #{message_id}; `reminders status` lists them.")
    click.echo(f"Email #{message_id} will be sent at the next sweep.")


@click.command("scheduler")
@with_appcontext
def scheduler_command() -> None:
    """Run the reminder scheduler in this process until stopped (Ctrl-C or SIGTERM)."""
    configure_logging(context.settings())  # LOG_FORMAT=json: the same JSON lines as the web app's
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("reminders").setLevel(logging.INFO)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # not a line per job run, every minute
    run_scheduler(engine(), context.settings())


def init_app(app: Flask) -> None:
    app.cli.add_command(deadlines_command)
    app.cli.add_command(reminders_cli)
    app.cli.add_command(scheduler_command)
