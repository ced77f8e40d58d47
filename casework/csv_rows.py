"""Reading the CSV files staff keep in spreadsheets, with the line each row starts on for the error messages."""

from __future__ import annotations

import csv
from collections.abc import Iterator


def numbered_rows(reader: csv.DictReader) -> Iterator[tuple[int, dict]]:
    """Each row with the line of the file it starts on.

    Not a count of rows: a quoted cell may hold line breaks (what happened, in the complainant's words), and
    blank lines are skipped, so the Nth row is often not on line N + 1.
    """
    for raw in reader:
        breaks = sum(value.count("\n") for value in raw.values() if isinstance(value, str))
        yield reader.line_num - breaks, raw
