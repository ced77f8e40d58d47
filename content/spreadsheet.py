"""Cells of the CSV files staff open in a spreadsheet: never a formula (CSV injection).

A cell that starts with = + - @ (or a tab or carriage return, which some spreadsheets skip before reading one)
would run as a formula in Excel: it is written with a leading apostrophe, which the spreadsheet shows as text.
Reading our own export back (`teams import`) takes the apostrophe off again.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def spreadsheet_cell(value: object) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def from_spreadsheet_cell(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text
