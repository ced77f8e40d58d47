"""`flask --app wsgi route`: where would this text be sent?"""

from __future__ import annotations

import json
import sys

import click
from flask import Flask
from flask.cli import with_appcontext

from intake.routing import Router
from models.db import session_scope
from models.web import engine


@click.command("route")
@with_appcontext
@click.argument("text", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the decision as JSON.")
@click.option("--stdin", "from_stdin", is_flag=True, help="Route each line of standard input (one JSON line each).")
def route_command(text: str | None, as_json: bool, from_stdin: bool) -> None:
    """Route TEXT to a team, or to triage when it is not clear."""
    if from_stdin == (text is not None):
        raise click.UsageError("Give TEXT or --stdin, not both.")
    with session_scope(engine()) as session:
        router = Router.from_session(session)
    texts = (line.rstrip("\n") for line in sys.stdin) if from_stdin else [text]
    for item in texts:
        result = router.route(item)
        if as_json or from_stdin:
            click.echo(json.dumps(result.as_dict(), ensure_ascii=False))
        elif result.decision == "auto":
            click.echo(f"{result.team_name} ({result.team}), confidence {result.confidence:.0f}")
        else:
            options = "; ".join(f"{c.name} ({c.score:.0f})" for c in result.candidates) or "no likely team"
            click.echo(f"Triage: {options}")


def init_app(app: Flask) -> None:
    app.cli.add_command(route_command)
