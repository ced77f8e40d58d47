"""The public pages: what the service is, how to start, and help now."""

from html.parser import HTMLParser

from settings import Settings
from tests.conftest import make_settings
from tests.html import Page
from wsgi import create_app


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: dict[str, str] = {}
        self._href = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href = dict(attrs).get("href")
            self._text = []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links[" ".join("".join(self._text).split())] = self._href
            self._href = None


def links_of(html: str) -> dict[str, str]:
    parser = _Links()
    parser.feed(html)
    return parser.links


def test_home_page_says_what_it_is_and_where_to_go(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Tell us what went wrong" in html
    links = links_of(html)
    assert "Make a complaint" in links
    assert "Staff sign in" in links
    assert links["999"] == "tel:999"
    assert links["0800 1111"] == "tel:08001111"
    assert "Exit this page" in html


def test_every_public_page_renders(client):
    for path in ("/help-now", "/accessibility", "/privacy"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Need help now?" in response.get_data(as_text=True)


def test_responses_are_not_cached_and_allow_no_inline_script(client):
    response = client.get("/")
    assert response.headers["Cache-Control"] == "no-store"
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "<script>" not in response.get_data(as_text=True)


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Go to the start" in response.get_data(as_text=True)


def test_unknown_api_path_is_a_json_error(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_oversized_request_is_refused_with_413(client):
    response = client.post("/api/v1/anything", data="x" * (101 * 1024), content_type="text/plain")
    assert response.status_code == 413
    assert "error" in response.get_json()


def test_the_councils_contact_details_are_on_every_dead_end(database_url, clean_db, tmp_path):
    council = Settings.from_env(
        {
            "COUNCIL_PHONE": "01632 960 555",
            "COUNCIL_EMAIL": "tellus@council.example",
            "COUNCIL_ADDRESS": "Town Hall, EX9 9XX",
        }
    )
    settings = make_settings(
        database_url,
        tmp_path,
        council_phone=council.council_phone,
        council_email=council.council_email,
        council_address=council.council_address,
    )
    client = create_app(settings).test_client()
    pages = {
        "/complaint/resume/not-a-real-link": 404,  # this link has ended
        "/status/not-a-real-link": 404,  # we can't find that page
        "/no-such-page": 404,
        "/help-now": 200,
        "/accessibility": 200,
        "/": 200,
    }
    for path, status in pages.items():
        response = client.get(path)
        assert response.status_code == status, path
        page = Page(response.get_data(as_text=True))
        footer = page.one("footer").text
        assert "01632 960 555" in footer and "tellus@council.example" in footer, path
        if path != "/":
            contact = page.one(".council-contact")
            assert contact.select("a[href='tel:01632960555']"), path
            assert contact.select("a[href='mailto:tellus@council.example']"), path
            assert "Town Hall" in contact.text and "EX9 9XX" in contact.text, path


def test_the_accessibility_statement_follows_the_model(client):
    page = Page(client.get("/accessibility").get_data(as_text=True))
    headings = [h.text for h in page.select("h2")]
    for heading in (
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website's accessibility",
        "What we're doing to improve accessibility",
        "Preparation of this accessibility statement",
    ):
        assert heading in headings
    assert page.select("a[href^='tel:']") and page.select("a[href^='mailto:']")
