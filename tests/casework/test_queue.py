"""The queue: red / amber / green by working days, safeguarding first, filters; triage with suggestions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from casework.queue import QUEUE_PAGE_SIZE, QueueFilters, open_stages, triage_queue
from casework.stages import Urgency, stages_of
from models.complaints import Complaint
from models.staff import StaffUser
from reminders.calendar import WorkingCalendar
from tests.factories import add_complaint, add_staff
from tests.html import Element, Page

TODAY = date(2018, 1, 15)  # a Monday
CAL = WorkingCalendar()


@pytest.fixture
def officer(db_session, settings):
    ids = add_staff(db_session, settings)
    return db_session.get(StaffUser, ids["officer"])


def received_for_due(due: date) -> date:
    return CAL.subtract_working_days(due, 10)  # stage 1 is due 10 working days after receipt


def build(db_session):
    add_complaint(
        db_session, reference="CS-LATE-0001", team="leaving-care", received=received_for_due(date(2018, 1, 12))
    )
    add_complaint(
        db_session, reference="CS-SOON-0001", team="assessments", received=received_for_due(date(2018, 1, 18))
    )
    add_complaint(db_session, reference="CS-TDAY-0001", team="assessments", received=received_for_due(TODAY))
    add_complaint(db_session, reference="CS-FINE-0001", team="early-help", received=received_for_due(date(2018, 1, 19)))
    add_complaint(db_session, reference="CS-NEXT-0001", team="early-help", received=received_for_due(date(2018, 1, 23)))
    add_complaint(
        db_session,
        reference="CS-SAFE-0001",
        team="early-help",
        received=received_for_due(date(2018, 1, 26)),
        safeguarding=True,
    )
    add_complaint(
        db_session, reference="CS-DONE-0001", team="early-help", received=date(2018, 1, 2), responded={1: TODAY}
    )
    add_complaint(db_session, reference="CS-TRIA-0001", team=None, received=TODAY)


def test_states_and_order(db_session, officer):
    build(db_session)
    rows = open_stages(db_session, officer, CAL, TODAY, QueueFilters())
    assert [(r.reference, r.state) for r in rows] == [
        ("CS-SAFE-0001", Urgency.ON_TRACK),  # safeguarding first, whatever its deadline
        ("CS-LATE-0001", Urgency.OVERDUE),
        ("CS-TDAY-0001", Urgency.DUE_TODAY),
        ("CS-SOON-0001", Urgency.DUE_THIS_WEEK),  # Thursday: 3 working days away
        ("CS-FINE-0001", Urgency.DUE_THIS_WEEK),  # Friday: 4 working days away, still this week
        ("CS-NEXT-0001", Urgency.ON_TRACK),  # Tuesday next week
    ]
    assert [r.days_overdue for r in rows] == [0, 1, 0, 0, 0, 0]  # Friday 12th to Monday 15th: one working day


def test_filters(db_session, officer):
    build(db_session)

    def refs(**kwargs):
        return [r.reference for r in open_stages(db_session, officer, CAL, TODAY, QueueFilters(**kwargs))]

    assert refs(team="assessments") == ["CS-TDAY-0001", "CS-SOON-0001"]
    assert refs(state="due-today") == ["CS-TDAY-0001"]
    assert refs(state="due-this-week") == ["CS-SOON-0001", "CS-FINE-0001"]
    assert refs(state="on-track") == ["CS-SAFE-0001", "CS-NEXT-0001"]
    assert refs(state="overdue") == ["CS-LATE-0001"]
    assert refs(flagged=True) == ["CS-SAFE-0001"]
    assert refs(stage=2) == []
    assert QueueFilters.from_args({"stage": "9", "state": "purple", "team": "x" * 100}) == QueueFilters(team="x" * 64)


def test_extension_moves_the_due_date(db_session, officer):
    complaint = add_complaint(db_session, reference="CS-EXTN-0001", team="leaving-care", received=date(2017, 12, 20))
    record = stages_of(db_session, complaint.id)[0]
    record.extended_to, record.extension_reason = date(2018, 1, 22), "complex"
    db_session.add(record)
    db_session.flush()
    (row,) = open_stages(db_session, officer, CAL, TODAY, QueueFilters())
    assert (row.due, row.state) == (date(2018, 1, 22), Urgency.ON_TRACK)  # next Monday


def test_triage_queue_comes_with_the_routers_suggestions(db_session, officer, settings):
    add_complaint(db_session, reference="CS-TRIA-0002", team=None, received=TODAY)
    complaint = add_complaint(db_session, reference="CS-TRIA-0003", team=None, received=TODAY, safeguarding=True)
    complaint.about_text = "leaving care"
    db_session.add(complaint)
    db_session.flush()
    rows = triage_queue(db_session, officer, settings.timezone)
    assert [row.reference for row in rows] == ["CS-TRIA-0003", "CS-TRIA-0002"]
    assert rows[0].suggestion.candidates[0].team == "leaving-care"
    manager = db_session.exec(select(StaffUser).where(StaffUser.role == "manager")).one()
    assert triage_queue(db_session, manager, settings.timezone) == []


def test_queue_page_shows_tags_and_filters(casework_app, signed_in, write, today, calendar):
    write(
        lambda s: add_complaint(
            s, reference="CS-LATE-0009", team="leaving-care", received=calendar.subtract_working_days(today, 15)
        )
    )
    client = signed_in("officer")
    row = queue_rows(client)["CS-LATE-0009"]
    state = row.select("td")[-1].one(".govuk-tag")
    assert state.text == "Overdue" and "govuk-tag--red" in state.classes
    assert row.cells()[2:5] == ["Leaving Care", "Nobody yet", "Stage 1"]
    assert row.select("td")[-1].text == "Overdue 5 working days late"  # received 15 working days ago, due in 10
    assert row.cells()[1] == "Sam Example"  # the complainant
    assert "CS-LATE-0009" not in queue_rows(client, "?state=on-track")
    assert "CS-LATE-0009" in queue_rows(client, "?team=leaving-care&stage=1")


def queue_rows(client, query: str = "") -> dict[str, Element]:
    """The queue page's rows, by the reference each starts with."""
    page = Page(client.get(f"/staff/queue{query}").get_data(as_text=True))
    return {row.one("th a").text: row for row in page.select("table.casework-queue tbody tr")}


