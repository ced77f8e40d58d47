"""The declarative base every table uses, with constraint names that are the same on every database.

Named constraints let Alembic alter them later on SQLite (batch mode) and PostgreSQL alike. The two helpers
state what SQLModel sets at run time but does not declare to a type checker.
"""

from typing import Protocol

from sqlalchemy import String, Table, TypeDecorator, inspect
from sqlmodel import SQLModel

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def table_of(model: type[SQLModel]) -> Table:
    """The Core table of a `table=True` model, for Core queries (SQLModel sets `__table__` but does not type it)."""
    table = inspect(model).local_table
    assert isinstance(table, Table), f"{model.__name__} is not a table model"
    return table


def max_length(table: Table, column: str) -> int | None:
    """The size of a string column (None for other types or no size): PostgreSQL refuses a longer value."""
    kind = table.c[column].type
    if isinstance(kind, TypeDecorator):  # SQLModel's AutoString (a `Field(max_length=...)`) wraps a String
        kind = kind.impl_instance
    return kind.length if isinstance(kind, String) else None


def empty_list() -> list:
    """`default_factory` for a list column. Not the builtin `list`: pydantic reads a factory's signature each time
    it builds a row, and a builtin's takes it ~1 ms (parsed from text), on every draft, complaint and email."""
    return []


def empty_dict() -> dict:
    """`default_factory` for a dict column (see `empty_list`)."""
    return {}


class HasId(Protocol):
    id: int | None


def require_id(row: HasId) -> int:
    """The primary key of a row that has been flushed or loaded: `id` is `int | None` only before the first flush."""
    if row.id is None:
        raise ValueError(f"{type(row).__name__} has no id yet: flush it first")
    return row.id


__all__ = ["SQLModel", "empty_dict", "empty_list", "max_length", "require_id", "table_of"]
