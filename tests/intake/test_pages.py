"""The public pages: what the service is, how to start, and help now."""

from html.parser import HTMLParser


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
