"""The complaint page: what was said, stages, the reminders for the deadline, the timeline, and the
"done when" path: respond to an overdue stage 1, escalate it, see stage 2's deadline and reminders."""

from __future__ import annotations

from html.parser import HTMLParser

from tests.factories import add_complaint
from tests.html import Page

REF = "CS-PAGE-0001"


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def text_of(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def long(day) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def date_fields(name, day) -> dict[str, str]:
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def test_respond_to_overdue_stage_1_then_escalate(signed_in, write, today, calendar):
    received = calendar.subtract_working_days(today, 12)
    write(lambda s: add_complaint(s, reference=REF, team="leaving-care", received=received))
    client = signed_in("officer")
    page = text_of(client.get(f"/staff/complaints/{REF}").get_data(as_text=True))
    assert "Nobody called me back about my flat." in page and "Overdue" in page
    assert "Reminders for the current deadline" in page

    response = client.post(
        f"/staff/complaints/{REF}/respond",
        data=date_fields("responded_on", today)
        | {"outcome": "partially-upheld", "learning": ["poor-communication"], "summary": "We said sorry."},
    )
    assert response.status_code == 302
    page = text_of(client.get(f"/staff/complaints/{REF}").get_data(as_text=True))
    assert "The response was recorded." in page and "Partially upheld" in page
    assert "Move to stage 2" in page and "Record the response" not in page

    response = client.post(f"/staff/complaints/{REF}/escalate", data=date_fields("requested_on", today))
    assert response.status_code == 302
    page = text_of(client.get(f"/staff/complaints/{REF}").get_data(as_text=True))
    due = calendar.add_working_days(today, 25)
    assert f"Stage 2 {long(today)} {long(due)} On track" in page
    soon = calendar.subtract_working_days(due, 3)
    assert f"{long(soon)} Due soon manager, officer" in page
    assert "Email stage arrived: pending" in page  # stage 2's arrival email is queued at once
    assert "escalated by Olu Officer" in page


def test_a_refused_action_reshows_the_page_with_the_answer_kept(signed_in, write, today, calendar):
    write(
        lambda s: add_complaint(
            s, reference=REF, team="leaving-care", received=calendar.subtract_working_days(today, 2)
        )
    )
    response = signed_in("officer").post(
        f"/staff/complaints/{REF}/extend",
        data=date_fields("extend_to", today.replace(year=today.year + 1)) | {"reason": "complex"},
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "cannot be extended past" in html and 'href="#extend-extend_to-day"' in html
    assert ">complex</textarea>" in html  # the reason typed is shown again
    assert '<details class="govuk-details casework-action" id="action-extend" open' in html


def test_unknown_reference_and_unknown_action_are_404(signed_in):
    client = signed_in("officer")
    assert client.get("/staff/complaints/CS-NONE-0000").status_code == 404
    assert client.post("/staff/complaints/CS-NONE-0000/respond").status_code == 404
    assert client.post(f"/staff/complaints/{REF}/delete-everything").status_code == 404


def test_admin_lands_on_the_staff_accounts(signed_in):
    client = signed_in("admin")
    assert client.get("/staff/").headers["Location"] == "/staff/admin/accounts"
    assert "They cannot see complaints" in client.get("/staff/account").get_data(as_text=True)


def test_the_staff_menu_links_the_other_staff_areas(signed_in):
    page = Page(signed_in("manager").get("/staff/queue").get_data(as_text=True))
    menu = [item.text for item in page.select("li.casework-nav__item")]
    # Managers do not triage; the page title says "Queue" too, so only the menu's own items count.
    assert menu == ["Queue", "Ask a question", "Annual report", "Maya Manager", "Sign out"]


def test_action_buttons_ignore_a_second_click(signed_in, write, today, calendar):
    """A double click would send the action twice; the first is done, the second refused or worse."""
    write(
        lambda s: add_complaint(
            s, reference=REF, team="leaving-care", received=calendar.subtract_working_days(today, 3)
        )
    )
    page = Page(signed_in("officer").get(f"/staff/complaints/{REF}").get_data(as_text=True))
    buttons = [b for b in page.select("button") if b.text.startswith(("Assign", "Move", "Give", "Record", "Extend"))]
    assert len(buttons) >= 5
    assert all(b.attrs.get("data-prevent-double-click") == "true" for b in buttons), [b.text for b in buttons]
