"""The shapes govuk-frontend-jinja's macros take (select, radio and checkbox items, summary-list rows, tags, the
error summary), built in Python by the views so that templates only draw them."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

Options = Iterable[tuple[str, str]]  # (value, words shown)


def select_items(options: Options, chosen: str | None, placeholder: str | None = None) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = [{"value": "", "text": placeholder}] if placeholder is not None else []
    return items + [{"value": value, "text": text, "selected": value == chosen} for value, text in options]


def radio_items(options: Options, chosen: str | None) -> list[dict[str, Any]]:
    return [{"value": value, "text": text, "checked": value == chosen} for value, text in options]


def checkbox_items(options: Options, chosen: Collection[str]) -> list[dict[str, Any]]:
    return [{"value": value, "text": text, "checked": value in chosen} for value, text in options]


def summary_rows(rows: Iterable[tuple[str, str]]) -> list[dict[str, Any]]:
    """(label, value) pairs as summary-list rows."""
    return [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]


def tag(text: str, colour: str | None = None) -> dict[str, str]:
    """A govukTag's params; `colour` is one of GOV.UK's tag colours ("red", "grey", ...)."""
    return {"text": text, "classes": f"govuk-tag--{colour}"} if colour else {"text": text}


def error_list(errors: Mapping[str, str], date_fields: Collection[str] = ()) -> list[dict[str, str]]:
    """The error summary's links: each to its field; a date field's to its day box, as GOV.UK asks."""
    items = []
    for key, message in errors.items():
        field = key.rsplit("-", 1)[-1]
        items.append({"text": message, "href": f"#{key}" + ("-day" if field in date_fields else "")})
    return items
