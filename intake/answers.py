"""Reading one answer: what the person typed or tapped becomes a clean value, or a kind message saying what to do.

Messages follow docs/content.md: they say what to do ("Enter an email address like name@example.com"), never
"invalid input". Nothing here touches the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from content.dates import long_date
from content.email_address import one_email_address
from intake.flow import ADULT, DONT_KNOW, NOT_SURE, SHORT_LIMIT, TOO_LONG, Option, Step, worded
from models.base import max_length, table_of
from models.complaints import Complaint

PHONE_LIMIT = max_length(table_of(Complaint), "phone") or 40
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"'.]{2,}$")
_PHONE_CHARS = re.compile(r"^[0-9 +()\-.]+$")
_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2,4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_WORDY_DATE = re.compile(r"^\s*(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})\s*$", re.IGNORECASE)
_LOOKS_LIKE_DATE = re.compile(r"\d{1,4}\s*[/.\-]\s*\d{1,2}")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_UNSURE = {"not sure", "im not sure", "i'm not sure", "dont know", "don't know", "i dont know", "i don't know", "?"}


class AnswerError(ValueError):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Parsed:
    value: Any  # what is stored in the draft (JSON-friendly)
    label: str  # how the answer reads back in the chat and on "check your answers"


def clean_text(raw: str) -> str:
    """Line endings unified, control characters dropped, outer space trimmed. HTML stays as typed: it is
    only ever shown escaped, as text."""
    return _CONTROL.sub("", raw.replace("\r\n", "\n").replace("\r", "\n")).strip()


def _too_long(text: str, limit: int, who: str = ADULT) -> AnswerError:
    return AnswerError("too_long", worded(TOO_LONG, who).format(limit=limit, length=len(text)))


def option_for(options: tuple[Option, ...], text: str, who: str) -> Option | None:
    """An option by its value, or by its label typed out (an API user may send either)."""
    lowered = text.strip().lower()
    for option in options:
        if lowered in (option.value.lower(), worded(option.label, who).lower()):
            return option
    return None


def parse(step: Step, raw: str, *, who: str, today: date, options: tuple[Option, ...] | None = None) -> Parsed:
    """Read `raw` as the answer to `step`. Raises AnswerError with a message to show beside the question."""
    options = step.options if options is None else options
    text = clean_text(raw)
    if len(text) > step.max_length:
        raise _too_long(text, step.max_length, who)
    if not text:
        if step.required:
            raise AnswerError("required", step.required_message)
        return Parsed("", "")
    if step.kind in ("choice", "confirm", "yes_no"):
        option = option_for(options, text, who)
        if option is None:
            raise AnswerError("unknown_option", step.required_message)
        return Parsed(option.value, worded(option.label, who))
    if step.kind == "date":
        return parse_when(text, today)  # knows "not sure" itself, and keeps every date answer one shape
    quick = option_for(options, text, who) if step.options_are_quick_replies else None
    if quick is not None:
        return Parsed(quick.value, worded(quick.label, who))
    if step.kind == "email":
        return _email(text)
    if step.kind == "phone":
        return _phone(text)
    if step.id == "advocate_contact":
        return _email_or_phone(text)
    if step.id == "name":
        return Parsed(" ".join(text.split()), " ".join(text.split()))  # a name is one line: it opens their emails
    return Parsed(text, text)


def _email(text: str) -> Parsed:
    # One address, by the RFCs: the acknowledgement goes to it. ".test" addresses deliver nowhere; allowed so
    # the tests and demos can use them.
    address = one_email_address(text, allow_test_domain=True) if _EMAIL.match(text) else None
    if address is None:
        raise AnswerError("bad_email", "Enter an email address like name@example.com")
    return Parsed(address, address)


def _phone(text: str) -> Parsed:
    digits = re.sub(r"\D", "", text)
    # PHONE_LIMIT: the column's size; an advocate's contact may be 320 characters as an email, not as a phone.
    if len(text) > PHONE_LIMIT or not _PHONE_CHARS.match(text) or not 10 <= len(digits) <= 15:
        raise AnswerError("bad_phone", "Enter a phone number, like 07700 900123")
    return Parsed(text, text)


def _email_or_phone(text: str) -> Parsed:
    if "@" in text:
        return _email(text)
    try:
        return _phone(text)
    except AnswerError:
        raise AnswerError(
            "bad_contact", "Enter an email address like name@example.com or a phone number like 07700 900123"
        ) from None


def years_ago(then: date, today: date) -> bool:
    """More than a year before today (a complaint about it is still taken, and flagged for staff)."""
    try:
        year_before = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_before = today.replace(year=today.year - 1, day=28)
    return then < year_before


def _exact_date(text: str) -> date | None:
    """The date written, None when the text is not written as a date; AnswerError when it is one that can't be."""
    day = month = year = None
    if match := _ISO_DATE.match(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _NUMERIC_DATE.match(text):
        day, month, year = (int(part) for part in match.groups())
        if year < 100:
            year += 2000
    elif (match := _WORDY_DATE.match(text)) and match[2].lower() in _MONTHS:
        day, month, year = int(match[1]), _MONTHS[match[2].lower()], int(match[3])
    elif _LOOKS_LIKE_DATE.search(text):
        raise AnswerError("bad_date", "Enter a date like 14/3/2025, or write roughly when, like 'about last March'")
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        raise AnswerError(
            "impossible_date", "That date doesn't exist. Check the day and the month, like 14/3/2025"
        ) from None


def parse_when(text: str, today: date) -> Parsed:
    if text.lower().strip(" .!") in _UNSURE or text == NOT_SURE:
        return Parsed({"on": None, "text": "", "over_a_year_ago": False}, "I'm not sure")
    if text == DONT_KNOW:
        return Parsed({"on": None, "text": "", "over_a_year_ago": False}, "I don't know")
    exact = _exact_date(text)
    if exact is not None:
        if exact > today:
            raise AnswerError("future_date", "That date is in the future. Enter the date it happened, like 14/3/2025")
        if exact.year < 1900:
            raise AnswerError("impossible_date", "Check the year. Enter a date like 14/3/2025")
        label = long_date(exact)
        return Parsed({"on": exact.isoformat(), "text": "", "over_a_year_ago": years_ago(exact, today)}, label)
    if len(text) > SHORT_LIMIT:
        raise _too_long(text, SHORT_LIMIT)
    lowered = text.lower()
    old = any(int(match[0]) <= today.year - 2 for match in _YEAR.finditer(text)) or "years ago" in lowered
    return Parsed({"on": None, "text": text, "over_a_year_ago": old}, text)
