"""The question page and the annual report in a real Chromium: JavaScript off (forms only), then axe checks.

Playwright runs in a thread of its own: the browser tests in tests/browser keep a session-wide Playwright
on the main thread, and a second sync Playwright cannot start where the first one's event loop runs.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.browser.conftest import AXE_SCRIPT, CHROMIUM, CHROMIUM_ARGS, axe_violations
from tests.factories import PASSWORD, STAFF
from tests.needs import need, need_module

pytestmark = pytest.mark.browser
ASK_FROM_THE_PAGE = """async () => {
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const ask = (headers) => fetch('/api/v1/ask', {method: 'POST', body: JSON.stringify({question: 'stage 2 in 2017/18'}),
    headers: {'Content-Type': 'application/json', ...headers}}).then((response) => response.status);
  return [await ask({}), await ask({'X-CSRFToken': token})];
}"""


@pytest.fixture(scope="module")
def served(web_app_with_csrf):
    # CSRF on, as in production: the forms carry the token and the script sends it as `X-CSRFToken`.
    server = make_server("127.0.0.1", 0, web_app_with_csrf, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="queries-live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def in_browser(served: str, *, javascript: bool, steps) -> None:
    """Sign in as an officer and run `steps(page)` in a fresh Chromium, on a thread of its own."""
    sync_api = need_module("playwright.sync_api", "Playwright is not installed (pip install -r requirements-dev.txt)")
    need(Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)")
    need(AXE_SCRIPT.exists(), f"axe-core not found at {AXE_SCRIPT} (npm ci)")
    failures: list[BaseException] = []

    def run() -> None:
        try:
            with sync_api.sync_playwright() as playwright:
                chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                context = chromium.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=javascript)
                context.set_default_timeout(10_000)
                page = context.new_page()
                page.goto(f"{served}/staff/sign-in")
                page.get_by_label("Email address").fill(STAFF["officer"][0])
                page.get_by_label("Password", exact=True).fill(PASSWORD)
                page.get_by_role("button", name="Sign in").click()
                page.wait_for_url("**/staff/**")
                steps(page)
                chromium.close()
        except BaseException as error:  # handed to the test's thread, where pytest reports it
            failures.append(error)

    thread = threading.Thread(target=run, name="queries-browser")
    thread.start()
    thread.join(timeout=120)
    if failures:
        raise failures[0]
    assert not thread.is_alive(), "the browser did not finish in two minutes"


def test_a_conversation_without_javascript(served):
    def steps(page):
        page.goto(f"{served}/staff/ask")
        page.get_by_role("textbox", name="Your question").fill("how many stage 2 complaints in 2017/18")
        page.get_by_role("button", name="Ask").click()
        page.get_by_text("There were 8 stage 2 complaints in 2017/18").wait_for()
        page.get_by_role("textbox", name="Ask a follow-up question").fill("by service area")
        page.get_by_role("button", name="Ask").click()
        assert page.locator("svg.queries-chart").count() == 1
        assert page.get_by_role("link", name="Download this table (CSV)").count() == 1

    in_browser(served, javascript=False, steps=steps)


def test_question_and_report_pages_pass_axe(served):
    def steps(page):
        page.goto(f"{served}/staff/ask")
        page.get_by_role("textbox", name="Your question").fill("stage 1 by team in 2017/18")
        page.get_by_role("button", name="Ask").click()
        page.locator("svg.queries-chart").wait_for()
        assert axe_violations(page) == []
        # The JSON API from the page, as a script would call it: refused without the page's token, answered with it.
        statuses = page.evaluate(ASK_FROM_THE_PAGE)
        assert statuses == [400, 200]
        page.goto(f"{served}/staff/reports/annual/2017-18")
        assert page.locator("svg.queries-chart").count() >= 5  # the report's charts, drawn on the server
        assert axe_violations(page) == []

    in_browser(served, javascript=True, steps=steps)
