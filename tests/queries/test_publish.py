"""The annual report fit to publish: the printed page's contents, the PDF from the command and from the page."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from flask import render_template

from casework.demo import DEMO_DIR
from queries.periods import financial_year
from queries.publish import print_context
from queries.report import build_report
from tests.conftest import DEMO_TODAY


@pytest.fixture(scope="module")
def report(demo_database_url):
    from sqlmodel import Session

    from models.db import get_engine

    with Session(get_engine(demo_database_url)) as session:
        return build_report(session, financial_year(2017), as_of=DEMO_TODAY)


def _printed(app, report, texts: dict[str, str]) -> str:
    with app.app_context():
        context = print_context(report, texts, council="Example Council", printed_on=date(2026, 11, 30))
        return render_template("queries/report_print.html", **context)


def test_the_printed_report_has_a_cover_contents_and_every_section(demo_app, report):
    html = _printed(demo_app, report, {})
    assert "Annual report 2017/18" in html and "Figures as of 26 November 2026" in html
    for section in report.sections:
        assert f'href="#section-{section.key}"' in html  # in the contents
        assert f'id="section-{section.key}"' in html
    assert html.count("<svg") >= 5  # charts drawn on the server


def test_the_data_cleaning_tables_and_empty_commentary_are_left_out(demo_app, report):
    html = _printed(demo_app, report, {"lessons": ""})
    assert "Labels in earlier reports" not in html
    assert "Label in the records" not in html
    assert "Statutory Childrens" not in html  # the spellings earlier records used
    assert "Lessons from complaints</h3>" not in html
    assert "commentary" not in html.lower().replace('class="commentary"', "")
    written = _printed(demo_app, report, {"lessons": "Tone of responses matters.\n\nWe will train managers."})
    assert "<h3>Lessons from complaints</h3>" in written
    assert "<p>We will train managers.</p>" in written


def test_no_personal_data_is_printed(demo_app, report):
    html = _printed(demo_app, report, {})
    with (DEMO_DIR / "complaints.csv").open(encoding="utf-8") as source:
        people = list(csv.DictReader(source))
    assert people  # the test means something
    for person in people:
        for field in ("complainant_name", "email", "phone"):
            if person[field]:
                assert person[field] not in html, field


def test_report_pdf_command_writes_several_pages(demo_app, tmp_path):
    out = tmp_path / "out.pdf"
    result = demo_app.test_cli_runner().invoke(args=["report", "2017/18", "--as-of", "2026-11-26", "--pdf", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    pages = int(result.output.split("(")[1].split(" pages")[0])
    assert pages >= 6, result.output
    bad = demo_app.test_cli_runner().invoke(args=["report", "2017/18", "--pdf", str(tmp_path / "no" / "x.pdf")])
    assert bad.exit_code == 1 and "Could not write" in bad.output


def test_the_report_page_offers_the_pdf(signed_in):
    client = signed_in("manager")
    page = client.get("/staff/reports/annual/2017-18").get_data(as_text=True)
    assert "/staff/reports/annual/2017-18/report.pdf" in page
    response = client.get("/staff/reports/annual/2017-18/report.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    assert "childrens-services-complaints-2017-18.pdf" in response.headers["Content-Disposition"]
