"""The case page's timeline: when each thing was recorded (the real time) and the date it took effect; people named,
never "officer id: 1"; views folded into one line per person per day."""

from __future__ import annotations

from tests.casework.test_complaint_page import date_fields, long
from tests.factories import add_complaint
from tests.html import Page

REF = "CS-TIME-0001"


def timeline(client) -> list[dict[str, str]]:
    page = Page(client.get(f"/staff/complaints/{REF}").get_data(as_text=True))
    return [
        {
            "when": " | ".join(item.texts(".casework-timeline__when")),
            "title": item.one(".casework-timeline__title").text,
            "detail": " ".join(item.texts(".casework-timeline__detail")),
        }
        for item in page.select(".casework-timeline__item")
    ]


def test_an_extension_shows_when_it_was_recorded_not_the_day_the_stage_began(
    signed_in, write, today, now, calendar, settings, staff_ids
):
    received = calendar.subtract_working_days(today, 8)
    write(lambda s: add_complaint(s, reference=REF, team="leaving-care", received=received))
    client = signed_in("officer")
    new_date = calendar.add_working_days(received, 20)
    response = client.post(
        f"/staff/complaints/{REF}/extend", data=date_fields("extend_to", new_date) | {"reason": "complex"}
    )
    assert response.status_code == 302
    entries = timeline(client)
    (extended,) = [e for e in entries if e["title"].startswith("Stage 1 extended")]
    # Recorded now, in London time: "Recorded at 3:14pm on Tuesday 1 December 2026" (not 9:00am on the received day).
    assert extended["when"].startswith("Recorded at ") and extended["when"].endswith(f"on {long(today)}")
    assert now.astimezone(settings.timezone).strftime("%-I:%M") in extended["when"]  # the app's clock, to the minute
    (received_entry,) = [e for e in entries if e["title"] == "Stage 1 received"]
    assert f"Took effect {long(received)}" in received_entry["when"]


def test_audit_rows_name_people_and_teams(signed_in, write, today, staff_ids):
    write(lambda s: add_complaint(s, reference=REF, team="leaving-care", received=today))
    client = signed_in("officer")
    assert (
        client.post(f"/staff/complaints/{REF}/assign-officer", data={"officer": staff_ids["officer"]}).status_code
        == 302
    )
    data = {"team": "early-help", "reason": "It is about a family support worker."}
    assert client.post(f"/staff/complaints/{REF}/assign", data=data).status_code == 302
    entries = timeline(client)
    (officer,) = [e for e in entries if e["title"] == "officer assigned by Olu Officer"]
    assert officer["detail"] == "officer: Olu Officer"
    (team,) = [e for e in entries if e["title"] == "team reassigned by Olu Officer"]
    assert team["detail"].startswith("team: Early Help (was Leaving Care)")
    assert not any(" id:" in e["detail"] for e in entries)


def test_views_are_folded_into_one_line_per_person_per_day(signed_in, write, today):
    write(lambda s: add_complaint(s, reference=REF, team="leaving-care", received=today))
    officer = signed_in("officer")
    for _ in range(4):
        officer.get(f"/staff/complaints/{REF}")
    signed_in("manager").get(f"/staff/complaints/{REF}")
    entries = timeline(officer)  # the fifth view by the officer
    views = [e for e in entries if e["title"].startswith("viewed by")]
    assert [e["title"] for e in views] == ["viewed by Olu Officer", "viewed by Maya Manager"]
    assert views[0]["detail"].startswith("Viewed 5 times, ") and views[1]["detail"] == "Viewed once that day"
