"""What the person sees and does around danger, in both views: the help, "I don't feel safe", a safe way to reach
them, and "Exit this page" forgetting the visit on this device."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from sqlmodel import select

from intake import api_spec
from intake.safeguarding import UNSAFE
from models.drafts import ConversationDraft
from tests.factories import load_directory
from tests.html import Page
from tests.intake.drivers import ApiDriver, HtmlDriver, csrf_of
from web import openapi

DRIVERS = {"api": ApiDriver, "html": HtmlDriver}
DISCLOSURE = "my foster dad hits me"
# To the end of the questions, with what_happened and the way to contact them given by the test.
BEFORE = (("about", "dont-know"),)
AFTER = (("when", "not-sure"), ("wanted", "not-sure"))


@pytest.fixture
def web(client, db_session):
    load_directory(db_session)
    db_session.commit()
    return client


def answers_of(db_session, driver) -> dict:
    draft_id = driver.id if isinstance(driver, ApiDriver) else None
    db_session.expire_all()
    query = select(ConversationDraft)
    if draft_id is not None:
        query = query.where(ConversationDraft.id == draft_id)
    return db_session.exec(query.order_by(ConversationDraft.id.desc())).first().answers


def play(driver, role: str, story: str, contact: tuple[tuple[str, str], ...]) -> None:
    turns = (("role", role), *BEFORE, ("what_happened", story), *AFTER)
    if role in ("child", "care-leaver", "advocate"):
        turns += (("advocate", "no"),)
    for step, answer in (*turns, *contact):
        error, _safety = driver.say(step, answer)
        assert error is None, (step, error)


NO_WAY_TO_REACH = {
    "no contact": (("contact", "none"), ("status_email", "no"), ("name", "J")),
    "advocate unknown": (
        ("contact", "advocate"),
        ("advocate_contact", "dont-know"),
        ("reply_how", "none"),
        ("status_email", "no"),
        ("name", "J"),
    ),
    "post only": (("contact", "post"), ("address", "1 High Street"), ("status_email", "no"), ("name", "J")),
}


@pytest.mark.parametrize("view", DRIVERS)
@pytest.mark.parametrize("way", NO_WAY_TO_REACH)
def test_after_a_disclosure_with_no_way_to_reach_them_a_safe_way_is_asked_once(web, db_session, view, way):
    driver = DRIVERS[view](web)
    play(driver, "child", DISCLOSURE, NO_WAY_TO_REACH[way])
    step, text = driver.current()
    assert step == "safe_contact" and "Is there a safe way for someone to reach you?" in text
    assert driver.say("safe_contact", "My teacher Mrs Khan at Hill School") == (None, False)
    assert driver.current()[0] is None  # asked once: now ready to check and send
    assert answers_of(db_session, driver)["safe_contact"] == "My teacher Mrs Khan at Hill School"
    # Changing the name later does not ask it again.
    assert driver.say("name", "Jay") == (None, False)
    assert driver.current()[0] is None


@pytest.mark.parametrize("view", DRIVERS)
def test_id_rather_not_is_accepted(web, db_session, view):
    driver = DRIVERS[view](web)
    play(driver, "parent", DISCLOSURE, NO_WAY_TO_REACH["no contact"])
    step, text = driver.current()
    assert step == "safe_contact" and "safe way for us to reach you" in text
    assert (
        driver.say(
            "safe_contact",
            "",
        )[0]
        == "required"
    )
    assert driver.say("safe_contact", "I'd rather not") == (None, False)
    assert driver.current()[0] is None
    assert answers_of(db_session, driver)["safe_contact"] == "declined"


@pytest.mark.parametrize("view", DRIVERS)
def test_no_safe_way_is_asked_without_a_disclosure_or_when_we_can_reach_them(web, view):
    quiet = DRIVERS[view](web)
    play(quiet, "child", "Nobody answers my calls.", NO_WAY_TO_REACH["no contact"])
    assert quiet.current()[0] is None
    reachable = DRIVERS[view](web)
    play(
        reachable,
        "child",
        DISCLOSURE,
        (("contact", "phone"), ("phone", "07700 900123"), ("status_email", "no"), ("name", "J")),
    )
    assert reachable.current()[0] is None


def test_the_api_unsafe_button_flags_shows_the_help_and_keeps_the_question(web, db_session):
    api = ApiDriver(web)
    api.say("role", "child")
    response = api.post("/unsafe")
    assert response.status_code == 200
    data = response.get_json()
    assert data["question"]["id"] == "about"  # the conversation carries on where it was
    safety = data["safety"]
    assert safety["categories"] == [UNSAFE] and safety["message"].startswith("Thank you for telling us.")
    assert [line.get("phone") for line in safety["help"]][:2] == ["999", "0800 1111"]
    assert [(m["from"], m["tone"]) for m in data["transcript"][-2:]] == [("person", "answer"), ("service", "safety")]
    assert data["transcript"][-1]["safety"] == safety
    answers = answers_of(db_session, api)
    assert answers["_flagged"] is True and UNSAFE in answers["_categories"]
    # Pressed again: still one flag, one category.
    api.post("/unsafe")
    assert answers_of(db_session, api)["_categories"].count(UNSAFE) == 1


def test_the_api_unsafe_button_needs_the_token(web):
    api = ApiDriver(web)
    response = web.post(f"/api/v1/conversations/{api.id}/unsafe")
    assert response.status_code == 401 and response.get_json()["error"]["code"] == "unauthorised"


def test_the_unsafe_button_on_every_step_of_the_html_chat(web, db_session):
    driver = HtmlDriver(web)
    form = driver.page.one("form[action='/complaint/unsafe']")
    assert "I don't feel safe" in form.text
    assert not driver.page.select(".chat__message--safety")
    # Forms carry the CSRF token; without it the press is refused.
    assert web.post("/complaint/unsafe").status_code == 400
    driver.say("role", "foster-carer")
    response = web.post("/complaint/unsafe", data={"csrf_token": csrf_of(driver.page)})
    assert response.status_code == 303
    location = urlsplit(response.headers["Location"])
    assert (location.path, location.fragment) == ("/complaint/chat", "unsafe-about")
    page = driver.load()
    help_ = page.one("li#unsafe-about")
    assert "Thank you for telling us." in help_.text and "0808 800 5000" in help_.text
    assert "Childline" not in help_.text  # a foster carer is a grown-up
    assert page.one("input[name='step']").attrs["value"] == "about"  # carries on where it was
    assert page.select("form[action='/complaint/unsafe']")
    answers = answers_of(db_session, driver)
    assert answers["_flagged"] is True and answers["_categories"] == [UNSAFE]


def test_the_unsafe_button_on_check_your_answers(web):
    driver = HtmlDriver(web)
    for step, answer in (("role", "parent"), *BEFORE, ("what_happened", "Late again."), *AFTER):
        driver.say(step, answer)
    driver.say("contact", "email")
    driver.say("email", "pat@example.com")
    driver.say("name", "Pat")
    assert driver.current()[0] is None
    assert driver.page.select("form[action='/complaint/unsafe']")
    assert "trouble" not in driver.page.one("main").text  # a grown-up's words
    response = web.post("/complaint/unsafe", data={"csrf_token": csrf_of(driver.page)})
    assert urlsplit(response.headers["Location"]).fragment == "unsafe-check"
    page = driver.load()
    assert "Thank you for telling us." in page.one("li#unsafe-check").text
    assert page.select("form[action='/complaint/send']")  # they can still send it


def test_a_disclosure_page_opens_at_the_help(web):
    driver = HtmlDriver(web)
    driver.say("role", "child")
    driver.say("about", "dont-know")
    response = web.post(
        "/complaint/chat", data={"csrf_token": csrf_of(driver.page), "step": "what_happened", "answer": DISCLOSURE}
    )
    assert urlsplit(response.headers["Location"]).fragment == "safety-what_happened"
    page = driver.load()
    bubble = page.one("li#safety-what_happened")
    assert "It's not your fault" in bubble.text and "0800 1111" in bubble.text
    assert page.select("a[href='tel:08001111']") and page.select("a[href='https://www.childline.org.uk']")


def test_the_sent_page_after_a_disclosure_says_someone_will_check_and_promises_nothing_it_cant(web):
    driver = HtmlDriver(web)
    for step, answer in (
        ("role", "child"),
        *BEFORE,
        ("what_happened", DISCLOSURE),
        *AFTER,
        ("advocate", "yes"),
        ("contact", "none"),
        ("status_email", "no"),
        ("name", "J"),
        ("safe_contact", "declined"),
    ):
        assert driver.say(step, answer)[0] is None, step
    driver.send()
    main = driver.page.one("main").text
    assert "We will make sure someone checks you are safe." in main
    assert "0800 1111" in main and "999" in main
    assert "We don't have a safe way to reach you" in main
    assert "so we won't" not in main and "we won't contact" not in main.lower()
    assert "we will ask an advocate to get in touch" not in main
    assert "You asked for one. We don't have a way to reach you" in main


def test_the_sent_page_without_a_disclosure_has_no_safety_panel(web):
    driver = HtmlDriver(web)
    for step, answer in (("role", "parent"), *BEFORE, ("what_happened", "Late."), *AFTER):
        driver.say(step, answer)
    for step, answer in (("contact", "none"), ("status_email", "no"), ("name", "Pat")):
        driver.say(step, answer)
    driver.send()
    assert not driver.page.select("#safety")
    assert "You asked us not to contact you, so we won't." in driver.page.one("main").text


@pytest.mark.parametrize("path", ["/complaint", "/complaint/chat", "/help-now", "/"])
def test_exit_forgets_this_visit_on_this_device(web, path):
    driver = HtmlDriver(web)
    driver.say("role", "child")
    assert "Carry on where you left off" in web.get("/complaint").get_data(as_text=True)
    page = Page(web.get(path).get_data(as_text=True))
    exit_link = page.one("a.govuk-exit-this-page__button")
    assert exit_link.attrs["href"] == "/exit"
    response = web.get("/exit")
    assert response.status_code == 303
    assert response.headers["Location"] == "https://www.bbc.co.uk/weather"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Clear-Site-Data"] == '"storage"'
    # Nothing on this device leads back: no "carry on", and the chat is gone from this browser.
    start = web.get("/complaint")
    assert "Carry on where you left off" not in start.get_data(as_text=True)
    assert web.get("/complaint/chat").headers["Location"].endswith("/complaint")


def test_help_now_shows_the_councils_numbers_and_the_helplines(web, settings):
    page = Page(web.get("/help-now").get_data(as_text=True))
    tels = {a.attrs["href"] for a in page.select("a") if a.attrs.get("href", "").startswith("tel:")}
    digits = {
        "tel:" + "".join(ch for ch in number if ch.isdigit())
        for number in (settings.childrens_services_phone, settings.emergency_duty_phone)
    }
    assert {"tel:999", "tel:08001111", "tel:08088005000", "tel:116123"} | digits <= tels


def test_the_chat_panel_fits_the_person_once_we_know_them(web):
    driver = HtmlDriver(web)
    assert driver.page.select("a[href='tel:08001111']")  # before we know: help for everyone
    driver.say("role", "parent")
    panel = driver.page.one("aside.council-help-now").text
    assert "Childline" not in panel and "0808 800 5000" in panel


def test_the_openapi_document_describes_the_button_and_the_help():
    api_spec.document_api()
    document = openapi.document()
    assert "post" in document["paths"]["/api/v1/conversations/{id}/unsafe"]
    safety = document["components"]["schemas"]["Safety"]
    assert safety["required"] == ["message", "categories", "help"]
    assert set(document["components"]["schemas"]["HelpLine"]["properties"]) == {"name", "phone", "text", "url"}
