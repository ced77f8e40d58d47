"""`flask --app wsgi deadlines`: the statutory dates of a stage."""

from __future__ import annotations

import json

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from models.complaints import Stage
from reminders.calendar import WorkingCalendar
from reminders.deadlines import stage_deadlines

STAGE_CHOICES = {"1": Stage.ONE, "2": Stage.TWO, "3": Stage.THREE, "ombudsman": Stage.OMBUDSMAN}


@click.command("deadlines")
@with_appcontext
@click.option(
    "--stage", "stage_name", required=True, type=click.Choice(list(STAGE_CHOICES)), help="1, 2, 3 or ombudsman"
)
@click.option("--from", "received", required=True, type=click.DateTime(formats=["%Y-%m-%d"]), help="day received")
@click.option("--json", "as_json", is_flag=True)
def deadlines_command(stage_name: str, received, as_json: bool) -> None:
    """Print the deadlines of a stage received on --from."""
    settings = current_app.config["SETTINGS"]
    result = stage_deadlines(WorkingCalendar(settings.closure_days), STAGE_CHOICES[stage_name], received.date())
    data = result.as_dict()
    if as_json:
        click.echo(json.dumps(data))
        return
    for key, value in data.items():
        click.echo(f"{key}: {value}")


def init_app(app: Flask) -> None:
    app.cli.add_command(deadlines_command)
