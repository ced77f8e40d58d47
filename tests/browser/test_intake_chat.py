"""The conversation in a real Chromium on a phone-sized screen: with JavaScript, without it, and resumed.

axe-core runs on every step; screenshots land in instance/screenshots/ for a person to look at.
"""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.complaints import Complaint, StageRecord
from models.teams import Team

pytestmark = pytest.mark.browser

try:
    from playwright.sync_api import expect
except ImportError:  # pragma: no cover - the browser fixture skips these tests then
    expect = None


def prompt(page):
    return page.locator(".chat__prompt")


class Person:
    """Answers questions the way a person does, and checks each question page with axe before answering."""

    def __init__(self, page, assert_accessible):
        self.page = page
        self.check = assert_accessible

    def tap(self, label: str) -> None:
        self.check(self.page, f"before tapping {label!r}")
        self.page.locator(".chat__question").get_by_role("button", name=label, exact=True).click()

    def type(self, text: str) -> None:
        self.check(self.page, f"before typing {text[:20]!r}")
        self.page.locator("#answer").fill(text)
        self.page.locator(".chat__send").click()


def complaint_by_reference(live_server, reference: str):
    with live_server.session() as session:
        complaint = session.exec(select(Complaint).where(Complaint.reference == reference)).one()
        stage = session.exec(select(StageRecord).where(StageRecord.complaint_id == complaint.id)).one()
        team = session.get(Team, complaint.team_id) if complaint.team_id else None
        return complaint, stage, team


def test_a_young_person_makes_a_complaint_in_the_live_chat(live_server, phone, assert_accessible, screenshot):
    page = phone
    person = Person(page, assert_accessible)
    page.goto(live_server.url + "/complaint")
    assert_accessible(page, "start")
    screenshot(page, "intake-js-0-start")
    page.get_by_role("button", name="Start").click()
    expect(prompt(page)).to_contain_text("who are you?")
    page.evaluate("window.stillTheSamePage = true")  # a page load would lose this: proves the chat is live
    screenshot(page, "intake-js-1-first-question")

    person.tap("I'm a child or young person")
    expect(prompt(page)).to_contain_text("Which team or grown-up is it about?")
    person.type("my leaving care worker")
    expect(prompt(page)).to_contain_text("the team that helps young people leaving care. Is that right?")
    # The new question takes the focus, so a screen reader reads it next.
    assert page.evaluate("document.activeElement.classList.contains('chat__prompt')")
    expect(page.locator(".chat__transcript")).to_have_attribute("aria-live", "polite")
    person.tap("Yes")
    expect(prompt(page)).to_contain_text("What went wrong?")
    assert page.evaluate("document.activeElement.id") == "answer"
    person.type("<script>alert('x')</script> Nobody answers my calls about my flat.")
    expect(prompt(page)).to_contain_text("When did it happen?")
    # What the person typed is shown as text, never run as HTML.
    expect(page.locator(".chat__message--person").last).to_contain_text("<script>alert('x')</script>")

    person.type("31/02/2025")
    expect(page.locator("#answer-error")).to_contain_text("That date doesn't exist")
    expect(page.locator("#answer")).to_have_value("31/02/2025")
    assert_accessible(page, "date error")
    screenshot(page, "intake-js-2-date-error")
    person.type("about last summer")
    expect(prompt(page)).to_contain_text("What would you like to happen now?")
    person.type("Call me back. I am scared to go home.")
    # Words that suggest danger bring the help message into the chat at once, announced as an alert.
    expect(page.locator(".chat__message--safety [role=alert]")).to_contain_text("call 999")
    screenshot(page, "intake-js-3-safety")
    expect(prompt(page)).to_contain_text("Would you like an advocate?")
    screenshot(page, "intake-js-3b-advocate")
    person.tap("Yes, please")
    expect(prompt(page)).to_contain_text("How should we get in touch")
    person.tap("By email")
    expect(prompt(page)).to_contain_text("What's your email address?")
    person.type("not an email")
    expect(page.locator("#answer-error")).to_contain_text("Enter an email address like name@example.com")
    person.type("jay@example.com")
    expect(prompt(page)).to_contain_text("What's your name")
    assert page.evaluate("window.stillTheSamePage === true")
    person.type("Jay")

    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    assert_accessible(page, "check your answers")
    screenshot(page, "intake-js-4-check")
    page.get_by_role("button", name="Send my complaint").click()
    expect(page.get_by_role("heading", name="We've got your complaint")).to_be_visible()
    assert_accessible(page, "sent")
    screenshot(page, "intake-js-5-sent")
    reference = page.locator(".chat__reference").inner_text().strip()
    expect(page.locator("main")).to_contain_text("We'll reply by")
    expect(page.locator("main")).to_contain_text("The team that helps young people leaving care will look at it.")
    expect(page.locator("main")).not_to_contain_text("Leaving Care")  # the official name is for grown-ups

    complaint, stage, team = complaint_by_reference(live_server, reference)
    assert team.slug == "leaving-care"
    assert (complaint.complainant_role, complaint.routing_decision, complaint.status) == ("child", "auto", "open")
    assert complaint.advocacy_requested is True
    assert complaint.email == "jay@example.com"
    assert complaint.happened_text == "about last summer"
    assert complaint.safeguarding_flag is True
    assert stage.stage == 1 and stage.due_on is not None


