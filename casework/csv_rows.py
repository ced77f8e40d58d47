"""Reading the CSV files staff keep in spreadsheets, with the line each row starts on for the error messages."""

from __future__ import annotations

import csv
from collections.abc import Iterator


class UnreadableCsv(ValueError):
    """The file stops being CSV at `line` (a cell past the csv module's 128 KB limit, a stray quote)."""

    def __init__(self, line: int, reason: str):
        super().__init__(f"line {line}: the file cannot be read from here on ({reason})")
        self.line, self.reason = line, reason


def numbered_rows(reader: csv.DictReader) -> Iterator[tuple[int, dict]]:
    """Each row with the line of the file it starts on. Raises UnreadableCsv where the file stops being CSV.

    Not a count of rows: a quoted cell may hold line breaks (what happened, in the complainant's words), and
    blank lines are skipped, so the Nth row is often not on line N + 1.
    """
    rows = iter(reader)
    while True:
        try:
            raw = next(rows)
        except StopIteration:
            return
        except csv.Error as error:
            raise UnreadableCsv(reader.line_num, str(error)) from None
        breaks = sum(value.count("\n") for value in raw.values() if isinstance(value, str))
        yield reader.line_num - breaks, raw