def test_only_mine(db_session, officer):
    build(db_session)
    complaint = db_session.exec(select(Complaint).where(Complaint.reference == "CS-FINE-0001")).one()
    complaint.assigned_officer_id = officer.id
    db_session.add(complaint)
    db_session.flush()
    rows = open_stages(db_session, officer, CAL, TODAY, QueueFilters(mine=True))
    assert [(r.reference, r.officer) for r in rows] == [("CS-FINE-0001", "Olu Officer")]
    assert QueueFilters.from_args({"mine": "yes"}).mine


def test_a_long_queue_comes_in_pages_of_the_most_urgent_first(casework_app, signed_in, write, today, calendar):
    def build_many(session):
        for number in range(QUEUE_PAGE_SIZE + 5):
            received = calendar.subtract_working_days(today, 3 + number % 12)  # overdue, due soon, on track
            add_complaint(session, reference=f"CS-PAGE-{number:04d}", team="leaving-care", received=received)

    write(build_many)
    client = signed_in("officer")
    first = Page(client.get("/staff/queue").get_data(as_text=True))
    assert len(first.select("table.casework-queue tbody tr")) == QUEUE_PAGE_SIZE
    assert f"{QUEUE_PAGE_SIZE + 5} open stages" in first.one("caption").text
    assert "page 1 of 2" in first.one("caption").text
    assert first.select("a[href='/staff/queue?page=2']")
    second = queue_rows(client, "?page=2")
    assert len(second) == 5
    # The last page holds the least urgent: every row on it is due no sooner than any row on the first.
    assert not set(second) & {row.one("th a").text for row in first.select("table.casework-queue tbody tr")}
    assert "On track" in " ".join(row.text for row in second.values())
    assert "Overdue" not in " ".join(row.text for row in second.values())


