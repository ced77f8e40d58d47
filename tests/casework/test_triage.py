"""Triage from the list: what happened, their words about the team, the flag, the router's candidates; a team the
complainant rejected is never chosen for the officer; an Assign with no team stays on triage and says why."""

from __future__ import annotations

from sqlmodel import select

from casework.queue import first_lines
from models.audit import AuditEvent
from tests.factories import add_complaint
from tests.html import Page

LONG = (
    "I asked for my pathway plan in March and nobody has written it. I rang every week and left messages and the "
    "worker said she would call me back and she never did. Then the manager said it was done but it was not done, "
    "and now my flat is at risk because the housing people need it. This is the last part nobody should read here."
)


def waiting(write, today, *, reference: str, about: str, rejected: list[str], safeguarding: bool = False):
    def build(session):
        complaint = add_complaint(
            session, reference=reference, team=None, received=today, safeguarding=safeguarding, what_happened=LONG
        )
        complaint.about_text = about
        complaint.rejected_teams = rejected
        session.add(complaint)

    write(build)


def section(page: Page, reference: str):
    return next(s for s in page.select("section.casework-triage") if reference in s.one("h2").text)


def test_each_row_says_enough_to_triage_without_opening_it(casework_app, signed_in, write, today):
    waiting(write, today, reference="CS-TRI-0001", about="my leaving care worker", rejected=[], safeguarding=True)
    page = Page(signed_in("officer").get("/staff/triage").get_data(as_text=True))
    row = section(page, "CS-TRI-0001")
    said = dict(zip(row.texts("dt"), row.select("dd"), strict=True))
    assert said["What happened (the start)"].text.startswith("I asked for my pathway plan")
    assert said["What happened (the start)"].text.endswith("…")
    assert "nobody should read here" not in row.text
    assert said["In their words, the team or worker is"].text == "my leaving care worker"
    assert "Leaving Care" in said["The router's suggestions"].text
    assert row.one("h2 .govuk-tag").text == "Safeguarding"
    assert row.one("select option[selected]").attrs["value"] == "leaving-care"  # the router's best guess


def test_a_team_the_complainant_rejected_is_never_preselected(casework_app, signed_in, write, today):
    waiting(write, today, reference="CS-TRI-0002", about="the child protection team", rejected=["child-protection"])
    page = Page(signed_in("officer").get("/staff/triage").get_data(as_text=True))
    row = section(page, "CS-TRI-0002")
    suggestions = row.select("dd")[-1].texts("li")
    assert suggestions[0].startswith("Child Protection") and "they said it is not this team" in suggestions[0]
    selected = row.select("select option[selected]")
    assert [option.attrs["value"] for option in selected] in ([""], [])  # "Choose a team", never child-protection
    assert "Child Protection" in dict(zip(row.texts("dt"), row.texts("dd"), strict=True))["They said it is not"]


def test_assign_without_a_team_stays_on_triage_with_the_error(casework_app, signed_in, write, today):
    waiting(write, today, reference="CS-TRI-0003", about="not sure", rejected=[])
    client = signed_in("officer")
    response = client.post("/staff/complaints/CS-TRI-0003/assign", data={"team": "", "return_to": "triage"})
    assert response.status_code == 400
    page = Page(response.get_data(as_text=True))
    assert page.one("h1").text == "Triage"
    assert page.one(".govuk-error-summary a").attrs["href"] == "#team-CS-TRI-0003"
    assert section(page, "CS-TRI-0003").one(".govuk-error-message").text.endswith("Choose the team")
    # Nothing was changed or recorded as assigned.
    events = write(lambda s: list(s.exec(select(AuditEvent.action))))
    assert "complaint.team-assigned" not in events


def test_first_lines():
    assert first_lines("Short.\n\nTwo lines.") == "Short. Two lines."
    assert first_lines("word " * 100, limit=20) == "word word word word …"
    assert first_lines("") == ""
