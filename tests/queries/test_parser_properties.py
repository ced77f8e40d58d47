"""Whatever staff type, the parser answers with a query or an "I'm not sure", never an exception."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from queries.asker import Asker
from queries.parser import Parser
from queries.query import query_from_dict, query_to_dict

WORDS = [
    "how", "many", "stage", "1", "2", "3", "two", "ombudsman", "lac", "by", "team", "month", "outcome", "upheld",
    "not", "partially", "2017/18", "17/18", "2017-18", "2017", "to", "2018", "since", "april", "last", "this", "year",
    "quarter", "percentage", "%", "of", "top", "reasons", "compared", "with", "vs", "on", "time", "average", "days",
    "leaving", "care", "permanence", "adoption", "sgo", "from", "parents", "foster", "carers", "and", "what", "about",
    "within", "10", "working", "financial", "calendar", "in", "march", "previous", "the", "all", "stages", "?",
]  # fmt: skip
AS_OF = date(2026, 11, 26)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def demo_asker(demo_session):
    """One asker for every example (hypothesis runs them all within one use of a fixture)."""
    return Asker(demo_session, AS_OF)


def _check(parser: Parser, text: str, as_of: date = AS_OF, context=None) -> None:
    result = parser.parse(text, as_of, context)
    if result.clear:
        query = result.query
        assert query.period is not None
        assert query.period.start <= query.period.end
        assert query_from_dict(query_to_dict(query)) == query
    else:
        assert result.message()


@SETTINGS
@given(st.text(max_size=300))
def test_any_text(vocabulary, text):
    _check(Parser(vocabulary), text)


@SETTINGS
@given(st.lists(st.sampled_from(WORDS), max_size=14), st.dates(date(1995, 1, 1), date(2090, 12, 31)))
def test_any_mix_of_known_words(vocabulary, words, as_of):
    parser = Parser(vocabulary)
    text = " ".join(words)
    _check(parser, text, as_of)
    first = parser.parse("how many stage 2 complaints in 2017/18", as_of)
    _check(parser, text, as_of, context=first.query)


def test_a_very_long_question_is_read_only_in_part(vocabulary):
    result = Parser(vocabulary).parse("stage 2 " * 10_000, AS_OF)
    assert result.clear


@SETTINGS
@given(
    st.sampled_from(["financial year", "calendar year", "march", "fy", "since 1 march", "q1", "the last", "in"]),
    st.integers(min_value=0, max_value=99999),
    st.sampled_from(["", "/18", " to 2018", "-2", " months", " years"]),
)
def test_any_year_number(vocabulary, words, number, tail):
    _check(Parser(vocabulary), f"stage 1 {words} {number}{tail}")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=10))
def test_asking_any_mix_never_raises(demo_asker, words):
    answer = demo_asker.ask(" ".join(words))
    assert answer.answer
    assert answer.unit in ("complaints", "percent", "working days")
    if not answer.clear:
        assert answer.value is None
