"""The few SQL expressions SQLite and PostgreSQL spell differently: a month key and a day number."""

from __future__ import annotations

from sqlalchemy import Integer, case
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import String

# A Monday long before any complaint: whole weeks from it make the working-day arithmetic simple.
EPOCH = "1990-01-01"


class year_month(FunctionElement):  # noqa: N801 - reads like the SQL function it stands for
    """ "2018-03" for a date."""

    type = String()
    inherit_cache = True
    name = "year_month"


@compiles(year_month)
def _year_month_default(element, compiler, **kw):
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM')"


@compiles(year_month, "sqlite")
def _year_month_sqlite(element, compiler, **kw):
    return f"strftime('%Y-%m', {compiler.process(element.clauses, **kw)})"


class day_number(FunctionElement):  # noqa: N801
    """Days since EPOCH, as an integer."""

    type = Integer()
    inherit_cache = True
    name = "day_number"


@compiles(day_number)
def _day_number_default(element, compiler, **kw):
    return f"({compiler.process(element.clauses, **kw)} - DATE '{EPOCH}')"


@compiles(day_number, "sqlite")
def _day_number_sqlite(element, compiler, **kw):
    return f"CAST(julianday({compiler.process(element.clauses, **kw)}) - julianday('{EPOCH}') AS INTEGER)"


def weekdays_to(day: ColumnElement) -> ColumnElement:
    """Monday-to-Friday days from EPOCH up to and including `day`: 5 per whole week plus the part week."""
    n = day_number(day) + 1
    part = n % 7
    return (n // 7) * 5 + case((part > 5, 5), else_=part)
