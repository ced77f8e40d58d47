"""`--as-of` shows the records as they stood at the end of that day: nothing dated after it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from queries.engine import Engine
from queries.periods import financial_year
from queries.query import Live, Measure, Query
from queries.report import build_report
from queries.vocabulary import cached_vocabulary

DAY = date(2017, 12, 31)  # three quarters into 2017/18


def _sql(session, sql: str) -> int:
    return session.connection().execute(text(sql), {"day": DAY}).scalar_one()


def test_stages_received_later_are_not_counted(demo_session):
    report = build_report(demo_session, financial_year(2017), as_of=DAY)
    received = _sql(
        demo_session, "SELECT count(*) FROM stage_record WHERE stage = 1 AND received_on BETWEEN '2017-04-01' AND :day"
    )
    assert report.figures["stage_1_total"] == received
    assert received < 88  # the whole year has 88


def test_answers_and_outcomes_dated_later_read_as_not_given_yet(demo_session):
    report = build_report(demo_session, financial_year(2017), as_of=DAY)
    decided = _sql(
        demo_session,
        """SELECT count(*) FROM stage_record WHERE stage = 1 AND received_on BETWEEN '2017-04-01' AND :day
           AND responded_on <= :day AND outcome IN ('upheld', 'partially-upheld', 'not-upheld')""",
    )
    answered_later = _sql(
        demo_session,
        """SELECT count(*) FROM stage_record WHERE stage = 1 AND received_on BETWEEN '2017-04-01' AND :day
           AND responded_on > :day""",
    )
    assert answered_later > 0  # the test means something: some answers came after the day
    outcomes = report.figures["stage_1_outcomes"]
    assert sum(outcomes.get(o, 0) for o in ("upheld", "partially-upheld", "not-upheld")) == decided
    assert outcomes.get("none") == answered_later


def test_a_stage_answered_later_was_open_on_the_day(demo_session):
    engine = Engine(demo_session, cached_vocabulary(demo_session), as_of=DAY)
    open_then = engine.figure(Query(live=Live.OPEN, stages=()), financial_year(2017)).value
    expected = _sql(
        demo_session,
        "SELECT count(*) FROM stage_record WHERE received_on <= :day AND (responded_on IS NULL OR responded_on > :day)",
    )
    assert open_then == expected > 0


def test_on_time_as_of_a_day_judges_only_what_was_known(demo_session):
    engine = Engine(demo_session, cached_vocabulary(demo_session), as_of=DAY)
    figure = engine.figure(Query(measure=Measure.ON_TIME, stages=(1,)), financial_year(2017))
    judged = _sql(
        demo_session,
        """SELECT count(*) FROM stage_record WHERE stage = 1 AND received_on BETWEEN '2017-04-01' AND :day
           AND ((responded_on IS NOT NULL AND responded_on <= :day) OR due_on < :day)""",
    )
    assert figure.denominator == judged
