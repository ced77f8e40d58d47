"""Periods in every usual spelling."""

from __future__ import annotations

from datetime import date

import pytest

from queries.periods import find_periods, parse_financial_year

AS_OF = date(2026, 11, 26)


@pytest.mark.parametrize(
    "text", ["2017/18", "17/18", "2017-18", "2017-2018", "2017 to 2018", "2017/2018", "financial year 2017",
             "fy 2017", "fy2017/18", "financial year ending march 2018", "the year ending 31 march 2018"],
)  # fmt: skip
def test_financial_year_spellings(text):
    (mention,) = find_periods(text, AS_OF)
    assert mention.period.label == "2017/18"
    assert (mention.period.start, mention.period.end) == (date(2017, 4, 1), date(2018, 3, 31))


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("this year", date(2026, 4, 1), date(2027, 3, 31)),
        ("last year", date(2025, 4, 1), date(2026, 3, 31)),
        ("this quarter", date(2026, 10, 1), date(2026, 12, 31)),
        ("last quarter", date(2026, 7, 1), date(2026, 9, 30)),
        ("last month", date(2026, 10, 1), date(2026, 10, 31)),
        ("this month", date(2026, 11, 1), date(2026, 11, 30)),
        ("since april", date(2026, 4, 1), AS_OF),
        ("since 1st december", date(2025, 12, 1), AS_OF),
        ("in march 2018", date(2018, 3, 1), date(2018, 3, 31)),
        ("in march", date(2026, 3, 1), date(2026, 3, 31)),
        ("calendar year 2017", date(2017, 1, 1), date(2017, 12, 31)),
        ("last calendar year", date(2025, 1, 1), date(2025, 12, 31)),
        ("the last 3 months", date(2026, 8, 27), AS_OF),
    ],
)
def test_relative_and_named_periods(text, start, end):
    (mention,) = find_periods(text, AS_OF)
    assert (mention.period.start, mention.period.end) == (start, end)


def test_last_month_in_january_is_december():
    (mention,) = find_periods("last month", date(2027, 1, 10))
    assert mention.period.label == "December 2026"


def test_a_bare_year_is_never_guessed():
    (mention,) = find_periods("in 2017", AS_OF)
    assert mention.period is None
    assert mention.ambiguous == ("2017/18", "2016/17", "calendar year 2017")


@pytest.mark.parametrize("text", ["2017/19", "2018/17", "18/20", "17-19", "nonsense"])
def test_not_a_financial_year(text):
    assert parse_financial_year(text) is None
