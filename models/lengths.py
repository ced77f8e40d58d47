"""Sized text columns are checked here, before any INSERT or UPDATE, on every database.

PostgreSQL refuses a value longer than its varchar(N) (an error, a 500) while SQLite keeps it whole: the same
input must get the same answer on both. Views check their own fields first with words for the person; this is the
net under them, so a value that slipped past still stops before anything is stored, as a `ValueTooLong` the web
layer turns into a 422.
"""

from __future__ import annotations

from sqlalchemy import String, event, inspect
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeDecorator


class ValueTooLong(ValueError):
    def __init__(self, table: str, column: str, limit: int):
        super().__init__(f"{table}.{column} is longer than {limit} characters")
        self.table, self.column, self.limit = table, column, limit


def _size(column) -> int | None:
    kind = column.type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    return kind.length if isinstance(kind, String) else None


def check_lengths(session: Session, _context, _instances) -> None:
    for row in (*session.new, *session.dirty):
        mapper = inspect(row).mapper
        for column in mapper.columns:
            limit = _size(column)
            value = getattr(row, mapper.get_property_by_column(column).key, None)
            if limit is not None and isinstance(value, str) and len(value) > limit:
                raise ValueTooLong(mapper.local_table.name, column.name, limit)


event.listen(Session, "before_flush", check_lengths)
