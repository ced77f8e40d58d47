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
