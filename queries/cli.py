"""Commands for staff questions and the annual report: `flask --app wsgi ask` and `flask --app wsgi report`."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path

import click
from flask import Flask, render_template
from flask.cli import with_appcontext

from models.db import session_scope
from queries.asker import Asker
from queries.narrative import narratives
from queries.periods import parse_financial_year, plausible_as_of
from queries.publish import print_context, render_pdf
from queries.report import build_report, report_as_text
from web import context
from web.session import engine


def _as_of(value: datetime | None) -> date:
    if value is None:
        return context.today()
    if not plausible_as_of(value.date()):
        raise click.UsageError("--as-of must be a date between 1950 and 2200, like 2018-03-31.")
    return value.date()


def _print_answer(answer, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(answer.as_dict(), ensure_ascii=False))
        return
    click.echo(answer.answer)
    for row in answer.rows:
        extra = f" (was {row['compare_value']})" if "compare_value" in row else ""
        click.echo(f"  {row['label']}: {row['value']}{extra}")
    suggestions = answer.interpretation.get("suggestions") or []
    if suggestions:
        click.echo("Try: " + "; ".join(suggestions))


@click.command("ask")
@click.argument("question", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@click.option("--stdin", "from_stdin", is_flag=True, help="Answer each line of standard input (one JSON line each).")
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The day 'this year' and 'last month' are counted from (default: today).",
)
@with_appcontext
def ask_command(question: tuple[str, ...], as_json: bool, from_stdin: bool, as_of: datetime | None) -> None:
    """Answer a staff QUESTION about the complaints, for example "how many stage 2 this year"."""
    text = " ".join(question).strip()
    if from_stdin == bool(text):
        raise click.UsageError("Give a QUESTION or --stdin, not both.")
    day = _as_of(as_of)
    with session_scope(engine()) as session:
        asker = Asker(session, day, closure_days=context.settings().closure_days)
        if not from_stdin:
            _print_answer(asker.ask(text), as_json)
            return
        # One JSON line for every line read, blank ones included, so answers stay in step with the questions.
        for line in sys.stdin:
            _print_answer(asker.ask(line.rstrip("\n")), True)


@click.command("report")
@click.argument("year")
@click.option("--json", "as_json", is_flag=True, help="Print the report's figures as JSON.")
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Show the records as they stood at the end of this day (default: today).",
)
@click.option(
    "--pdf",
    "pdf_file",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write the report, fit to publish, as a PDF to this file.",
)
@with_appcontext
def report_command(year: str, as_json: bool, as_of: datetime | None, pdf_file: Path | None) -> None:
    """Rebuild the annual complaints report for YEAR (a financial year like 2017/18) from the data."""
    period = parse_financial_year(year)
    if period is None:
        raise click.UsageError(f"YEAR must be a financial year like 2017/18, not {year!r}.")
    day = _as_of(as_of)
    with session_scope(engine()) as session:
        report = build_report(session, period, as_of=day, closure_days=context.settings().closure_days)
        texts = {section: row.text for section, row in narratives(session, period.label).items()}
    if pdf_file is not None:
        settings = context.settings()
        page = render_template(
            "queries/report_print.html",
            **print_context(report, texts, council=settings.council_name, printed_on=context.today()),
        )
        pdf, pages = render_pdf(page)
        try:
            pdf_file.write_bytes(pdf)
        except OSError as error:
            raise click.ClickException(f"Could not write {pdf_file}: {error.strerror}.") from None
        click.echo(f"Wrote the {period.label} report ({pages} pages) to {pdf_file}.", err=True)
        if not as_json:
            return
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(report_as_text(report))


def init_app(app: Flask) -> None:
    app.cli.add_command(ask_command)
    app.cli.add_command(report_command)
