"""Drivers that play tests/intake/scenarios.py through the JSON API and through the HTML pages."""

from __future__ import annotations

from urllib.parse import urlsplit

from tests.html import Page

CHOICE_KINDS = ("choice", "confirm", "yes_no")


class ApiDriver:
    def __init__(self, client):
        self.client = client
        response = client.post("/api/v1/conversations")
        assert response.status_code == 201, response.get_data(as_text=True)
        data = response.get_json()
        self.id = data["id"]
        self.token = data["token"]
        self.question = data["question"]
        self.headers = {"Authorization": f"Bearer {self.token}"}

    def post(self, path: str, **kwargs):
        return self.client.post(f"/api/v1/conversations/{self.id}{path}", headers=self.headers, **kwargs)

    def current(self):
        return (self.question["id"], self.question["text"]) if self.question else (None, "")

    def say(self, step, answer):
        response = self.post("/answers", json={"step": step, "answer": answer})
        data = response.get_json()
        if response.status_code == 422:
            self.question = data["question"]
            return data["error"]["code"], False
        assert response.status_code == 200, data
        self.question = data["question"]
        return None, "safety" in data

    def send(self) -> str:
        response = self.post("/submit")
        assert response.status_code == 201, response.get_json()
        return response.get_json()["reference"]


def csrf_of(page: Page) -> str:
    return page.select("input[name='csrf_token']")[0].attrs["value"]


class HtmlDriver:
    def __init__(self, client):
        self.client = client
        start = Page(client.get("/complaint").get_data(as_text=True))
        response = client.post("/complaint/start", data={"csrf_token": csrf_of(start)})
        assert response.status_code == 303
        self.load()

    def load(self, path: str = "/complaint/chat") -> Page:
        response = self.client.get(path)
        assert response.status_code == 200
        self.page = Page(response.get_data(as_text=True))
        return self.page

    def current(self):
        if self.page.select("h1.govuk-heading-l") and self.page.select("form[action='/complaint/send']"):
            return None, ""
        step = self.page.one("input[name='step']").attrs["value"]
        return step, self.page.one(".chat__prompt").text

    def say(self, step, answer):
        quick_values = {button.attrs["value"] for button in self.page.select("button[name='quick']")}
        field = "quick" if answer in quick_values else "answer"
        response = self.client.post(
            "/complaint/chat", data={"csrf_token": csrf_of(self.page), "step": step, field: answer}
        )
        if response.status_code == 422:
            self.page = Page(response.get_data(as_text=True))
            error = self.page.one("p#answer-error")
            # The answer so far is kept in the box.
            boxes = self.page.select("#answer")
            if boxes and field == "answer" and len(answer) < 5000:
                box = boxes[0]
                kept = box.text if box.tag == "textarea" else box.attrs.get("value", "")
                assert kept == answer.strip(), (kept, answer)
            return error.attrs["data-error-code"], False
        assert response.status_code == 303, response.status_code
        fragment = urlsplit(response.headers["Location"]).fragment
        page = self.load()
        safety = fragment == f"safety-{step}" and bool(page.select(f"li#safety-{step}"))
        return None, safety

    def send(self) -> str:
        response = self.client.post("/complaint/send", data={"csrf_token": csrf_of(self.page)})
        assert response.status_code == 303
        page = self.load("/complaint/sent")
        return page.one("strong.chat__reference").text
