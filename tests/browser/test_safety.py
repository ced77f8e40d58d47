"""Safety on a phone (360 x 740), with JavaScript on and off: after a disclosure the help is on screen below the
sticky "Exit this page" bar (and focused, with JavaScript); "I don't feel safe" needs no words; "Exit this page"
leaves nothing behind: Back does not show the conversation and /complaint no longer offers to carry on.

axe-core runs on each new state; screenshots land in instance/screenshots/ for a person to look at.
"""

from __future__ import annotations

from datetime import date

import pytest

from intake.safeguarding import suggests_danger
from tests.browser.conftest import PHONE, SCREENSHOTS
from tests.factories import add_complaint

pytestmark = pytest.mark.browser

try:
    from playwright.sync_api import expect
except ImportError:  # pragma: no cover - the browser fixture skips these tests then
    expect = None

DISCLOSURE = "i want to kill myself"
EXIT_SITE = "https://www.bbc.co.uk/weather"
WEATHER = "<!DOCTYPE html><html lang=en><title>Weather</title><h1>Weather</h1></html>"


def exit_to_a_local_weather_page(page) -> None:
    """The tests never reach the internet, and a browser does not let a test catch a redirect's target: so /exit
    runs for real on the server (its 303 checked, its cookie change passed on), and the weather page is served in
    the redirect's place."""

    def handle(route):
        response = route.fetch(max_redirects=0)
        assert response.status == 303 and response.headers["location"] == EXIT_SITE
        passed_on = {
            header["name"]: header["value"]
            for header in response.headers_array
            if header["name"].lower() in ("set-cookie", "cache-control", "clear-site-data")
        }
        route.fulfill(status=200, headers=passed_on, content_type="text/html", body=WEATHER)

    page.context.route("**/exit", handle)


