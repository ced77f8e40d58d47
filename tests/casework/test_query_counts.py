"""No page of the staff side makes a statement per row: the queue and a complaint's page make as many statements
with ten times the complaints or the history (counted at the driver, `before_cursor_execute`)."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from models import audit
from models.audit import Action
from models.complaints import Complaint
from tests.casework.conftest import CLOCK_START
from tests.databases import counting_statements
from tests.factories import add_complaint

# Three days before casework_app's clock.
RECEIVED = CLOCK_START.date() - timedelta(days=3)


def add_open(session, count: int, start: int) -> None:
    teams = ("leaving-care", "assessments", "early-help")
    for number in range(start, start + count):
        add_complaint(
            session,
            reference=f"CS-QC-{number:04d}",
            team=teams[number % len(teams)],
            received=RECEIVED,
            safeguarding=number % 4 == 0,
        )


def statements_for(client, url: str, path: str) -> int:
    client.get(path)  # the worker's caches (router, vocabulary) are built on a first read
    with counting_statements(url) as statements:
        assert client.get(path).status_code == 200
    return len(statements)


def test_the_queue_makes_as_many_statements_for_many_complaints(signed_in, write, clean_db):
    officer = signed_in("officer")
    write(lambda session: add_open(session, 3, 0))
    few = statements_for(officer, clean_db, "/staff/queue")
    write(lambda session: add_open(session, 30, 3))
    assert statements_for(officer, clean_db, "/staff/queue") == few


def add_events(session, reference: str, count: int) -> None:
    complaint = session.exec(select(Complaint).where(Complaint.reference == reference)).one()
    for minute in range(count):
        audit.record(
            session,
            "Olu Officer",
            complaint,
            Action.COMPLAINT_VIEWED,
            at=CLOCK_START - timedelta(minutes=minute + 1),
        )


def test_a_complaints_page_makes_as_many_statements_for_a_long_history(signed_in, write, clean_db):
    officer = signed_in("officer")
    write(lambda session: add_open(session, 1, 0))
    path = "/staff/complaints/CS-QC-0000"
    write(lambda session: add_events(session, "CS-QC-0000", 3))
    few = statements_for(officer, clean_db, path)
    write(lambda session: add_events(session, "CS-QC-0000", 30))
    assert statements_for(officer, clean_db, path) == few
