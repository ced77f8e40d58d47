"""Reading the CSV files staff keep in spreadsheets, with the line each row starts on for the error messages."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager

# A cell bigger than this is that line's problem. The csv module stops the whole file at its own 128 KB limit, so
# it reads up to READ_LIMIT and the importers check each cell against this.
MAX_FIELD_CHARACTERS = 128 * 1024
READ_LIMIT = 64 * 1024 * 1024
DELIMITERS = (",", ";", "\t")


class UnreadableCsv(ValueError):
    """The file stops being CSV at `line` (a cell past the read limit, a stray quote)."""

    def __init__(self, line: int, reason: str):
        super().__init__(f"line {line}: the file cannot be read from here on ({reason})")
        self.line, self.reason = line, reason


def dict_reader(text: str) -> csv.DictReader:
    """A reader for `text`, comma, semicolon or tab separated (Excel in much of Europe saves with semicolons),
    whichever the header line uses most; header names lower case, without spaces around them."""
    header = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=header.count)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    names = reader.fieldnames  # reads the header
    if names is not None:
        reader.fieldnames = [name.strip().lower() for name in names]
    return reader


@contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    previous = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def oversized(raw: dict) -> list[str]:
    """The problems of a row whose cells are bigger than MAX_FIELD_CHARACTERS."""
    return [
        f"{column} is longer than {MAX_FIELD_CHARACTERS // 1024} KB"
        for column, value in raw.items()
        if isinstance(value, str) and len(value) > MAX_FIELD_CHARACTERS
    ]


def numbered_rows(reader: csv.DictReader) -> Iterator[tuple[int, dict]]:
    """Each row with the line of the file it starts on. Raises UnreadableCsv where the file stops being CSV.

    Not a count of rows: a quoted cell may hold line breaks (what happened, in the complainant's words), and
    blank lines are skipped, so the Nth row is often not on line N + 1.
    """
    rows = iter(reader)
    while True:
        try:
            with _field_limit(READ_LIMIT):
                raw = next(rows)
        except StopIteration:
            return
        except csv.Error as error:
            raise UnreadableCsv(reader.line_num, str(error)) from None
        breaks = sum(value.count("\n") for value in raw.values() if isinstance(value, str))
        yield reader.line_num - breaks, raw
