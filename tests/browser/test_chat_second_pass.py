"""The chat's second pass on a phone (360 x 740): the start above the fold, each question the page's h1, an error
summary with JavaScript too, 44 px targets, resuming at the current question, and child words for teams.

axe runs on each screen; screenshots land in instance/screenshots/ for a person to look at.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser

try:
    from playwright.sync_api import expect
except ImportError:  # pragma: no cover - the browser fixture skips these tests then
    expect = None

TARGET = 44  # px: the smallest comfortable tap


def tap(page, label: str) -> None:
    page.locator(".chat__question").get_by_role("button", name=label, exact=True).click()


def say(page, text: str) -> None:
    page.locator("#answer").fill(text)
    page.locator(".chat__send").click()


def title(page) -> str:
    """The page's title, read without running a script (JavaScript may be off)."""
    return page.locator("head > title").text_content() or ""


def heights(page, selector: str) -> list[float]:
    """Each visible element's height (bounding boxes come from the browser, so this works with JavaScript off)."""
    boxes = [page.locator(selector).nth(index).bounding_box() for index in range(page.locator(selector).count())]
    return [box["height"] for box in boxes if box is not None]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_make_a_complaint_is_above_the_fold(live_server, request, javascript, assert_accessible, screenshot):
    # The shared fixtures: axe knows how to check a page with JavaScript off.
    page = request.getfixturevalue("phone" if javascript else "phone_no_js")
    page.goto(live_server.url + "/")
    box = page.get_by_role("button", name="Make a complaint").bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"], box
    assert_accessible(page, "home")
    screenshot(page, f"second-pass-home-{'js' if javascript else 'nojs'}")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_each_question_is_the_h1_and_errors_have_a_summary(
    live_server, request, javascript, assert_accessible, screenshot
):
    page = request.getfixturevalue("phone" if javascript else "phone_no_js")
    name = "js" if javascript else "nojs"
    page.goto(live_server.url + "/complaint")
    page.get_by_role("button", name="Start").click()
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_contain_text("First, who are you?")
    tap(page, "I'm a child or young person")
    expect(page.locator("h1")).to_have_text(
        "Which team or grown-up is it about? It could be a team or a worker, like your social worker."
    )
    expect(page.locator("h1")).to_have_count(1)
    assert "Which team or grown-up" in title(page)
    # The example in the hint: a child is told the team in a child's words, never its official name.
    say(page, "my social worker Sam")
    expect(page.locator("h1")).to_contain_text("Is that right?")
    for jargon in ("Looked After", "Permanence", "Proceedings", "CIN", "SGO"):
        expect(page.locator("main")).not_to_contain_text(jargon)
    screenshot(page, f"second-pass-team-confirm-{name}")
    tap(page, "No, choose another")
    expect(page.locator("h1")).to_contain_text("Which team is it?")
    for jargon in ("Looked After", "Permanence", "Proceedings", "CIN", "SGO"):
        expect(page.locator(".chat__question")).not_to_contain_text(jargon)
    screenshot(page, f"second-pass-team-choose-{name}")
    found = heights(page, ".chat__quick-reply")
    assert found and all(height >= TARGET for height in found), found
    assert_accessible(page, "choose a team")
    tap(page, "The team for children in care")
    expect(page.locator("h1")).to_contain_text("What went wrong?")
    say(page, "")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link")).to_have_attribute("href", "#answer")
    assert title(page).startswith("Error: ")
    assert_accessible(page, "error summary")
    screenshot(page, f"second-pass-error-summary-{name}")
    # The main actions are comfortable to tap.
    for selector in (
        ".chat__send",
        ".chat__back-button",
        ".council-unsafe .govuk-button",
        ".chat__resume .govuk-details__summary",
    ):
        found = heights(page, selector)
        assert found and all(height >= TARGET for height in found), (selector, found)
    say(page, "Sam never comes to see me.")
    expect(page.locator("h1")).to_contain_text("When did it happen?")
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    assert not title(page).startswith("Error: ")


def test_resume_opens_at_the_current_question(live_server, browser, screenshot):
    first = browser.new_context(viewport=PHONE)
    page = first.new_page()
    page.goto(live_server.url + "/complaint")
    page.get_by_role("button", name="Start").click()
    tap(page, "I'm a parent or family member")
    expect(page.locator("h1")).to_contain_text("Which team or worker")
    tap(page, "I don't know")
    expect(page.locator("h1")).to_contain_text("What happened?")
    say(page, "Nobody told me about the meeting. " * 12)
    expect(page.locator("h1")).to_contain_text("When did it happen?")
    tap(page, "I'm not sure")
    expect(page.locator("h1")).to_contain_text("put things right")
    link = page.locator(".chat__resume-link a").get_attribute("href")
    first.close()
    second = browser.new_context(viewport=PHONE)
    try:
        page = second.new_page()
        page.goto(link)
        expect(page.locator("h1")).to_contain_text("put things right")
        assert page.url.endswith("#question")
        box = page.locator("h1").bounding_box()
        assert box is not None and 0 <= box["y"] < PHONE["height"], box  # on screen, not below a long chat
        screenshot(page, "second-pass-resumed")
    finally:
        second.close()
