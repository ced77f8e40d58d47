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


@pytest.mark.parametrize(
    "text", ["in the financial year 2017/18", "the 2017/18 financial year", "fy17/18", "yr 2017/18",
             "financial yr 17/18", "the year to 31 march 2018", "12 months ending march 2018",
             "april 2017 to march 2018", "from april 2017 to march 2018"],
)  # fmt: skip
def test_more_financial_year_spellings_are_one_year(text):
    (mention,) = find_periods(text, AS_OF)
    assert mention.period.label == "2017/18", mention
    assert mention.span == (0, len(text)) or text.startswith(("in ", "from ", "the "))


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("october to december 2023", date(2023, 10, 1), date(2023, 12, 31), "Q3 2023/24"),
        ("april to june 2023", date(2023, 4, 1), date(2023, 6, 30), "Q1 2023/24"),
        ("may to july 2023", date(2023, 5, 1), date(2023, 7, 31), "May to July 2023"),
        ("november to february 2024", date(2023, 11, 1), date(2024, 2, 29), "November 2023 to February 2024"),
        ("between 1 april and 30 june 2017", date(2017, 4, 1), date(2017, 6, 30), "Q1 2017/18"),
        ("q1 2023/24", date(2023, 4, 1), date(2023, 6, 30), "Q1 2023/24"),
        ("quarter 3 2023/24", date(2023, 10, 1), date(2023, 12, 31), "Q3 2023/24"),
        ("the year to 30 june 2024", date(2023, 7, 1), date(2024, 6, 30), "July 2023 to June 2024"),
    ],
)
def test_ranges_of_months_are_one_period(text, start, end, label):
    (mention,) = find_periods(text, AS_OF)
    assert (mention.period.start, mention.period.end, mention.period.label) == (start, end, label)


def test_two_months_joined_by_and_are_asked_about():
    (mention,) = find_periods("april and may 2023", AS_OF)
    assert mention.period is None
    assert mention.ambiguous == ("April to May 2023", "April 2023 compared with May 2023")


def test_a_stage_number_is_not_a_day():
    mentions = find_periods("stage 1 october to december 2017", AS_OF)
    assert [m.period.label for m in mentions] == ["Q3 2017/18"]
