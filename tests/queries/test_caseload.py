"""Today's caseload: open, overdue, due today, this week or next week, in triage; by team or officer."""

from __future__ import annotations

from datetime import date

import pytest

from queries.asker import Asker
from queries.query import Grouping, Live, Measure

AS_OF = date(2026, 11, 26)  # a Thursday; the demo's live complaints are dated from it


@pytest.fixture
def asker(demo_session):
    return Asker(demo_session, AS_OF)


@pytest.mark.parametrize(
    ("question", "live", "value"),
    [
        ("how many open complaints", Live.OPEN, 12),  # the one in triage too
        ("what is our current caseload", Live.OPEN, 12),
        ("how many complaints are overdue right now", Live.OVERDUE, 1),  # an extension moves the deadline
        ("how many open complaints are past the statutory deadline, ignoring extensions", Live.OVERDUE, 2),
        ("anything due today?", Live.DUE_TODAY, 1),
        ("how many complaints are due this week", Live.DUE_THIS_WEEK, 1),  # today to Sunday, not yet overdue
        ("what's due next week", Live.DUE_NEXT_WEEK, 4),
        ("how many in triage", Live.TRIAGE, 1),
        ("how many stage 2 complaints are open", Live.OPEN, 1),
        ("how many complaints are with the leaving care team right now", Live.OPEN, 2),
    ],
)
def test_the_caseload_as_it_stands(asker, question, live, value):
    answer = asker.ask(question)
    assert answer.clear, answer.answer
    assert answer.query.live is live
    assert answer.value == value
    assert "26 November 2026" in answer.answer
    assert all(row["references"] == [row["key"]] for row in answer.rows)
    assert len(answer.rows) == value


def test_which_team_has_the_most_overdue_and_rows_link_to_complaints(asker):
    answer = asker.ask("which team has the most overdue")
    assert answer.query.measure is Measure.TOP and answer.query.group_by is Grouping.TEAM
    assert answer.value == 1
    leader = answer.rows[0]
    assert leader["value"] == len(leader["references"]) == 1
    assert leader["references"][0].startswith("CS-")


def test_open_complaints_by_officer_name_those_not_assigned(asker):
    answer = asker.ask("open complaints by officer")
    assert answer.value == 12
    assert answer.rows == [
        {"key": "none", "label": "Not assigned to an officer", "value": 12, "references": answer.rows[0]["references"]}
    ]


@pytest.mark.parametrize(
    "question",
    ["open complaints by month", "how many open complaints compared with last year", "average days for open ones",
     "open complaints in 2017/18"],
)  # fmt: skip
def test_what_the_caseload_cannot_say_is_said(asker, question):
    answer = asker.ask(question)
    assert not answer.clear
    assert answer.value is None


def test_overdue_in_a_past_year_is_late(asker):
    answer = asker.ask("stage 1 overdue in 2017/18")
    assert answer.query.live is None and answer.query.measure is Measure.LATE_COUNT
    assert answer.value == 36


def test_follow_ups_on_the_caseload(asker):
    first = asker.ask("open complaints")
    by_team = asker.ask("by team", first.query)
    assert by_team.clear and by_team.query.live is Live.OPEN and by_team.query.group_by is Grouping.TEAM
    assert by_team.value == 12
    assert not asker.ask("and last year?", first.query).clear
    year = asker.ask("stage 1 complaints in 2017/18")
    overdue = asker.ask("and which are overdue?", year.query)
    assert overdue.clear and overdue.query.live is Live.OVERDUE and overdue.value == 1


def _due_between(session, first: date, last: date) -> int:
    """Hand SQL: open stages whose deadline (an agreed extension moves it) falls from `first` to `last`."""
    from sqlalchemy import text

    return (
        session.connection()
        .execute(
            text(
                "SELECT count(*) FROM stage_record s JOIN complaint c ON c.id = s.complaint_id "
                "WHERE s.responded_on IS NULL AND c.status NOT IN ('closed', 'withdrawn') AND s.received_on <= :day "
                "AND coalesce(s.extended_to, s.due_on) BETWEEN :first AND :last"
            ),
            {"day": AS_OF, "first": first, "last": last},
        )
        .scalar_one()
    )


@pytest.mark.parametrize(
    ("question", "live", "days"),
    [
        ("how many complaints are due in the next 7 days", Live.DUE_NEXT_7_DAYS, (0, 7)),
        ("what is due within 7 days", Live.DUE_NEXT_7_DAYS, (0, 7)),  # not "answered within 7 days"
        ("how many are due tomorrow", Live.DUE_TOMORROW, (1, 1)),
    ],
)
def test_due_soon_is_the_caseload_counted_by_hand(asker, demo_session, question, live, days):
    from datetime import timedelta

    answer = asker.ask(question)
    assert answer.clear and answer.query.live is live, answer.answer
    first, last = (AS_OF + timedelta(days=n) for n in days)
    assert answer.value == _due_between(demo_session, first, last)


def test_open_cases_per_worker_is_by_officer(asker):
    answer = asker.ask("open cases per worker")
    assert answer.clear and answer.query.group_by is Grouping.OFFICER and answer.value == 12
