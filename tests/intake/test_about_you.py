"""The optional questions about the person, after sending (intake/equalities.py): kept once, skippable, checked."""

from __future__ import annotations

from sqlmodel import select

from models.complaints import Complaint
from tests.factories import load_directory
from tests.html import Page
from tests.intake.drivers import HtmlDriver, csrf_of
from tests.intake.scenarios import FINISH


def _sent(client, db_session) -> HtmlDriver:
    load_directory(db_session)
    db_session.commit()
    driver = HtmlDriver(client)
    for step, answer in FINISH:
        assert driver.say(step, answer) == (None, False), step
    driver.send()
    return driver


def test_the_sent_page_offers_four_optional_questions_and_the_answers_are_kept(client, db_session):
    driver = _sent(client, db_session)
    assert "answer the questions about you" in driver.page.one("main").text
    page = driver.load("/complaint/sent/about-you")
    assert page.one("h1").text == "Questions about you"
    assert [legend.text for legend in page.select("legend")] == [
        "How old are you?",
        "What is your sex or gender?",
        "What is your ethnic group?",
        "Do you have a disability or a long-term health condition?",
    ]
    assert all("Prefer not to say" in fieldset.text for fieldset in page.select("fieldset"))
    response = client.post(
        "/complaint/sent/about-you",
        data={"csrf_token": csrf_of(page), "age_band": "16-17", "ethnicity": "prefer-not-to-say"},
    )
    assert response.status_code == 303 and response.headers["Location"].endswith("/complaint/sent#about-you")
    complaint = db_session.exec(select(Complaint)).one()
    db_session.refresh(complaint)
    assert (complaint.age_band, complaint.gender, complaint.ethnicity, complaint.disability) == (
        "16-17",
        "",
        "prefer-not-to-say",
        "",
    )
    assert "Thank you for answering the questions about you" in driver.load("/complaint/sent").one("main").text
    # Asked once: the questions are not offered again and the answers cannot be changed from this device.
    again = client.get("/complaint/sent/about-you")
    assert again.status_code == 303 and again.headers["Location"].endswith("/complaint/sent")


def test_an_answer_that_is_not_one_of_the_choices_is_refused_and_nothing_is_kept(client, db_session):
    driver = _sent(client, db_session)
    page = driver.load("/complaint/sent/about-you")
    response = client.post(
        "/complaint/sent/about-you", data={"csrf_token": csrf_of(page), "gender": "robot", "age_band": "18-24"}
    )
    assert response.status_code == 400
    refused = Page(response.get_data(as_text=True))
    assert "Choose one of the answers" in refused.one(".govuk-error-summary").text
    assert refused.one("input[name='age_band'][value='18-24']").attrs.get("checked") is not None  # kept as chosen
    complaint = db_session.exec(select(Complaint)).one()
    db_session.refresh(complaint)
    assert complaint.age_band == "" and complaint.gender == ""


def test_without_a_sent_complaint_on_this_device_the_questions_go_back_to_the_start(client):
    response = client.get("/complaint/sent/about-you")
    assert response.status_code == 302 and response.headers["Location"].endswith("/complaint")
