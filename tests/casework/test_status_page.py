"""The complainant's private status page: plain words, full dates, what happens next, nothing about staff."""

from __future__ import annotations

from datetime import UTC, date, datetime
from html import unescape

import pytest
from sqlmodel import select

from casework.stages import escalation_window, stages_of
from casework.status_page import status_view
from content.complainant import advocate_words
from models.complaints import Outcome
from models.teams import Team
from reminders.calendar import WorkingCalendar
from tests.factories import WHAT_HAPPENED, add_complaint, add_staff
from tests.html import Page

TOKEN = "a-private-token-for-the-test-only-0123456789"


def long(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def test_the_team_is_named_in_the_readers_words(client, staff_ids, write, calendar, today):
    received = calendar.subtract_working_days(today, 2)

    def complaints(session):
        team = session.exec(select(Team).where(Team.slug == "leaving-care")).one()
        add_complaint(session, reference="CS-STAT-0101", team=team, received=received, token=TOKEN)
        add_complaint(
            session, reference="CS-STAT-0102", team=team, received=received, token=TOKEN + "-p", role="parent"
        )

    write(complaints)
    young = Page(client.get(f"/status/{TOKEN}").get_data(as_text=True)).summary_list()
    grown_up = Page(client.get(f"/status/{TOKEN}-p").get_data(as_text=True)).summary_list()
    assert young["Who is looking at it"] == "The team that helps young people leaving care"
    assert grown_up["Who is looking at it"] == "The Leaving Care team"


def test_open_complaint_shows_reply_date_in_full(client, staff_ids, write, calendar, today):
    received = calendar.subtract_working_days(today, 2)
    write(lambda s: add_complaint(s, reference="CS-STAT-0001", team="leaving-care", received=received, token=TOKEN))
    response = client.get(f"/status/{TOKEN}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    page = Page(html)
    due = calendar.add_working_days(received, 10)
    assert page.one("h1").text == "We are looking into it"
    assert page.one(".govuk-caption-l").text == "Your complaint CS-STAT-0001"
    assert page.summary_list() == {
        "We got it on": long(received),
        "Who is looking at it": "The team that helps young people leaving care",  # a care leaver's words
        "We will reply by": long(due),
    }
    assert page.one(".govuk-exit-this-page").text.endswith("Exit this page")
    assert page.select("a[href='tel:08001111']")  # Childline
    for staff_word in ("Stage 1", "stage 1", "Leaving Care", "Sam Example", WHAT_HAPPENED, "Officer"):
        assert staff_word not in html  # anywhere on the page
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
    page = Page(client.get(f"/status/{TOKEN}").get_data(as_text=True))
    ask_by = calendar.add_working_days(responded, 20)
    assert page.one("h1").text == "We have replied"
    assert page.summary_list()["We replied on"] == long(responded)
    assert page.one("h2:-soup-contains('What we decided') + p").text == "We did not agree with your complaint."
    next_steps = page.one("h2:-soup-contains('What happens next') + p").text
    assert "you can ask us to look at it again" in next_steps and f"Tell us by {long(ask_by)}." in next_steps


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


@pytest.mark.parametrize("outcome", [None, *(o.value for o in Outcome)])
@pytest.mark.parametrize("stages", [1, 2, 3])
def test_the_page_offers_a_review_exactly_when_staff_may_escalate(db_session, settings, stages, outcome):
    """One rule for both: the complainant is never told they can ask for what staff cannot record."""
    add_staff(db_session, settings)
    calendar, today = WorkingCalendar(), date(2018, 1, 15)  # inside every window
    responded = {stage: date(2018, 1, 8 + stage) for stage in range(1, stages + 1)}
    complaint = add_complaint(
        db_session,
        reference="CS-STAT-0004",
        team="leaving-care",
        received=date(2018, 1, 2),
        stages=stages,
        responded=responded,
    )
    stage_rows = stages_of(db_session, complaint.id)
    stage_rows[-1].outcome = outcome
    window = escalation_window(calendar, stage_rows)
    view = status_view(db_session, complaint, calendar, settings.timezone, today)
    assert view.review_by == (window[1] if window else None)
    assert (window is not None) == (stages < 3 and outcome not in ("withdrawn", "resolved-early"))


def _status_page(client, write, calendar, today, **fields) -> str:
    def add(session):
        complaint = add_complaint(
            session,
            reference="CS-STAT-0009",
            team="leaving-care",
            received=calendar.subtract_working_days(today, 2),
            token=TOKEN,
        )
        for name, value in fields.items():
            setattr(complaint, name, value)
        session.add(complaint)

    write(add)
    return " ".join(unescape(client.get(f"/status/{TOKEN}").get_data(as_text=True)).split())


@pytest.mark.parametrize(
    ("requested", "said", "not_said"),
    [
        (True, "we will ask an advocate to get in touch with you", "If you would like one"),
        (False, "If you would like one, tell us and we will find you one", "ask an advocate to get in touch"),
        (None, "If you would like one, tell us and we will find you one", "ask an advocate to get in touch"),
    ],
)
def test_the_status_page_does_not_offer_an_advocate_to_someone_who_asked_for_one(
    client, staff_ids, write, calendar, today, requested, said, not_said
):
    html = _status_page(client, write, calendar, today, advocacy_requested=requested)
    assert said in html and not_said not in html
    # One rule: the same words as the acknowledgement email's.
    assert advocate_words(requested, "care-leaver") in html


@pytest.mark.parametrize(
    ("contact", "said", "not_said"),
    [
        ("none", "Come back to this page to see our reply", "We will write to you"),
        ("email", "We will write to you with our reply", "Come back to this page"),
    ],
)
def test_no_contact_means_the_status_page_says_where_the_reply_will_be(
    client, staff_ids, write, calendar, today, contact, said, not_said
):
    html = _status_page(client, write, calendar, today, contact_method=contact)
    assert said in html and not_said not in html