def test_counts_at_the_top_link_to_what_they_count(casework_app, signed_in, write, today, calendar):
    def build_some(session):
        add_complaint(
            session, reference="CS-CNT-0001", team="leaving-care", received=calendar.subtract_working_days(today, 12)
        )
        add_complaint(
            session, reference="CS-CNT-0002", team="leaving-care", received=calendar.subtract_working_days(today, 10)
        )
        add_complaint(
            session, reference="CS-CNT-0003", team="assessments", received=calendar.subtract_working_days(today, 8)
        )
        add_complaint(session, reference="CS-CNT-0004", team="assessments", received=today, safeguarding=True)
        add_complaint(session, reference="CS-CNT-0005", team=None, received=today)

    write(build_some)
    # CS-CNT-0003 is due in 2 working days: this week from Monday to Wednesday, next week from Thursday.
    this_week = calendar.add_working_days(today, 2) <= today + timedelta(days=6 - today.weekday())
    client = signed_in("officer")
    page = Page(client.get("/staff/queue").get_data(as_text=True))
    counts = {item.one(".casework-counts__label").text: item for item in page.select(".casework-counts__item")}
    assert {label: item.one(".casework-counts__value").text for label, item in counts.items()} == {
        "Overdue": "1",
        "Due today": "1",
        "Due this week": "1" if this_week else "0",
        "In triage": "1",
        "Flagged, not yet reviewed": "1",
    }
    assert counts["Overdue"].one("a").attrs["href"] == "/staff/queue?state=overdue"
    assert counts["In triage"].one("a").attrs["href"] == "/staff/triage"
    assert set(queue_rows(client, "?state=overdue")) == {"CS-CNT-0001"}
    assert set(queue_rows(client, "?state=due-today")) == {"CS-CNT-0002"}
    assert set(queue_rows(client, "?state=due-this-week")) == ({"CS-CNT-0003"} if this_week else set())
    assert set(queue_rows(client, "?flagged=yes")) == {"CS-CNT-0004"}
    # Each colour has its own words too.
    tags = {ref: row.select("td")[-1].one(".govuk-tag") for ref, row in queue_rows(client).items()}
    assert tags["CS-CNT-0002"].text == "Due today" and "govuk-tag--orange" in tags["CS-CNT-0002"].classes
    week_tag = ("Due this week", "govuk-tag--yellow") if this_week else ("On track", "govuk-tag--green")
    assert tags["CS-CNT-0003"].text == week_tag[0] and week_tag[1] in tags["CS-CNT-0003"].classes
    # A manager does not triage, so sees no triage figure.
    manager = Page(signed_in("manager").get("/staff/queue").get_data(as_text=True))
    assert "In triage" not in manager.texts(".casework-counts__label")


def test_columns_sort_and_safeguarding_stays_on_top(casework_app, signed_in, write, today, calendar):
    def build_some(session):
        add_complaint(
            session, reference="CS-SRT-0001", team="leaving-care", received=calendar.subtract_working_days(today, 12)
        )
        add_complaint(
            session, reference="CS-SRT-0002", team="assessments", received=calendar.subtract_working_days(today, 2)
        )
        add_complaint(session, reference="CS-SRT-0003", team="early-help", received=today, safeguarding=True)

    write(build_some)
    client = signed_in("officer")
    assert list(queue_rows(client)) == ["CS-SRT-0003", "CS-SRT-0001", "CS-SRT-0002"]
    assert list(queue_rows(client, "?sort=due&order=desc")) == ["CS-SRT-0003", "CS-SRT-0002", "CS-SRT-0001"]
    assert list(queue_rows(client, "?sort=team&order=asc")) == ["CS-SRT-0003", "CS-SRT-0002", "CS-SRT-0001"]
    assert list(queue_rows(client, "?sort=reference&order=desc")) == ["CS-SRT-0003", "CS-SRT-0002", "CS-SRT-0001"]
    page = Page(client.get("/staff/queue?sort=team&order=asc").get_data(as_text=True))
    team_heading = [th for th in page.select("thead th") if th.text.startswith("Team")][0]
    assert team_heading.attrs["aria-sort"] == "ascending"
    assert "order=desc" in team_heading.one("a").attrs["href"]  # a second click sorts the other way
    assert "sort=nonsense" not in client.get("/staff/queue?sort=nonsense&order=up").get_data(as_text=True)