def view(page, name: str) -> None:
    """What is on the screen now (not the whole page): what the person actually sees."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def start_as(page, live_server, role_label: str) -> None:
    page.goto(live_server.url + "/complaint")
    page.get_by_role("button", name="Start").click()
    page.locator(".chat__question").get_by_role("button", name=role_label, exact=True).click()
    expect(page.locator(".chat__prompt")).not_to_contain_text("who are you?")


def say(page, text: str) -> None:
    page.locator("#answer").fill(text)
    page.locator(".chat__send").click()


def tap(page, label: str) -> None:
    page.locator(".chat__question").get_by_role("button", name=label, exact=True).click()


def on_screen_below_the_bar(page, selector: str) -> dict:
    """Where the element is against the viewport and the sticky exit bar."""
    return page.evaluate(
        """(selector) => {
            const nodes = document.querySelectorAll(selector);
            const box = nodes[nodes.length - 1].getBoundingClientRect();
            const bar = document.querySelector('.govuk-exit-this-page').getBoundingClientRect();
            const message = nodes[nodes.length - 1].querySelector('.chat__safety-message, p');
            return {top: box.top, bottom: box.bottom, barBottom: bar.bottom, height: innerHeight,
                    messageBottom: message.getBoundingClientRect().bottom};
        }""",
        selector,
    )


def assert_help_in_view(where: dict) -> None:
    assert where["top"] >= where["barBottom"] - 1, where  # not under the sticky bar
    assert where["messageBottom"] <= where["height"], where  # "Thank you for telling us..." fully on screen
    assert where["bottom"] <= where["height"], where  # and every number with it


def test_with_javascript_the_help_is_the_next_thing_seen_and_focused(live_server, phone, assert_accessible):
    page = phone
    start_as(page, live_server, "I'm a child or young person")
    tap(page, "I don't know")
    expect(page.locator(".chat__prompt")).to_contain_text("What went wrong?")
    page.evaluate("window.stillTheSamePage = true")
    say(page, DISCLOSURE)
    bubble = page.locator(".chat__message--safety .chat__safety").last
    expect(bubble).to_contain_text("It's not your fault")
    if "self-harm" in suggests_danger(DISCLOSURE):  # the detector names the kind of danger (its own tests say so)
        expect(bubble).to_contain_text("116 123")  # self-harm: Samaritans and Shout too
        expect(bubble).to_contain_text("Text SHOUT to 85258")
    expect(bubble).to_have_attribute("role", "alert")  # announced
    expect(page.locator(".chat__transcript")).to_have_attribute("aria-live", "polite")
    expect(page.locator(".chat__prompt")).to_contain_text("When did it happen?")  # the next question follows
    assert page.evaluate("document.activeElement.classList.contains('chat__safety')")
    assert page.evaluate("window.stillTheSamePage === true")
    assert_help_in_view(on_screen_below_the_bar(page, ".chat__message--safety"))
    view(page, "safety-js-1-disclosure-viewport")
    assert_accessible(page, "help after a disclosure (js)")


def test_without_javascript_the_page_opens_at_the_help(live_server, phone_no_js, assert_accessible):
    page = phone_no_js
    start_as(page, live_server, "I'm a care leaver")
    tap(page, "I don't know")
    expect(page.locator(".chat__prompt")).to_contain_text("What went wrong?")
    say(page, DISCLOSURE)
    assert page.url.endswith("#safety-what_happened")
    bubble = page.locator("#safety-what_happened")
    expect(bubble).to_contain_text("Thank you for telling us. It's not your fault.")
    expect(bubble).to_contain_text("0800 1111")
    assert_help_in_view(on_screen_below_the_bar(page, "#safety-what_happened"))
    view(page, "safety-nojs-1-disclosure-viewport")
    assert_accessible(page, "help after a disclosure (no js)")


def test_a_grown_up_gets_the_nspcc_and_the_councils_numbers(live_server, phone, assert_accessible):
    page = phone
    start_as(page, live_server, "I'm a parent or family member")
    tap(page, "I don't know")
    expect(page.locator(".chat__prompt")).to_contain_text("What happened?")
    say(page, "her stepdad hits her and she is scared to go home")
    bubble = page.locator(".chat__message--safety").last
    expect(bubble).to_contain_text("0808 800 5000")
    expect(bubble).to_contain_text(live_server.settings.emergency_duty_phone)
    expect(bubble).not_to_contain_text("Childline")
    expect(bubble).not_to_contain_text("not your fault")
    assert_help_in_view(on_screen_below_the_bar(page, ".chat__message--safety"))
    view(page, "safety-js-2-grown-up-viewport")
    assert_accessible(page, "a grown-up's help (js)")


def test_i_dont_feel_safe_with_javascript_keeps_their_words_and_the_question(live_server, phone, assert_accessible):
    page = phone
    start_as(page, live_server, "I'm a child or young person")
    tap(page, "I don't know")
    expect(page.locator(".chat__prompt")).to_contain_text("What went wrong?")
    page.locator("#answer").fill("I was half way through writing this")
    page.get_by_role("button", name="I don't feel safe").click()
    bubble = page.locator(".chat__message--safety .chat__safety").last
    expect(bubble).to_contain_text("We will make sure someone checks you are safe.")
    expect(page.locator(".chat__message--person").last).to_contain_text("I don't feel safe")
    assert page.evaluate("document.activeElement.classList.contains('chat__safety')")
    assert_help_in_view(on_screen_below_the_bar(page, ".chat__message--safety"))
    expect(page.locator(".chat__prompt")).to_contain_text("What went wrong?")  # carries on where it was
    expect(page.locator("#answer")).to_have_value("I was half way through writing this")
    view(page, "safety-js-3-unsafe-button-viewport")
    assert_accessible(page, "after I don't feel safe (js)")


def test_i_dont_feel_safe_without_javascript(live_server, phone_no_js, assert_accessible, screenshot):
    page = phone_no_js
    start_as(page, live_server, "I'm a foster carer")
    screenshot(page, "safety-nojs-2-question-with-unsafe-button")
    page.get_by_role("button", name="I don't feel safe").click()
    assert page.url.endswith("#unsafe-about")
    expect(page.locator("#unsafe-about")).to_contain_text("0808 800 5000")
    assert_help_in_view(on_screen_below_the_bar(page, "#unsafe-about"))
    expect(page.locator(".chat__prompt")).to_contain_text("Which team or worker is your complaint about?")
    view(page, "safety-nojs-3-unsafe-button-viewport")
    assert_accessible(page, "after I don't feel safe (no js)")


def test_a_safe_way_to_reach_them_is_asked_gently(live_server, phone, assert_accessible, screenshot):
    page = phone
    start_as(page, live_server, "I'm a child or young person")
    tap(page, "I don't know")
    expect(page.locator(".chat__prompt")).to_contain_text("What went wrong?")
    say(page, DISCLOSURE)
    for prompt, reply in (
        ("When did it happen?", "I'm not sure"),
        ("What would you like to happen now?", "I'm not sure"),
        ("Would you like an advocate?", "No, thanks"),
        ("How should we get in touch", "Please don't contact me"),
        ("Do you want us to email you a private link?", "No, thanks"),
    ):
        expect(page.locator(".chat__prompt")).to_contain_text(prompt)
        tap(page, reply)
    expect(page.locator(".chat__prompt")).to_contain_text("What's your name")
    say(page, "J")
    expect(page.locator(".chat__prompt")).to_contain_text("Is there a safe way for someone to reach you?")
    expect(page.locator(".chat__question")).to_contain_text("If you'd rather not, that's OK.")
    assert_accessible(page, "safe way to reach them")
    screenshot(page, "safety-js-4-safe-contact")
    tap(page, "I'd rather not")
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    page.get_by_role("button", name="Send my complaint").click()
    expect(page.get_by_role("heading", name="Your safety comes first")).to_be_visible()
    main = page.locator("main")
    expect(main).to_contain_text("We will make sure someone checks you are safe.")
    expect(main).not_to_contain_text("so we won't")
    assert_accessible(page, "sent after a disclosure")
    screenshot(page, "safety-js-5-sent")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_exit_then_back_does_not_show_the_conversation(live_server, browser, javascript):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    try:
        page = context.new_page()
        exit_to_a_local_weather_page(page)
        start_as(page, live_server, "I'm a child or young person")
        tap(page, "I don't know")
        expect(page.locator(".chat__prompt")).to_contain_text("What went wrong?")
        say(page, DISCLOSURE)
        expect(page.locator(".chat__transcript")).to_contain_text(DISCLOSURE)
        page.locator("#answer").fill("typed, not sent")  # kept in the tab's storage with JavaScript
        if javascript:
            assert page.evaluate("sessionStorage.length") == 1
        page.locator(".govuk-exit-this-page__button").click()
        expect(page.get_by_role("heading", name="Weather")).to_be_visible()
        page.go_back()
        page.wait_for_load_state()
        # Wherever Back lands, the conversation is not on it.
        assert "/complaint/chat" not in page.url
        assert DISCLOSURE not in page.content()
        assert not page.locator(".chat__transcript").count()
        view(page, f"safety-exit-back-{'js' if javascript else 'nojs'}")
        page.goto(live_server.url + "/complaint")
        expect(page.get_by_role("heading", name="Tell us what went wrong")).to_be_visible()
        expect(page.get_by_text("Carry on where you left off")).to_have_count(0)
        if javascript:
            assert page.evaluate("sessionStorage.length + localStorage.length") == 0
    finally:
        context.close()


def test_shift_three_times_still_exits_and_leaves_nothing(live_server, phone):
    page = phone
    exit_to_a_local_weather_page(page)
    start_as(page, live_server, "I'm a child or young person")
    tap(page, "I don't know")
    expect(page.locator(".chat__prompt")).to_contain_text("What went wrong?")
    page.locator("#answer").fill("something I don't want seen")
    for _ in range(3):
        page.keyboard.press("Shift")
    expect(page.get_by_role("heading", name="Weather")).to_be_visible()
    page.go_back()
    page.wait_for_load_state()
    assert "/complaint/chat" not in page.url
    page.goto(live_server.url + "/complaint")
    expect(page.get_by_text("Carry on where you left off")).to_have_count(0)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_i_dont_feel_safe_on_the_first_question_gives_help_for_everyone(live_server, browser, javascript):
    """Before they have said who they are: every line, each saying who it is for. The longest help there is."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/complaint")
        page.get_by_role("button", name="Start").click()
        expect(page.locator(".chat__prompt")).to_contain_text("who are you?")
        page.get_by_role("button", name="I don't feel safe").click()
        bubble = page.locator(".chat__message--safety").last
        expect(bubble).to_contain_text("For children and young people")
        expect(bubble).to_contain_text("0808 800 5000")
        assert_help_in_view(on_screen_below_the_bar(page, ".chat__message--safety"))
        expect(page.locator(".chat__prompt")).to_contain_text("who are you?")
        view(page, f"safety-{'js' if javascript else 'nojs'}-6-unsafe-first-question-viewport")
    finally:
        context.close()


def test_i_dont_feel_safe_on_the_status_page(live_server, phone, assert_accessible, screenshot):
    token = "a-status-token-for-the-browser-test-0123456789"
    with live_server.session() as session:
        add_complaint(session, reference="CS-SAFE-BRWS", team="leaving-care", received=date.today(), token=token)
    page = phone
    page.goto(f"{live_server.url}/status/{token}")
    assert_accessible(page, "status page")
    screenshot(page, "safety-status-1-page")
    page.get_by_role("button", name="I don't feel safe").click()
    panel = page.locator("#safety")
    expect(panel).to_contain_text("We will make sure someone checks you are safe.")
    expect(panel).to_contain_text("0800 1111")  # the builder's complainant is a care leaver
    box = panel.bounding_box()
    bar = page.locator(".govuk-exit-this-page").bounding_box()
    assert bar["y"] + bar["height"] <= box["y"] and box["y"] + box["height"] <= PHONE["height"], (bar, box)
    assert_accessible(page, "status page after I don't feel safe")
    view(page, "safety-status-2-help-viewport")
