"""Tables as CSV files staff open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import re

from flask import Response

from content.spreadsheet import spreadsheet_cell


def csv_text(columns: list[tuple[str, str]], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([heading for _field, heading in columns])
    for row in rows:
        writer.writerow([spreadsheet_cell(row.get(field)) for field, _heading in columns])
    return out.getvalue()


def csv_response(filename: str, columns: list[tuple[str, str]], rows: list[dict]) -> Response:
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", filename)
    return Response(
        "\ufeff" + csv_text(columns, rows),  # the byte order mark makes Excel read UTF-8
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{safe}"'},
    )
