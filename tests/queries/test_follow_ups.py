"""Follow-ups keep the last question's meaning and change only what they say."""

from __future__ import annotations

from datetime import date

import pytest

from queries.asker import Asker


@pytest.fixture
def asker(demo_session):
    return Asker(demo_session, date(2026, 11, 26))


def conversation(asker: Asker, *questions: str) -> list:
    context, answers = None, []
    for question in questions:
        answer = asker.ask(question, context)
        answers.append(answer)
        if answer.clear:
            context = answer.query
    return answers


def test_year_before_then_by_team_then_another_stage(asker):
    answers = conversation(asker, "stage 2 in 2017/18", "and the year before?", "by team", "what about stage 3?")
    assert [a.value for a in answers] == [8, 12, 12, 4]
    assert answers[1].interpretation["follow_up"] is True
    assert answers[2].interpretation["group_by"] == "team"
    assert answers[3].interpretation["stages"] == ["3"]
    assert answers[3].interpretation["period"]["label"] == "2016/17"


def test_filters_are_kept_replaced_and_cleared(asker):
    answers = conversation(
        asker, "stage 1 in 2017/18", "only LAC", "and for leaving care?", "upheld ones?", "all teams", "in total"
    )
    assert [a.value for a in answers] == [88, 36, 9, answers[3].value, 34, 34]
    assert answers[2].interpretation["filters"]["lac"] is None
    assert answers[3].interpretation["filters"]["teams"][0]["key"] == "leaving-care"


def test_compare_then_change_period(asker):
    answers = conversation(asker, "stage 2 2017/18", "compared with last year", "and 2016/17")
    assert answers[1].interpretation["compare_with"]["label"] == "2025/26"
    assert answers[2].value == 12
    assert answers[2].interpretation["compare_with"] is None


def test_a_new_full_question_does_not_inherit(asker):
    answers = conversation(asker, "stage 1 leaving care 2017/18", "how many stage 2 complaints in 2017/18")
    assert answers[1].value == 8
    assert answers[1].interpretation["filters"]["teams"] == []
    assert answers[1].interpretation["follow_up"] is False
