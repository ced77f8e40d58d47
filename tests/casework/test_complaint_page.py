"""The complaint page: what was said, stages, the reminders for the deadline, the timeline, and the
"done when" path: respond to an overdue stage 1, escalate it, see stage 2's deadline and reminders."""

from __future__ import annotations

from tests.factories import WHAT_HAPPENED, add_complaint
from tests.html import Page

REF = "CS-PAGE-0001"


def case_page(client) -> Page:
    return Page(client.get(f"/staff/complaints/{REF}").get_data(as_text=True))


def stages(page: Page) -> list[list[str]]:
    """The Stages table, a list of cells per stage."""
    return [row.cells() for row in page.select("h2:-soup-contains('Stages') + table tbody tr")]


def reminders(page: Page) -> list[list[str]]:
    return [row.cells() for row in page.select("table.casework-reminders tbody tr")]


def actions(page: Page) -> list[str]:
    """The titles of the actions offered (each a details element)."""
    return page.texts("details.casework-action .govuk-details__summary-text")


def long(day) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def date_fields(name, day) -> dict[str, str]:
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def test_respond_to_overdue_stage_1_then_escalate(signed_in, write, today, calendar):
    received = calendar.subtract_working_days(today, 12)
    write(lambda s: add_complaint(s, reference=REF, team="leaving-care", received=received))
    client = signed_in("officer")
    page = case_page(client)
    assert page.summary_list()["What happened"] == WHAT_HAPPENED
    [stage_1] = stages(page)
    assert stage_1[:2] == ["Stage 1", long(received)] and stage_1[2].endswith("Overdue")
    assert reminders(page)  # the reminders the policy plans for the current deadline

    response = client.post(
        f"/staff/complaints/{REF}/respond",
        data=date_fields("responded_on", today)
        | {"outcome": "partially-upheld", "learning": ["poor-communication"], "summary": "We said sorry."},
    )
    assert response.status_code == 302
    page = case_page(client)
    assert page.one(".govuk-notification-banner--success").text.endswith("The response was recorded.")
    responded_on, outcome, learning = stages(page)[0][3:]
    assert (responded_on, outcome) == (long(today), "Partially upheld") and learning.startswith("Poor communication")
    assert "Move to stage 2" in actions(page) and "Record the response" not in actions(page)

    response = client.post(f"/staff/complaints/{REF}/escalate", data=date_fields("requested_on", today))
    assert response.status_code == 302
    page = case_page(client)
    due = calendar.add_working_days(today, 25)
    assert stages(page)[1][:3] == ["Stage 2", long(today), f"{long(due)} On track"]
    soon = calendar.subtract_working_days(due, 3)
    assert [long(soon), "Due soon", "manager, officer"] in reminders(page)
    timeline = page.texts(".casework-timeline__title")
    assert "Email stage arrived: pending" in timeline  # stage 2's arrival email is queued at once
    assert "escalated by Olu Officer" in timeline


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
    assert menu == [
        "Queue",
        "Search",
        "Closed",
        "Log a complaint",
        "Dashboard",
        "Ask a question",
        "Annual report",
        "Feedback",
        "Lesson actions",
        "To post",
        "Maya Manager",
        "Sign out",
    ]


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
