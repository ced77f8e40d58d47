"""The HTML pages without JavaScript: forms with CSRF, going back, changing answers, resuming, sending once."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from sqlmodel import func, select

from models.complaints import Complaint
from tests.factories import load_directory
from tests.html import Page
from tests.intake.drivers import HtmlDriver, csrf_of
from tests.intake.scenarios import FINISH


@pytest.fixture
def html(client, db_session):
    load_directory(db_session)
    db_session.commit()
    return HtmlDriver(client)


def finish(driver: HtmlDriver) -> None:
    for step, answer in FINISH:
        assert driver.say(step, answer) == (None, False), step


def test_the_start_page_starts_and_offers_help(client):
    page = Page(client.get("/complaint").get_data(as_text=True))
    assert page.select("form[action='/complaint/start']")
    assert page.select("a[href='tel:999']") and page.select("a[href='tel:08001111']")
    assert "Exit this page" in page.one("div.govuk-exit-this-page").text


def test_the_chat_page_has_help_the_exit_button_and_no_inline_script(html):
    response = html.client.get("/complaint/chat")
    page = Page(response.get_data(as_text=True))
    assert page.select("a[href='tel:999']")
    assert page.select(".govuk-exit-this-page")
    for script in page.select("script"):
        assert script.attrs.get("src") and not script.text
    assert page.select("script[src='/static/js/chat.mjs']")
    assert page.one(".chat").attrs["data-token"]
    assert response.headers["Cache-Control"] == "no-store"


def test_forms_need_the_csrf_token(html):
    response = html.client.post("/complaint/chat", data={"step": "role", "answer": "parent"})
    assert response.status_code == 400


def test_an_error_is_beside_the_question_and_in_the_summary(html):
    html.say("role", "parent")
    response = html.client.post(
        "/complaint/chat", data={"csrf_token": csrf_of(html.page), "step": "about", "answer": "   "}
    )
    assert response.status_code == 422
    page = Page(response.get_data(as_text=True))
    assert page.one("title").text.startswith("Error:")
    assert "Write a team or a name" in page.one(".govuk-error-summary").text
    assert "Write a team or a name" in page.one("p#answer-error").text


def test_what_people_type_is_shown_as_text(html):
    html.say("role", "parent")
    html.say("about", "<script>alert(1)</script>")
    raw = html.client.get("/complaint/chat").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw


def test_back_keeps_the_answer_to_change(html):
    html.say("role", "parent")
    html.say("about", "my social worker")
    html.client.post("/complaint/back", data={"csrf_token": csrf_of(html.page)})
    page = html.load()
    assert page.one("input[name='step']").attrs["value"] == "about"
    assert page.one("input#answer").attrs["value"] == "my social worker"


def test_change_from_check_your_answers_comes_back_to_it(html):
    finish(html)
    check = html.load()
    change = [a.attrs["href"] for a in check.select("a") if a.text.startswith("Change") and "name" in a.attrs["href"]]
    assert change == ["/complaint/chat?change=name#question"]
    page = html.load(change[0].split("#")[0])
    assert page.one("input#answer").attrs["value"] == "Pat"
    html.say("name", "Patricia")
    assert html.current()[0] is None
    assert "Patricia" in html.page.one(".govuk-summary-list").text


def test_an_old_form_goes_to_where_the_conversation_is(html):
    html.say("role", "parent")
    response = html.client.post(
        "/complaint/chat", data={"csrf_token": csrf_of(html.page), "step": "email", "answer": "x"}
    )
    assert response.status_code == 303 and response.headers["Location"].endswith("/complaint/chat")


def test_resume_link_works_in_another_browser_and_a_bad_one_is_kind(html, app):
    html.say("role", "foster-carer")
    href = [a.attrs["href"] for a in html.page.select("a") if "/complaint/resume/" in a.attrs.get("href", "")][0]
    assert href.startswith("http://127.0.0.1:8000/complaint/resume/")  # BASE_URL, never the request's host
    other = app.test_client()
    response = other.get(urlsplit(href).path)
    assert response.status_code == 303
    page = Page(other.get("/complaint/chat").get_data(as_text=True))
    assert page.one("input[name='step']").attrs["value"] == "about"
    assert "I'm a foster carer" in page.one("ol.chat__transcript").text
    response = app.test_client().get("/complaint/resume/not-a-real-token")
    assert response.status_code == 404
    assert "This link has ended" in response.get_data(as_text=True)


def test_sent_once_and_the_confirmation_says_what_happens_next(html, db_session):
    finish(html)
    csrf = csrf_of(html.page)
    first = html.client.post("/complaint/send", data={"csrf_token": csrf})
    second = html.client.post("/complaint/send", data={"csrf_token": csrf})
    assert first.status_code == second.status_code == 303
    assert db_session.exec(select(func.count()).select_from(Complaint)).one() == 1
    page = html.load("/complaint/sent")
    complaint = db_session.exec(select(Complaint)).one()
    assert page.one("strong.chat__reference").text == complaint.reference
    text = page.one("main").text
    assert "We'll reply by" in text and "What happens next" in text and "advocate" in text
    assert [a for a in page.select("a") if "/status/" in a.attrs.get("href", "")]
    # Going back to the chat after sending shows the confirmation, not a way to send again.
    assert html.client.get("/complaint/chat").headers["Location"].endswith("/complaint/sent")


def test_a_draft_can_be_taken_off_a_shared_device(html):
    html.say("role", "child")
    response = html.client.post("/complaint/forget", data={"csrf_token": csrf_of(html.page)})
    assert response.status_code == 200 and "Removed from this device" in response.get_data(as_text=True)
    assert html.client.get("/complaint/chat").headers["Location"].endswith("/complaint")
    start = Page(html.client.get("/complaint").get_data(as_text=True))
    assert not [a for a in start.select("a") if a.text == "Carry on where you left off"]


def test_changing_a_choice_shows_the_one_chosen_before(html):
    finish(html)
    page = html.load("/complaint/chat?change=contact")
    chosen = page.one("button.chat__quick-reply--chosen")
    assert chosen.attrs["value"] == "none" and "(your answer)" in chosen.text


def test_help_is_one_tap_away_at_the_top(html):
    page = html.load()
    link = page.one("a[href='#help-now-heading']")
    assert link.text == "Need help now?"
    assert page.one("#help-now-heading")


def _sent_page_text(driver: HtmlDriver, answers) -> str:
    for step, answer in answers:
        assert driver.say(step, answer)[0] is None, step
    driver.send()
    return " ".join(driver.page.one("main").text.split())


def test_a_child_who_asked_for_an_advocate_is_told_one_will_get_in_touch(html):
    text = _sent_page_text(
        html,
        (
            ("role", "child"),
            ("about", "dont-know"),
            ("what_happened", "Nobody came."),
            ("when", "not-sure"),
            ("wanted", "not-sure"),
            ("advocate", "yes"),
            ("contact", "email"),
            ("email", "jay@example.com"),
            ("name", "Jay"),
        ),
    )
    assert "we will ask an advocate to get in touch with you" in text
    assert "If you would like one" not in text and "If you'd like one" not in text
    assert "You can also contact these free services yourself" in text


def test_a_foster_carer_who_wants_no_contact_is_told_where_the_reply_will_be(html):
    text = _sent_page_text(html, [("role", "foster-carer"), *FINISH[1:]])
    assert ("contact", "none") in FINISH
    assert "We will write to you" not in text
    assert "To see our reply, open your private link below" in text
    assert "Someone may get in touch" not in text
    # The advocacy on offer is the child's: a foster carer is not told the services are for them.
    assert "The child you care for can also contact these free services themselves" in text
    assert "The child or young person can have an advocate of their own" in text
    assert "If you would like one, tell us and we will find you one" not in text


def test_sending_before_it_is_ready_keeps_the_draft_going(html, db_session):
    """A Send from an old page (the answers changed in another tab) must not mark the draft as sent."""
    for step, answer in FINISH[:3]:
        assert html.say(step, answer)[0] is None, step
    csrf = csrf_of(html.page)
    response = html.client.post("/complaint/send", data={"csrf_token": csrf})
    assert response.status_code == 303 and response.headers["Location"].endswith("/complaint/chat")
    assert db_session.exec(select(func.count()).select_from(Complaint)).one() == 0
    html.load()
    assert html.current()[0] == FINISH[3][0]  # still asking the next question
    for step, answer in FINISH[3:]:
        assert html.say(step, answer)[0] is None, step
    html.send()
    assert db_session.exec(select(func.count()).select_from(Complaint)).one() == 1


YOUNG_START = (
    ("role", "child"),
    ("about", "dont-know"),
    ("what_happened", "Nobody came."),
    ("when", "not-sure"),
    ("wanted", "not-sure"),
    ("advocate", "no"),
)


def test_through_an_advocate_we_dont_know_asks_another_way_and_promises_no_advocate(html, db_session):
    for step, answer in (
        *YOUNG_START,
        ("contact", "advocate"),
        ("advocate_contact", "dont-know"),
        ("reply_how", "email"),
        ("email", "jay@example.com"),
        ("name", "Jay"),
    ):
        assert html.say(step, answer) == (None, False), step
    check = html.load().one("main").text
    assert "We'll email our reply to jay@example.com." in check  # read back before sending
    html.send()
    sent = html.page.one("main").text
    assert "send our reply to your advocate" not in sent
    assert "We've also emailed it to you." in sent
    complaint = db_session.exec(select(Complaint)).one()
    assert (complaint.contact_method, complaint.email, complaint.advocate_name) == ("email", "jay@example.com", "")


def test_an_advocates_name_and_number_are_kept_and_read_back(html, db_session):
    for step, answer in (
        *YOUNG_START,
        ("contact", "advocate"),
        ("advocate_contact", "Sam Jones, 07700 900456"),
        ("status_email", "jay@example.com"),
        ("name", "Jay"),
    ):
        assert html.say(step, answer) == (None, False), step
    check = html.load().one("main").text
    assert "We'll send our reply to Sam Jones, your advocate. Their number is 07700 900456." in check
    assert "We'll email your private link to jay@example.com." in check
    html.send()
    complaint = db_session.exec(select(Complaint)).one()
    assert (complaint.contact_method, complaint.advocate_name, complaint.phone) == (
        "advocate",
        "Sam Jones",
        "07700 900456",
    )
    assert complaint.email == "jay@example.com"  # the acknowledgement with the private link goes here


def test_an_advocate_without_a_way_to_reach_them_is_refused_kindly(html):
    for step, answer in (*YOUNG_START, ("contact", "advocate")):
        html.say(step, answer)
    assert html.say("advocate_contact", "Sam from NYAS")[0] == "bad_contact"
