"""Polish on a phone (360 x 740), with and without JavaScript: the language link, a conversation to "check your
answers", an answer to put right, and the sent page; axe on each screen, in Polish (`<html lang="pl">`)."""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po

from content.i18n import TRANSLATIONS_DIR

pytestmark = pytest.mark.browser

try:
    from playwright.sync_api import expect
except ImportError:  # pragma: no cover - the browser fixture skips these tests then
    expect = None

with (TRANSLATIONS_DIR / "pl" / "LC_MESSAGES" / "messages.po").open("rb") as _file:
    PL = {m.id: m.string for m in read_po(_file, locale="pl") if m.id}


def tap(page, label: str) -> None:
    page.locator(".chat__question").get_by_role("button", name=label, exact=True).click()


def say(page, text: str) -> None:
    page.locator("#answer").fill(text)
    page.locator(".chat__send").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_conversation_in_polish_on_a_phone(live_server, request, javascript, assert_accessible, screenshot):
    page = request.getfixturevalue("phone" if javascript else "phone_no_js")
    name = "js" if javascript else "nojs"
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Polski").click()
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.get_by_role("link", name="English")).to_have_attribute("hreflang", "en")
    assert_accessible(page, "home in Polish")
    screenshot(page, f"languages-home-pl-{name}")
    page.get_by_role("button", name=PL["Make a complaint"]).click()
    page.get_by_role("button", name=PL["Start"]).click()
    expect(page.locator("h1")).to_have_text(
        PL["Hello. We're here to listen, and we want to put things right. First, who are you?"]
    )
    assert_accessible(page, "first question in Polish")
    tap(page, PL["I'm a parent or family member"])
    expect(page.locator("h1")).to_have_text(PL["Which team or worker is your complaint about?"])
    tap(page, PL["I don't know"])
    expect(page.locator("h1")).to_have_text(PL["What happened? Tell us in your own words what went wrong."])
    say(page, "")  # an answer to put right: the message and the summary in Polish
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(PL["There is a problem"])
    expect(summary).to_contain_text(PL["Tell us what happened. A few words is fine."])
    assert (page.locator("head > title").text_content() or "").startswith(PL["Error:"])
    assert_accessible(page, "error in Polish")
    screenshot(page, f"languages-error-pl-{name}")
    say(page, "Nikt nie oddzwonił w sprawie wizyt mojego syna.")
    expect(page.locator("h1")).to_have_text(PL["When did it happen?"])
    say(page, "14/3/2026")
    expect(page.locator("h1")).to_have_text(PL["What would you like us to do to put things right?"])
    say(page, "Chcę porozmawiać z kierownikiem.")
    expect(page.locator("h1")).to_have_text(PL["How would you like us to contact you about it?"])
    tap(page, PL["Please don't contact me"])
    expect(page.locator("h1")).to_have_text(
        PL["Would you like the private link to your complaint by email? It shows how it's going."]
    )
    tap(page, PL["No, thanks"])
    expect(page.locator("h1")).to_have_text(PL["Nearly done. What's your name?"])
    # The chat so far, read back in Polish (with JavaScript it came from the API, asked in the page's language).
    expect(page.locator(".chat__transcript")).to_contain_text(PL["I'm a parent or family member"])
    expect(page.locator(".chat__transcript")).not_to_contain_text("Which team")
    say(page, "Anna")
    expect(page.locator("h1")).to_have_text(PL["Check your answers"])
    expect(page.locator("main")).to_contain_text(PL["We won't contact you. Our reply will be on your private link."])
    assert_accessible(page, "check your answers in Polish")
    screenshot(page, f"languages-check-pl-{name}")
    page.get_by_role("button", name=PL["Send my complaint"]).click()
    expect(page.locator(".govuk-panel__title")).to_have_text(PL["We've got your complaint"])
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    assert_accessible(page, "sent in Polish")
    screenshot(page, f"languages-sent-pl-{name}")
