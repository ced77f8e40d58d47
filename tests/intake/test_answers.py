"""Reading answers: dates as people write them, emails, phones, text limits."""

from __future__ import annotations

from datetime import date

import pytest

from intake.answers import AnswerError, clean_text, parse, parse_when
from intake.flow import STEPS_BY_ID

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("text", "on"),
    [
        ("14/3/2025", "2025-03-14"),
        ("14-03-25", "2025-03-14"),
        ("2025-03-14", "2025-03-14"),
        ("14 March 2025", "2025-03-14"),
        ("14th Mar 2025", "2025-03-14"),
        ("29/2/2024", "2024-02-29"),
    ],
)
def test_dates_people_write(text, on):
    assert parse_when(text, TODAY).value["on"] == on


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("31/02/2025", "impossible_date"),
        ("29/2/2025", "impossible_date"),
        ("1/1/2099", "future_date"),
        ("12/13", "bad_date"),
    ],
)
def test_dates_that_cannot_be(text, code):
    with pytest.raises(AnswerError) as caught:
        parse_when(text, TODAY)
    assert caught.value.code == code


def test_rough_dates_are_kept_as_words():
    assert parse_when("about last summer", TODAY).value == {
        "on": None,
        "text": "about last summer",
        "over_a_year_ago": False,
    }
    assert parse_when("years ago", TODAY).value["over_a_year_ago"] is True
    assert parse_when("not sure", TODAY).label == "I'm not sure"


def test_a_long_date_label():
    assert parse_when("8/1/2018", TODAY).label == "Monday 8 January 2018"


def test_text_is_cleaned_but_html_kept_as_typed():
    assert clean_text(" <b>hi</b>\r\nthere\x00 ") == "<b>hi</b>\nthere"


@pytest.mark.parametrize(("step", "text", "code"), [("email", "a@b", "bad_email"), ("phone", "0770 abc", "bad_phone")])
def test_contact_details(step, text, code):
    with pytest.raises(AnswerError) as caught:
        parse(STEPS_BY_ID[step], text, who="adult", today=TODAY)
    assert caught.value.code == code


def test_choices_by_value_or_label():
    role = STEPS_BY_ID["role"]
    assert parse(role, "foster-carer", who="adult", today=TODAY).value == "foster-carer"
    assert parse(role, "I'm a foster carer", who="adult", today=TODAY).value == "foster-carer"


@pytest.mark.parametrize(
    ("text", "on", "read_as"),
    [
        ("since 1/10/2026", "2026-10-01", "Thursday 1 October 2026"),
        ("Since 1.10.26", "2026-10-01", "Thursday 1 October 2026"),
        ("since the 3rd of March 2025", "2025-03-03", "Monday 3 March 2025"),
        ("last week", "2026-11-19", "around 19 November 2026"),
        ("a month ago", "2026-10-26", "around 26 October 2026"),
        ("a couple of weeks ago", "2026-11-12", "around 12 November 2026"),
        ("3 weeks ago", "2026-11-05", "around 5 November 2026"),
        ("yesterday", "2026-11-25", "Wednesday 25 November 2026"),
        ("in October", "2026-10-01", "October 2026"),
        ("about March", "2026-03-01", "March 2026"),
        ("about last March", "2026-03-01", "March 2026"),
        ("in December", "2025-12-01", "December 2025"),  # no December yet this year: last year's
        ("October 2024", "2024-10-01", "October 2024"),
    ],
)
def test_everyday_dates_keep_the_words_and_add_a_best_date(text, on, read_as):
    parsed = parse_when(text, TODAY)
    assert parsed.value["on"] == on
    assert parsed.value["text"] == text  # their words are kept for staff
    assert parsed.value["read_as"] == read_as
    assert read_as in parsed.label


def test_everyday_dates_that_cannot_be():
    with pytest.raises(AnswerError) as caught:
        parse_when("since 31/02/2025", TODAY)
    assert caught.value.code == "impossible_date"
    with pytest.raises(AnswerError) as caught:
        parse_when("since 1/1/2099", TODAY)
    assert caught.value.code == "future_date"
