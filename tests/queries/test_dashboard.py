"""The managers' dashboard: the last 12 months from the question engine, open stages by team and deadline from the
queue's statement, SVG charts with a table of the same numbers whose cells link to the complaints behind them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from queries.dashboard import figures_behind, last_twelve_months, month_of
from reminders.calendar import WorkingCalendar
from tests.factories import add_complaint
from tests.html import Page
from wsgi import create_app


@pytest.fixture
def staff_app(settings, staff_ids):
    """A clean database with one account per role, not the queries package's demo copy: exact figures."""
    app = create_app(settings)
    app.config["WTF_CSRF_ENABLED"] = False
    return app


@pytest.fixture
def calendar() -> WorkingCalendar:
    return WorkingCalendar()


@pytest.fixture
def today(settings) -> date:
    return datetime.now(settings.timezone).date()


def month_start(today: date, back: int) -> date:
    number = today.year * 12 + today.month - 1 - back
    return date(number // 12, number % 12 + 1, 1)


def build(write, today, calendar):
    two_ago = calendar.next_working_day(month_start(today, 2))
    late = calendar.add_working_days(two_ago, 15)  # stage 1 is due in 10 working days
    on_time = calendar.add_working_days(two_ago, 5)

    def make(session):
        add_complaint(session, reference="CS-DASH-0001", team="leaving-care", received=two_ago, responded={1: on_time})
        add_complaint(session, reference="CS-DASH-0002", team="leaving-care", received=two_ago, responded={1: late})
        add_complaint(
            session, reference="CS-DASH-0003", team="early-help", received=two_ago, safeguarding=True, stages=2,
            responded={1: on_time},
        )  # fmt: skip
        add_complaint(session, reference="CS-DASH-0004", team="early-help", received=today)
        add_complaint(session, reference="CS-DASH-0005", team="leaving-care", received=month_start(today, 14))

    write(make)
    return month_start(today, 2).strftime("%Y-%m")


def test_the_figures_add_up_and_each_lists_what_it_counts(signed_in, write, today, calendar):
    key = build(write, today, calendar)
    client = signed_in("officer")
    page = Page(client.get("/staff/dashboard").get_data(as_text=True))
    charts = page.select("svg.dashboard-chart")
    assert len(charts) == 4
    for chart in charts:  # one image with a name and a description, and no inline style (the CSP forbids it)
        assert chart.attrs["role"] == "img" and chart.one("title").text and chart.one("desc").text
        assert "style=" not in str(chart.tag)
    received = page.one("table.dashboard__table:-soup-contains('Received, by month and stage')")
    rows = {row.cells()[0]: row for row in received.select("tbody tr")}
    assert len(rows) == 12  # this month and the 11 before; CS-DASH-0005 is older and not counted
    month_label = next(label for label in rows if rows[label].select("a"))
    cells = rows[month_label].cells()
    assert cells[1:] == ["3", "1", "0", "0", "4"]  # three at stage 1 and CS-DASH-0003's stage 2, received that month
    listed = Page(client.get(rows[month_label].select("a")[0].attrs["href"]).get_data(as_text=True))
    assert listed.texts("tbody th") == ["CS-DASH-0001", "CS-DASH-0002", "CS-DASH-0003"]
    on_time = page.one("table.dashboard__table:-soup-contains('Answered on time')")
    month_row = next(row for row in on_time.select("tbody tr") if row.cells()[0] == month_label)
    # CS-DASH-0003's stage 2 is open past its date (25 working days, two months ago): late, as the report counts it.
    assert month_row.cells()[1:] == ["2", "4", "50%"]
    judged = Page(client.get(month_row.one("a").attrs["href"]).get_data(as_text=True))
    assert [row.cells()[-1] for row in judged.select("tbody tr")] == ["On time", "Late", "On time", "Late"]
    flagged = page.one("table.dashboard__table:-soup-contains('Flagged for safeguarding')")
    assert [row.cells()[1] for row in flagged.select("tbody tr") if row.cells()[0] == month_label] == ["1"]
    assert key in month_row.one("a").attrs["href"]


def test_open_stages_by_team_link_to_the_queue(signed_in, write, today, calendar):
    build(write, today, calendar)
    page = Page(signed_in("officer").get("/staff/dashboard").get_data(as_text=True))
    table = page.one("table.dashboard__table:-soup-contains('Open now')")
    rows = {row.cells()[0]: row for row in table.select("tbody tr")}
    # CS-DASH-0003's stage 2 and CS-DASH-0004; CS-DASH-0005, older than the 12 months, is still open (overdue).
    assert {team: row.cells()[-1] for team, row in rows.items()} == {"Early Help": "2", "Leaving Care": "1"}
    assert rows["Leaving Care"].cells()[1] == "1"  # overdue
    links = [a.attrs["href"] for a in rows["Early Help"].select("a")]
    assert "/staff/queue?team=early-help" in links


def test_a_manager_sees_their_teams_only(signed_in, write, today, calendar, settings):
    key = build(write, today, calendar)
    page = Page(signed_in("manager").get("/staff/dashboard").get_data(as_text=True))  # Leaving Care's manager
    assert "your team only" in page.select("main p")[0].text
    received = page.one("table.dashboard__table:-soup-contains('Received, by month and stage')")
    assert sum(int(row.cells()[-1]) for row in received.select("tbody tr")) == 2
    listed = Page(
        signed_in("manager").get(f"/staff/dashboard/complaints?month={key}&show=received").get_data(as_text=True)
    )
    assert listed.texts("tbody th") == ["CS-DASH-0001", "CS-DASH-0002"]


@pytest.mark.parametrize(
    "query",
    ["month=2001-01&show=received", "month=nonsense&show=received", "month=&show=received", "show=flagged", "month=X"],
)
def test_a_figure_the_dashboard_does_not_show_is_a_404(signed_in, query):
    assert signed_in("officer").get(f"/staff/dashboard/complaints?{query}").status_code == 404
    assert signed_in("admin").get("/staff/dashboard").status_code in (302, 403)


def test_the_twelve_months():
    period = last_twelve_months(date(2026, 12, 1))
    assert (period.start, period.end) == (date(2026, 1, 1), date(2026, 12, 1))
    assert month_of("2026-01", date(2026, 12, 1)) is not None and month_of("2025-12", date(2026, 12, 1)) is None
    assert figures_behind(None, None, date(2026, 12, 1), month_key="2026-13", show="received", stage=None) is None  # type: ignore[arg-type]
