"""Reading one answer: what the person typed or tapped becomes a clean value, or a kind message saying what to do.

Messages follow docs/content.md: they say what to do ("Enter an email address like name@example.com"), never
"invalid input". Nothing here touches the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from content.dates import MONTHS, long_date, plain_date
from content.email_address import one_email_address
from content.i18n import N_, gettext
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
        message = gettext(message)  # the words are marked N_ where they are written; shown in the person's language
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
        return _advocate(text)
    if step.id == "name":
        return Parsed(" ".join(text.split()), " ".join(text.split()))  # a name is one line: it opens their emails
    return Parsed(text, text)


def _email(text: str) -> Parsed:
    # One address, by the RFCs: the acknowledgement goes to it. ".test" addresses deliver nowhere; allowed so
    # the tests and demos can use them.
    address = one_email_address(text, allow_test_domain=True) if _EMAIL.match(text) else None
    if address is None:
        raise AnswerError("bad_email", N_("Enter an email address like name@example.com"))
    return Parsed(address, address)


def _phone(text: str) -> Parsed:
    digits = re.sub(r"\D", "", text)
    # PHONE_LIMIT: the column's size; an advocate's contact may be 320 characters as an email, not as a phone.
    if len(text) > PHONE_LIMIT or not _PHONE_CHARS.match(text) or not 10 <= len(digits) <= 15:
        raise AnswerError("bad_phone", N_("Enter a phone number, like 07700 900123"))
    return Parsed(text, text)


_EMAIL_INSIDE = re.compile(r"[^@\s<>\"',;:()]+@[^@\s<>\"',;:()]+\.[^@\s<>\"'.,;:()]{2,}")
_PHONE_INSIDE = re.compile(r"\+?\d[\d ()\-.]{8,}\d")


def advocate_details(text: str) -> tuple[str, str, str]:
    """(name, email, phone) from an answer like "Sam Jones, 07700 900123" or "sam@advocacy.example"."""
    email = match[0] if (match := _EMAIL_INSIDE.search(text)) else ""
    rest = text.replace(email, " ") if email else text
    phone = match[0].strip() if (match := _PHONE_INSIDE.search(rest)) else ""
    rest = rest.replace(phone, " ") if phone else rest
    name = re.sub(r"\b(and|on|at|email|phone|tel|mobile)\b", " ", rest, flags=re.IGNORECASE)
    name = " ".join(re.sub(r"[,;:()]", " ", name).split()).strip(" -.")
    return name[:SHORT_LIMIT], email, phone


def _advocate(text: str) -> Parsed:
    """Their advocate: a name is welcome, an email or a phone number is needed to reach them."""
    _name, email, phone = advocate_details(text)
    if email:
        _email(email)
    elif phone:
        _phone(phone)
    else:
        raise AnswerError(
            "bad_contact",
            N_(
                "Write their email address like name@example.com or phone number like 07700 900123, "
                "or choose 'I don't know'"
            ),
        )
    return Parsed(text, text)


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
        raise AnswerError("bad_date", N_("Enter a date like 14/3/2025, or write roughly when, like 'about last March'"))
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        raise AnswerError(
            "impossible_date", N_("That date doesn't exist. Check the day and the month, like 14/3/2025")
        ) from None


# Everyday ways of saying when (issue 20): the hint invites "roughly when", so these are read, never refused.
# A few set forms, written out here rather than a general date-guessing library, so that what we read back is
# predictable and can be explained to a child: we keep their words and add our best date, which they confirm.
_QUALIFIER = re.compile(
    r"^(?P<q>since|from|about|around|roughly|approximately|approx\.?|circa|on|in|at|before|after|"
    r"sometime in|some time in|maybe|probably|early|late|mid|the)\s+",
    re.IGNORECASE,
)
_NUMERIC_INSIDE = re.compile(r"(?<![\d/.\-])(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2,4})(?![\d/.\-])")
_WORDY_INSIDE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?,?\s+(\d{4})\b", re.IGNORECASE)
_MONTH_WORDS = re.compile(r"^(?:(?P<last>last|this)\s+)?(?P<month>[a-z]+)\.?(?:\s+(?P<year>(?:19|20)\d{2}))?$", re.I)
_COUNTS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "a couple of": 2, "couple of": 2, "three": 3, "a few": 3, "few": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_AGO = re.compile(
    r"^(?P<n>\d{1,3}|" + "|".join(sorted(map(re.escape, _COUNTS), key=len, reverse=True)) + r")\s+"
    r"(?P<unit>day|week|month|year)s?\s+ago$",
    re.IGNORECASE,
)
_FIXED = {"today": 0, "this morning": 0, "tonight": 0, "last night": 1, "yesterday": 1, "this week": 0}
_LAST = {"last week": ("week", 1), "last month": ("month", 1), "last year": ("year", 1)}


def _months_before(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    last_day = 31
    while True:
        try:
            return date(year, month, min(day.day, last_day))
        except ValueError:
            last_day -= 1


def _back(today: date, unit: str, count: int) -> date:
    if unit == "day":
        return today - timedelta(days=count)
    if unit == "week":
        return today - timedelta(weeks=count)
    return _months_before(today, count * (12 if unit == "year" else 1))


def _month_before(today: date, month: int, year: int | None, last: bool) -> date:
    """The first of the month named: in the year given, else the latest one not after today ("last March" in
    March means a year ago)."""
    if year is not None:
        return date(year, month, 1)
    year = today.year if month < today.month or (month == today.month and not last) else today.year - 1
    return date(year, month, 1)


@dataclass(frozen=True)
class _Everyday:
    on: date
    shown: str  # how we read it back: "Thursday 1 October 2026", "October 2026", "around 19 November 2026"


def _everyday(text: str, today: date) -> _Everyday | None:
    """Our best date for everyday words ("since 1/10/2026", "last week", "in October", "a month ago", "about
    March"), or None when the words name no date we can place (then they are kept as words only)."""
    words = " ".join(text.lower().replace(",", " ").split()).strip(" .!")
    if match := _NUMERIC_INSIDE.search(words):
        day, month, year = (int(part) for part in match.groups())
        found = _checked(year + 2000 if year < 100 else year, month, day)
        return _Everyday(found, long_date(found))
    if (match := _WORDY_INSIDE.search(words)) and match[2] in _MONTHS:
        found = _checked(int(match[3]), _MONTHS[match[2]], int(match[1]))
        return _Everyday(found, long_date(found))
    while (match := _QUALIFIER.match(words)) is not None:
        words = words[match.end() :]
    if words in _FIXED:
        found = today - timedelta(days=_FIXED[words])
        return _Everyday(found, long_date(found))
    if words in _LAST:
        unit, count = _LAST[words]
        found = _back(today, unit, count)
        return _Everyday(found, f"around {plain_date(found)}")
    if match := _AGO.match(words):
        count = int(match["n"]) if match["n"].isdigit() else _COUNTS[match["n"].lower()]
        found = _back(today, match["unit"].lower(), count)
        return _Everyday(found, f"around {plain_date(found)}")
    if (match := _MONTH_WORDS.match(words)) and match["month"] in _MONTHS:
        named_year = int(match["year"]) if match["year"] else None
        found = _month_before(today, _MONTHS[match["month"]], named_year, bool(match["last"]))
        return _Everyday(found, f"{MONTHS[found.month - 1]} {found.year}")
    return None


def _checked(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise AnswerError(
            "impossible_date", N_("That date doesn't exist. Check the day and the month, like 14/3/2025")
        ) from None


def _not_future_or_ancient(day: date, today: date) -> None:
    if day > today:
        raise AnswerError("future_date", N_("That date is in the future. Enter the date it happened, like 14/3/2025"))
    if day.year < 1900:
        raise AnswerError("impossible_date", N_("Check the year. Enter a date like 14/3/2025"))


def parse_when(text: str, today: date) -> Parsed:
    """A date answer, one shape: {"on": ISO date or None, "text": their words when not just a date,
    "over_a_year_ago"}, and "read_as" (our best date, in words) for everyday words. Everyday words keep the words
    and add our best date; the label and a note in the chat read it back, to be changed if we got it wrong."""
    if text.lower().strip(" .!") in _UNSURE or text == NOT_SURE:
        return Parsed({"on": None, "text": "", "over_a_year_ago": False}, "I'm not sure")
    if text == DONT_KNOW:
        return Parsed({"on": None, "text": "", "over_a_year_ago": False}, "I don't know")
    if len(text) > SHORT_LIMIT:
        raise _too_long(text, SHORT_LIMIT)
    try:
        exact = _exact_date(text)
    except AnswerError:
        if _NUMERIC_INSIDE.search(text) is None:
            raise  # "12/13": looks like a date and isn't one
        exact = None
    if exact is not None:
        _not_future_or_ancient(exact, today)
        label = long_date(exact)
        return Parsed({"on": exact.isoformat(), "text": "", "over_a_year_ago": years_ago(exact, today)}, label)
    everyday = _everyday(text, today)
    if everyday is not None:
        _not_future_or_ancient(everyday.on, today)
        value = {
            "on": everyday.on.isoformat(),
            "text": text,
            "over_a_year_ago": years_ago(everyday.on, today),
            "read_as": everyday.shown,  # read back to them to confirm (engine.READ_AS_NOTE)
        }
        label = text if everyday.shown.lower() in text.lower() else f"{text} ({everyday.shown})"
        return Parsed(value, label)
    lowered = text.lower()
    old = any(int(match[0]) <= today.year - 2 for match in _YEAR.finditer(text)) or "years ago" in lowered
    return Parsed({"on": None, "text": text, "over_a_year_ago": old}, text)


def email_address(text: str) -> str:
    """An email address checked as the chat checks one (AnswerError when it is not one): staff forms use it too."""
    return _email(clean_text(text)).value


def phone_number(text: str) -> str:
    """A phone number checked as the chat checks one (AnswerError when it is not one)."""
    return _phone(clean_text(text)).value
