"""Search and the closed list: on the demo data as its officer and the Leaving Care manager would use them, and the
index kept in step with every write (new complaints, responses, the purge)."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from sqlmodel import Session, col, select

from casework import search as search_module
from casework.demo_accounts import ensure_demo_accounts
from casework.purge import purge_closed_before
from casework.search import fts_query
from models.audit import Action, AuditEvent
from models.complaints import Complaint, StageRecord
from models.db import get_engine, session_scope
from models.records import CaseEntry
from models.teams import Team
from tests.conftest import seeded_demo_copy
from tests.factories import LONDON, add_complaint
from wsgi import create_app


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    url, settings = seeded_demo_copy("casework_search", tmp_path_factory)
    with session_scope(get_engine(url)) as session:
        passwords = {role: password for _, role, password in ensure_demo_accounts(session, settings)}
    app = create_app(settings)
    app.config["WTF_CSRF_ENABLED"] = False
    return app, url, passwords


def demo_client(demo, role):
    app, _url, passwords = demo
    client = app.test_client()
    email = f"{role}@example-council.gov.uk"
    assert client.post("/staff/sign-in", data={"email": email, "password": passwords[role]}).status_code == 302
    return client


def listed(html: str) -> list[str]:
    """The references in the results table, in order."""
    return re.findall(r'<a class="govuk-link" href="/staff/complaints/(CS-[A-Z0-9-]+)">', html)


def historical(demo, external_id: str) -> Complaint:
    with Session(get_engine(demo[1])) as session:
        return session.exec(select(Complaint).where(Complaint.external_id == external_id)).one()


@pytest.fixture(scope="module")
def officer(demo):
    return demo_client(demo, "officer")


@pytest.fixture(scope="module")
def manager(demo):
    return demo_client(demo, "manager")


def search(client, **params):
    response = client.get("/staff/search", query_string=params)
    return response, response.get_data(as_text=True)


def test_a_historical_complainant_is_found_by_name_by_their_words_and_by_reference(demo, officer):
    leanne = historical(demo, "HIST-2015-0001")  # Leanne Platt, 2016: "I found out when the contact centre rang me"
    for words in ("Leanne Platt", "platt", "contact centre rang", '"found out when the contact centre"'):
        response, html = search(officer, q=words)
        assert response.status_code == 200
        assert leanne.reference in listed(html), words
    for typed in (leanne.reference, leanne.reference.lower(), leanne.reference.replace("-", " "), "HIST-2015-0001"):
        assert listed(search(officer, q=typed)[1]) == [leanne.reference], typed
    # The council's phone number, written another way; words from the response.
    assert leanne.reference in listed(search(officer, q="07700900545")[1])
    assert leanne.reference in listed(search(officer, q="+44 7700 900545")[1])
    assert f'href="/staff/complaints/{leanne.reference}"' in search(officer, q="Leanne")[1]


def test_words_are_stemmed_and_email_finds_its_complaint(demo, officer):
    with Session(get_engine(demo[1])) as session:
        denise = session.exec(select(Complaint).where(Complaint.email == "denise.harper@example.com")).one()
    assert listed(search(officer, q="denise.harper@example.com")[1]) == [denise.reference]
    assert denise.reference in listed(search(officer, q="writing delegated authority")[1])  # "I'm writing this"


def test_a_nonsense_word_lists_none(officer):
    response, html = search(officer, q="zxqvbplorth")
    assert response.status_code == 200
    assert listed(html) == []
    assert "No complaints match" in html


@pytest.mark.parametrize("typed", ['"', "*", "NEAR(", ")", "-", "AND OR NOT", "a'b", "\\", "%_", "---x"])
def test_search_syntax_never_fails(officer, typed):
    assert search(officer, q=typed)[0].status_code == 200


def test_the_leaving_care_manager_finds_only_hers(demo, officer, manager):
    with Session(get_engine(demo[1])) as session:
        leaving_care = session.exec(select(Team).where(Team.slug == "leaving-care")).one()
        theirs = set(session.exec(select(Complaint.reference).where(Complaint.team_id == leaving_care.id)).all())
    # A common word: the officer finds complaints of many teams, the manager only Leaving Care's.
    everyone = set(listed(search(officer, q="waiting", status="closed")[1]))
    hers = set(listed(search(manager, q="waiting", status="closed")[1]))
    assert hers and hers <= theirs
    assert everyone - theirs
    # Another team's complainant, by name and by reference, is not found.
    leanne = historical(demo, "HIST-2015-0001")
    assert listed(search(manager, q="Leanne Platt")[1]) == []
    assert listed(search(manager, q=leanne.reference)[1]) == []
    assert listed(manager.get("/staff/closed").get_data(as_text=True))
    assert set(listed(manager.get("/staff/closed").get_data(as_text=True))) <= theirs


def test_admins_cannot_search(demo):
    admin = demo_client(demo, "admin")
    assert admin.get("/staff/search?q=Leanne").status_code == 403
    assert admin.get("/staff/closed").status_code == 403


def test_filters_team_stage_status_and_received_between(demo, officer):
    leanne = historical(demo, "HIST-2015-0001")  # stages 1 to 3 in 2016, Looked after children and adoption 2
    found = listed(
        search(
            officer,
            q="contact",
            team="lac-adoption-permanence-2",
            stage="3",
            status="closed",
            **{"received_from-day": "1", "received_from-month": "1", "received_from-year": "2016"},
            **{"received_to-day": "31", "received_to-month": "1", "received_to-year": "2016"},
        )[1]
    )
    assert found == [leanne.reference]
    for earlier in ("1", "2"):  # it ended at stage 3
        assert leanne.reference not in listed(search(officer, q="contact", stage=earlier)[1])
    assert leanne.reference not in listed(search(officer, q="contact", status="open")[1])
    assert leanne.reference not in listed(search(officer, q="contact", team="leaving-care")[1])
    late = {"received_from-day": "1", "received_from-month": "2", "received_from-year": "2016"}
    assert leanne.reference not in listed(search(officer, q="contact", **late)[1])


def test_filters_alone_list_complaints_and_a_bad_date_is_said_and_kept(officer):
    assert listed(search(officer, team="leaving-care")[1])
    response, html = search(
        officer, q="Leanne", **{"received_from-day": "31", "received_from-month": "2", "received_from-year": "2017"}
    )
    assert response.status_code == 400
    assert "There is a problem" in html and "Enter a real date for received from" in html
    assert 'href="#received_from-day"' in html
    assert 'value="31"' in html and 'value="Leanne"' in html


@pytest.mark.parametrize(
    "filters", ["team=leaving-care", "received_from-day=1&received_from-month=4&received_from-year=2016"]
)
def test_the_closed_list_shows_closed_complaints_most_recently_closed_first(demo, officer, filters):
    html = officer.get(f"/staff/closed?{filters}").get_data(as_text=True)
    references = listed(html)
    with Session(get_engine(demo[1])) as session:
        rows = session.exec(
            select(Complaint.reference, Complaint.status, Complaint.closed_at).where(
                col(Complaint.reference).in_(references)
            )
        ).all()
    assert references and {status for _ref, status, _closed in rows} <= {"closed", "withdrawn"}
    closed_at = {ref: closed for ref, _status, closed in rows}
    assert [closed_at[ref] for ref in references] == sorted(closed_at.values(), reverse=True)
    assert "Closed</a>" in html  # in the staff menu


def test_a_search_that_lists_names_is_audited_without_the_words(demo, officer):
    leanne = historical(demo, "HIST-2015-0001")
    search(officer, q="Leanne Platt")
    search(officer, q="zxqvbplorth")  # lists nothing, shows no one: not audited
    with Session(get_engine(demo[1])) as session:
        events = session.exec(
            select(AuditEvent).where(AuditEvent.action == Action.SEARCH_LISTED).order_by(col(AuditEvent.id).desc())
        ).all()
    last = events[0]
    assert last.after is not None
    assert leanne.reference in last.after["references"] and last.after["list"] == "search"
    assert "Leanne" not in str(last.after) and "zxqvbplorth" not in str([event.after for event in events])


def test_the_index_follows_new_complaints_responses_notes_and_the_purge(demo, officer, settings):
    url = demo[1]
    with session_scope(get_engine(url)) as session:
        complaint = add_complaint(
            session, team="leaving-care", received=date(2014, 3, 3), what_happened="The quokka ate my pathway plan."
        )
        complaint.complainant_name = "Tamsin Quillfeather"
        session.add(complaint)
        reference = complaint.reference
    assert listed(search(officer, q="quokka")[1]) == [reference]
    assert listed(search(officer, q="Quillfeather")[1]) == [reference]
    with session_scope(get_engine(url)) as session:
        record = session.exec(select(StageRecord).join(Complaint).where(Complaint.reference == reference)).one()
        record.response_summary = "We replaced the pathway plan and apologised for the marmalade."
        record.responded_on = date(2014, 3, 10)
        record.outcome = "upheld"
        session.add(record)
    assert listed(search(officer, q="marmalade")[1]) == [reference]
    with session_scope(get_engine(url)) as session:
        complaint = session.exec(select(Complaint).where(Complaint.reference == reference)).one()
        session.add(
            CaseEntry(
                complaint_id=complaint.id,
                kind="note",
                direction="internal",
                happened_at=datetime(2014, 3, 5, 10, tzinfo=LONDON),
                summary="Rang the placement",
                body="The gazebo key was never returned.",
            )
        )
    assert listed(search(officer, q="gazebo")[1]) == [reference]
    with session_scope(get_engine(url)) as session:
        complaint = session.exec(select(Complaint).where(Complaint.reference == reference)).one()
        complaint.status, complaint.closed_at = "closed", datetime(2014, 3, 10, 12, tzinfo=LONDON)
        session.add(complaint)
    with session_scope(get_engine(url)) as session:
        # Before the demo's history begins: only this complaint is purged.
        assert purge_closed_before(session, date(2014, 4, 1), LONDON, datetime.now(LONDON)).complaints == 1
    for erased in ("quokka", "Quillfeather", "marmalade", "Tamsin", "gazebo"):
        assert listed(search(officer, q=erased)[1]) == [], erased
    response, html = search(officer, q=reference)
    assert listed(html) == [reference] and "Removed (retention)" in html


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Leanne Platt", '("Leanne" AND "Platt")'),
        ('"contact centre" rang', '("contact centre" AND "rang")'),
        ("CS-7KQ3-MX9P", '("CS 7KQ3 MX9P")'),
        ("bed or sofa", '("bed") OR ("sofa")'),
        ("contact -letter", '(("contact")) NOT ("letter")'),
        ('NEAR( "* ^', '("NEAR")'),
        ('"* ^ -', ""),
        ("", ""),
    ],
)
def test_fts_query_quotes_everything_typed(typed, expected):
    assert fts_query(typed) == expected


@pytest.mark.parametrize(
    "path",
    [
        "/staff/search?q=waiting",
        "/staff/closed",
        "/staff/closed?received_from-year=2016&received_from-month=1&received_from-day=1",
    ],
)
def test_past_the_count_limit_pages_are_walked_in_the_same_order(demo, officer, monkeypatch, path):
    """Beyond COUNT_LIMIT matches the page is read by walking in order, not from the ids: the same rows come back."""
    every = listed(officer.get(path).get_data(as_text=True))
    assert len(every) > 4
    monkeypatch.setattr(search_module, "COUNT_LIMIT", 3)
    monkeypatch.setattr(search_module, "PAGE_SIZE", 2)
    first, second = (
        listed(officer.get(f"{path}&page={n}" if "?" in path else f"{path}?page={n}").get_data(as_text=True))
        for n in (1, 2)
    )
    assert first + second == every[:4]
    assert "More than 3 complaints" in officer.get(path).get_data(as_text=True)
