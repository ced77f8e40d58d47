"""The annual report fit to publish: what the printed report shows, and the PDF (WeasyPrint).

The staff page and the printed report show the same figures from `build_report`. The printed one leaves out
the data-cleaning tables and columns (the labels earlier records used), empty commentary and everything that
only works on screen (forms, CSV links). It names no person: the report counts complaints by team, stage,
outcome and kind of complainant, and staff commentary is the council's own words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from markupsafe import Markup

from queries.answers import whole_percent
from queries.chart import table_chart
from queries.report import NARRATIVE_SECTIONS, Report, Table, is_numeric

PRINT_CSS = Path(__file__).with_name("report_print.css")


@dataclass
class PrintedTable:
    key: str
    title: str
    headings: list[tuple[str, bool]]  # (heading, numeric)
    rows: list[list[str]]
    total: list[str] | None
    chart: Markup


@dataclass
class PrintedSection:
    key: str
    number: int
    title: str
    sentences: list[str]
    tables: list[PrintedTable]
    narrative_title: str | None
    paragraphs: list[str]  # the staff commentary, when written


def _cell(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def printed_table(table: Table) -> PrintedTable:
    shown = [(f, h) for f, h in table.columns if f != "key" and f not in table.internal_columns]
    if not any(f == "label" for f, _h in shown) and table.rows and "label" in table.rows[0]:
        shown.insert(0, ("label", ""))
    headings = [(h, is_numeric(f)) for f, h in shown]
    rows = [[_cell(row.get(f)) if f != "label" else str(row.get(f, "")) for f, _h in shown] for row in table.rows]
    total = None
    if table.total:
        total = [_cell(table.total.get(f)) if table.total.get(f) is not None else "" for f, _h in shown]
    return PrintedTable(table.key, table.title, headings, rows, total, table_chart(table))


def printed_sections(report: Report, texts: dict[str, str]) -> list[PrintedSection]:
    """The report's sections as printed: internal tables left out, commentary only where written."""
    sections: list[PrintedSection] = []
    for section in report.sections:
        written = (texts.get(section.narrative or "") or "").strip()
        sections.append(
            PrintedSection(
                key=section.key,
                number=len(sections) + 1,
                title=section.title,
                sentences=section.sentences,
                tables=[printed_table(table) for table in section.tables if not table.internal and table.rows],
                narrative_title=NARRATIVE_SECTIONS[section.narrative] if written and section.narrative else None,
                paragraphs=[p.strip() for p in written.split("\n\n") if p.strip()],
            )
        )
    return sections


def cover_facts(report: Report) -> list[tuple[str, str]]:
    """The four figures on the cover: what a councillor asks first."""
    figures = report.figures
    received, closed, by_stage = figures["received"], figures["closed"], figures["on_time_closed"]
    assert isinstance(received, dict) and isinstance(closed, dict) and isinstance(by_stage, dict)
    on_time = by_stage["1"]
    return [
        ("Stage 1 complaints received", str(received.get("1", 0))),
        ("Stage 1 complaints closed", str(closed.get("1", 0))),
        ("Closed on time", whole_percent(on_time.get("percent")) if on_time.get("percent") is not None else "-"),
        ("Went to the Ombudsman", str(received.get("ombudsman", 0))),
    ]


def print_context(report: Report, texts: dict[str, str], *, council: str, printed_on: date) -> dict:
    """Everything `templates/queries/report_print.html` needs (the page's PDF link and `flask report --pdf`)."""
    return {
        "report": report,
        "sections": printed_sections(report, texts),
        "cover": cover_facts(report),
        "council": council,
        "printed_on": printed_on,
    }


def render_pdf(html: str) -> tuple[bytes, int]:
    """The printed report as a PDF, and its number of pages. WeasyPrint is imported here only, so the service
    starts without loading it."""
    from weasyprint import CSS, HTML

    document = HTML(string=html, base_url=str(PRINT_CSS.parent)).render(stylesheets=[CSS(filename=str(PRINT_CSS))])
    return document.write_pdf(), len(document.pages)
