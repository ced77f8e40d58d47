"""The status page's "I don't feel safe" button, and its words after a disclosure."""

from __future__ import annotations

from urllib.parse import urlsplit

from sqlmodel import select

from models.complaints import Complaint
from tests.factories import add_complaint
from tests.html import Page
from tests.intake.drivers import csrf_of

TOKEN = "another-private-token-for-the-test-only-987654"


def test_the_button_shows_the_help_with_no_words_needed(client, staff_ids, write, calendar, today):
    write(lambda s: add_complaint(s, reference="CS-SAFE-0001", team="leaving-care", received=today, token=TOKEN))
    page = Page(client.get(f"/status/{TOKEN}").get_data(as_text=True))
    form = page.one(f"form[action='/status/{TOKEN}/unsafe']")
    assert "I don't feel safe" in form.text
    assert not page.select("#safety")
    assert client.post(f"/status/{TOKEN}/unsafe").status_code == 400  # CSRF, as every form
    response = client.post(f"/status/{TOKEN}/unsafe", data={"csrf_token": csrf_of(page)})
    assert response.status_code == 303
    location = urlsplit(response.headers["Location"])
    assert (location.path, location.fragment) == (f"/status/{TOKEN}", "safety")
    shown = Page(client.get(response.headers["Location"]).get_data(as_text=True))
    safety = shown.one("#safety").text
    # The builder's complainant is a care leaver: a young person's words and Childline.
    assert "It's not your fault. We will make sure someone checks you are safe." in safety
    assert "0800 1111" in safety
    assert shown.select(f"form[action='/status/{TOKEN}/unsafe']")  # and they can press it again


def test_an_unknown_token_is_refused_kindly(client, clean_db):
    page = Page(client.get("/complaint").get_data(as_text=True))
    response = client.post("/status/not-a-token/unsafe", data={"csrf_token": csrf_of(page)})
    assert response.status_code == 404


def test_after_a_disclosure_no_promise_not_to_contact_them(client, staff_ids, write, today):
    def build(session):
        complaint = add_complaint(
            session, reference="CS-SAFE-0002", team=None, received=today, token=TOKEN, safeguarding=True
        )
        complaint.contact_method = "none"
        complaint.email = complaint.phone = complaint.postal_address = ""
        complaint.advocacy_requested = True
        session.add(complaint)

    write(build)
    html = Page(client.get(f"/status/{TOKEN}").get_data(as_text=True)).one("main").text
    assert "so we won't" not in html and "Come back to this page to see our reply." in html
    assert "we will ask an advocate to get in touch" not in html


def test_without_a_disclosure_no_contact_is_respected(client, staff_ids, write, today, db_session):
    def build(session):
        complaint = add_complaint(session, reference="CS-SAFE-0003", team=None, received=today, token=TOKEN)
        complaint.contact_method = "none"
        session.add(complaint)

    write(build)
    html = Page(client.get(f"/status/{TOKEN}").get_data(as_text=True)).one("main").text
    assert "You asked us not to contact you, so we won't." in html
    assert db_session.exec(select(Complaint.safeguarding_flag)).one() is False
