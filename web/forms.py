"""Reading forms: dates in three boxes (GOV.UK date input), as a date and back into the boxes; the error summary."""

from __future__ import annotations

from datetime import date

from werkzeug.datastructures import MultiDict

from web import govuk

# The date inputs of the staff forms: an error about one links to its day box.
DATE_FIELDS = (
    "responded_on",
    "extend_to",
    "requested_on",
    "received_on",
    "decided_on",
    "on",
    "panel_on",
    "report_on",
    "remedy_due_on",
    "done_on",
    "due_on",
)


def date_from(form: MultiDict, name: str) -> date | None:
    """`name-day`, `name-month`, `name-year` as a date, or None when empty or not a real date."""
    parts = [form.get(f"{name}-{part}", "").strip() for part in ("day", "month", "year")]
    # ASCII digits only: "²".isdigit() is true yet int() refuses it.
    if not all(part.isascii() and part.isdigit() for part in parts):
        return None
    day, month, year = (int(part) for part in parts)
    if year < 1000:
        return None
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):  # OverflowError: a number too big for a C long, like 99999999999
        return None


def date_parts(form: MultiDict | None, name: str, default: date | None = None) -> dict[str, str]:
    """What to put back in the three boxes: what was typed, else the default."""
    if form is not None and any(form.get(f"{name}-{p}") for p in ("day", "month", "year")):
        return {p: form.get(f"{name}-{p}", "") for p in ("day", "month", "year")}
    if default is None:
        return {"day": "", "month": "", "year": ""}
    return {"day": str(default.day), "month": str(default.month), "year": str(default.year)}


def error_list(errors: dict[str, str]) -> list[dict[str, str]]:
    """The error summary's items for `errors` (field id -> message)."""
    return govuk.error_list(errors, DATE_FIELDS)
