"""Reading the service's pages in tests: CSS selectors (soupsieve) over BeautifulSoup's parse of the HTML.

    page = Page(client.get("/staff/queue").get_data(as_text=True))
    assert page.one("h1").text == "Complaints"
    assert page.select_one("a[href='tel:999']")
    rows = [row.cells() for row in page.select("table.govuk-table tbody tr")]

An assertion on an element says where the words are, so a word elsewhere on the page cannot make it pass.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag


class Element:
    """One element: its text with the white space collapsed, its attributes, and selectors inside it."""

    def __init__(self, tag: Tag):
        self.tag = tag

    def __repr__(self) -> str:
        return f"<{self.tag.name} {self.text[:60]!r}>"

    @property
    def name(self) -> str:
        return self.tag.name

    @property
    def text(self) -> str:
        return " ".join(self.tag.get_text().split())

    @property
    def attrs(self) -> dict[str, str]:
        """Attribute values as written (`class` too, as one string)."""
        return {name: " ".join(value) if isinstance(value, list) else value for name, value in self.tag.attrs.items()}

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def select(self, css: str) -> list[Element]:
        return [Element(tag) for tag in self.tag.select(css)]

    def select_one(self, css: str) -> Element | None:
        found = self.tag.select_one(css)
        return Element(found) if found is not None else None

    def one(self, css: str) -> Element:
        """The only element matching `css`; fails the test when there are none or several."""
        found = self.select(css)
        assert len(found) == 1, f"expected one {css!r}, found {len(found)}: {found[:3]}"
        return found[0]

    def texts(self, css: str) -> list[str]:
        return [element.text for element in self.select(css)]

    def summary_list(self) -> dict[str, str]:
        """The GOV.UK summary list rows inside this element, key -> value."""
        rows = self.select(".govuk-summary-list__row")
        return {row.one(".govuk-summary-list__key").text: row.one(".govuk-summary-list__value").text for row in rows}

    def cells(self) -> list[str]:
        """A table row's header and data cells, in order."""
        return self.texts("th, td")


class Page(Element):
    """A whole page (or fragment), parsed with the standard library's parser through BeautifulSoup."""

    def __init__(self, html: str):
        super().__init__(BeautifulSoup(html, "html.parser"))

    def __repr__(self) -> str:
        title = self.select_one("title")
        return f"<Page {title.text if title else ''!r}>"