def test_a_foster_carer_makes_a_complaint_without_javascript(live_server, phone_no_js, assert_accessible, screenshot):
    page = phone_no_js
    person = Person(page, assert_accessible)
    page.goto(live_server.url + "/complaint")
    page.get_by_role("button", name="Start").click()
    person.tap("I'm a foster carer")
    expect(prompt(page)).to_contain_text("Which team or worker is your complaint about?")
    person.tap("I don't know")
    expect(page.locator(".chat__transcript")).to_contain_text("We'll make sure the right team gets it.")
    page.locator("#answer").fill("")
    page.locator(".chat__send").click()
    expect(page.locator("#answer-error")).to_contain_text("Tell us what happened")
    assert_accessible(page, "required error (no js)")
    person.type("The child I care for said she is scared to go home after contact.")
    # The help message shows at once, in the chat, with the numbers a grown-up calls (never Childline).
    safety = page.locator(".chat__message--safety")
    expect(safety).to_contain_text("call 999")
    expect(safety).to_contain_text("0808 800 5000")
    expect(safety).not_to_contain_text("Childline")
    assert_accessible(page, "safety (no js)")
    screenshot(page, "intake-nojs-1-safety")
    person.tap("I'm not sure")
    person.type("Someone to visit this week.")
    person.tap("By phone")
    person.type("07700 900123")
    expect(prompt(page)).to_contain_text("private link to your complaint by email?")
    person.tap("No, thanks")
    person.type("Sam Foster")
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    assert_accessible(page, "check (no js)")

    # Change an answer from the check page, and come back to it.
    page.get_by_role("link", name="Change your name").click()
    expect(page.locator("#answer")).to_have_value("Sam Foster")
    person.type("Sam")
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    page.get_by_role("button", name="Send my complaint").click()
    expect(page.get_by_role("heading", name="We've got your complaint")).to_be_visible()
    assert_accessible(page, "sent (no js)")
    screenshot(page, "intake-nojs-2-sent")
    reference = page.locator(".chat__reference").inner_text().strip()
    # The optional questions about them, one of which they answer.
    page.get_by_role("link", name="answer the questions about you").click()
    expect(page.get_by_role("heading", name="Questions about you")).to_be_visible()
    assert_accessible(page, "about you (no js)")
    page.get_by_label("35 to 44").check()
    page.get_by_role("button", name="Send these answers").click()
    expect(page.locator("main")).to_contain_text("Thank you for answering the questions about you")

    complaint, stage, team = complaint_by_reference(live_server, reference)
    assert team is None
    assert (complaint.routing_decision, complaint.status) == ("triage", "awaiting-triage")
    assert complaint.safeguarding_flag is True
    assert (complaint.complainant_name, complaint.phone) == ("Sam", "07700 900123")
    assert (complaint.age_band, complaint.gender) == ("35-44", "")
    assert stage.team_id is None and stage.due_on is not None


def test_a_draft_is_resumed_after_the_page_is_closed(live_server, browser):
    first = browser.new_context(viewport={"width": 360, "height": 740})
    page = first.new_page()
    person = Person(page, lambda *_: None)
    page.goto(live_server.url + "/complaint")
    page.get_by_role("button", name="Start").click()
    person.tap("I'm a parent or family member")
    expect(prompt(page)).to_contain_text("Which team or worker")
    person.type("children with disabilities")
    expect(prompt(page)).to_contain_text("Is that right?")
    # Back, in the live chat: the earlier question returns with its answer in the box.
    page.get_by_role("button", name="Back to the last question").click()
    expect(page.locator("#answer")).to_have_value("children with disabilities")
    expect(page.locator(".chat__transcript li")).to_have_count(2)
    person.type("children with disabilities")
    expect(prompt(page)).to_contain_text("Is that right?")
    link = page.locator(".chat__resume-link a").get_attribute("href")
    first.close()  # the tab, the browser, the phone: gone

    second = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        page = second.new_page()
        page.goto(link)
        expect(prompt(page)).to_contain_text("Children with Disabilities team. Is that right?")
        expect(page.locator(".chat__transcript")).to_contain_text("children with disabilities")
    finally:
        second.close()


def test_typing_survives_a_refresh_and_goes_when_sent(live_server, phone, assert_accessible, screenshot):
    page = phone
    person = Person(page, assert_accessible)
    page.goto(live_server.url + "/complaint")
    page.get_by_role("button", name="Start").click()
    person.tap("I'm a care leaver")
    person.tap("I don't know")
    expect(prompt(page)).to_contain_text("What went wrong?")
    page.locator("#answer").fill("My personal adviser has not called me back for")
    page.reload()
    expect(page.locator("#answer")).to_have_value("My personal adviser has not called me back for")
    page.locator("#answer").fill("My personal adviser has not called me back for three weeks.")
    page.locator(".chat__send").click()
    expect(prompt(page)).to_contain_text("When did it happen?")
    assert page.evaluate("sessionStorage.length") == 0  # taken: nothing kept
    # An everyday date is read, and read back to confirm.
    person.type("since 1/10/2026")
    expect(page.locator(".chat__transcript")).to_contain_text("We wrote that down as Thursday 1 October 2026.")
    screenshot(page, "intake-js-6-everyday-date")
    page.locator("#answer").fill("half a sentence")
    page.reload()
    expect(page.locator("#answer")).to_have_value("half a sentence")
