"""`flask --app wsgi route`: where would this text be sent?"""

from __future__ import annotations

import json
import sys

import click
from flask import Flask
from flask.cli import with_appcontext

from intake.routing import RouteResult, get_router
from models.db import session_scope
from web.session import engine


def _describe(result: RouteResult) -> str:
    if result.decision == "auto":
        return f"{result.team_name} ({result.team}), confidence {result.confidence:.0f}"
    if result.off_topic:
        return f"Triage: not a children's services team. {result.off_topic.advice}"
    options = "; ".join(f"{c.name} ({c.team}, {c.score:.0f})" for c in result.candidates) or "no likely team"
    return f"Triage ({result.reason}): {options}"


@click.command("route")
@click.argument("text", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the decision as JSON.")
@click.option(
    "--stdin", "from_stdin", is_flag=True, help="Route each line of standard input; one JSON object a line, in order."
)
@with_appcontext
def route_command(text: str | None, as_json: bool, from_stdin: bool) -> None:
    """Route TEXT to a team, or to triage when it is not clear."""
    if from_stdin and text is not None:
        raise click.UsageError("Give TEXT or --stdin, not both.")
    if not from_stdin and text is None:
        raise click.UsageError('Give the TEXT to route, e.g. route "my PA never calls back", or use --stdin.')
    with session_scope(engine()) as session:
        router = get_router(session)
    if not from_stdin:
        assert text is not None  # checked above: TEXT or --stdin, exactly one
        result = router.route(text)
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False) if as_json else _describe(result))
        return
    # One output line per input line, blank lines included, so callers can zip answers with their texts.
    for line in sys.stdin:
        result = router.route(line.rstrip("\r\n"))
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False) if as_json else _describe(result))


def init_app(app: Flask) -> None:
    app.cli.add_command(route_command)
