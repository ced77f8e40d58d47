"""Readings issue 15 asked for: measures both ways, people and team words, and "Did you mean" questions."""

from __future__ import annotations

from datetime import date

import pytest

from queries.answers import question_text
from queries.asker import Asker
from queries.parser import Parser
from queries.query import same_query
from queries.vocabulary import initials

AS_OF = date(2026, 11, 26)


@pytest.fixture
def asker(demo_session):
    return Asker(demo_session, AS_OF)


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("how many stage 1 answered late in 2017/18", 36),  # a count of late ones, never the on-time rate
        ("what percentage of stage 1 were answered late in 2017/18", 40.9),
        ("percentage of stage 1 answered on time in 2017/18", 59.1),
        ("how many stage 1 complaints had an extended deadline in 2017/18", 12),
        ("median working days to respond at stage 1 2017/18", 10.0),
        ("what percentage of stage 1 complaints escalated to stage 2 in 2016/17", 15.2),
        ("how many stage 1 complaints did we respond to in 2017/18", 90),  # by the day answered
        ("how many complaints from young people 2017/18", 20),  # children and care leavers
        ("complaints from young people or their advocates 2017/18", 28),
        ("the adoption and SGO team stage 1 2017/18", 7),  # "SGO" settles "adoption"
        ("MASH stage 1 2017/18", 12),
        ("stage 1 complaints in the financial year 2017/18", 88),
        ("stage 1 complaints in the 2017/18 financial year", 88),
        ("stage 1 in the year to 31 March 2018", 88),
        ("stage 1 complaints April 2017 to March 2018", 88),
        ("stage 1 October to December 2017", 31),
        ("stage 1 complaints in 2017/18, did it go up compared with last year?", 88),
    ],
)
def test_readings(asker, question, value):
    answer = asker.ask(question)
    assert answer.clear, answer.answer
    assert answer.value == pytest.approx(value)


def test_compared_with_last_year_is_the_year_before_the_one_asked_about(asker):
    answer = asker.ask("stage 1 complaints in 2017/18, did it go up compared with last year?")
    assert answer.query.compare_with.label == "2016/17"


def test_an_upheld_rate_leaves_out_the_undecided_and_says_so(asker):
    answer = asker.ask("percentage upheld at stage 1 this year")
    assert "not decided" in answer.answer and "left out" in answer.answer


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("how many corporate complaints 2017/18", "corporate complaints"),
        ("how many compliments last year", "compliments"),
        ("ombudsman remedies in 2017/18", "remedies"),
        ("what did complaints cost in 2017/18", "cost"),
        ("complaints by ethnicity 2017/18", "ethnicity"),
    ],
)
def test_what_the_data_does_not_hold_is_named_with_a_question_to_ask_instead(asker, question, named):
    answer = asker.ask(question)
    assert not answer.clear and answer.value is None
    assert named in answer.answer
    assert answer.interpretation["did_you_mean"], answer.answer
    assert "Did you mean: " in answer.answer


def test_statutory_is_never_dropped_unsaid(asker):
    """The demo's complaints are all statutory: the answer counts them and says "statutory"."""
    answer = asker.ask("how many statutory complaints in 2017/18")
    assert answer.clear and answer.value == asker.ask("how many stage 1 complaints in 2017/18").value
    assert "statutory stage 1 complaints" in answer.answer
    assert answer.interpretation["filters"]["procedure"] == "statutory"


def test_every_question_offered_reads_back_as_what_it_stands_for(asker):
    parser = Parser(asker.vocabulary)
    for question in ("stage 1 adoption 2017/18", "how many stage 1 complaints in 2017", "stage 1 blorp 2017/18"):
        parsed = parser.parse(question, AS_OF)
        offered = asker.could_ask(parsed.alternatives)
        assert offered
        for text in offered:
            back = parser.parse(text, AS_OF)
            assert back.clear and any(same_query(back.query, q) for q in parsed.alternatives), text
            assert text == question_text(back.query, asker.vocabulary)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Multi Agency Safeguarding Hub", {"mash"}),
        ("Children in Need", {"cin", "cn"}),
        ("Children in Care Team", {"cic", "cict", "cc"}),
        ("Early Help", {"eh"}),
        ("Assessments", set()),
    ],
)
def test_initials_of_team_names(name, expected):
    assert initials(name) == expected


@pytest.mark.parametrize(
    "question",
    ["how many stage 1 complaints faster in 2017/18", "stage 1 mother complaints 2017/18",
     "stage 1 unjustified complaints 2017/18", "complaints from black families 2017/18",
     "what's the trend in stage 1 complaints"],
)  # fmt: skip
def test_a_real_word_is_never_corrected_into_another_meaning(asker, question):
    answer = asker.ask(question)
    assert not answer.clear, answer.answer


@pytest.mark.parametrize(
    ("question", "offered"),
    [
        ("how many", "How many stage 2 complaints in 2026/27?"),  # nothing to go on: examples that can be answered
        ("stage 1 by team and by month 2017/18", "How many stage 1 complaints by month in 2017/18?"),
        ("how many corporate complaints in 2017/18", "How many stage 1 complaints in 2017/18?"),
    ],
)
def test_an_unanswerable_question_offers_questions_that_can_be_answered(asker, question, offered):
    answer = asker.ask(question)
    assert not answer.clear
    assert offered in answer.interpretation["did_you_mean"], answer.answer
    assert asker.ask(offered).clear
