"""Shared browser fixtures: the app served on a real port, the system Chromium through Playwright, and axe-core.

The live server runs in a thread of the test process (werkzeug, threaded) on a migrated database that holds
the demo team directory, so the router has teams to find. Tests that need more data write it through
`live_server.session()`.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlmodel import Session
from werkzeug.serving import make_server

from casework.demo import ensure_learning_categories
from casework.directory import import_directory, parse_directory
from models.db import get_engine, session_scope
from settings import BASE_DIR, Settings
from tests.conftest import make_settings
from tests.databases import migrated_database
from tests.needs import need, need_module
from wsgi import create_app

CHROMIUM = "/usr/lib/chromium/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 360, "height": 740}
DESK = {"width": 1280, "height": 900}
AXE_SCRIPT = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = BASE_DIR / "instance" / "screenshots"
TIMEOUT_MS = 10_000  # a broken page fails in seconds, not at the job's time limit
# expect() has its own 5 s default; a busy CI machine (two cores, a server and a browser) needs the same 10 s.
expect.set_options(timeout=TIMEOUT_MS)
# Pages whose context has JavaScript off: axe cannot run in them (page.evaluate would wait for ever).
_NO_JS_PAGES: weakref.WeakSet = weakref.WeakSet()


@dataclass
class LiveServer:
    url: str
    database_url: str
    settings: Settings

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session on the live server's database, committed when the block ends."""
        with session_scope(get_engine(self.database_url)) as session:
            yield session


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> Iterator[LiveServer]:
    database_url = migrated_database("complaints_browser", tmp_path_factory.mktemp("browser-db"))
    with session_scope(get_engine(database_url)) as session:
        import_directory(session, parse_directory((BASE_DIR / "demo" / "teams.csv").read_text(encoding="utf-8")))
        ensure_learning_categories(session)
    # The port is known once the server is bound; the app is made after, so BASE_URL (every link) names it.
    server = make_server("127.0.0.1", 0, lambda environ, start_response: [], threaded=True)
    base_url = f"http://127.0.0.1:{server.server_port}"
    settings = make_settings(database_url, tmp_path_factory.mktemp("browser-instance"), base_url=base_url)
    server.app = create_app(settings)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(base_url, database_url, settings)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    sync_api = need_module("playwright.sync_api", "Playwright is not installed (pip install -r requirements-dev.txt)")
    need(Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)")
    need(AXE_SCRIPT.exists(), f"axe-core not found at {AXE_SCRIPT} (npm ci)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def desk(browser):
    """A page in a fresh desktop-sized context (1280 x 900), as an officer at their desk."""
    context = browser.new_context(viewport=DESK)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser):
    """A page in a fresh phone-sized context (360 x 740) with JavaScript on."""
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_no_js(browser):
    """A page in a fresh phone-sized context with JavaScript off: what a basic phone or a blocked script sees."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    _NO_JS_PAGES.add(page)
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    """Run axe-core in the page and return its violations (WCAG 2.2 A and AA, plus best practice).

    Evaluated through the DevTools protocol rather than a <script> tag, so our Content-Security-Policy
    (no inline script) stays on while it runs. A page with JavaScript off is checked as a twin: the same
    URL and cookies in a context where our own scripts are blocked, so it shows what the no-JS page shows.
    """
    if page in _NO_JS_PAGES:
        return _axe_on_twin(page)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8") + "\n;0")
    result = page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa',"
        " 'best-practice']})).violations.map(v => ({id: v.id, help: v.help, impact: v.impact,"
        " nodes: v.nodes.map(n => n.target.join(' '))}))"
    )
    return result


def _axe_on_twin(page) -> list[dict]:
    context = page.context.browser.new_context(viewport=page.viewport_size, storage_state=page.context.storage_state())
    try:
        context.set_default_timeout(TIMEOUT_MS)
        context.route("**/static/js/**", lambda route: route.abort())
        context.route("**/static/dist/*.js", lambda route: route.abort())
        twin = context.new_page()
        twin.goto(page.url)  # every page of ours that a GET reaches is safe to load twice
        return axe_violations(twin)
    finally:
        context.close()


@pytest.fixture
def assert_accessible():
    def check(page, label: str = "") -> None:
        violations = axe_violations(page)
        assert violations == [], f"axe found problems on {label or page.url}: {violations}"

    return check


@pytest.fixture
def screenshot():
    """Save a full-page screenshot under instance/screenshots/ for a person to look at."""

    def take(page, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
