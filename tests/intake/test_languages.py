"""A whole conversation in Polish, without JavaScript (the HTML pages) and through the JSON API: every page and
reply is in Polish, and the complaint stored is the same as the English one (values, not words)."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlsplit

from babel.messages.pofile import read_po
from sqlmodel import select

from content.i18n import TRANSLATIONS_DIR
from models.complaints import Complaint
from tests.conftest import make_settings
from tests.html import Page
from tests.intake.drivers import HtmlDriver
from wsgi import create_app

with (TRANSLATIONS_DIR / "pl" / "LC_MESSAGES" / "messages.po").open("rb") as _file:
    POLISH = {m.id: m.string for m in read_po(_file, locale="pl") if m.id}
# English sentences that read differently in Polish: none of them may be left on a Polish page. (Single words
# are left out: "Accessibility" is also part of a law's name, which stays English.)
ENGLISH = sorted(
    (english for english, polish in POLISH.items() if english != polish and " " in english and "%" not in english),
    key=len,
    reverse=True,
)
STORED = ("complainant_role", "complainant_name", "contact_method", "email", "what_happened", "wanted_outcome")
# A parent, by email, who doesn't know the team: the same answers in both languages (values, not labels).
ANSWERS = {
    "role": "parent",
    "about": "dont-know",
    "what_happened": "Nikt nie oddzwonił w sprawie wizyt mojego syna.",
    "when": "14/3/2026",
    "wanted": "Chcę porozmawiać z kierownikiem.",
    "contact": "email",
    "email": "anna@example.test",
    "name": "Anna",
}


def english_left(html: str) -> list[str]:
    body = html.split("<body", 1)[1]
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())
    return [sentence for sentence in ENGLISH if " ".join(sentence.split()) in text]


def polish_page(response) -> str:
    html = response.get_data(as_text=True)
    assert response.headers["Content-Language"] == "pl"
    assert '<html lang="pl"' in html
    assert not english_left(html), english_left(html)
    return html


def stored(db_session, reference: str) -> dict:
    complaint = db_session.exec(select(Complaint).where(Complaint.reference == reference)).one()
    return {name: getattr(complaint, name) for name in STORED}


def play_html(client) -> str:
    driver = HtmlDriver(client)
    for _ in range(20):
        step, _text = driver.current()
        if step is None:
            break
        error, _safety = driver.say(step, ANSWERS[step])
        assert error is None, (step, error)
    return driver.send()


def test_the_language_link_chooses_polish_and_the_choice_is_remembered(client):
    home = client.get("/")
    links = Page(home.get_data(as_text=True)).select("a[hreflang='pl']")
    assert [link.text for link in links] == ["Polski"]
    assert links[0].attrs["lang"] == "pl"
    polish_page(client.get(links[0].attrs["href"]))
    for path in ("/", "/complaint", "/help-now", "/accessibility", "/privacy", "/status/not-a-token", "/nowhere"):
        response = client.get(path)
        html = polish_page(response)
        # Every public page links back to English, in English.
        assert Page(html).one("a[hreflang='en']").text == "English", path
    missing = Page(client.get("/nowhere").get_data(as_text=True))
    assert missing.one("h1").text == POLISH["Not Found"]
    english = client.get("/complaint?lang=en")
    assert english.headers["Content-Language"] == "en"
    assert "Tell us what went wrong" in english.get_data(as_text=True)


def test_staff_pages_stay_english(client):
    client.get("/?lang=pl")
    response = client.get("/staff/sign-in")
    assert response.headers.get("Content-Language") is None
    html = response.get_data(as_text=True)
    assert '<html lang="en"' in html
    assert not Page(html).select("a[hreflang]")


def test_a_whole_conversation_in_polish_without_javascript(client, db_session):
    client.get("/complaint?lang=pl")
    driver = HtmlDriver(client)
    seen = []
    for _ in range(20):
        step, text = driver.current()
        if step is None:
            break
        polish_page(client.get("/complaint/chat"))
        seen.append(text)
        error, _safety = driver.say(step, ANSWERS[step])
        assert error is None, (step, error)
    assert seen[0] == POLISH["Hello. We're here to listen, and we want to put things right. First, who are you?"]
    check = polish_page(client.get("/complaint/chat"))
    assert POLISH["Check your answers"] in check
    assert POLISH["I'm a parent or family member"] in check  # the answer chosen reads back in Polish
    # An answer to put right is explained in Polish too (422, the words kept in the box).
    reference = driver.send()
    sent = polish_page(client.get("/complaint/sent"))
    assert reference in sent
    assert re.search(r"(poniedziałek|wtorek|środa|czwartek|piątek), \d+ \w+ 20\d\d", sent)  # the date in Polish
    # The private link opens in Polish in any browser (a fresh one here: no session, no Accept-Language).
    link = Page(sent).one(".chat__resume-link a").attrs["href"]
    assert link.endswith("?lang=pl")
    parts = urlsplit(link)
    status = polish_page(client.application.test_client().get(f"{parts.path}?{parts.query}"))
    assert POLISH["We are looking into it"] in status
    polish = stored(db_session, reference)
    assert polish["what_happened"] == ANSWERS["what_happened"]
    client.get("/complaint?lang=en")
    english = stored(db_session, play_html(client))
    assert polish == english  # the same complaint, whatever the language
    languages = db_session.exec(select(Complaint.language).order_by(Complaint.id)).all()
    assert languages == ["pl", "en"]  # and which language to reply in


def test_an_answer_to_put_right_is_explained_in_polish(client):
    client.get("/?lang=pl")
    driver = HtmlDriver(client)
    driver.say("role", "parent")
    driver.say("about", "dont-know")
    error, _ = driver.say("what_happened", "   ")
    assert error == "required"
    assert driver.page.one("p#answer-error").text.endswith(POLISH["Tell us what happened. A few words is fine."])
    assert driver.page.one(".govuk-error-summary__title").text == POLISH["There is a problem"]


def api(client, path, headers, **body):
    response = client.post(f"/api/v1/conversations{path}", headers=headers, json=body or None)
    assert response.status_code in (200, 201), response.get_data(as_text=True)
    assert response.headers["Content-Language"] == "pl"
    return response.get_json()


def test_a_whole_conversation_in_polish_through_the_api(client, db_session):
    """Accept-Language: pl on every call (what static/js/chat.mjs sends, from the page's language)."""
    started = api(client, "", {"Accept-Language": "pl"})
    headers = {"Accept-Language": "pl", "Authorization": f"Bearer {started['token']}"}
    path = f"/{started['id']}"
    view = started
    while view["question"]:
        question = view["question"]
        assert question["text"] in POLISH.values(), question["text"]
        for option in question["options"]:
            assert option["label"] in POLISH.values(), option
        view = api(client, f"{path}/answers", headers, step=question["id"], answer=ANSWERS[question["id"]])
    for message in view["transcript"]:
        if message["from"] == "service":
            assert message["text"] in POLISH.values() or message["text"].startswith("Zapisaliśmy"), message
    assert {row["label"] for row in view["summary"]} <= set(POLISH.values())
    sent = api(client, f"{path}/submit", headers)
    assert re.match(r"\w+, \d+ \w+ 20\d\d$", sent["due_text"]) and not sent["due_text"][0].isupper()
    assert stored(db_session, sent["reference"])["contact_method"] == "email"


def test_the_api_takes_a_lang_field_and_keeps_english_for_everyone_else(client):
    started = api(client, "", {}, lang="pl")
    assert started["question"]["text"].startswith("Cześć")
    headers = {"Authorization": f"Bearer {started['token']}"}
    answered = api(client, f"/{started['id']}/answers", headers, step="role", answer="parent", lang="pl")
    assert answered["question"]["text"] == POLISH["Which team or worker is your complaint about?"]
    # An existing client that says nothing about language gets English, as before.
    english = client.post("/api/v1/conversations").get_json()
    assert english["question"]["text"].startswith("Hello.")
    refused = client.post(
        f"/api/v1/conversations/{started['id']}/answers",
        headers=headers | {"Accept-Language": "pl"},
        json={"step": "about", "answer": ""},
    )
    assert refused.status_code == 422
    assert refused.get_json()["error"]["message"] == POLISH["Write a team or a name, or choose 'I don't know'"]


def test_changing_language_halfway_reads_the_earlier_answers_back_in_the_new_one(client):
    client.get("/complaint?lang=en")
    driver = HtmlDriver(client)
    driver.say("role", "parent")
    driver.say("about", "dont-know")

    def answers(html: str) -> list[str]:
        return [bubble.text for bubble in Page(html).select(".chat__message--person .chat__bubble")]

    english = ("I'm a parent or family member", "I don't know")
    assert answers(client.get("/complaint/chat").get_data(as_text=True)) == [f"You said: {text}" for text in english]
    polish = answers(polish_page(client.get("/complaint/chat?lang=pl")))
    assert polish == [f"{POLISH['You said:']} {POLISH[text]}" for text in english]


def test_a_language_we_do_not_offer_is_ignored_not_an_error(client):
    for value in ("xx", "", "PL", "pl-PL", "<script>"):
        response = client.get("/complaint", query_string={"lang": value})
        assert response.status_code == 200, value
        assert response.headers["Content-Language"] == "en", value
    started = client.post("/api/v1/conversations", json={"lang": ["pl"]})
    assert started.status_code == 201
    assert started.headers["Content-Language"] == "en"
    # A browser that prefers Polish, then English, gets Polish; one that prefers a language we lack, English.
    assert client.get("/", headers={"Accept-Language": "pl-PL,pl;q=0.9,en;q=0.8"}).headers["Content-Language"] == "pl"
    assert client.get("/", headers={"Accept-Language": "ro-RO,ro;q=0.9"}).headers["Content-Language"] == "en"


def test_a_council_can_offer_english_only_until_the_review(clean_db, tmp_path):
    client = create_app(make_settings(clean_db, tmp_path, languages=("en",))).test_client()
    home = client.get("/?lang=pl", headers={"Accept-Language": "pl"})
    assert home.headers["Content-Language"] == "en"
    assert not Page(home.get_data(as_text=True)).select("a[hreflang]")
    assert client.post("/api/v1/conversations", json={"lang": "pl"}).get_json()["question"]["text"].startswith("Hello")
