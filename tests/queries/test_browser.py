"""The question page and the annual report in a real Chromium: JavaScript off (forms only), then axe checks."""

from __future__ import annotations

import threading

import pytest
from werkzeug.serving import make_server

from tests.browser.conftest import CHROMIUM_ARGS, axe_violations, browser  # noqa: F401  (browser is a fixture)
from tests.queries.conftest import PASSWORD, WEB_STAFF

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(web_app):
    server = make_server("127.0.0.1", 0, web_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="queries-live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def _signed_in_page(browser, served, *, javascript: bool):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=javascript)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(f"{served}/staff/sign-in")
    page.get_by_label("Email address").fill(WEB_STAFF["officer"][0])
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/**")
    return context, page


def test_a_conversation_without_javascript(browser, served):  # noqa: F811
    context, page = _signed_in_page(browser, served, javascript=False)
    try:
        page.goto(f"{served}/staff/ask")
        page.get_by_role("textbox", name="Your question").fill("how many stage 2 complaints in 2017/18")
        page.get_by_role("button", name="Ask").click()
        page.get_by_text("There were 8 stage 2 complaints in 2017/18").wait_for()
        page.get_by_role("textbox", name="Ask a follow-up question").fill("by service area")
        page.get_by_role("button", name="Ask").click()
        assert page.locator("svg.queries-chart").count() == 1
        assert page.get_by_role("link", name="Download this table (CSV)").count() == 1
    finally:
        context.close()


def test_question_and_report_pages_pass_axe(browser, served):  # noqa: F811
    context, page = _signed_in_page(browser, served, javascript=True)
    try:
        page.goto(f"{served}/staff/ask")
        page.get_by_role("textbox", name="Your question").fill("stage 1 by team in 2017/18")
        page.get_by_role("button", name="Ask").click()
        page.locator("svg.queries-chart").wait_for()
        assert axe_violations(page) == []
        page.goto(f"{served}/staff/reports/annual/2017-18")
        assert axe_violations(page) == []
    finally:
        context.close()
