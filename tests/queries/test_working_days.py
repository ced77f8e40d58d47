"""The engine's working-day arithmetic in SQL agrees with the calendar the deadlines use, day for day."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from models.complaints import StageRecord
from queries.engine import Engine
from queries.periods import financial_year
from queries.query import Measure, Query
from queries.vocabulary import Vocabulary
from reminders.calendar import WorkingCalendar


@pytest.mark.parametrize(("stage", "year"), [(1, 2017), (2, 2017), (1, 2016), (3, 2016)])
def test_average_working_days_match_the_calendar(demo_session, stage, year):
    period = financial_year(year)
    rows = demo_session.exec(
        select(StageRecord.received_on, StageRecord.responded_on).where(
            StageRecord.stage == stage,
            StageRecord.received_on >= period.start,
            StageRecord.received_on <= period.end,
            StageRecord.responded_on.is_not(None),
        )
    ).all()
    calendar = WorkingCalendar()
    days = [calendar.working_days_between(received, responded) for received, responded in rows]
    engine = Engine(demo_session, Vocabulary.from_session(demo_session), as_of=date(2026, 11, 26))
    figure = engine.figure(Query(measure=Measure.AVERAGE_DAYS, stages=(stage,)), period)
    assert figure.denominator == len(days)
    assert figure.value == pytest.approx(round(sum(days) / len(days), 1))


def test_closure_days_count_as_not_working(demo_session):
    period = financial_year(2017)
    vocab = Vocabulary.from_session(demo_session)
    query = Query(measure=Measure.AVERAGE_DAYS, stages=(1,))
    plain = Engine(demo_session, vocab, as_of=date(2026, 11, 26)).figure(query, period)
    closed_all_year = [date.fromordinal(n) for n in range(period.start.toordinal(), period.end.toordinal() + 60)]
    closed = Engine(demo_session, vocab, as_of=date(2026, 11, 26), closure_days=closed_all_year).figure(query, period)
    assert plain.value > 0
    assert closed.value == 0
