"""Periods staff name in questions, turned into inclusive date ranges.

The reporting year is the financial year, 1 April to 31 March, written "2017/18". "This year" means the
current financial year (docs/reporting.md, "The year"); a bare "2017" is ambiguous and is never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from content.dates import plain_date

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
MONTH_WORDS = MONTHS | {name[:3]: number for name, number in MONTHS.items()} | {"sept": 9}
MONTH_NAMES = {number: name.capitalize() for name, number in MONTHS.items()}


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    label: str  # "2017/18", "March 2018", "1 April 2026 to 26 November 2026"
    kind: str  # financial-year, calendar-year, quarter, month, since, rolling

    @property
    def description(self) -> str:
        return f"{plain_date(self.start)} to {plain_date(self.end)}"

    @property
    def phrase(self) -> str:
        """How an answer names the period: "in 2017/18 (1 April 2017 to 31 March 2018)"."""
        if self.kind == "since":
            return f"from {self.description}"
        return f"in {self.label} ({self.description})"

    def as_dict(self) -> dict[str, str]:
        return {"label": self.label, "start": self.start.isoformat(), "end": self.end.isoformat(), "kind": self.kind}

    def year_before(self) -> Period:
        """The same span a year earlier: what "the previous year" means next to this period."""
        if self.kind == "financial-year":
            return financial_year(self.start.year - 1)
        if self.kind == "calendar-year":
            return calendar_year(self.start.year - 1)
        start, end = _shift_year(self.start, -1), _shift_year(self.end, -1)
        if self.kind == "month":
            return month(start.year, start.month)
        if self.kind in ("months", "quarter", "range"):
            return span_period(start, end)
        return Period(start, end, f"{plain_date(start)} to {plain_date(end)}", self.kind)


def _shift_year(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def financial_year_label(start_year: int) -> str:
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def financial_year(start_year: int) -> Period:
    return Period(
        date(start_year, 4, 1), date(start_year + 1, 3, 31), financial_year_label(start_year), "financial-year"
    )


def financial_year_of(day: date) -> Period:
    return financial_year(day.year if day.month >= 4 else day.year - 1)


def calendar_year(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), f"calendar year {year}", "calendar-year")


def month(year: int, number: int) -> Period:
    following = date(year + (number == 12), number % 12 + 1, 1)
    return Period(date(year, number, 1), following - timedelta(days=1), f"{MONTH_NAMES[number]} {year}", "month")


def quarter_of(day: date) -> Period:
    """The quarter holding `day`, named as a quarter of the financial year ("Q3 2026/27")."""
    first = 3 * ((day.month - 1) // 3) + 1
    return span_period(date(day.year, first, 1), month(day.year, first + 2).end)


def latest_month_start(number: int, as_of: date) -> date:
    """The 1st of the most recent month called `number` on or before `as_of`."""
    year = as_of.year if number <= as_of.month else as_of.year - 1
    return date(year, number, 1)


def parse_financial_year(text: str) -> Period | None:
    """ "2017/18", "17/18", "2017-18", "2017-2018", "2017 to 2018" -> the financial year 2017/18."""
    match = re.fullmatch(r"\s*(\d{2}|\d{4})\s*(?:/|-|–|to)\s*(\d{2}|\d{4})\s*", text)
    if not match:
        return None
    return _financial_year_from(match.group(1), match.group(2))


def _financial_year_from(first: str, second: str) -> Period | None:
    start = int(first) + (2000 if len(first) == 2 else 0)
    end = int(second) + (2000 if len(second) == 2 else 0)
    if len(second) == 2 and len(first) == 4:
        end = start - start % 100 + int(second)
        if end < start:
            end += 100
    if end != start + 1 or not 1990 <= start <= 2100:
        return None
    return financial_year(start)


@dataclass(frozen=True)
class PeriodMention:
    period: Period | None
    span: tuple[int, int]
    text: str
    relative_to_other: bool = False  # "the previous year": a year before the other period named
    # "last year" next to another period ("2022/23: did it go up compared with last year?") is the year before it
    last_year: bool = False
    ambiguous: tuple[str, ...] = ()  # suggestions when the words could mean more than one period


_MONTH_RE = "|".join(sorted(MONTH_WORDS, key=len, reverse=True))
_YEAR_RANGE = r"(?<![\d/-])(\d{4}|\d{2})\s*(?:/|-|–|\bto\b)\s*(\d{4}|\d{2})(?![\d/-])"


def _fy_mention(match: re.Match, _as_of: date) -> PeriodMention | None:
    period = _financial_year_from(match.group(1), match.group(2))
    if period is None:
        return None
    return PeriodMention(period, match.span(), match.group(0))


def _fy_start_mention(match: re.Match, _as_of: date) -> PeriodMention:
    # "financial year 2017" is the year that starts in April 2017; "year ending March 2018" ends then.
    year = int(match.group("year"))
    if match.groupdict().get("ending"):
        year -= 1
    return PeriodMention(financial_year(year), match.span(), match.group(0))


def _calendar_mention(match: re.Match, _as_of: date) -> PeriodMention:
    return PeriodMention(calendar_year(int(match.group("year"))), match.span(), match.group(0))


def _month_year_mention(match: re.Match, _as_of: date) -> PeriodMention:
    number = MONTH_WORDS[match.group("month")]
    return PeriodMention(month(int(match.group("year")), number), match.span(), match.group(0))


def _relative_mention(match: re.Match, as_of: date) -> PeriodMention | None:
    words = " ".join(match.group(0).split())
    period = relative_period(words, as_of)
    if period is None:
        return None
    relative = words in RELATIVE_TO_OTHER
    last = words in ("last year", "last financial year", "previous financial year")
    return PeriodMention(period, match.span(), match.group(0), relative_to_other=relative, last_year=last)


RELATIVE_TO_OTHER = frozenset(
    ("previous year", "the previous year", "year before", "the year before", "prior year")
    + ("the same quarter the year before", "the same quarter last year", "same quarter last year")
    + ("the same period last year", "same period last year", "the same period the year before")
    + ("same period the year before", "the same time last year", "same time last year")
    + ("the same months the year before", "the same months last year", "same months last year")
)


def relative_period(words: str, as_of: date) -> Period | None:
    this_fy = financial_year_of(as_of)
    this_quarter = quarter_of(as_of)
    # "So far this year" stops today: it differs from "this year" when the question is asked about the past.
    to_date = Period(this_fy.start, as_of, f"{this_fy.label} to {plain_date(as_of)}", "since")
    table = {
        "this year": this_fy,
        "this financial year": this_fy,
        "current year": this_fy,
        "current financial year": this_fy,
        "so far this year": to_date,
        "so far this financial year": to_date,
        "this financial year so far": to_date,
        "this year so far": to_date,
        "this year to date": to_date,
        "financial year to date": to_date,
        "year to date": to_date,
        "ytd": to_date,
        "last year": this_fy.year_before(),
        "last financial year": this_fy.year_before(),
        "previous financial year": this_fy.year_before(),
        "previous year": this_fy.year_before(),
        "the previous year": this_fy.year_before(),
        "year before": this_fy.year_before(),
        "the year before": this_fy.year_before(),
        "prior year": this_fy.year_before(),
        **{words: this_fy.year_before() for words in RELATIVE_TO_OTHER},
        "this calendar year": calendar_year(as_of.year),
        "last calendar year": calendar_year(as_of.year - 1),
        "this quarter": this_quarter,
        "last quarter": quarter_of(this_quarter.start - timedelta(days=1)),
        "this month": month(as_of.year, as_of.month),
        "last month": month(*_month_before(as_of.year, as_of.month)),
    }
    return table.get(words)


def _month_before(year: int, number: int) -> tuple[int, int]:
    return (year - 1, 12) if number == 1 else (year, number - 1)


def _since_mention(match: re.Match, as_of: date) -> PeriodMention | None:
    number = MONTH_WORDS[match.group("month")]
    day = int(match.group("day") or 1)
    year = match.group("year")
    try:
        start = date(int(year), number, day) if year else latest_month_start(number, as_of).replace(day=day)
    except ValueError:
        return None
    if start > as_of:
        return PeriodMention(None, match.span(), match.group(0), ambiguous=(f"since {plain_date(start)}",))
    return PeriodMention(Period(start, as_of, f"since {plain_date(start)}", "since"), match.span(), match.group(0))


def _bare_month_mention(match: re.Match, as_of: date) -> PeriodMention:
    number = MONTH_WORDS[match.group("month")]
    start = latest_month_start(number, as_of)
    return PeriodMention(month(start.year, number), match.span(), match.group(0))


COUNT_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "eighteen": 18, "twenty four": 24, "first": 1, "second": 2, "third": 3, "fourth": 4,
}  # fmt: skip


def _number(text: str) -> int:
    return int(text) if text.isdigit() else COUNT_WORDS[" ".join(text.split())]


def _rolling_mention(match: re.Match, as_of: date) -> PeriodMention | None:
    count = _number(match.group("count"))
    unit = match.group("unit")
    if count < 1 or count > 240:
        return None
    if unit.startswith("month"):
        year, number = as_of.year, as_of.month - count
        while number < 1:
            year, number = year - 1, number + 12
        start = date(year, number, min(as_of.day, 28)) + timedelta(days=1)
    elif unit.startswith("year"):
        start = _shift_year(as_of, -count) + timedelta(days=1)
    else:
        start = as_of - timedelta(days=7 * count if unit.startswith("week") else count) + timedelta(days=1)
    label = f"the last {count} {unit}"
    return PeriodMention(Period(start, as_of, label, "rolling"), match.span(), match.group(0))


def _quarter_mention(match: re.Match, as_of: date) -> PeriodMention | None:
    """ "Q1 2017/18" is April to June 2017: councils number quarters in the financial year."""
    year = financial_year_of(as_of)
    if match.group("first"):
        named = _financial_year_from(match.group("first"), match.group("second"))
        if named is None:
            return None
        year = named
    number = _number(match.group("q") or match.group("qw") or match.group("qo"))
    first_month = year.start.month + 3 * (number - 1)
    start_year = year.start.year + (first_month > 12)
    first_month = (first_month - 1) % 12 + 1
    start = date(start_year, first_month, 1)
    end = month(start_year + (first_month + 2 > 12), (first_month + 1) % 12 + 1).end
    label = f"Q{number} {year.label}"
    return PeriodMention(Period(start, end, label, "quarter"), match.span(), match.group(0))


def _month_range_mention(match: re.Match, as_of: date) -> PeriodMention | None:
    """ "April to June 2023", "October 2022 to March 2023", "between 1 April and 30 June 2023": one period."""
    first, last = MONTH_WORDS[match.group("m1")], MONTH_WORDS[match.group("m2")]
    end_year = int(match.group("y2")) if match.group("y2") else latest_month_start(last, as_of).year
    start_year = int(match.group("y1")) if match.group("y1") else end_year - (first > last)
    start = date(start_year, first, int(match.group("d1") or 1))
    end = month(end_year, last).end
    if match.group("d2"):
        end = date(end_year, last, int(match.group("d2")))
    if end < start or (end - start).days > 366 * 20:
        return None
    period = span_period(start, end)
    if match.group("sep") == "and" and not match.group("between"):
        # "April and May 2023": both months together, or one compared with the other? Asked, not guessed.
        first_month, last_month = month(start.year, first), month(end_year, last)
        options = (period.label, f"{first_month.label} compared with {last_month.label}")
        return PeriodMention(None, match.span(), match.group(0), ambiguous=options)
    return PeriodMention(period, match.span(), match.group(0))


def _year_to_mention(match: re.Match, _as_of: date) -> PeriodMention | None:
    """ "the year to 31 March 2023", "12 months ending June 2024": the year that ends that day."""
    number = MONTH_WORDS[match.group("month")]
    year = int(match.group("year"))
    end = date(year, number, int(match.group("day"))) if match.group("day") else month(year, number).end
    return PeriodMention(span_period(_shift_year(end, -1) + timedelta(days=1), end), match.span(), match.group(0))


def span_period(start: date, end: date) -> Period:
    """The period from `start` to `end`, named as staff would name it when it is a year, a quarter or months."""
    if start.day == 1 and end == month(end.year, end.month).end:
        if start.month == 4 and end.month == 3 and end.year == start.year + 1:
            return financial_year(start.year)
        if start.month == 1 and end.month == 12 and end.year == start.year:
            return calendar_year(start.year)
        if (start.year, start.month) == (end.year, end.month):
            return month(start.year, start.month)
        same_year = start.year == end.year
        first = MONTH_NAMES[start.month] + ("" if same_year else f" {start.year}")
        label = f"{first} to {MONTH_NAMES[end.month]} {end.year}"
        if same_year and end.month - start.month == 2 and start.month % 3 == 1:
            # A quarter of the financial year is named as councils report it: "Q3 2017/18".
            year = financial_year_of(start)
            number = (start.month - 4) % 12 // 3 + 1
            return Period(start, end, f"Q{number} {year.label}", "quarter")
        return Period(start, end, label, "months")
    return Period(start, end, f"{plain_date(start)} to {plain_date(end)}", "range")


def _past_year_mention(match: re.Match, as_of: date) -> PeriodMention:
    """ "In the last year": the last financial year, or the last 12 months? Asked, not guessed."""
    options = (financial_year_of(as_of).year_before().label, "the last 12 months")
    return PeriodMention(None, match.span(), match.group(0), ambiguous=options)


def _last_alone_mention(match: re.Match, as_of: date) -> PeriodMention:
    return PeriodMention(financial_year_of(as_of).year_before(), match.span(), match.group(0), relative_to_other=True)


def _bare_year_mention(match: re.Match, _as_of: date) -> PeriodMention:
    year = int(match.group("year"))
    options = (financial_year_label(year), financial_year_label(year - 1), f"calendar year {year}")
    return PeriodMention(None, match.span(), match.group(0), ambiguous=options)


_DAY = r"(?<!stage )(?<!stages )(?<!stg )(?<!st )(?<!top )(?:(?P<{}>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
# Most specific first; a span once taken is not read again.
_PATTERNS = (
    (
        re.compile(
            r"\b(?:(?:from|for)\s+)?(?P<between>between\s+)?(?:the\s+)?"
            + _DAY.format("d1")
            + rf"(?P<m1>{_MONTH_RE})(?:\s+(?P<y1>\d{{4}}))?\s*(?P<sep>to|until|till|through|thru|and|-|–)\s*"
            + _DAY.format("d2")
            + rf"(?P<m2>{_MONTH_RE})(?:\s+(?P<y2>\d{{4}}))?\b"
        ),
        _month_range_mention,
    ),
    (
        re.compile(
            r"\b(?:the\s+)?(?:financial\s+|fiscal\s+)?(?:year|12\s+months|twelve\s+months)\s+"
            r"(?:to|ending|ended|up\s+to|until)\s+(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+)?(?:of\s+)?"
            rf"(?P<month>{_MONTH_RE})\s+(?P<year>\d{{4}})\b"
        ),
        _year_to_mention,
    ),
    (re.compile(r"\b(?:in\s+|during\s+)?(?:the\s+)?calendar\s+year\s+(?P<year>\d{4})\b"), _calendar_mention),
    (
        re.compile(
            r"\b(?:the\s+)?(?:financial|fiscal|reporting)\s+year\s+(?P<ending>end(?:ing|ed|s)?\s+(?:in\s+)?"
            r"(?:(?:31\s+)?march\s+)?)?(?P<year>\d{4})\b(?!\s*(?:/|-|–|to\b))"
        ),
        _fy_start_mention,
    ),
    (re.compile(r"\b(?:fy|yr)\s*(?P<year>\d{4})\b(?!\s*(?:/|-|to))"), _fy_start_mention),
    (
        re.compile(r"\byear\s+(?P<ending>end(?:ing|ed)\s+(?:in\s+)?(?:31\s+)?march\s+)(?P<year>\d{4})\b"),
        _fy_start_mention,
    ),
    (
        re.compile(
            r"\b(?:(?:q|quarter\s*)(?P<q>[1-4])|quarter\s+(?P<qw>one|two|three|four)|"
            r"(?:the\s+)?(?P<qo>first|second|third|fourth)\s+quarter(?:\s+of)?)(?:\s+(?:of\s+)?(?P<first>\d{4}|\d{2})\s*(?:/|-)\s*(?P<second>\d{4}|\d{2}))?\b"
        ),
        _quarter_mention,
    ),
    (
        re.compile(
            r"\b(?:(?:in\s+|during\s+)?(?:the\s+)?(?:fy|yr|year|(?:financial|fiscal|reporting)\s+(?:year|yr))\s*)?"
            + _YEAR_RANGE
            + r"(?:\s+(?:financial|fiscal|reporting)\s+(?:year|yr)\b)?"
        ),
        _fy_mention,
    ),
    (
        re.compile(
            rf"\b(?:since|from)\s+(?:the\s+)?(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?:of\s+)?(?P<month>{_MONTH_RE})\b"
            r"(?:\s+(?P<year>\d{4}))?"
        ),
        _since_mention,
    ),
    (re.compile(rf"\b(?:in\s+|during\s+)?(?P<month>{_MONTH_RE})\s+(?P<year>\d{{4}})\b"), _month_year_mention),
    (
        re.compile(
            r"\b(?:over\s+)?(?:the\s+)?(?:last|past|previous)\s+(?P<count>\d{1,3}|"
            + "|".join(COUNT_WORDS)
            + r")\s+(?P<unit>months?|years?|weeks?|days?)\b"
        ),
        _rolling_mention,
    ),
    (
        re.compile(r"\b(?:(?:in|over|during)\s+)?(?:the\s+(?:last|past)|past)\s+year\b(?!\s+(?:to|ending))"),
        _past_year_mention,
    ),
    (
        re.compile(
            r"\b(?:so\s+far\s+this\s+(?:financial\s+)?year|this\s+(?:financial\s+)?year\s+(?:so\s+far|to\s+date)|"
            r"(?:financial\s+)?year\s+to\s+date|ytd|(?:this|current|last|previous)\s+financial\s+year|"
            r"(?:this|last)\s+calendar\s+year|(?:the\s+)?same\s+(?:quarter|period|time|months)\s+(?:the\s+year\s+before|last\s+year)|"
            r"(?:the\s+)?previous\s+year|(?:the\s+)?year\s+before|prior\s+year|"
            r"(?:this|current|last)\s+year|(?:this|last)\s+quarter|(?:this|last)\s+month)\b"
        ),
        _relative_mention,
    ),
    (re.compile(rf"\b(?:in|during)\s+(?P<month>{_MONTH_RE})\b"), _bare_month_mention),
    # "this year compared to last": "last" at the end, after a comparison, is the year before
    (
        re.compile(
            r"(?:(?<=\bwith )|(?<=\bto )|(?<=\bvs )|(?<=\bversus )|(?<=\bagainst ))"
            r"(?:the\s+)?(?:last|previous)(?:\s+one)?(?=\s*[?.!]*\s*$)"
        ),
        _last_alone_mention,
    ),
    (re.compile(r"(?<![\d/-])\b(?:in\s+|during\s+)?(?P<year>(?:19|20)\d{2})\b(?![\d/-])"), _bare_year_mention),
)


def plausible_as_of(day: date) -> bool:
    """A day "this year" can be counted from: not before records began, not in a far future."""
    return 1950 <= day.year <= 2200


def _plausible(period: Period) -> bool:
    # Complaints records start in living memory; a year like 1066 or 2999 is a typo, not a period to count.
    return period.start.year >= 1950 and period.end.year <= 2200


def find_periods(text: str, as_of: date) -> list[PeriodMention]:
    """Every period named in `text` (lower case), in the order they appear."""
    taken: list[tuple[int, int]] = []
    found: list[PeriodMention] = []
    for pattern, build in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            try:
                mention = build(match, as_of)
            except (ValueError, OverflowError):  # "calendar year 0000", "financial year 9999": not a period
                mention = None
            if mention is None or (mention.period and not _plausible(mention.period)):
                continue
            taken.append((start, end))
            found.append(mention)
    found.sort(key=lambda m: m.span[0])
    return found
