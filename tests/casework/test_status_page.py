"""The complainant's private status page: plain words, full dates, what happens next, nothing about staff."""

from __future__ import annotations

from datetime import UTC, datetime

from casework.status_page import status_view
from reminders.calendar import WorkingCalendar
from tests.casework.builders import add_complaint, add_staff

TOKEN = "a-private-token-for-the-test-only-0123456789"


def test_open_complaint_shows_reply_date_in_full(client, staff_ids, write, calendar, today):
    received = calendar.subtract_working_days(today, 2)
    write(lambda s: add_complaint(s, reference="CS-STAT-0001", team="leaving-care", received=received, token=TOKEN))
    response = client.get(f"/status/{TOKEN}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    due = calendar.add_working_days(received, 10)
    assert f"{due:%A} {due.day} {due:%B %Y}" in html
    assert "We are looking into it" in html and "CS-STAT-0001" in html
    assert "Exit this page" in html and "0800 1111" in html
    for staff_word in ("Stage 1", "stage 1", "Leaving Care", "Sam Example", "Nobody called me back", "Officer"):
        assert staff_word not in html
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_replied_complaint_says_how_to_ask_for_a_review(client, staff_ids, write, calendar, today):
    responded = calendar.subtract_working_days(today, 1)
    received = calendar.subtract_working_days(today, 8)
    write(
        lambda s: add_complaint(
            s, reference="CS-STAT-0002", team="leaving-care", received=received, responded={1: responded}, token=TOKEN
        )
    )
    html = client.get(f"/status/{TOKEN}").get_data(as_text=True)
    ask_by = calendar.add_working_days(responded, 20)
    assert "We have replied" in html and "We did not agree with your complaint." in html
    assert "ask us to look at it again" in html and f"{ask_by:%A} {ask_by.day} {ask_by:%B %Y}" in html


def test_unknown_token_is_a_friendly_404(client, clean_db):
    response = client.get("/status/not-a-real-token")
    assert response.status_code == 404
    assert "We can't find that page" in response.get_data(as_text=True)


def test_after_the_review_window_the_ombudsman_is_next(db_session, settings):
    add_staff(db_session, settings)
    complaint = add_complaint(
        db_session,
        reference="CS-STAT-0003",
        team="leaving-care",
        received=datetime(2017, 12, 20, tzinfo=UTC).date(),
        responded={1: datetime(2018, 1, 5, tzinfo=UTC).date()},
    )
    view = status_view(db_session, complaint, WorkingCalendar(), settings.timezone, datetime(2018, 6, 1).date())
    assert view.review_by is None and view.replied_on is not None
