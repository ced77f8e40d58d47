"""The staff question page, POST /api/v1/ask and the annual report pages."""

from __future__ import annotations

import csv
import io

import pytest

from tests.html import Page


def cells(html: str) -> list[str]:
    """Every table cell's text on the page, in order."""
    return Page(html).texts("th, td")


def link(html: str, text: str) -> str:
    """The address of the one link whose text is `text`."""
    [href] = [a.attrs["href"] for a in Page(html).select("a") if a.text == text]
    return href


def test_pages_need_a_signed_in_caseworker(web_app, signed_in):
    anonymous = web_app.test_client()
    response = anonymous.get("/staff/ask")
    assert response.status_code == 302
    assert "/staff/sign-in" in response.headers["Location"]
    assert anonymous.get("/staff/reports/annual/2017-18").status_code == 302
    api = anonymous.post("/api/v1/ask", json={"question": "stage 2 2017/18"})
    assert api.status_code == 401
    assert api.get_json()["error"]["code"] == "unauthorised"
    admin = signed_in("admin")
    assert admin.get("/staff/ask").status_code == 403
    assert admin.post("/api/v1/ask", json={"question": "stage 2 2017/18"}).status_code == 403


def test_a_conversation_with_follow_ups_table_chart_and_csv(signed_in):
    client = signed_in("officer")
    response = client.post("/staff/ask", data={"question": "how many stage 2 complaints in 2017/18"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/staff/ask#answer-0")
    html = client.get("/staff/ask").get_data(as_text=True)
    assert "There were 8 stage 2 complaints in 2017/18 (1 April 2017 to 31 March 2018)." in html

    client.post("/staff/ask", data={"question": "and the year before?"})
    html = client.get("/staff/ask").get_data(as_text=True)
    assert "There were 12 stage 2 complaints in 2016/17 (1 April 2016 to 31 March 2017)." in html
    assert "Following on from your last question." in html

    client.post("/staff/ask", data={"question": "by team"})
    html = client.get("/staff/ask").get_data(as_text=True)
    assert len(Page(html).select("svg")) == 1
    assert cells_after(html, "Children in Need (CIN)") == "3"  # 2016/17 still, now by team
    csv_url = link(html, "Download this table (CSV)")
    download = client.get(csv_url)
    assert download.status_code == 200
    assert download.headers["Content-Disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(download.get_data(as_text=True).lstrip("\ufeff"))))
    assert {row["key"]: row["complaints"] for row in rows}["children-in-need"] == "3"

    client.post("/staff/ask/clear")
    assert "There were" not in client.get("/staff/ask").get_data(as_text=True)


def test_unclear_questions_and_bad_input(signed_in):
    client = signed_in("officer")
    client.post("/staff/ask", data={"question": "adoption complaints 2017/18"})
    html = client.get("/staff/ask").get_data(as_text=True)
    assert "I&#39;m not sure what you meant by &#39;adoption&#39;" in html
    empty = client.post("/staff/ask", data={"question": "   "})
    assert empty.status_code == 400
    assert "There is a problem" in empty.get_data(as_text=True)
    assert client.get("/staff/ask/99.csv").status_code == 404


def test_an_unclear_question_offers_questions_to_click(signed_in):
    client = signed_in("officer")
    client.post("/staff/ask", data={"question": "how many corporate complaints in 2017/18"})
    page = client.get("/staff/ask").get_data(as_text=True)
    offered = "How many stage 1 complaints in 2017/18?"
    assert link(page, offered).startswith("/staff/ask?q=How+many+stage+1")
    filled = client.get(link(page, offered)).get_data(as_text=True)
    assert f">{offered}</textarea>" in filled


def test_the_live_caseload_lists_references(signed_in):
    client = signed_in("officer")
    data = client.post("/api/v1/ask", json={"question": "which complaints are overdue right now"}).get_json()
    assert set(data) == {"question", "answer", "value", "unit", "rows", "interpretation"}
    assert data["value"] == len(data["rows"]) >= 1
    assert all(row["references"] == [row["key"]] and row["key"].startswith("CS-") for row in data["rows"])
    by_team = client.post("/api/v1/ask", json={"question": "open complaints by team"}).get_json()
    assert sum(len(row["references"]) for row in by_team["rows"]) == by_team["value"]
    client.post("/staff/ask", data={"question": "open complaints"})
    page = client.get("/staff/ask").get_data(as_text=True)
    reference = data["rows"][0]["key"]
    assert link(page, reference) == f"/staff/complaints/{reference}"


def test_a_manager_sees_only_their_team(signed_in):
    client = signed_in("manager")
    client.post("/staff/ask", data={"question": "stage 1 by team 2017/18"})
    html = client.get("/staff/ask").get_data(as_text=True)
    assert "Leaving Care" in cells(html)
    assert "Early Help" not in cells(html)
    assert cells_after(html, "Leaving Care") == "9"
    refused = client.post("/api/v1/ask", json={"question": "stage 1 early help 2017/18"})
    assert refused.status_code == 403
    assert "your own team" in refused.get_json()["error"]["message"]
    total = client.post("/api/v1/ask", json={"question": "how many stage 1 complaints in 2017/18"}).get_json()
    assert total["value"] == 9
    assert total["interpretation"]["your_team_only"] is True


def cells_after(html: str, label: str) -> str:
    found = cells(html)
    return found[found.index(label) + 1]


def test_api_ask_contract_and_follow_up(signed_in):
    client = signed_in("officer")
    first = client.post("/api/v1/ask", json={"question": "stage 2 in 2017/18", "as_of": "2026-11-26"})
    assert first.status_code == 200
    data = first.get_json()
    assert set(data) == {"question", "answer", "value", "unit", "rows", "interpretation"}
    assert data["value"] == 8
    follow = client.post(
        "/api/v1/ask", json={"question": "by service area", "context": data["interpretation"]["query"]}
    ).get_json()
    assert {row["key"]: row["value"] for row in follow["rows"]}["assessments"] == 2


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("not json", "invalid_json"),
        ({"question": ""}, "invalid_question"),
        ({"question": 5}, "invalid_question"),
        ({"question": "x" * 501}, "question_too_long"),
        ({"question": "stage 1", "as_of": "26/11/2026"}, "invalid_as_of"),
        ({"question": "stage 1 this year", "as_of": "0001-01-01"}, "invalid_as_of"),
        ({"question": "stage 1", "context": {"measure": "nonsense"}}, "invalid_context"),
    ],
)
def test_api_ask_refuses_bad_input_with_400(signed_in, body, code):
    client = signed_in("officer")
    if isinstance(body, str):
        response = client.post("/api/v1/ask", data=body, content_type="application/json")
    else:
        response = client.post("/api/v1/ask", json=body)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == code


def test_annual_report_page_csv_and_narrative(signed_in):
    client = signed_in("officer")
    response = client.get("/staff/reports/annual/2017-18")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "36 stage 1 complaints in 2017/18, which was 41% of the total" in html
    assert cells_after(html, "Delays completing claims, assessments or referrals") == "23"
    download = client.get("/staff/reports/annual/2017-18/stage-2-teams.csv")
    assert download.status_code == 200
    rows = list(csv.reader(io.StringIO(download.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["Team key", "Service area", "2017/18", "2016/17"]
    assert rows[-1][1:] == ["Grand Total", "8", "12"]
    saved = client.post(
        "/staff/reports/annual/2017-18/narrative", data={"section": "lessons", "text": "Tone of responses matters."}
    )
    assert saved.status_code == 302
    assert "Tone of responses matters." in client.get("/staff/reports/annual/2017-18").get_data(as_text=True)
    assert client.post("/staff/reports/annual/2017-18/narrative", data={"section": "x"}).status_code == 400
    assert client.get("/staff/reports/annual/2017").status_code == 404
    assert client.get("/staff/reports/annual/2017-19").status_code == 404
    future = client.get("/staff/reports/annual/2099-00")
    assert future.status_code == 404
    assert "has not started yet" in future.get_data(as_text=True)
    assert "Years look like 2017-18" in client.get("/staff/reports/annual/abc").get_data(as_text=True)
    assert client.get("/staff/reports/annual/2017-18/nope.csv").status_code == 404
    assert client.get("/staff/reports/annual").status_code == 200


def test_a_managers_report_is_their_team_and_read_only(signed_in):
    client = signed_in("manager")
    html = client.get("/staff/reports/annual/2017-18").get_data(as_text=True)
    assert "Your team's figures only." in html
    assert "Your team received 9 stage 1 complaints in 2017/18." in html
    assert "Children&#39;s Service" not in html
    denied = client.post("/staff/reports/annual/2017-18/narrative", data={"section": "lessons", "text": "x"})
    assert denied.status_code == 403


def test_the_api_description_documents_ask(web_app):
    document = web_app.test_client().get("/api/v1/openapi.json").get_json()
    assert "post" in document["paths"]["/api/v1/ask"]
    assert "Answer" in document["components"]["schemas"]
